"""A department's task ledger (任务台账) as a spreadsheet: one row per target it answers for or
helps with, for the department to fill in and send back (scripts/import_progress.py reads it).

The first row holds the headers ``HEADERS`` exactly; context columns follow. Only the report's
cells (状态, 填报日期, 进展说明, 佐证材料链接) are open: the sheet is protected, without a password,
so that a slip cannot change which target a row reports on. 状态 is a drop-down of the statuses a
report may give. The file is the same bytes for the same data: its dates are the data's, and the
zip's timestamps are fixed. ``protected_workbook`` makes such a sheet for any ledger: the office's
of reports awaiting a check (``office``) is one too.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from plansite import urls
from plansite.data.targets import STATUS_LABELS
from plansite.site.catalog import Catalog
from plansite.site.entries import DepartmentEntry

SHEET = "任务台账"
HEADERS = ("目标编号", "指标", "目标值", "期限", "状态", "填报日期", "进展说明", "佐证材料链接")
CONTEXT = ("角色", "出处", "目标原文", "网址")
# The columns a department fills in; every other cell is locked.
REPORT_COLUMNS = ("状态", "填报日期", "进展说明", "佐证材料链接")
# What a report may say: 未填报 is the absence of a report, never written.
REPORT_STATUSES = tuple(label for status, label in STATUS_LABELS.items() if status != "unreported")
# Column widths, in characters: the printed columns (all but 网址) fit A4 landscape at a readable size.
WIDTHS = {
    "目标编号": 10,
    "指标": 22,
    "目标值": 9,
    "期限": 11,
    "状态": 9,
    "填报日期": 11,
    "进展说明": 32,
    "佐证材料链接": 18,
    "角色": 12,
    "出处": 16,
    "目标原文": 30,
    "网址": 40,
}
_OPEN = PatternFill("solid", fgColor="FFF8E1")
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def files(catalog: Catalog, site_url: str) -> dict[str, bytes]:
    """Each department's ledger workbook, by path."""
    return {
        urls.source("department-ledger-book", entry.department.id): workbook(catalog, entry, site_url)
        for entry in catalog.departments.values()
    }


def workbook(catalog: Catalog, entry: DepartmentEntry, site_url: str) -> bytes:
    """The ledger of ``entry``'s department, as .xlsx bytes."""
    rows = []
    for row in entry.ledger:
        commitment = row.commitment
        if commitment is None:
            continue
        target, report = commitment.target, commitment.target.latest
        rows.append(
            (
                target.id,
                target.indicator,
                target.value_text or "",
                target.deadline,
                STATUS_LABELS[report.status] if report else "",
                report.date if report else None,
                (report.note or "") if report else "",
                report.evidence[0].url if report and report.evidence else "",
                row.role,
                commitment.source_label,
                target.text,
                site_url + commitment.url,
            )
        )
    return protected_workbook(
        catalog,
        Sheet(
            name=SHEET,
            columns=(*HEADERS, *CONTEXT),
            open_columns=REPORT_COLUMNS,
            widths=WIDTHS,
            choices=("状态", REPORT_STATUSES),
            title=f"{entry.department.name}任务台账",
            # Which department's ledger this is: what import_progress.py reads it by.
            identifier=entry.department.id,
        ),
        rows,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Sheet:
    """A ledger's one sheet: its columns, those open to fill in, and what the book is."""

    name: str
    columns: tuple[str, ...]
    open_columns: tuple[str, ...]
    # Each column's width, in characters.
    widths: Mapping[str, int]
    # The open column filled from a drop-down, and its choices.
    choices: tuple[str, tuple[str, ...]]
    title: str
    identifier: str


# The preview regenerates every workbook on every save, and saving them is most of a build's
# time; a save changes few. Each workbook's bytes are kept by what makes them, so an unchanged
# one is not saved again.
_SAVED: dict[tuple[object, ...], bytes] = {}
_SAVED_LIMIT = 1024


def protected_workbook(catalog: Catalog, sheet_of: Sheet, rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook of one protected sheet, only its open columns unlocked, printed on A4 landscape
    without its last column (the address is for screens), the same bytes for the same data."""
    stamp = datetime.datetime.combine(catalog.plan.as_of or catalog.plan.document.signed, datetime.time())
    creator = catalog.plan.document.issuer
    key = (*astuple(sheet_of, tuple_factory=_hashable), tuple(map(tuple, rows)), stamp, creator)
    if key not in _SAVED:
        if len(_SAVED) >= _SAVED_LIMIT:
            _SAVED.clear()
        _SAVED[key] = _workbook(sheet_of, rows, stamp, creator)
    return _SAVED[key]


def _hashable(fields: list[object]) -> tuple[object, ...]:
    return tuple(tuple(value.items()) if isinstance(value, Mapping) else value for value in fields)


def _workbook(sheet_of: Sheet, rows: Sequence[Sequence[object]], stamp: datetime.datetime, creator: str) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet(sheet_of.name)
    columns = sheet_of.columns
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    open_columns = {columns.index(name) + 1 for name in sheet_of.open_columns}
    for cells in sheet.iter_rows(min_row=2):
        # Rows tall enough for their wrapped text: not every spreadsheet program sizes them itself.
        lines = max(-(-_display_width(cell.value) // sheet_of.widths[columns[cell.column - 1]]) for cell in cells)
        sheet.row_dimensions[cells[0].row].height = 15 * max(lines, 1)
        for cell in cells:
            # Text is text: openpyxl would store a string that starts with "=" as a live formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = _WRAPPED
            if cell.column in open_columns:
                cell.protection = _UNLOCKED
                cell.fill = _OPEN
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    last = max(sheet.max_row, 2)
    header, choices = sheet_of.choices
    drop_down = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=header,
        error="请从下拉列表中选择：" + "、".join(choices),
        promptTitle=header,
        prompt="从下拉列表中选择",
    )
    column = get_column_letter(columns.index(header) + 1)
    drop_down.add(f"{column}2:{column}{last}")
    sheet.add_data_validation(drop_down)
    for index, name in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = sheet_of.widths[name]
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # a department may widen a column to read it
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(len(columns) - 1)}{last}"  # the address is for screens
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = creator
    book.properties.title = sheet_of.title
    book.properties.identifier = sheet_of.identifier
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue(), stamp)


def _display_width(value: object) -> int:
    """How many columns of a spreadsheet ``value`` takes: a Chinese character two."""
    if value is None or isinstance(value, datetime.date):
        return 10
    return sum(2 if ord(char) > 0x2E7F else 1 for char in str(value))


def _fixed_zip(data: bytes, stamp: datetime.datetime) -> bytes:
    """The same archive with every member, and the document's modified date, at ``stamp``:
    openpyxl dates them with the clock when it saves."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    modified = f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp.isoformat()}Z</dcterms:modified>'.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:modified [^>]*>[^<]*</dcterms:modified>", modified, content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()

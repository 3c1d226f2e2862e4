"""A ledger's workbook, whichever ledger it is (a department's, ``book``; the office's, ``office``):
one protected sheet, without a password, so that a slip cannot change what a row is about.

Its first rows are notes (what the ledger is, to whom and by when it goes back, how to fill it
in), merged across the columns to fill and wrapped, so that they read on screen and on paper;
the header row follows, then one row per item. Only the open columns' cells are unlocked, and
yellow; one of them is a drop-down whose choices may differ by row (a measure's statuses are not a
target's). The sheet prints on A4 landscape with its header row on every page, without its last
column (the address is for screens). The file is the same bytes for the same data: its dates are
the data's, and the zip's timestamps are fixed.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass

import openpyxl
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from plansite import kept
from plansite.site.catalog import Catalog


@dataclass(frozen=True, kw_only=True, slots=True)
class Sheet:
    """A ledger's one sheet: its notes, its columns, those open to fill in, and what the book is."""

    name: str
    # The rows above the header, the first one the sheet's heading.
    notes: tuple[str, ...]
    columns: tuple[str, ...]
    open_columns: tuple[str, ...]
    # Each column's width, in characters.
    widths: Mapping[str, int]
    # The open column filled from a drop-down; each row gives its choices.
    choice_column: str
    title: str
    identifier: str

    @property
    def header_row(self) -> int:
        return len(self.notes) + 1


@dataclass(frozen=True, slots=True)
class Row:
    """One item's row: its cells in the sheet's column order, and what its drop-down offers."""

    values: tuple[object, ...]
    choices: tuple[str, ...]


# Each workbook's bytes are kept by what makes them: in memory, for the preview's next save, and
# in .cache/workbooks (``kept``), for the next run.
_SAVED: dict[tuple[object, ...], bytes] = {}
_SAVED_LIMIT = 1024
_MADE_BY = kept.source_of(__file__) + openpyxl.__version__.encode()
_OPEN = PatternFill("solid", fgColor="FFF2CC")
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
_POINTS_PER_LINE = 15


def protected_workbook(catalog: Catalog, sheet_of: Sheet, rows: Sequence[Row]) -> bytes:
    """The workbook of ``sheet_of`` with ``rows``, as .xlsx bytes, the same bytes for the same data."""
    stamp = datetime.datetime.combine(catalog.plan.as_of or catalog.plan.document.signed, datetime.time())
    creator = catalog.plan.document.issuer
    key = (*astuple(sheet_of, tuple_factory=_hashable), tuple(rows), stamp, creator)
    if key not in _SAVED:
        if len(_SAVED) >= _SAVED_LIMIT:
            _SAVED.clear()
        _SAVED[key] = kept.kept("workbooks", _MADE_BY, key, lambda: _workbook(sheet_of, rows, stamp, creator))
    return _SAVED[key]


def _hashable(fields: list[object]) -> tuple[object, ...]:
    return tuple(tuple(value.items()) if isinstance(value, Mapping) else value for value in fields)


def _workbook(sheet_of: Sheet, rows: Sequence[Row], stamp: datetime.datetime, creator: str) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet(sheet_of.name)
    _notes(sheet, sheet_of)
    sheet.append(sheet_of.columns)
    for cell in sheet[sheet_of.header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row.values)
    _cells(sheet, sheet_of)
    _drop_downs(sheet, sheet_of, rows)
    for index, name in enumerate(sheet_of.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = sheet_of.widths[name]
    _protected_and_printed(sheet, sheet_of)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = creator
    book.properties.title = sheet_of.title
    book.properties.identifier = sheet_of.identifier
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue(), stamp)


def _notes(sheet: Worksheet, sheet_of: Sheet) -> None:
    """The notes, each on a row merged across the columns up to the last open one, as tall as its
    wrapped text: merged cells are never sized by the spreadsheet program."""
    last = max(sheet_of.columns.index(name) for name in sheet_of.open_columns) + 1
    width = sum(sheet_of.widths[name] for name in sheet_of.columns[:last])
    for number, note in enumerate(sheet_of.notes, 1):
        cell = sheet.cell(number, 1, note)
        cell.data_type = "s"  # a department's name is data: never a formula
        cell.alignment = _WRAPPED
        heading = number == 1
        cell.font = Font(bold=heading, size=14 if heading else 11)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=last)
        lines = -(-_display_width(note) // width)
        sheet.row_dimensions[number].height = (22 if heading else _POINTS_PER_LINE) * max(lines, 1) + 3


def _cells(sheet: Worksheet, sheet_of: Sheet) -> None:
    """Every item's cell wrapped and typed; the open ones unlocked and yellow; each row tall enough
    for its wrapped text (not every spreadsheet program sizes rows itself)."""
    columns = sheet_of.columns
    open_columns = {columns.index(name) + 1 for name in sheet_of.open_columns}
    first = sheet_of.header_row + 1
    for number, cells in enumerate(sheet.iter_rows(min_row=first), first):
        # A column holds a little less than its width: the cell's padding, and a long address
        # wrapped at its slashes rather than at the edge.
        widths = (sheet_of.widths[name] - 2 for name in columns)
        lines = max(-(-_display_width(cell.value) // width) for cell, width in zip(cells, widths, strict=True))
        sheet.row_dimensions[number].height = _POINTS_PER_LINE * max(lines, 1)
        for index, cell in enumerate(cells, 1):
            # Text is text: openpyxl would store a string that starts with "=" as a live formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = _WRAPPED
            if index in open_columns:
                cell.protection = _UNLOCKED
                cell.fill = _OPEN
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"


def _drop_downs(sheet: Worksheet, sheet_of: Sheet, rows: Sequence[Row]) -> None:
    """One drop-down for each set of choices, over the rows that offer it."""
    column = get_column_letter(sheet_of.columns.index(sheet_of.choice_column) + 1)
    by_choices: dict[tuple[str, ...], list[int]] = {}
    for number, row in enumerate(rows, sheet_of.header_row + 1):
        by_choices.setdefault(row.choices, []).append(number)
    for choices, numbers in by_choices.items():
        drop_down = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=sheet_of.choice_column,
            error="请从下拉列表中选择：" + "、".join(choices),
            promptTitle=sheet_of.choice_column,
            prompt="从下拉列表中选择",
        )
        for first, last in _runs(numbers):
            drop_down.add(f"{column}{first}" if first == last else f"{column}{first}:{column}{last}")
        sheet.add_data_validation(drop_down)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending ``numbers`` as runs of consecutive ones: [6, 7, 9] → [(6, 7), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _protected_and_printed(sheet: Worksheet, sheet_of: Sheet) -> None:
    header = sheet_of.header_row
    sheet.freeze_panes = f"A{header + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # a department may widen a column to read it
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header}:{header}"
    last = max(sheet.max_row, header + 1)
    sheet.print_area = f"A1:{get_column_letter(len(sheet_of.columns) - 1)}{last}"  # the address is for screens


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

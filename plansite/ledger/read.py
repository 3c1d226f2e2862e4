"""Reading a returned ledger, a department's (``book``) or the office's (``office``): bounded
before it is unpacked, its header row found below the notes (or first, in a ledger downloaded
before there were notes), each filled row turned into a report (``reports``) or a check
(``office``), every problem named at its cell (``commerce.xlsx!E7: …``) in Chinese, by the row
Excel shows. ``merge`` merges them into the data."""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path
from typing import Any

from plansite.data.model import Plan
from plansite.ledger import book, cells, office, reports
from plansite.ledger.reports import Report
from plansite.site import catalog

# What a ledger may be, far beyond any real one (a department of a 5,000-measure plan answers for
# a few hundred targets, some 100 KB): checked before anything is unpacked, so that a small file
# that inflates (a zip bomb, a sheet of a million cells) is refused instead of read.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 200


def _size_problem(ledger: Path, name: str) -> str | None:
    """Why ``ledger`` is refused before it is opened, if it is."""
    size = ledger.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        return f"{name}: 文件有 {size / 1024 / 1024:.1f} MB，台账最大 {limit} MB：应是本站下载的 .xlsx 台账"
    try:
        with zipfile.ZipFile(ledger) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return f"{name}: 不是 .xlsx 文件：应是本站下载的台账，用 Excel 或 WPS 保存为 .xlsx 格式"
    # Python's zipfile never unpacks more than a part declares, so the declared sizes bound it.
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        return (
            f"{name}: 解压后有 {unpacked / 1024 / 1024:.0f} MB、{len(parts)} 个部件，"
            f"台账最多 {MAX_UNPACKED_BYTES // 1024 // 1024} MB、{MAX_PARTS} 个：应是本站下载的台账，只填写进度的四列"
        )
    return None


def read(
    ledger: Path, plan: Plan, indexes: catalog.Catalog, limit: datetime.date | None, problems: list[str]
) -> tuple[list[Report | office.Check], int]:
    from openpyxl import load_workbook

    name = ledger.name
    if problem := _size_problem(ledger, name):
        problems.append(problem)
        return [], 0
    try:
        # Formulas are read as the text they are written as, never evaluated or taken for their
        # cached value: a note that looks like a formula stays that text.
        opened = load_workbook(ledger, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        problems.append(f"{name}: 读不出这个文件（{error.__class__.__name__}）：应是本站下载的 .xlsx 台账")
        return [], 0
    try:
        # A number in a date cell that no date has (20270320 typed into a cell formatted as a
        # date) makes openpyxl warn in English and give "#VALUE!": ``dates`` says it in Chinese.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return _read_rows(opened, name, plan, indexes, limit, problems)
    finally:
        opened.close()


def _read_rows(
    opened: Any, name: str, plan: Plan, indexes: catalog.Catalog, limit: datetime.date | None, problems: list[str]
) -> tuple[list[Report | office.Check], int]:
    identifier = opened.properties.identifier or ""
    is_office = identifier.startswith(office.IDENTIFIER)
    sheet_name, expected, previous = (
        (office.SHEET, office.HEADERS, office.PREVIOUS_HEADERS)
        if is_office
        else (book.SHEET, book.HEADERS, book.PREVIOUS_HEADERS)
    )
    sheet = opened[sheet_name] if sheet_name in opened.sheetnames else opened.worksheets[0]
    rows = sheet.iter_rows(max_col=cells.MAX_COLUMNS + 1, values_only=True)
    header = cells.header_row(rows, (expected, previous))
    if header is None:
        problems.append(
            f"{name}!A1: 前 {cells.HEADER_SEARCH_ROWS} 行中没有表头“{'、'.join(expected)}”："
            "请用本站下载的台账填写，不要改动表头"
        )
        return [], 0
    if is_office:
        if plan.verifier is None or identifier != office.IDENTIFIER + plan.verifier.id:
            problems.append(
                f"{name}: 这份核实台账不属于本方案数据中的工作专班办公室（progress.verifier）："
                "请用本站下载的核实台账填写"
            )
            return [], 0
        checks, repeated = office.read_rows(rows, header + 1, name, plan, limit, problems)
        return list(checks), repeated
    entry = indexes.departments.get(identifier)
    if entry is None:
        problems.append(f"{name}: 找不到这个台账所属的单位：请用本站该单位页面上下载的台账填写")
        return [], 0
    found, repeated = reports.read_rows(rows, header + 1, name, plan, entry, limit, problems)
    return list(found), repeated

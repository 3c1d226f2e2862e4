"""Reading a returned task ledger (``book``): bounded before it is unpacked, each filled row
turned into a report, every problem named at its cell (``commerce.xlsx!E7: …``) in Chinese.
``merge`` merges the reports into the data."""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from plansite.data.model import Plan
from plansite.data.targets import STATUS_LABELS, Target
from plansite.ledger.book import HEADERS, REPORT_STATUSES, SHEET
from plansite.site import catalog

COLUMN = {name: "ABCDEFGH"[index] for index, name in enumerate(HEADERS)}
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Report:
    """A new report read off a ledger row: the record to add to its target, and where it came from."""

    target_id: str
    record: dict[str, Any]
    row: str  # the row's cells: "commerce.xlsx!{}7", its column to fill in

    @property
    def cell(self) -> str:
        return self.row.format(COLUMN["状态"])


# What a ledger may be, far beyond any real one (a department of a 5,000-measure plan answers for
# a few hundred targets, some 100 KB): checked before anything is unpacked, so that a small file
# that inflates (a zip bomb, a sheet of a million cells) is refused instead of read.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 20_000
MAX_COLUMNS = 30
# The longest text the data holds (a paragraph); a note's own limit is checked with the merged data.
MAX_CELL_CHARS = 2000


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
) -> tuple[list[Report], int]:
    from openpyxl import load_workbook

    name = ledger.name
    if problem := _size_problem(ledger, name):
        problems.append(problem)
        return [], 0
    try:
        # Formulas are read as the text they are written as, never evaluated or taken for their
        # cached value: a note that looks like a formula stays that text.
        book = load_workbook(ledger, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        problems.append(f"{name}: 读不出这个文件（{error.__class__.__name__}）：应是本站下载的 .xlsx 台账")
        return [], 0
    try:
        return _read_rows(book, name, plan, indexes, limit, problems)
    finally:
        book.close()


def _read_rows(
    book: Any, name: str, plan: Plan, indexes: catalog.Catalog, limit: datetime.date | None, problems: list[str]
) -> tuple[list[Report], int]:
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    headers = tuple(next(rows, ())[: len(HEADERS)])
    if headers != HEADERS:
        problems.append(f"{name}!A1: 第一行应是表头“{'、'.join(HEADERS)}”：请用本站下载的台账填写，不要改动表头")
        return [], 0
    entry = indexes.departments.get(book.properties.identifier or "")
    if entry is None:
        problems.append(f"{name}: 找不到这个台账所属的单位：请用本站该单位页面上下载的台账填写")
        return [], 0
    answers = {row.commitment.target.id: row.commitment.target for row in entry.ledger if row.commitment}
    everything = {t.id for t in plan.targets}
    reports, repeated = [], 0
    for number, row in enumerate(rows, start=2):
        if _excess(row, number, name, problems):
            if number > MAX_ROWS:
                break
            continue
        values = dict(zip(HEADERS, row, strict=False))
        where = f"{name}!{{}}{number}"
        target_id = _text(values["目标编号"])
        filled = [header for header in ("状态", "填报日期", "进展说明", "佐证材料链接") if _text(values[header])]
        if not filled:
            continue  # a blank row, or a target not reported on
        if target_id not in answers:
            why = "不由本单位负责或配合" if target_id in everything else "不是本方案的目标"
            problems.append(f"{where.format('A')}: 目标编号“{target_id}”{why}：这一行不能导入")
            continue
        report = _report(answers[target_id], values, where, plan, limit, problems)
        if report is None:
            continue
        if _repeats(answers[target_id], report):
            repeated += 1
            continue
        reports.append(Report(target_id=target_id, record=report, row=where))
    return reports, repeated


def _excess(row: tuple[Any, ...], number: int, name: str, problems: list[str]) -> bool:
    """Whether ``row`` goes beyond what a ledger holds: each excess reported at its cell."""
    if not any(value is not None for value in row):
        return False
    if number > MAX_ROWS:
        problems.append(f"{name}!A{number}: 台账最多 {MAX_ROWS} 行：这一行及以下没有读取，请删去多余的行")
        return True
    found = False
    if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
        column = get_column_letter(MAX_COLUMNS + 1)
        problems.append(f"{name}!{column}{number}: 台账最多 {MAX_COLUMNS} 列：请删去这一格，进度只填在四个黄色列中")
        found = True
    for index, value in enumerate(row[:MAX_COLUMNS]):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            column = get_column_letter(index + 1)
            problems.append(
                f"{name}!{column}{number}: 这一格有 {len(value)} 个字符，一格最多 {MAX_CELL_CHARS} 个："
                "进展说明请写要点，详细材料放在佐证材料链接中"
            )
            found = True
    return found


def _report(
    target: Target,
    values: dict[str, Any],
    where: str,
    plan: Plan,
    limit: datetime.date | None,
    problems: list[str],
) -> dict[str, Any] | None:
    """The progress record a filled row states, or None (its problems reported)."""
    before = len(problems)
    status = _text(values["状态"])
    if status not in REPORT_STATUSES:
        shown = f"“{status}”" if status else "空的"
        choices = "、".join(REPORT_STATUSES)
        problems.append(f"{where.format('E')}: 状态{shown}不是可选的值：请从下拉列表中选择 {choices}")
    date = _date(values["填报日期"])
    latest = target.latest
    if date is None:
        problems.append(f"{where.format('F')}: 填报日期应是一个日期，如 2026-06-30")
    elif date < plan.document.signed:
        problems.append(f"{where.format('F')}: 填报日期 {date} 早于方案的成文日期 {plan.document.signed}")
    elif limit is None or date > limit:
        advice = f"晚于数据截至日期 {limit}" if limit else "无法导入：数据还没有截至日期"
        problems.append(f"{where.format('F')}: 填报日期 {date} {advice}：导入时用 --as-of 给出新的数据截至日期")
    elif latest and date < latest.date:
        problems.append(f"{where.format('F')}: 填报日期 {date} 早于这个目标上一次的报告（{latest.date}）")
    elif status == STATUS_LABELS["missed"] and date < target.deadline:
        problems.append(f"{where.format('E')}: {target.year}年到期的目标，在该年结束之前不能报告“未按期完成”")
    evidence = _text(values["佐证材料链接"])
    if evidence and not _URL.fullmatch(evidence):
        problems.append(f"{where.format('H')}: 佐证材料链接应是以 http:// 或 https:// 开头的网址")
    if len(problems) > before or date is None:
        return None
    record: dict[str, Any] = {"date": date, "status": status}
    if note := _text(values["进展说明"]):
        record["note"] = note
    if evidence:
        record["evidence"] = [{"url": evidence, "title": "佐证材料"}]
    if latest and date == latest.date and not _repeats(target, record):
        problems.append(f"{where.format('F')}: {date} 这一天已有这个目标的报告：新的报告要写新的填报日期")
        return None
    return record


def _repeats(target: Target, record: dict[str, Any]) -> bool:
    latest = target.latest
    if latest is None:
        return False
    evidence = [e.url for e in latest.evidence[:1]]
    return (latest.date, STATUS_LABELS[latest.status], latest.note, evidence) == (
        record["date"],
        record["status"],
        record.get("note"),
        [e["url"] for e in record.get("evidence", [])],
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        return None

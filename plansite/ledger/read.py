"""Reading a returned ledger, a department's (``book``) or the office's (``office``): bounded
before it is unpacked, each filled row turned into a report or a check, every problem named at
its cell (``commerce.xlsx!E7: …``) in Chinese. ``merge`` merges them into the data."""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite.data.model import Plan
from plansite.data.targets import STATUS_LABELS, Target
from plansite.ledger import cells, office
from plansite.ledger.book import HEADERS, REPORT_STATUSES, SHEET
from plansite.ledger.cells import date_of, filled_rows, text_of, url_problem
from plansite.site import catalog

COLUMN = {name: "ABCDEFGH"[index] for index, name in enumerate(HEADERS)}


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
) -> tuple[list[Report | office.Check], int]:
    identifier = book.properties.identifier or ""
    is_office = identifier.startswith(office.IDENTIFIER)
    sheet_name, expected = (office.SHEET, office.HEADERS) if is_office else (SHEET, HEADERS)
    sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(max_col=cells.MAX_COLUMNS + 1, values_only=True)
    headers = tuple(next(rows, ())[: len(expected)])
    if headers != expected:
        problems.append(f"{name}!A1: 第一行应是表头“{'、'.join(expected)}”：请用本站下载的台账填写，不要改动表头")
        return [], 0
    if is_office:
        if plan.verifier is None or identifier != office.IDENTIFIER + plan.verifier.id:
            problems.append(
                f"{name}: 这份核实台账不属于本方案数据中的工作专班办公室（progress.verifier）："
                "请用本站下载的核实台账填写"
            )
            return [], 0
        checks, repeated = office.read_rows(rows, name, plan, limit, problems)
        return list(checks), repeated
    entry = indexes.departments.get(identifier)
    if entry is None:
        problems.append(f"{name}: 找不到这个台账所属的单位：请用本站该单位页面上下载的台账填写")
        return [], 0
    answers = {row.commitment.target.id: row.commitment.target for row in entry.ledger if row.commitment}
    everything = {t.id for t in plan.targets}
    reports: list[Report | office.Check] = []
    repeated = 0
    for number, values in filled_rows(rows, HEADERS, name, problems):
        where = f"{name}!{{}}{number}"
        target_id = text_of(values["目标编号"])
        filled = [header for header in ("状态", "填报日期", "进展说明", "佐证材料链接") if text_of(values[header])]
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
    status = text_of(values["状态"])
    if status not in REPORT_STATUSES:
        shown = f"“{status}”" if status else "空的"
        choices = "、".join(REPORT_STATUSES)
        problems.append(f"{where.format('E')}: 状态{shown}不是可选的值：请从下拉列表中选择 {choices}")
    date = date_of(values["填报日期"])
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
    evidence = text_of(values["佐证材料链接"])
    if problem := url_problem(evidence):
        problems.append(f"{where.format('H')}: 佐证材料{problem}")
    if len(problems) > before or date is None:
        return None
    record: dict[str, Any] = {"date": date, "status": status}
    if note := text_of(values["进展说明"]):
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

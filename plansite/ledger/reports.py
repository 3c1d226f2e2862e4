"""A department's filled ledger (``book``) read row by row: each filled row a new report on the
measure or the target its 编号 names, or a problem at its cell (``commerce.xlsx!E7: …``).

A department reports on the measures it leads or is responsible for, and on the targets it
answers for or helps with; a row for anything else is refused. A row that repeats its item's
latest report (the ledger comes pre-filled with it) is counted and skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plansite.data.model import Measure, Plan
from plansite.data.targets import STATUS_LABELS, Target
from plansite.ledger.book import HEADERS, MEASURE_STATUSES, REPORT_COLUMNS, TARGET_STATUSES
from plansite.ledger.cells import evidence_title, filled_rows, note_problem, text_of, url_problem
from plansite.ledger.dates import read_date
from plansite.site.entries import DepartmentEntry

COLUMN = {name: "ABCDEFGH"[index] for index, name in enumerate(HEADERS)}


@dataclass(frozen=True, slots=True)
class Report:
    """A new report read off a ledger row: the record to add to its measure or target, and where it came from."""

    item_id: str
    is_measure: bool
    record: dict[str, Any]
    row: str  # the row's cells: "commerce.xlsx!{}7", its column to fill in

    @property
    def cell(self) -> str:
        return self.row.format(COLUMN["状态"])

    @property
    def noun(self) -> str:
        return "措施" if self.is_measure else "目标"


def read_rows(
    rows: Iterator[tuple[Any, ...]],
    start: int,
    name: str,
    plan: Plan,
    entry: DepartmentEntry,
    limit: datetime.date | None,
    problems: list[str],
) -> tuple[list[Report], int]:
    """The new reports of a department's rows from row ``start`` on (every problem reported at its
    cell), and how many rows repeat their item's latest report."""
    answers: dict[str, Measure | Target] = {
        **{row.measure.id: row.measure for row in entry.ledger if row.reports_measure and row.measure},
        **{row.commitment.target.id: row.commitment.target for row in entry.ledger if row.commitment},
    }
    reports: list[Report] = []
    repeated = 0
    for number, values in filled_rows(rows, HEADERS, name, problems, start):
        where = f"{name}!{{}}{number}"
        item_id = text_of(values["编号"])
        if not any(text_of(values[header]) for header in REPORT_COLUMNS):
            continue  # a blank row, or an item not reported on
        item = answers.get(item_id)
        if item is None:
            why = _not_answered(item_id, plan, entry)
            problems.append(f"{where.format('A')}: 编号“{item_id}”{why}：这一行不能导入")
            continue
        report = _record(item, values, where, plan, limit, problems, entry)
        if report is None:
            continue
        if _repeats(item, report):
            repeated += 1
            continue
        reports.append(Report(item_id=item_id, is_measure=isinstance(item, Measure), record=report, row=where))
    return reports, repeated


def _not_answered(item_id: str, plan: Plan, entry: DepartmentEntry) -> str:
    """Why the department cannot report on ``item_id``."""
    measure = next((m for m in plan.measures if m.id == item_id), None)
    if measure is not None and entry.department in measure.supporting:
        reporters = "、".join(d.name for d in measure.reporters) or "牵头单位"
        return f"是本单位配合的措施，整项措施的进展由{reporters}报告"
    if measure is not None or any(t.id == item_id for t in plan.targets):
        return "不由本单位负责或配合"
    return "不是本方案的措施或目标"


def _record(
    item: Measure | Target,
    values: dict[str, Any],
    where: str,
    plan: Plan,
    limit: datetime.date | None,
    problems: list[str],
    entry: DepartmentEntry,
) -> dict[str, Any] | None:
    """The progress record a filled row states, by the ledger's department, or None (its problems
    reported)."""
    before = len(problems)
    noun, choices = ("措施", MEASURE_STATUSES) if isinstance(item, Measure) else ("目标", TARGET_STATUSES)
    status = text_of(values["状态"])
    if not status:
        problems.append(f"{where.format('E')}: 状态是空的：请从下拉列表中选择 {'、'.join(choices)}")
    elif status not in choices:
        why = _WRONG_KIND.get((noun, status), "")
        problems.append(
            f"{where.format('E')}: 状态“{status}”不是{noun}可选的值{why}：请从下拉列表中选择 {'、'.join(choices)}"
        )
    date = read_date(values["填报日期"], "填报日期", where.format("F"), problems)
    if date is not None:
        _check_date(item, noun, date, status, where, plan, limit, problems, entry.department.id)
    evidence = text_of(values["佐证材料链接"])
    if problem := url_problem(evidence):
        problems.append(f"{where.format('H')}: 佐证材料{problem}")
    note = text_of(values["进展说明"])
    if problem := note_problem(note):
        problems.append(f"{where.format('G')}: 进展说明{problem}")
    if len(problems) > before or date is None:
        return None
    record: dict[str, Any] = {"date": date, "status": status}
    if note:
        record["note"] = note
    record["by"] = entry.department.id
    if evidence:
        record["evidence"] = [{"url": evidence, "title": evidence_title(evidence)}]
    if any(held.date == date for held in item.history) and not _repeats(item, record):
        problems.append(f"{where.format('F')}: {date} 这一天已有这个{noun}的报告：新的报告要写新的填报日期")
        return None
    return record


# Why a status is not one a kind of item may give.
_WRONG_KIND = {
    ("目标", "持续推进"): "（“持续推进”只用于没有期限的措施）",
    ("措施", "未按期完成"): "（“未按期完成”只用于有期限的目标）",
}


def _check_date(
    item: Measure | Target,
    noun: str,
    date: datetime.date,
    status: str,
    where: str,
    plan: Plan,
    limit: datetime.date | None,
    problems: list[str],
    department: str,
) -> None:
    """A report's date falls within the plan's life up to the data's as-of date, and after the
    department's own latest report on the item: another department's later report does not stop
    it (the record goes in date order)."""
    latest = item.latest
    if date < plan.document.signed:
        problems.append(f"{where.format('F')}: 填报日期 {date} 早于方案的成文日期 {plan.document.signed}")
    elif limit is None or date > limit:
        advice = f"晚于数据截至日期 {limit}" if limit else "无法导入：数据还没有截至日期"
        problems.append(
            f"{where.format('F')}: 填报日期 {date} {advice}：填报日期是所报情况截至的日期，请核对；"
            "确是更新的情况，导入时用 --as-of 把数据截至日期推后"
        )
    elif latest and date < latest.date and latest.by is not None and latest.by.id == department:
        problems.append(f"{where.format('F')}: 填报日期 {date} 早于这个{noun}上一次的报告（{latest.date}）")
    elif isinstance(item, Target) and status == STATUS_LABELS["missed"] and date < item.deadline:
        problems.append(f"{where.format('E')}: {item.year}年到期的目标，在该年结束之前不能报告“未按期完成”")


def _repeats(item: Measure | Target, record: dict[str, Any]) -> bool:
    """Whether the row states a report the item holds already (the ledger comes pre-filled with
    the latest, and a ledger may be imported twice)."""
    stated = (record["date"], record["status"], record.get("note"), [e["url"] for e in record.get("evidence", [])])
    return any(
        (held.date, held.status_label, held.note, [e.url for e in held.evidence[:1]]) == stated for held in item.history
    )

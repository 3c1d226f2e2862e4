"""The ledger of the office that supervises delivery (工作专班办公室, ``progress.verifier``): one row
per report awaiting a check, for the office to fill in with what it found and send back.
``scripts/import_progress.py`` takes it with the departments' ledgers; ``read`` tells them apart
by the book's identifier.

A row names its report by its measure's or target's id and the report's date, both locked; the
office fills 核实结果 (a drop-down of 属实 and 不属实), 核实日期, 核实说明 and 核实材料链接. A
filled row becomes the report's ``verification``; a row that repeats the check the data already
holds adds nothing. Notes above the header row (``notes``) say it goes back to the site's editors,
and by when.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plansite.data.model import Measure, Plan
from plansite.data.targets import ProgressRecord, Target
from plansite.ledger import notes
from plansite.ledger.cells import date_of, evidence_title, filled_rows, note_problem, text_of, url_problem
from plansite.ledger.dates import read_date
from plansite.ledger.sheet import Row, Sheet, protected_workbook
from plansite.site.catalog import Catalog
from plansite.site.entries import Commitment

SHEET = "核实台账"
HEADERS = ("编号", "报告日期", "报告的状态", "进展说明", "核实结果", "核实日期", "核实说明", "核实材料链接")
# The headers of a ledger downloaded before measures were reported on: still read.
PREVIOUS_HEADERS = ("目标编号", *HEADERS[1:])
CONTEXT = ("责任单位", "出处", "事项", "网址")
CHECK_COLUMNS = ("核实结果", "核实日期", "核实说明", "核实材料链接")
RESULTS = ("属实", "不属实")
# The book's identifier: a department's ledger is identified by its id, which never holds a colon.
IDENTIFIER = "verification:"
WIDTHS = {
    "编号": 10,
    "报告日期": 11,
    "报告的状态": 10,
    "进展说明": 30,
    "核实结果": 9,
    "核实日期": 11,
    "核实说明": 30,
    "核实材料链接": 18,
    "责任单位": 14,
    "出处": 16,
    "事项": 22,
    "网址": 40,
}
COLUMN = {name: "ABCDEFGH"[index] for index, name in enumerate(HEADERS)}
# What the 事项 column says of a report on a whole measure, where a target's row names its indicator.
WHOLE_MEASURE = "整项措施"


def workbook(catalog: Catalog, site_url: str) -> bytes:
    """The office's ledger: every report not yet checked, in the plan's order (a measure's own
    reports before its targets'), oldest first."""
    plan = catalog.plan
    assert plan.verifier is not None
    title = f"{plan.office}核实台账"
    return protected_workbook(
        catalog,
        Sheet(
            name=SHEET,
            notes=(
                notes.heading(title, catalog),
                notes.office_return(catalog),
                "填写：只填黄色的四列（核实结果、核实日期、核实说明、核实材料链接），不要改动其他格子；"
                "核实结果从下拉列表中选，“不属实”的要在核实说明中写明哪里不属实。"
                "编号如 m01 的行是整项措施的报告，如 m01-t1 的行是一项目标的报告。",
                notes.KEEP_THE_FILE,
            ),
            columns=(*HEADERS, *CONTEXT),
            open_columns=CHECK_COLUMNS,
            widths=WIDTHS,
            choice_column="核实结果",
            title=title,
            identifier=IDENTIFIER + plan.verifier.id,
        ),
        [Row(values, RESULTS) for values in _awaiting(catalog, site_url)],
    )


def _awaiting(catalog: Catalog, site_url: str) -> Iterator[tuple[object, ...]]:
    """The rows of the reports not yet checked: the goals' targets', then each measure's and its targets'."""
    for commitment in catalog.commitments:
        if commitment.measure is None:
            yield from _target_rows(commitment, site_url)
    for measure in catalog.plan.measures:
        for record in measure.history:
            if record.verification is None:
                units = "、".join(d.name for d in measure.reporters) or "原文未列明"
                yield _row(measure.id, record, units, measure.heading, WHOLE_MEASURE, site_url + measure.url)
        for commitment in catalog.measures[measure.id].commitments:
            yield from _target_rows(commitment, site_url)


def _target_rows(commitment: Commitment, site_url: str) -> Iterator[tuple[object, ...]]:
    target = commitment.target
    units = "、".join(d.name for d in commitment.lead) or "全市"
    for record in target.history:
        if record.verification is None:
            yield _row(target.id, record, units, commitment.source_label, target.indicator, site_url + commitment.url)


def _row(item_id: str, record: ProgressRecord, *context: str) -> tuple[object, ...]:
    return (item_id, record.date, record.status_label, record.note or "", None, None, "", "", *context)


@dataclass(frozen=True, slots=True)
class Check:
    """A check read off a filled row: the report it concerns, the verification to record, and where it came from."""

    item_id: str  # the measure's or the target's
    report_date: datetime.date
    verification: dict[str, Any]
    row: str  # the row's cells: "office.xlsx!{}7", its column to fill in

    @property
    def cell(self) -> str:
        return self.row.format(COLUMN["核实结果"])


def read_rows(
    rows: Any, start: int, name: str, plan: Plan, limit: datetime.date | None, problems: list[str]
) -> tuple[list[Check], int]:
    """The checks the office's filled rows from row ``start`` on state (every problem reported at
    its cell), and how many rows repeat a check the data holds already."""
    reported: dict[str, Measure | Target] = {**{m.id: m for m in plan.measures}, **{t.id: t for t in plan.targets}}
    checks, repeated = [], 0
    for number, values in filled_rows(rows, HEADERS, name, problems, start):
        if not any(text_of(values[header]) for header in CHECK_COLUMNS):
            continue  # a report not checked yet
        where = f"{name}!{{}}{number}"
        item = reported.get(text_of(values["编号"]))
        report_date = date_of(values["报告日期"])
        record = next((r for r in item.history if r.date == report_date), None) if item else None
        if item is None or record is None:
            problems.append(
                f"{_cell(where, '编号')}: 找不到这一行所说的报告（编号、报告日期）：请用本站下载的核实台账填写"
            )
            continue
        check = _verification(values, where, record, plan, limit, problems)
        if check is None:
            continue
        if record.verification is None:
            checks.append(Check(item_id=item.id, report_date=record.date, verification=check, row=where))
        elif _holds(record, check):
            repeated += 1
        else:
            held = record.verification
            problems.append(
                f"{_cell(where, '核实结果')}: 这条报告已于 {held.date} 核实为“{held.result}”："
                "核实结果不在台账中改动；确需更正的，请编辑直接修改数据文件，并在提交说明中写明原因"
            )
    return checks, repeated


def _cell(where: str, header: str) -> str:
    return where.format(COLUMN[header])


def _verification(
    values: dict[str, Any],
    where: str,
    record: ProgressRecord,
    plan: Plan,
    limit: datetime.date | None,
    problems: list[str],
) -> dict[str, Any] | None:
    """The verification a filled row states for ``record``, or None (its problems reported)."""
    assert plan.verifier is not None
    before = len(problems)
    result = text_of(values["核实结果"])
    if result not in RESULTS:
        shown = f"“{result}”" if result else "空的"
        problems.append(f"{_cell(where, '核实结果')}: 核实结果{shown}不是可选的值：请从下拉列表中选择 属实 或 不属实")
    date = read_date(values["核实日期"], "核实日期", _cell(where, "核实日期"), problems)
    if date is not None and date < record.date:
        problems.append(f"{_cell(where, '核实日期')}: 核实日期 {date} 早于它核实的报告（{record.date}）")
    elif date is not None and (limit is None or date > limit):
        advice = f"晚于数据截至日期 {limit}" if limit else "无法导入：数据还没有截至日期"
        problems.append(f"{_cell(where, '核实日期')}: 核实日期 {date} {advice}：导入时用 --as-of 给出新的数据截至日期")
    note, evidence = text_of(values["核实说明"]), text_of(values["核实材料链接"])
    if result == "不属实" and not note:
        problems.append(f"{_cell(where, '核实说明')}: 核实结果是“不属实”，要写明哪里不属实")
    elif problem := note_problem(note):
        problems.append(f"{_cell(where, '核实说明')}: 核实说明{problem}")
    if problem := url_problem(evidence):
        problems.append(f"{_cell(where, '核实材料链接')}: 核实材料{problem}")
    if len(problems) > before or date is None:
        return None
    check: dict[str, Any] = {"date": date, "by": plan.verifier.id, "result": result}
    if note:
        check["note"] = note
    if evidence:
        check["evidence"] = [{"url": evidence, "title": evidence_title(evidence)}]
    return check


def _holds(record: ProgressRecord, check: dict[str, Any]) -> bool:
    """Whether the data's verification of ``record`` is the one ``check`` states."""
    held = record.verification
    assert held is not None
    return (held.date, held.by.id, held.result, held.note, [e.url for e in held.evidence[:1]]) == (
        check["date"],
        check["by"],
        check["result"],
        check.get("note"),
        [e["url"] for e in check.get("evidence", [])],
    )

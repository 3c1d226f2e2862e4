"""The ledger of the office that supervises delivery (工作专班办公室, ``progress.verifier``): one row
per report awaiting a check, for the office to fill in with what it found and send back.
``scripts/import_progress.py`` takes it with the departments' ledgers; ``read`` tells them apart
by the book's identifier.

A row names its report by target and report date, both locked; the office fills 核实结果 (a
drop-down of 属实 and 不属实), 核实日期, 核实说明 and 核实材料链接. A filled row becomes the
report's ``verification``; a row that repeats the check the data already holds adds nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from plansite.data.model import Plan
from plansite.ledger.book import Sheet, protected_workbook
from plansite.ledger.cells import date_of, filled_rows, text_of, url_problem
from plansite.site.catalog import Catalog

SHEET = "核实台账"
HEADERS = ("目标编号", "报告日期", "报告的状态", "进展说明", "核实结果", "核实日期", "核实说明", "核实材料链接")
CONTEXT = ("责任单位", "出处", "指标", "网址")
CHECK_COLUMNS = ("核实结果", "核实日期", "核实说明", "核实材料链接")
RESULTS = ("属实", "不属实")
# The book's identifier: a department's ledger is identified by its id, which never holds a colon.
IDENTIFIER = "verification:"
WIDTHS = {
    "目标编号": 10,
    "报告日期": 11,
    "报告的状态": 10,
    "进展说明": 30,
    "核实结果": 9,
    "核实日期": 11,
    "核实说明": 30,
    "核实材料链接": 18,
    "责任单位": 14,
    "出处": 16,
    "指标": 22,
    "网址": 40,
}
COLUMN = {name: "ABCDEFGH"[index] for index, name in enumerate(HEADERS)}


def workbook(catalog: Catalog, site_url: str) -> bytes:
    """The office's ledger: every report not yet checked, in the plan's order, oldest first."""
    plan = catalog.plan
    assert plan.verifier is not None
    rows: list[tuple[object, ...]] = [
        (
            c.target.id,
            record.date,
            record.status_label,
            record.note or "",
            None,
            None,
            "",
            "",
            "、".join(d.name for d in c.lead) or "全市",
            c.source_label,
            c.target.indicator,
            site_url + c.url,
        )
        for c in catalog.commitments
        for record in c.target.history
        if record.verification is None
    ]
    return protected_workbook(
        catalog,
        Sheet(
            name=SHEET,
            columns=(*HEADERS, *CONTEXT),
            open_columns=CHECK_COLUMNS,
            widths=WIDTHS,
            choices=("核实结果", RESULTS),
            title=f"工作专班办公室（{plan.verifier.name}）核实台账",
            identifier=IDENTIFIER + plan.verifier.id,
        ),
        rows,
    )


@dataclass(frozen=True, slots=True)
class Check:
    """A check read off a filled row: the report it concerns, the verification to record, and where it came from."""

    target_id: str
    report_date: datetime.date
    verification: dict[str, Any]
    row: str  # the row's cells: "office.xlsx!{}7", its column to fill in

    @property
    def cell(self) -> str:
        return self.row.format(COLUMN["核实结果"])


def read_rows(
    rows: Any, name: str, plan: Plan, limit: datetime.date | None, problems: list[str]
) -> tuple[list[Check], int]:
    """The checks the office's filled rows state (every problem reported at its cell), and how
    many rows repeat a check the data holds already."""
    assert plan.verifier is not None
    targets = {t.id: t for t in plan.targets}
    checks, repeated = [], 0
    for number, values in filled_rows(rows, HEADERS, name, problems):
        if not any(text_of(values[header]) for header in CHECK_COLUMNS):
            continue  # a report not checked yet
        where = f"{name}!{{}}{number}"

        def cell(header: str, where: str = where) -> str:
            return where.format(COLUMN[header])

        target = targets.get(text_of(values["目标编号"]))
        reported = date_of(values["报告日期"])
        record = next((r for r in target.history if r.date == reported), None) if target else None
        if target is None or record is None:
            problems.append(
                f"{cell('目标编号')}: 找不到这一行所说的报告（目标编号、报告日期）：请用本站下载的核实台账填写"
            )
            continue
        before = len(problems)
        result = text_of(values["核实结果"])
        if result not in RESULTS:
            shown = f"“{result}”" if result else "空的"
            problems.append(f"{cell('核实结果')}: 核实结果{shown}不是可选的值：请从下拉列表中选择 属实 或 不属实")
        date = date_of(values["核实日期"])
        if date is None:
            problems.append(f"{cell('核实日期')}: 核实日期应是一个日期，如 2026-07-20")
        elif date < record.date:
            problems.append(f"{cell('核实日期')}: 核实日期 {date} 早于它核实的报告（{record.date}）")
        elif limit is None or date > limit:
            advice = f"晚于数据截至日期 {limit}" if limit else "无法导入：数据还没有截至日期"
            problems.append(f"{cell('核实日期')}: 核实日期 {date} {advice}：导入时用 --as-of 给出新的数据截至日期")
        note, evidence = text_of(values["核实说明"]), text_of(values["核实材料链接"])
        if result == "不属实" and not note:
            problems.append(f"{cell('核实说明')}: 核实结果是“不属实”，要写明哪里不属实")
        if problem := url_problem(evidence):
            problems.append(f"{cell('核实材料链接')}: 核实材料{problem}")
        if len(problems) > before or date is None:
            continue
        check: dict[str, Any] = {"date": date, "by": plan.verifier.id, "result": result}
        if note:
            check["note"] = note
        if evidence:
            check["evidence"] = [{"url": evidence, "title": "核实材料"}]
        held = record.verification
        if held is not None:
            same = (held.date, held.by.id, held.result, held.note, [e.url for e in held.evidence[:1]]) == (
                date,
                plan.verifier.id,
                result,
                check.get("note"),
                [evidence] if evidence else [],
            )
            if same:
                repeated += 1
            else:
                problems.append(
                    f"{cell('核实结果')}: 这条报告已于 {held.date} 核实为“{held.result}”："
                    "核实结果不在台账中改动；确需更正的，请编辑直接修改数据文件，并在提交说明中写明原因"
                )
            continue
        checks.append(Check(target_id=target.id, report_date=record.date, verification=check, row=where))
    return checks, repeated

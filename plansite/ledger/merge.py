"""Filled ledgers, read by ``ledger.read``, merged into the data: the departments' task ledgers
(``ledger.book``) as progress records, the office's (``ledger.office``) as their verifications.

Only new reports and checks are added: a row that repeats its item's latest report or a check
the data holds, or a blank row, adds nothing, so importing a ledger twice changes nothing. The
data file is edited line by line (ruamel.yaml's round trip): its comments, order and layout stay
as they were. Every problem of every ledger is reported at once with its cell
(``commerce.xlsx!E7: …``), in Chinese; the merged data must then pass every check ``--check``
makes. Nothing is written unless all of it holds.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from plansite import write
from plansite.data.load import DataPath
from plansite.data.read import read_plan
from plansite.ledger import office
from plansite.ledger.read import read
from plansite.ledger.reports import COLUMN, Report
from plansite.problems import DataError, Problem
from plansite.site import catalog


class LedgerProblems(Exception):
    """Problems found in the ledgers, each ``file!cell: message`` in Chinese."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Merge:
    text: str  # the data file with the new records
    added: tuple[Report, ...]
    checked: tuple[office.Check, ...]
    unchanged: int  # rows that repeat their item's latest report, or a check the data holds


def round_trip() -> YAML:
    """The YAML reader and writer that give back the data file byte for byte when nothing changed."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 10**6
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def merge(data_file: Path, ledgers: list[Path], as_of: datetime.date | None = None) -> Merge:
    """The data file's text with the ledgers' new reports; raises LedgerProblems or DataError."""
    plan = read_plan(data_file, str(data_file))
    if as_of and plan.as_of and as_of < plan.as_of:
        raise LedgerProblems([f"--as-of {as_of}：数据截至日期只能推后，现在是 {plan.as_of}"])
    limit = as_of or plan.as_of
    indexes = catalog.build(plan)
    problems: list[str] = []
    reports: list[Report] = []
    checks: list[office.Check] = []
    unchanged = 0
    for ledger in ledgers:
        found, repeated = read(ledger, plan, indexes, limit, problems)
        reports += [item for item in found if isinstance(item, Report)]
        checks += [item for item in found if isinstance(item, office.Check)]
        unchanged += repeated
    problems += _twice(checks) + _same_day(reports)
    if problems:
        raise LedgerProblems(problems)
    yaml = round_trip()
    data = yaml.load(data_file.read_text(encoding="utf-8"))
    rows = _added(data, reports, checks)
    if as_of and as_of != plan.as_of:
        data.setdefault("progress", {})["as_of"] = as_of
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    _check(text, data_file, rows)
    return Merge(text=text, added=tuple(reports), checked=tuple(checks), unchanged=unchanged)


def _added(data: Any, reports: list[Report], checks: list[office.Check]) -> dict[DataPath, tuple[str, dict[str, str]]]:
    """Add the reports and checks to ``data``: where each new record lands, with the row and the
    columns its fields came from, so that a check of the merged data is reported at its cell."""
    reported = {str(item["id"]): (path, item) for path, item in _reported(data)}
    rows: dict[DataPath, tuple[str, dict[str, str]]] = {}
    # Oldest first, as an item's records are kept: two ledgers may both report on one item, and
    # a department's report may be older than another's already held.
    for report in sorted(reports, key=lambda r: r.record["date"]):
        path, item = reported[report.item_id]
        records = item.setdefault("progress", [])
        index = sum(str(held["date"]) < str(report.record["date"]) for held in records)
        rows[(*path, "progress", index)] = (report.row, _FIELD_COLUMNS)
        records.insert(index, report.record)
    for check in checks:
        path, item = reported[check.item_id]
        index = next(n for n, r in enumerate(item["progress"]) if str(r["date"]) == str(check.report_date))
        rows[(*path, "progress", index, "verification")] = (check.row, _CHECK_COLUMNS)
        item["progress"][index]["verification"] = check.verification
    return rows


def _twice(checks: list[office.Check]) -> list[str]:
    """The checks of a report that an earlier row already checked, each at its cell."""
    seen: set[tuple[str, datetime.date]] = set()
    problems = []
    for check in checks:
        key = (check.item_id, check.report_date)
        if key in seen:
            problems.append(
                f"{check.cell}: 编号 {check.item_id} 在 {check.report_date} 的报告在台账中核实了不止一次：只保留一行"
            )
        seen.add(key)
    return problems


def _same_day(reports: list[Report]) -> list[str]:
    """The reports on an item for a day an earlier row already reported on, each at its cell."""
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for report in reports:
        key = (report.item_id, str(report.record["date"]))
        if key in seen:
            problems.append(
                f"{report.cell}: {report.noun} {report.item_id} 在 {key[1]} 的报告已在 {seen[key]} 填过："
                "同一天只能有一条"
            )
        seen.setdefault(key, report.cell)
    return problems


def write_merge(data_file: Path, merged: Merge) -> None:
    if merged.text != data_file.read_text(encoding="utf-8"):
        with write.exclusive(data_file):
            write.write_file(data_file, merged.text.encode("utf-8"))


def _reported(data: Any) -> list[tuple[DataPath, Any]]:
    """Every target and measure of the data, each with its path: what a report is added to."""
    return [
        *(
            (("chapters", c, "goals", g, "targets", t), target)
            for c, chapter in enumerate(data["chapters"])
            for g, goal in enumerate(chapter.get("goals", ()))
            for t, target in enumerate(goal["targets"])
        ),
        *((("measures", m), measure) for m, measure in enumerate(data["measures"])),
        *(
            (("measures", m, "targets", t), target)
            for m, measure in enumerate(data["measures"])
            for t, target in enumerate(measure["targets"])
        ),
    ]


# The column a record's or a verification's field was read from.
_CHECK_COLUMNS = {
    "result": office.COLUMN["核实结果"],
    "date": office.COLUMN["核实日期"],
    "note": office.COLUMN["核实说明"],
    "evidence": office.COLUMN["核实材料链接"],
}
_FIELD_COLUMNS = {
    "status": COLUMN["状态"],
    "date": COLUMN["填报日期"],
    "note": COLUMN["进展说明"],
    "evidence": COLUMN["佐证材料链接"],
}


def _check(text: str, data_file: Path, rows: dict[DataPath, tuple[str, dict[str, str]]]) -> None:
    """The merged data passes every check, fidelity to the text beside the data included; a
    problem in a new record is reported at the cell it came from (the merged data is never
    written when it fails, so its lines would point at nothing), any other one at the data's field."""
    try:
        read_plan(data_file, str(data_file), text=text)
    except DataError as error:
        raise LedgerProblems([_at_cell(problem, rows, data_file) for problem in error.problems]) from None


def _at_cell(problem: Problem, rows: dict[DataPath, tuple[str, dict[str, str]]], data_file: Path) -> str:
    path = problem.data_path
    record = next((path[:length] for length in range(len(path), 0, -1) if path[:length] in rows), None)
    if record is None:
        where = f"（{problem.where}）" if problem.where else ""
        return f"{data_file.name}{where}: {problem.message}"
    row, columns = rows[record]
    first = next(iter(columns.values()))
    column = columns.get(str(path[len(record)]), first) if len(path) > len(record) else first
    return f"{row.format(column)}: {problem.message}"


__all__ = ["DataError", "LedgerProblems", "Merge", "merge", "round_trip", "write_merge"]

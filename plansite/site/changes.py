"""Every dated change the data records: a department's report on a target or a measure, the
office's verification of a report, a correction of a measure's text, a document issued about the
plan and a department's change of name. They are listed newest first on /changes/ and on each
measure page, and told in Atom feeds (RFC 4287), one for the whole plan and one per department.

An entry's id is a tag URI built from the site's host, the plan's signing date and the change's
own permanent ids (target and date, measure, date and place, document, or department and date),
so a feed reader is told about each change once, however often the site is rebuilt.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansite import urls
from plansite.data.departments import Rename
from plansite.data.follow_up import RelatedDocument
from plansite.data.model import Department, Measure, Plan
from plansite.data.numerals import zh_date
from plansite.data.targets import ProgressRecord
from plansite.site.entries import Commitment, DepartmentEntry


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    date: datetime.date
    kind: str  # 进度, 核实, 更正, 文件 or 更名
    # permanent: progress/<target or measure>/<date>, verification/<target or measure>/<report's date>,
    # correction/<measure>/<date>/<n>, document/<id> or rename/<department>/<date>
    key: str
    title: str
    summary: str
    page: str  # the source page and anchor that shows it
    measures: tuple[Measure, ...]  # the measures it concerns (none: a goal, or the whole plan)
    departments: tuple[Department, ...]  # those it concerns: who answers for or helps with it

    @property
    def url(self) -> str:
        path, _, anchor = self.page.partition("#")
        return urls.published(path) + (f"#{anchor}" if anchor else "")


def collect(
    plan: Plan, commitments: Sequence[Commitment], departments: Iterable[DepartmentEntry]
) -> tuple[Change, ...]:
    """Every change, newest first; on one day, in the plan's order (``catalog`` keeps the list,
    and indexes it by measure and by department)."""
    concerned: dict[str, list[Department]] = {}
    for entry in departments:
        for row in entry.ledger:
            if row.commitment:
                concerned.setdefault(row.commitment.target.id, []).append(entry.department)
    found = [
        change
        for c in commitments
        for record in c.target.history
        for change in _reported(
            c.target.id,
            _target_title(c),
            record,
            page=c.page,
            measures=(c.measure,) if c.measure else (),
            departments=tuple(concerned.get(c.target.id, ())),
        )
    ]
    for measure in plan.measures:
        units = units_of(measure)
        found += [
            change
            for record in measure.history
            for change in _reported(
                measure.id,
                _measure_title(measure),
                record,
                page=f"{measure.page}#progress",
                measures=(measure,),
                departments=units,
            )
        ]
        for index, correction in enumerate(measure.corrections):
            found.append(
                Change(
                    date=correction.date,
                    kind="更正",
                    key=f"correction/{measure.id}/{correction.date.isoformat()}/{index + 1}",
                    title=f"{_measure_title(measure)}：更正",
                    summary=correction.note,
                    page=f"{measure.page}#corrections",
                    measures=(measure,),
                    departments=units,
                )
            )
    found += [_document(document, plan) for document in plan.documents]
    found += [_renamed(department, rename) for department in plan.departments for rename in department.renames]
    order = {change.key: position for position, change in enumerate(found)}
    return tuple(sorted(found, key=lambda change: (-change.date.toordinal(), order[change.key])))


def units_of(measure: Measure) -> tuple[Department, ...]:
    """The departments a measure names, each once: lead, responsible, supporting."""
    return tuple(dict.fromkeys((*measure.lead, *measure.responsible, *measure.supporting)))


def _target_title(commitment: Commitment) -> str:
    where = f"第{commitment.measure.label}项" if commitment.measure else commitment.source_label
    return f"{where}·{commitment.target.year}年目标“{commitment.target.indicator}”"


def _measure_title(measure: Measure) -> str:
    return f"第{measure.label}项“{measure.title}”"


def _reported(
    key: str,
    title: str,
    record: ProgressRecord,
    *,
    page: str,
    measures: tuple[Measure, ...],
    departments: tuple[Department, ...],
) -> tuple[Change, ...]:
    """A report on a target or a measure (``key`` its id: they share one id space), and the
    office's check of it if there is one, which also concerns the office."""
    report = Change(
        date=record.date,
        kind="进度",
        key=f"progress/{key}/{record.date.isoformat()}",
        title=f"{title}：{record.status_label}",
        summary=record.note or "",
        page=page,
        measures=measures,
        departments=departments,
    )
    check = record.verification
    if check is None:
        return (report,)
    return report, Change(
        date=check.date,
        kind="核实",
        key=f"verification/{key}/{record.date.isoformat()}",
        title=f"{title}：{zh_date(record.date)}的报告{check.label}",
        summary=check.note or "",
        page=page,
        measures=measures,
        departments=tuple(dict.fromkeys((*departments, check.by))),
    )


def _document(document: RelatedDocument, plan: Plan) -> Change:
    """A document issued about the plan: it concerns its issuer and the departments of the
    measures it names, or every department when it concerns the whole plan."""
    units = [d for measure in document.measures for d in units_of(measure)] if document.measures else plan.departments
    issuer = (document.issuer,) if document.issuer else ()
    scope = "、".join(f"第{m.label}项" for m in document.measures) if document.measures else "整个方案"
    number = f"（{document.number}）" if document.number else ""
    return Change(
        date=document.date,
        kind="文件",
        key=f"document/{document.id}",
        title=f"{document.kind_label}：{document.title}",
        summary=f"{document.issuer_name}印发{number}，涉及{scope}。",
        page=document.anchor,
        measures=document.measures,
        departments=tuple(dict.fromkeys((*issuer, *units))),
    )


def _renamed(department: Department, rename: Rename) -> Change:
    """A department's change of name: the plan's text keeps the name it was signed with."""
    former, to = rename.former, rename.to
    full = f"{former.full_name}更名为{rename.to_full}，" if former.full_name and rename.to_full else ""
    old, new = rename.told
    return Change(
        date=rename.date,
        kind="更名",
        key=f"rename/{department.id}/{rename.date.isoformat()}",
        title=f"单位更名：{old}更名为{new}",
        summary=f"{full}简称{to}。方案原文仍写作“{department.plan_name}”，本站按新名称列出该单位承担的措施。",
        page=department.page,
        measures=(),
        departments=(department,),
    )

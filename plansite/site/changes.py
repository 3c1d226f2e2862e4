"""Every dated change the data records: a department's report on a target, and a correction of
a measure's text. They are listed newest first on /changes/ and on each measure page, and told
in Atom feeds (RFC 4287), one for the whole plan and one per department.

An entry's id is a tag URI built from the site's host, the plan's signing date and the change's
own permanent ids (target and date, or measure, date and place), so a feed reader is told about
each change once, however often the site is rebuilt.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansite import urls
from plansite.data.model import Department, Measure, Plan
from plansite.data.targets import STATUS_LABELS, ProgressRecord
from plansite.site.entries import Commitment, DepartmentEntry


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    date: datetime.date
    kind: str  # 进度 or 更正
    key: str  # permanent: progress/<target>/<date> or correction/<measure>/<date>/<n>
    title: str
    summary: str
    page: str  # the source page and anchor that shows it
    measure: Measure | None
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
    found = [_report(c, record, concerned) for c in commitments for record in c.target.history]
    for measure in plan.measures:
        units = tuple(dict.fromkeys((*measure.lead, *measure.responsible, *measure.supporting)))
        for index, correction in enumerate(measure.corrections):
            found.append(
                Change(
                    date=correction.date,
                    kind="更正",
                    key=f"correction/{measure.id}/{correction.date.isoformat()}/{index + 1}",
                    title=f"第{measure.label}项“{measure.title}”：更正",
                    summary=correction.note,
                    page=f"{measure.page}#corrections",
                    measure=measure,
                    departments=units,
                )
            )
    order = {change.key: position for position, change in enumerate(found)}
    return tuple(sorted(found, key=lambda change: (-change.date.toordinal(), order[change.key])))


def _report(commitment: Commitment, record: ProgressRecord, concerned: dict[str, list[Department]]) -> Change:
    target = commitment.target
    where = f"第{commitment.measure.label}项" if commitment.measure else commitment.source_label
    return Change(
        date=record.date,
        kind="进度",
        key=f"progress/{target.id}/{record.date.isoformat()}",
        title=f"{where}·{target.year}年目标“{target.indicator}”：{STATUS_LABELS[record.status]}",
        summary=record.note or "",
        page=commitment.page,
        measure=commitment.measure,
        departments=tuple(concerned.get(target.id, ())),
    )

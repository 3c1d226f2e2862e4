"""The delivery dashboard: targets counted by status for the plan, each year, chapter and lead
department; measures counted by status and lead department, with those not reported in the last cycle.

Counts come from the catalog's commitments, so the dashboard, its charts, its tables and the
downloads all read the same numbers. What is due is judged against the data's as-of date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from plansite.data.model import Measure
from plansite.data.targets import ALL_STATUS_LABELS, CHECK_LABELS, MEASURE_STATUS_LABELS, STATUS_LABELS, Status
from plansite.site.catalog import Catalog
from plansite.site.entries import Commitment, MeasureEntry

STATUSES: tuple[Status, ...] = tuple(STATUS_LABELS)
MEASURE_STATUSES: tuple[Status, ...] = tuple(MEASURE_STATUS_LABELS)


@dataclass(frozen=True, kw_only=True, slots=True)
class StatusShare:
    status: Status
    count: int

    @property
    def label(self) -> str:
        return ALL_STATUS_LABELS[self.status]


@dataclass(frozen=True, kw_only=True, slots=True)
class Tally:
    """How many of a group's targets (or measures) stand at each status."""

    label: str
    # The source of the group's own page, if it has one.
    page: str | None
    counts: Mapping[str, int]
    # Targets: due and not reported complete; measures: not reported within the last cycle.
    due: int
    # The reported ones by what the office found of each one's latest report (CHECK_LABELS).
    checks: Mapping[str, int]
    # The statuses counted, in dashboard order: a target's or a measure's.
    statuses: tuple[Status, ...] = STATUSES

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shares(self) -> tuple[StatusShare, ...]:
        """Every status in dashboard order, including those with no target."""
        return tuple(StatusShare(status=status, count=self.counts[status]) for status in self.statuses)

    @property
    def completed(self) -> int:
        return self.counts["completed"]

    @property
    def reported(self) -> int:
        return self.total - self.counts["unreported"]

    @property
    def check_shares(self) -> tuple[tuple[str, str, int], ...]:
        """Each check (key, label, count) in CHECK_LABELS' order."""
        return tuple((key, label, self.checks[key]) for key, label in CHECK_LABELS.items())


@dataclass(frozen=True, kw_only=True, slots=True)
class DueGroup:
    """A lead department's targets due and not reported complete, behind a disclosure of their own."""

    label: str
    anchor: str
    page: str | None
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class LateGroup:
    """A lead department's measures not reported within the last cycle, behind a disclosure of their own."""

    label: str
    anchor: str
    page: str | None
    measures: tuple[MeasureEntry, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Dashboard:
    as_of: datetime.date | None
    overall: Tally
    by_chapter: tuple[Tally, ...]
    # A target counts once for each of its lead departments; the plan's goals have none.
    by_lead: tuple[Tally, ...]
    # Due by the as-of date and not reported complete, earliest deadline first.
    due_not_completed: tuple[Commitment, ...]
    # The same, by lead department (the goals without one last).
    due_by_lead: tuple[DueGroup, ...]
    # Each year's tally, by year, in the order of the years.
    years: Mapping[int, Tally]
    # Every measure by its own latest report, and by lead (or responsible) department, a measure
    # counted once under each; those with neither last.
    measures: Tally
    measures_by_lead: tuple[Tally, ...]
    late_by_lead: tuple[LateGroup, ...]

    @property
    def reported(self) -> int:
        return self.overall.reported

    @property
    def by_year(self) -> tuple[Tally, ...]:
        return tuple(self.years.values())

    @property
    def due_groups(self) -> Mapping[str, DueGroup]:
        """The groups of due targets by their anchor (due-<department id>)."""
        return {group.anchor: group for group in self.due_by_lead}

    @property
    def checked(self) -> int:
        """Reported targets whose latest report the office has checked, either way."""
        return self.overall.checks["verified"] + self.overall.checks["disputed"]


GOALS_ROW = "主要目标（全市）"
NO_LEAD_ROW = "原文未列明牵头单位的措施"


def build(catalog: Catalog) -> Dashboard:
    commitments = catalog.commitments
    by_lead = [
        tally(entry.department.name, entry.page, entry.own_commitments) for entry in catalog.departments.values()
    ]
    goals = [c for c in commitments if not c.lead]
    if goals:
        by_lead.append(tally(GOALS_ROW, None, goals))
    due = tuple(sorted((c for c in commitments if c.due_not_completed), key=lambda c: c.target.year))
    by_year = {group.year: tally(f"{group.year}年", group.page, group.commitments) for group in catalog.years}
    reporting = _measures_by_lead(catalog)
    return Dashboard(
        as_of=catalog.plan.as_of,
        overall=tally("全部目标任务", None, commitments),
        years=MappingProxyType(by_year),
        by_chapter=tuple(
            tally(entry.chapter.heading, entry.page, entry.commitments)
            for entry in catalog.chapters.values()
            if entry.commitments
        ),
        by_lead=tuple(row for row in by_lead if row.total),
        due_not_completed=due,
        due_by_lead=_by_lead(catalog, due),
        measures=measure_tally("全部措施", None, catalog.measures.values()),
        measures_by_lead=tuple(measure_tally(label, page, group) for _, label, page, group in reporting),
        late_by_lead=tuple(
            LateGroup(label=label, anchor=f"late-{key}", page=page, measures=late)
            for key, label, page, group in reporting
            if (late := tuple(entry for entry in group if entry.late))
        ),
    )


def _measures_by_lead(catalog: Catalog) -> list[tuple[str, str, str | None, tuple[MeasureEntry, ...]]]:
    """Each department's measures it reports on (key, label, page, measures), in the order
    departments are listed; the measures that name no lead or responsible unit last."""
    groups: list[tuple[str, str, str | None, tuple[MeasureEntry, ...]]] = [
        (entry.id, entry.department.name, entry.page, tuple(catalog.measures[m.id] for m in entry.reported_measures))
        for entry in catalog.departments.values()
        if entry.reported_measures
    ]
    nobody = tuple(entry for entry in catalog.measures.values() if not entry.measure.reporters)
    if nobody:
        groups.append(("unassigned", NO_LEAD_ROW, None, nobody))
    return groups


def measure_tally(label: str, page: str | None, entries: Iterable[MeasureEntry]) -> Tally:
    counts: dict[str, int] = dict.fromkeys(MEASURE_STATUSES, 0)
    checks: dict[str, int] = dict.fromkeys(CHECK_LABELS, 0)
    late = 0
    for entry in entries:
        measure: Measure = entry.measure
        counts[measure.status] += 1
        late += entry.late
        if latest := measure.latest:
            checks[latest.check] += 1
    return Tally(
        label=label,
        page=page,
        counts=MappingProxyType(counts),
        due=late,
        checks=MappingProxyType(checks),
        statuses=MEASURE_STATUSES,
    )


def _by_lead(catalog: Catalog, due: tuple[Commitment, ...]) -> tuple[DueGroup, ...]:
    """The targets in ``due`` under each of their lead departments, in the order departments are
    listed (a target with several leads under each); the goals without one last."""
    groups: list[DueGroup] = []
    for entry in catalog.departments.values():
        mine = tuple(c for c in due if entry.department in c.lead)
        if mine:
            groups.append(
                DueGroup(label=entry.department.name, anchor=f"due-{entry.id}", page=entry.page, commitments=mine)
            )
    goals = tuple(c for c in due if not c.lead)
    if goals:
        groups.append(DueGroup(label=GOALS_ROW, anchor="due-goals", page=None, commitments=goals))
    return tuple(groups)


def tally(label: str, page: str | None, commitments: Iterable[Commitment]) -> Tally:
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    checks: dict[str, int] = dict.fromkeys(CHECK_LABELS, 0)
    due = 0
    for commitment in commitments:
        counts[commitment.target.status] += 1
        due += commitment.due_not_completed
        if latest := commitment.target.latest:
            checks[latest.check] += 1
    return Tally(label=label, page=page, counts=MappingProxyType(counts), due=due, checks=MappingProxyType(checks))

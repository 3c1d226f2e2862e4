"""Stage 4: the plan seen from each of the site's indexes: departments, sectors, topics and years.

Built once from the frozen ``Plan`` and frozen itself, so every page that shows a
department's measures or a year's targets reads the same computed answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from plansite.data import official_text
from plansite.data.departments import UNSORTED_LABEL
from plansite.data.follow_up import DOCUMENT_KINDS, RelatedDocument
from plansite.data.model import Department, Goal, Measure, Plan
from plansite.data.reporting import Standing, standing
from plansite.site import changes, matrix
from plansite.site.as_of import AsOf
from plansite.site.changes import Change
from plansite.site.entries import (
    ChapterEntry,
    Commitment,
    DepartmentEntry,
    LedgerRow,
    MeasureEntry,
    TopicEntry,
    YearGroup,
)
from plansite.site.related import ranked_related


@dataclass(frozen=True, kw_only=True, slots=True)
class Catalog:
    plan: Plan
    commitments: tuple[Commitment, ...]
    measures: Mapping[str, MeasureEntry]
    departments: Mapping[str, DepartmentEntry]
    chapters: Mapping[str, ChapterEntry]
    topics: Mapping[str, TopicEntry]
    # Every year of the plan's span, including years with no target.
    timeline: tuple[YearGroup, ...]
    # The department × chapter matrix: a row per department, a cell per chapter with measures.
    matrix: tuple[matrix.MatrixRow, ...]
    as_of: AsOf
    # No department has reported on any target yet: pages say so once, where targets are listed.
    nothing_reported: bool
    # Where the reporting cycle stands at the as-of date; None without a cycle (nothing is late).
    reporting: Standing | None
    # Every report and correction, newest first, and those of each measure and department.
    changes: tuple[Change, ...]
    changes_by_measure: Mapping[str, tuple[Change, ...]]
    changes_by_department: Mapping[str, tuple[Change, ...]]
    # The documents issued about the plan, by kind (in DOCUMENT_KINDS' order), newest first.
    documents_by_kind: tuple[tuple[str, str, tuple[RelatedDocument, ...]], ...] = ()
    # The interpretations of the whole plan, newest first: linked beside its text.
    interpretations: tuple[RelatedDocument, ...] = ()

    @property
    def years(self) -> tuple[YearGroup, ...]:
        """The years that have targets."""
        return tuple(group for group in self.timeline if group.commitments)

    @property
    def matrix_chapters(self) -> tuple[ChapterEntry, ...]:
        """The matrix's columns: the chapters that have measures."""
        return tuple(entry for entry in self.chapters.values() if entry.measures)

    @property
    def departments_by_kind(self) -> tuple[tuple[str, tuple[DepartmentEntry, ...]], ...]:
        """The departments in groups of their kind, each group in the order of the names' characters
        (部首笔画, the order of Unicode's CJK ideographs): how a reader looks one up."""
        groups = []
        # A first draft's departments have no kind yet: they come last, as one group.
        for kind, label in (*self.plan.kind_labels.items(), (None, UNSORTED_LABEL)):
            members = sorted((e for e in self.departments.values() if e.department.kind == kind), key=_name_order)
            if members:
                groups.append((label, tuple(members)))
        return tuple(groups)

    @property
    def goal_commitments(self) -> tuple[tuple[Goal, tuple[Commitment, ...]], ...]:
        """The plan's goals, each with its targets, in document order."""
        return tuple(pair for entry in self.chapters.values() for pair in entry.goals)


def build(plan: Plan, line_dates: Mapping[int, datetime.date] | None = None) -> Catalog:
    """The indexes of ``plan``; ``line_dates`` (data file line → date it last changed) dates measures."""
    commitments = tuple(
        Commitment(
            target=target,
            measure=None,
            goal=goal,
            chapter=chapter,
            due=plan.is_due(target),
            group=plan.working_group(target),
        )
        for chapter in plan.chapters
        for goal in chapter.goals
        for target in goal.targets
    ) + tuple(
        Commitment(target=target, measure=measure, goal=None, chapter=measure.chapter, due=plan.is_due(target))
        for measure in plan.measures
        for target in measure.targets
    )
    by_measure: dict[str, list[Commitment]] = {}
    for commitment in commitments:
        if commitment.measure:
            by_measure.setdefault(commitment.measure.id, []).append(commitment)
    years = range(plan.document.first_year, plan.document.last_year + 1)
    # One pass over the plan for each index, so a plan of thousands of measures builds in linear time.
    roles: dict[str, dict[str, list[Measure]]] = {
        d.id: {"lead": [], "supporting": [], "responsible": []} for d in plan.departments
    }
    by_chapter: dict[str, list[Measure]] = {c.id: [] for c in plan.chapters}
    by_topic: dict[str, list[Measure]] = {t.id: [] for t in plan.topics}
    for measure in plan.measures:
        for role in ("lead", "supporting", "responsible"):
            for department in getattr(measure, role):
                roles[department.id][role].append(measure)
        by_chapter[measure.chapter.id].append(measure)
        for topic in measure.topics:
            by_topic[topic.id].append(measure)
    chapter_commitments: dict[str, list[Commitment]] = {c.id: [] for c in plan.chapters}
    for commitment in commitments:
        chapter_commitments[commitment.chapter.id].append(commitment)
    related = ranked_related(plan, roles, by_topic)
    reporting = standing(plan.cycle, plan.as_of, plan.document.signed)
    late = {m.id for m in plan.measures if _late(m, reporting)}
    through_groups: dict[str, list[Commitment]] = {d.id: [] for d in plan.departments}
    for commitment in commitments:
        if commitment.group:
            through_groups[commitment.group.lead.id].append(commitment)
    newest_first = sorted(plan.documents, key=lambda d: d.date, reverse=True)
    measure_documents: dict[str, list[RelatedDocument]] = {m.id: [] for m in plan.measures}
    department_documents: dict[str, list[RelatedDocument]] = {d.id: [] for d in plan.departments}
    for document in newest_first:
        concerned = [document.issuer] if document.issuer else []
        for measure in document.measures:
            measure_documents[measure.id].append(document)
            concerned += changes.units_of(measure)
        for department in dict.fromkeys(concerned):
            department_documents[department.id].append(document)
    departments = {
        d.id: _department_entry(
            d, roles[d.id], by_measure, through_groups[d.id], years, department_documents[d.id], late
        )
        for d in plan.departments
    }
    chapters = {
        c.id: ChapterEntry(chapter=c, measures=tuple(by_chapter[c.id]), commitments=tuple(chapter_commitments[c.id]))
        for c in plan.chapters
    }
    measures = {
        m.id: _measure_entry(
            plan,
            index,
            tuple(by_measure.get(m.id, ())),
            related[m.id],
            line_dates or {},
            measure_documents[m.id],
            m.id in late,
        )
        for index, m in enumerate(plan.measures)
    }
    everything = changes.collect(plan, commitments, departments.values())
    return Catalog(
        plan=plan,
        commitments=commitments,
        measures=_frozen(measures),
        departments=_frozen(departments),
        chapters=_frozen(chapters),
        topics=_frozen({t.id: TopicEntry(topic=t, measures=tuple(by_topic[t.id])) for t in plan.topics}),
        timeline=_by_year(commitments, years),
        matrix=matrix.build(plan, [e.chapter for e in chapters.values() if e.measures]),
        as_of=AsOf(date=plan.as_of),
        reporting=reporting,
        nothing_reported=bool(commitments) and all(c.target.status == "unreported" for c in commitments),
        changes=everything,
        changes_by_measure=_frozen(_grouped(everything, measures, lambda c: [m.id for m in c.measures])),
        changes_by_department=_frozen(_grouped(everything, departments, lambda c: [d.id for d in c.departments])),
        documents_by_kind=tuple(
            (kind, label, found)
            for kind, label in DOCUMENT_KINDS.items()
            if (found := tuple(d for d in newest_first if d.kind == kind))
        ),
        interpretations=tuple(d for d in newest_first if d.kind == "interpretation" and not d.measures),
    )


def _late(measure: Measure, reporting: Standing | None) -> bool:
    """Not reported within the last cycle, and not complete: what the dashboard lists as late. A
    measure that names no unit has nobody asked to report on it, so it is never late."""
    if reporting is None or measure.status == "completed" or not measure.reporters:
        return False
    return not reporting.is_current(measure.latest.date if measure.latest else None)


def _grouped(
    everything: tuple[Change, ...], keys: Mapping[str, object], of: Callable[[Change], list[str]]
) -> dict[str, tuple[Change, ...]]:
    """The changes of each record (of ``keys``), in the list's order: ``of`` gives a change's records' ids."""
    found: dict[str, list[Change]] = {key: [] for key in keys}
    for change in everything:
        for key in of(change):
            found[key].append(change)
    return {key: tuple(group) for key, group in found.items()}


def _name_order(entry: DepartmentEntry) -> str:
    # 市 opens most names: order by what follows it.
    return entry.department.name.removeprefix("市")


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


def _by_year(commitments: tuple[Commitment, ...], years: range) -> tuple[YearGroup, ...]:
    return tuple(
        YearGroup(year=year, commitments=tuple(c for c in commitments if c.target.year == year)) for year in years
    )


def _department_entry(
    department: Department,
    roles: Mapping[str, list[Measure]],
    by_measure: Mapping[str, list[Commitment]],
    goals: list[Commitment],
    years: range,
    documents: list[RelatedDocument],
    late: set[str],
) -> DepartmentEntry:
    leads, supports, responsible = (tuple(roles[role]) for role in ("lead", "supporting", "responsible"))

    def targets_of(measures: tuple[Measure, ...]) -> tuple[Commitment, ...]:
        in_plan_order = sorted(measures, key=lambda m: m.number)
        return tuple(c for m in in_plan_order for c in by_measure.get(m.id, ()))

    roles_of = {m.id: "牵头" for m in leads} | {m.id: "负责" for m in responsible} | {m.id: "配合" for m in supports}
    ledger = [
        LedgerRow(role=f"牵头（{c.group.label}）" if c.group else "牵头", measure=None, commitment=c) for c in goals
    ]
    for measure in sorted((*leads, *responsible, *supports), key=lambda m: m.number):
        role, targets = roles_of[measure.id], by_measure.get(measure.id, ())
        # A measure it answers for has a line of its own, reported on as a whole; one it helps
        # with, only where it has no target to list.
        if role != "配合" or not targets:
            ledger.append(LedgerRow(role=role, measure=measure, commitment=None))
        ledger += [LedgerRow(role=role, measure=measure, commitment=c) for c in targets]
    return DepartmentEntry(
        department=department,
        ledger=tuple(ledger),
        leads=leads,
        supports=supports,
        responsible_for=responsible,
        # The goals its working groups answer for come first, as the plan states them first.
        years=tuple(g for g in _by_year((*goals, *targets_of(leads + responsible)), years) if g.commitments),
        supported_years=tuple(g for g in _by_year(targets_of(supports), years) if g.commitments),
        documents=tuple(documents),
        late=tuple(m for m in sorted(leads + responsible, key=lambda m: m.number) if m.id in late),
    )


def _measure_entry(
    plan: Plan,
    index: int,
    commitments: tuple[Commitment, ...],
    related: tuple[Measure, ...],
    line_dates: Mapping[int, datetime.date],
    documents: list[RelatedDocument],
    late: bool,
) -> MeasureEntry:
    measure = plan.measures[index]
    following = plan.measures[index + 1].source_line if index + 1 < len(plan.measures) else None
    lines = range(measure.source_line, following or max(line_dates, default=measure.source_line) + 1)
    changed = [
        plan.document.published or plan.document.signed,
        *(c.date for c in measure.corrections),
        *(d.date for d in documents),
        *(line_dates[line] for line in lines if line in line_dates),
    ]
    return MeasureEntry(
        measure=measure,
        previous=plan.measures[index - 1] if index > 0 else None,
        next=plan.measures[index + 1] if index + 1 < len(plan.measures) else None,
        related=related,
        commitments=commitments,
        units_clause=official_text.units_clause(plan, measure),
        last_changed=max(changed),
        documents=tuple(documents),
        late=late,
    )

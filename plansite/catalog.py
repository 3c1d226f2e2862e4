"""The plan seen from each of the site's indexes: departments, sectors, topics and years.

Built once from the frozen ``Plan`` and frozen itself, so every page that shows a
department's measures or a year's targets reads the same computed answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import official_text
from .model import Chapter, Department, Goal, Measure, Plan, Target, Topic

GENERAL_CHAPTER_URL = "sectors/{id}/"


@dataclass(frozen=True, kw_only=True, slots=True)
class Commitment:
    """A target together with the goal or measure that states it."""

    target: Target
    measure: Measure | None
    goal: Goal | None
    chapter: Chapter
    # Its deadline has passed by the plan's as-of date.
    due: bool

    @property
    def due_not_completed(self) -> bool:
        """Due by the as-of date and not reported complete: what the dashboard lists."""
        return self.due and self.target.status != "completed"

    @property
    def url(self) -> str:
        """Site-relative URL of the target's own row."""
        page = self.measure.url if self.measure else GENERAL_CHAPTER_URL.format(id=self.chapter.id)
        return f"{page}#{self.target.id}"

    @property
    def source_label(self) -> str:
        return self.measure.heading if self.measure else f"主要目标（到{self.goal.year}年）"

    @property
    def lead(self) -> tuple[Department, ...]:
        """Who answers for it: the measure's lead or responsible units; none for the plan's goals."""
        return (self.measure.lead or self.measure.responsible) if self.measure else ()


@dataclass(frozen=True, kw_only=True, slots=True)
class YearGroup:
    year: int
    commitments: tuple[Commitment, ...]

    @property
    def url(self) -> str:
        return f"years/{self.year}/"


@dataclass(frozen=True, kw_only=True, slots=True)
class DepartmentEntry:
    department: Department
    leads: tuple[Measure, ...]
    supports: tuple[Measure, ...]
    responsible_for: tuple[Measure, ...]
    # Targets of the measures it leads or is responsible for: its own to-do list, by year.
    years: tuple[YearGroup, ...]
    # Targets of the measures it supports.
    supported_years: tuple[YearGroup, ...]

    @property
    def url(self) -> str:
        return f"departments/{self.department.id}/"

    @property
    def target_count(self) -> int:
        return sum(len(group.commitments) for group in self.years)

    @property
    def supported_target_count(self) -> int:
        return sum(len(group.commitments) for group in self.supported_years)


@dataclass(frozen=True, kw_only=True, slots=True)
class ChapterEntry:
    chapter: Chapter
    measures: tuple[Measure, ...]
    commitments: tuple[Commitment, ...]

    @property
    def url(self) -> str:
        return f"sectors/{self.chapter.id}/"

    @property
    def leads(self) -> tuple[Department, ...]:
        """The lead (or responsible) departments of its measures, in order of first mention."""
        return tuple(dict.fromkeys(d for m in self.measures for d in m.lead + m.responsible))


@dataclass(frozen=True, kw_only=True, slots=True)
class TopicEntry:
    topic: Topic
    measures: tuple[Measure, ...]

    @property
    def url(self) -> str:
        return f"topics/{self.topic.id}/"


@dataclass(frozen=True, kw_only=True, slots=True)
class MeasureEntry:
    measure: Measure
    previous: Measure | None
    next: Measure | None
    # Measures sharing a lead department or a topic, closest first.
    related: tuple[Measure, ...]
    commitments: tuple[Commitment, ...]
    # The official closing parenthesis naming its units, as the full text prints it.
    units_clause: str
    # When its data last changed: its newest correction or commit, or the plan's publication.
    last_changed: datetime.date


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

    @property
    def years(self) -> tuple[YearGroup, ...]:
        """The years that have targets."""
        return tuple(group for group in self.timeline if group.commitments)


RELATED_LIMIT = 6


def build(plan: Plan, line_dates: Mapping[int, datetime.date] | None = None) -> Catalog:
    """The indexes of ``plan``; ``line_dates`` (data file line → date it last changed) dates measures."""
    commitments = tuple(
        Commitment(target=target, measure=None, goal=goal, chapter=chapter, due=plan.is_due(target))
        for chapter in plan.chapters for goal in chapter.goals for target in goal.targets
    ) + tuple(
        Commitment(target=target, measure=measure, goal=None, chapter=measure.chapter, due=plan.is_due(target))
        for measure in plan.measures for target in measure.targets
    )
    by_measure: dict[str, list[Commitment]] = {}
    for commitment in commitments:
        if commitment.measure:
            by_measure.setdefault(commitment.measure.id, []).append(commitment)
    years = range(plan.document.first_year, plan.document.last_year + 1)
    return Catalog(
        plan=plan,
        commitments=commitments,
        measures=_frozen({m.id: _measure_entry(plan, index, tuple(by_measure.get(m.id, ())), line_dates or {})
                          for index, m in enumerate(plan.measures)}),
        departments=_frozen({d.id: _department_entry(plan, d, commitments, years) for d in plan.departments}),
        chapters=_frozen({c.id: ChapterEntry(chapter=c, measures=plan.measures_in(c),
                                             commitments=tuple(x for x in commitments if x.chapter is c))
                          for c in plan.chapters}),
        topics=_frozen({t.id: TopicEntry(topic=t, measures=tuple(m for m in plan.measures if t in m.topics))
                        for t in plan.topics}),
        timeline=_by_year(commitments, years),
    )


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


def _by_year(commitments: tuple[Commitment, ...], years: range) -> tuple[YearGroup, ...]:
    return tuple(YearGroup(year=year, commitments=tuple(c for c in commitments if c.target.year == year))
                 for year in years)


def _department_entry(plan: Plan, department: Department, commitments: tuple[Commitment, ...],
                      years: range) -> DepartmentEntry:
    leads = tuple(m for m in plan.measures if department in m.lead)
    supports = tuple(m for m in plan.measures if department in m.supporting)
    responsible = tuple(m for m in plan.measures if department in m.responsible)
    own = {m.id for m in leads + responsible}
    supported = {m.id for m in supports}
    return DepartmentEntry(
        department=department, leads=leads, supports=supports, responsible_for=responsible,
        years=tuple(g for g in _by_year(tuple(c for c in commitments if c.measure and c.measure.id in own), years)
                    if g.commitments),
        supported_years=tuple(g for g in _by_year(
            tuple(c for c in commitments if c.measure and c.measure.id in supported), years) if g.commitments),
    )


def _measure_entry(plan: Plan, index: int, commitments: tuple[Commitment, ...],
                   line_dates: Mapping[int, datetime.date]) -> MeasureEntry:
    measure = plan.measures[index]
    following = plan.measures[index + 1].source_line if index + 1 < len(plan.measures) else None
    lines = range(measure.source_line, following or max(line_dates, default=measure.source_line) + 1)
    changed = [plan.document.published, *(c.date for c in measure.corrections),
               *(line_dates[line] for line in lines if line in line_dates)]
    return MeasureEntry(
        measure=measure,
        previous=plan.measures[index - 1] if index > 0 else None,
        next=plan.measures[index + 1] if index + 1 < len(plan.measures) else None,
        related=_related(plan, measure),
        commitments=commitments,
        units_clause=official_text.units_clause(plan, measure),
        last_changed=max(changed),
    )


def _related(plan: Plan, measure: Measure) -> tuple[Measure, ...]:
    """Other measures with the same lead department or a shared topic, most in common first."""
    leads, topics = set(measure.lead + measure.responsible), set(measure.topics)

    def affinity(other: Measure) -> int:
        return 2 * len(leads & set(other.lead + other.responsible)) + len(topics & set(other.topics))

    scored = [(affinity(other), other.number, other) for other in plan.measures if other is not measure]
    ranked = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))
    return tuple(other for _, _, other in ranked[:RELATED_LIMIT])

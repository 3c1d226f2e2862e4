"""The plan seen from each of the site's indexes: departments, sectors, topics and years.

Built once from the frozen ``Plan`` and frozen itself, so every page that shows a
department's measures or a year's targets reads the same computed answer.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
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
    def own_commitments(self) -> tuple[Commitment, ...]:
        """Its to-do list: the targets of the measures it leads or is responsible for, by year."""
        return tuple(c for group in self.years for c in group.commitments)

    @property
    def supported_commitments(self) -> tuple[Commitment, ...]:
        return tuple(c for group in self.supported_years for c in group.commitments)

    @property
    def target_count(self) -> int:
        return len(self.own_commitments)

    @property
    def supported_target_count(self) -> int:
        return len(self.supported_commitments)


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
class Involvement:
    """How many of a chapter's measures one department leads (or is responsible for) and supports."""

    lead: int
    support: int


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
    # (department id, chapter id) → its measures there; pairs with none are left out.
    involvement: Mapping[tuple[str, str], Involvement]

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
    # One pass over the plan for each index, so a plan of thousands of measures builds in linear time.
    roles: dict[str, dict[str, list[Measure]]] = {d.id: {"lead": [], "supporting": [], "responsible": []}
                                                  for d in plan.departments}
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
    related = _related(plan, roles, by_topic)
    return Catalog(
        plan=plan,
        commitments=commitments,
        measures=_frozen({m.id: _measure_entry(plan, index, tuple(by_measure.get(m.id, ())), related[m.id],
                                               line_dates or {})
                          for index, m in enumerate(plan.measures)}),
        departments=_frozen({d.id: _department_entry(d, roles[d.id], by_measure, years) for d in plan.departments}),
        chapters=_frozen({c.id: ChapterEntry(chapter=c, measures=tuple(by_chapter[c.id]),
                                             commitments=tuple(chapter_commitments[c.id]))
                          for c in plan.chapters}),
        topics=_frozen({t.id: TopicEntry(topic=t, measures=tuple(by_topic[t.id])) for t in plan.topics}),
        timeline=_by_year(commitments, years),
        involvement=_involvement(plan),
    )


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


def _by_year(commitments: tuple[Commitment, ...], years: range) -> tuple[YearGroup, ...]:
    return tuple(YearGroup(year=year, commitments=tuple(c for c in commitments if c.target.year == year))
                 for year in years)


def _department_entry(department: Department, roles: Mapping[str, list[Measure]],
                      by_measure: Mapping[str, list[Commitment]], years: range) -> DepartmentEntry:
    leads, supports, responsible = (tuple(roles[role]) for role in ("lead", "supporting", "responsible"))

    def targets_of(measures: tuple[Measure, ...]) -> tuple[Commitment, ...]:
        in_plan_order = sorted(measures, key=lambda m: m.number)
        return tuple(c for m in in_plan_order for c in by_measure.get(m.id, ()))

    return DepartmentEntry(
        department=department, leads=leads, supports=supports, responsible_for=responsible,
        years=tuple(g for g in _by_year(targets_of(leads + responsible), years) if g.commitments),
        supported_years=tuple(g for g in _by_year(targets_of(supports), years) if g.commitments),
    )


def _involvement(plan: Plan) -> Mapping[tuple[str, str], Involvement]:
    counts: dict[tuple[str, str], list[int]] = {}
    for measure in plan.measures:
        for departments, column in ((measure.lead + measure.responsible, 0), (measure.supporting, 1)):
            for department in departments:
                counts.setdefault((department.id, measure.chapter.id), [0, 0])[column] += 1
    return _frozen({key: Involvement(lead=lead, support=support) for key, (lead, support) in counts.items()})


def _measure_entry(plan: Plan, index: int, commitments: tuple[Commitment, ...], related: tuple[Measure, ...],
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
        related=related,
        commitments=commitments,
        units_clause=official_text.units_clause(plan, measure),
        last_changed=max(changed),
    )


def _related(plan: Plan, roles: Mapping[str, Mapping[str, list[Measure]]],
             by_topic: Mapping[str, list[Measure]]) -> dict[str, tuple[Measure, ...]]:
    """For each measure, others with the same lead department (2 points each) or a shared topic
    (1 point each), most in common first, then in plan order.

    A topic can hold thousands of measures in a large plan, so topics are bit sets over the
    measures' positions, and only the few best of each score are ever looked at."""
    position = {m.id: index for index, m in enumerate(plan.measures)}
    topic_bits = {topic: sum(1 << position[m.id] for m in members) for topic, members in by_topic.items()}
    related = {}
    for index, measure in enumerate(plan.measures):
        sets = [topic_bits[t.id] for t in dict.fromkeys(measure.topics)]
        # at_least[k]: the measures sharing k or more of its topics.
        at_least = [-1] + [functools.reduce(operator.or_, (functools.reduce(operator.and_, group)
                                                            for group in itertools.combinations(sets, k)), 0)
                           for k in range(1, len(sets) + 1)] + [0]

        def topic_score(other: int) -> int:
            return max(k for k in range(len(at_least) - 1) if at_least[k] >> other & 1)

        scores: dict[int, int] = {}
        for department_id in dict.fromkeys(d.id for d in measure.lead + measure.responsible):
            for other in {position[m.id] for m in roles[department_id]["lead"] + roles[department_id]["responsible"]}:
                scores[other] = scores.get(other, 0) + 2
        for other in scores:
            scores[other] += topic_score(other)
        led = sum(1 << other for other in scores) | 1 << index
        for k in range(len(sets), 0, -1):
            only = at_least[k] & ~at_least[k + 1] & ~led
            for _ in range(RELATED_LIMIT):
                if not only:
                    break
                lowest = only & -only
                scores[lowest.bit_length() - 1] = k
                only ^= lowest
        scores.pop(index, None)
        ranked = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED_LIMIT]
        related[measure.id] = tuple(plan.measures[other] for other in ranked)
    return related

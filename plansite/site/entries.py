"""The records of the site's indexes, each a plan's record seen from one page: a target with
the measure or goal that states it (``Commitment``), a year's targets, a department's measures,
targets and ledger, a chapter's, a topic's, a measure's neighbours. ``catalog`` builds them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from plansite import urls
from plansite.data.follow_up import RelatedDocument
from plansite.data.model import Chapter, Department, Goal, Measure, Topic, WorkingGroup
from plansite.data.targets import Target


@dataclass(frozen=True, kw_only=True, slots=True)
class Commitment:
    """A target together with the goal or measure that states it."""

    target: Target
    measure: Measure | None
    goal: Goal | None
    chapter: Chapter
    # Its deadline has passed by the plan's as-of date.
    due: bool
    # For a goal's target: the working group of its field, through which a department answers for it.
    group: WorkingGroup | None = None

    @property
    def due_not_completed(self) -> bool:
        """Due by the as-of date and not reported complete: what the dashboard lists."""
        return self.due and self.target.status != "completed"

    @property
    def page(self) -> str:
        """The source of the page that states it, anchored at its own card."""
        owner = (self.measure or self.chapter).page
        return f"{owner}#{self.target.id}"

    @property
    def url(self) -> str:
        return urls.published(self.page)

    @property
    def year_page(self) -> str:
        return urls.source("year", self.target.year)

    @property
    def source_label(self) -> str:
        if self.measure:
            return self.measure.heading
        assert self.goal is not None  # a target is stated by a measure or by a goal
        return f"主要目标（到{self.goal.year}年）"

    @property
    def lead(self) -> tuple[Department, ...]:
        """Who answers for it: the measure's lead or responsible units; for a goal, the lead of its
        working group, if it has one (none otherwise)."""
        if self.measure:
            return self.measure.lead or self.measure.responsible
        return (self.group.lead,) if self.group else ()


@dataclass(frozen=True, kw_only=True, slots=True)
class YearGroup:
    year: int
    commitments: tuple[Commitment, ...]

    @property
    def id(self) -> int:
        return self.year

    @property
    def page(self) -> str:
        return urls.source("year", self.year)

    @property
    def goal_count(self) -> int:
        """How many of its targets are the plan's goals rather than measures'."""
        return sum(1 for c in self.commitments if c.measure is None)

    @property
    def by_chapter(self) -> tuple[tuple[Chapter, tuple[Commitment, ...]], ...]:
        """Its targets in groups of the chapter that states them, in the plan's order."""
        groups: dict[str, list[Commitment]] = {}
        chapters: dict[str, Chapter] = {}
        for commitment in sorted(self.commitments, key=lambda c: c.chapter.number):
            groups.setdefault(commitment.chapter.id, []).append(commitment)
            chapters[commitment.chapter.id] = commitment.chapter
        return tuple((chapters[key], tuple(group)) for key, group in groups.items())


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerRow:
    """A line of a department's task ledger (台账): a target it answers for or helps with, or a
    measure of its with no dated target."""

    role: str
    measure: Measure | None
    commitment: Commitment | None

    @property
    def reports_measure(self) -> bool:
        """A line for a measure the department answers for, reported on as a whole."""
        return self.commitment is None and self.role != "配合"


@dataclass(frozen=True, kw_only=True, slots=True)
class DepartmentEntry:
    department: Department
    leads: tuple[Measure, ...]
    supports: tuple[Measure, ...]
    responsible_for: tuple[Measure, ...]
    # Its own to-do list, by year: the targets of the measures it leads or is responsible for, and
    # the goals of the working groups it leads.
    years: tuple[YearGroup, ...]
    # Targets of the measures it supports.
    supported_years: tuple[YearGroup, ...]
    # Its task ledger: the goals of its working groups, then its measures in plan order, each
    # measure it answers for on a line of its own, each measure's targets on lines of their own.
    ledger: tuple[LedgerRow, ...] = ()
    # Documents it issued, or that concern its measures or the whole plan, newest first.
    documents: tuple[RelatedDocument, ...] = ()
    # The measures it answers for that were not reported within the last cycle (none without a cycle).
    late: tuple[Measure, ...] = ()

    @property
    def id(self) -> str:
        return self.department.id

    @property
    def page(self) -> str:
        return self.department.page

    @property
    def feed_page(self) -> str:
        """Its Atom feed of the reports and corrections that concern it."""
        return urls.source("department-feed", self.department.id)

    @property
    def url(self) -> str:
        return urls.published(self.page)

    @property
    def ledger_page(self) -> str:
        return urls.source("department-ledger", self.department.id)

    @property
    def ledger_book_page(self) -> str:
        """Its ledger as a workbook to fill in and send back."""
        return urls.source("department-ledger-book", self.department.id)

    @property
    def calendar_page(self) -> str:
        return urls.source("calendar", self.department.id)

    @property
    def calendar_url(self) -> str:
        return urls.published(self.calendar_page)

    @property
    def table_page(self) -> str:
        return urls.source("department-targets", self.department.id)

    @property
    def own_commitments(self) -> tuple[Commitment, ...]:
        """Its to-do list: the targets of the measures it leads or is responsible for, by year."""
        return tuple(c for group in self.years for c in group.commitments)

    @property
    def reported_measures(self) -> tuple[Measure, ...]:
        """The measures it reports on: those it leads or is responsible for, in plan order."""
        return tuple(sorted(self.leads + self.responsible_for, key=lambda m: m.number))

    @property
    def ledger_to_fill(self) -> tuple[LedgerRow, ...]:
        """The lines of its ledger it reports on: its measures as a whole, and its targets."""
        return tuple(row for row in self.ledger if row.commitment or row.reports_measure)

    @property
    def up_to_date(self) -> int:
        """How many of the measures it reports on are not late."""
        return len(self.reported_measures) - len(self.late)

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
    def id(self) -> str:
        return self.chapter.id

    @property
    def page(self) -> str:
        return self.chapter.page

    @property
    def goals(self) -> tuple[tuple[Goal, tuple[Commitment, ...]], ...]:
        """Each of its goals with the targets it states."""
        return tuple((goal, tuple(c for c in self.commitments if c.goal is goal)) for goal in self.chapter.goals)

    @property
    def leads(self) -> tuple[Department, ...]:
        """The lead (or responsible) departments of its measures, in order of first mention."""
        return tuple(dict.fromkeys(d for m in self.measures for d in m.lead + m.responsible))


@dataclass(frozen=True, kw_only=True, slots=True)
class TopicEntry:
    topic: Topic
    measures: tuple[Measure, ...]

    @property
    def id(self) -> str:
        return self.topic.id

    @property
    def page(self) -> str:
        return self.topic.page


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
    # Documents that name it, newest first; those that amend it are also told at the top of its page.
    documents: tuple[RelatedDocument, ...] = ()
    # Not reported within the last reporting cycle and not complete (never without a cycle).
    late: bool = False

    @property
    def amendments(self) -> tuple[RelatedDocument, ...]:
        return tuple(d for d in self.documents if d.kind == "amendment")

    @property
    def id(self) -> str:
        return self.measure.id

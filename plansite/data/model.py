"""Stage 3: the typed, frozen plan that exports and templates read.

Built (by ``assemble``) only from data that passed validation, so it trusts its input. Display
helpers live here as properties, so a fact (a measure's label, a target's value as words) is
computed once. Targets and the progress reports targets and measures carry are in ``targets``;
the document's record in ``document``; the reporting cycle in ``reporting``; what follows the
plan's publication (related documents, its validity) in ``follow_up``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from plansite import urls
from plansite.data.document import Document
from plansite.data.follow_up import RelatedDocument
from plansite.data.numerals import from_int
from plansite.data.reporting import Cycle
from plansite.data.targets import ProgressRecord, Reported, Target

DepartmentKind = Literal[
    "government-office", "municipal-department", "public-institution", "central-branch", "cooperative"
]
Role = Literal["lead", "supporting", "responsible"]
# Each kind's label and the order kinds are listed in; a plan's data may word a label its own
# way (department_kinds: central-branch: 中央和省驻长单位, say).
KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "government-office": "市政府办事机构",
        "municipal-department": "市政府工作部门",
        "public-institution": "事业单位",
        "central-branch": "中央和省驻市单位",
        "cooperative": "合作经济组织",
    }
)
# A first draft's departments have no kind until an editor sorts them.
UNSORTED_LABEL = "尚未归类的单位"
ROLE_LABELS: Mapping[str, str] = MappingProxyType(
    {"lead": "牵头单位", "supporting": "配合单位", "responsible": "责任单位"}
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Department:
    id: str
    name: str
    # None in a first draft, until an editor curates it.
    full_name: str | None
    aliases: tuple[str, ...]
    kind: DepartmentKind | None
    kind_label: str
    # Where residents reach it, where the data records it.
    website: str | None = None
    phone: str | None = None

    @property
    def page(self) -> str:
        return urls.source("department", self.id)

    @property
    def title(self) -> str:
        """The full name, or the short one while a draft has none."""
        return self.full_name or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the department goes by: short, full, aliases."""
        return (self.name, *((self.full_name,) if self.full_name else ()), *self.aliases)


@dataclass(frozen=True, kw_only=True, slots=True)
class Topic:
    id: str
    name: str

    @property
    def page(self) -> str:
        return urls.source("topic", self.id)


@dataclass(frozen=True, kw_only=True, slots=True)
class Goal:
    id: str
    year: int
    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Chapter:
    id: str
    number: int
    title: str
    # Its opening paragraphs, one per line (——坚持… principles are several).
    principles: str | None
    goals: tuple[Goal, ...]
    # The text runs its goals on in the last paragraph of principles rather than one a paragraph.
    goals_in_principles: bool = False

    @property
    def heading(self) -> str:
        return f"{from_int(self.number)}、{self.title}"

    @property
    def principle_paragraphs(self) -> tuple[str, ...]:
        return tuple(self.principles.split("\n")) if self.principles else ()

    @property
    def page(self) -> str:
        return urls.source("sector", self.id)


@dataclass(frozen=True, kw_only=True, slots=True)
class Correction:
    date: datetime.date
    note: str
    # Where the data departs from the official text on purpose: its words, and the data's instead.
    official: str | None = None
    corrected: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Measure(Reported):
    id: str
    number: int
    chapter: Chapter
    title: str
    text: str
    lead: tuple[Department, ...]
    supporting: tuple[Department, ...]
    responsible: tuple[Department, ...]
    written_as: Mapping[str, str]
    units_clause_ends_with_period: bool
    # How the text sets the clause, where not （牵头单位：…。配合单位：…） at the end: （甲局牵头，乙局配合）…
    units_clause_on_own_line: bool = False
    units_roles_after_names: bool = False
    units_separator: str = "。"
    responsible_wording: str | None = None
    corrections: tuple[Correction, ...]
    topics: tuple[Topic, ...]
    targets: tuple[Target, ...]
    source_line: int
    # Its department's reports on the whole measure, oldest first, whether or not it has targets.
    history: tuple[ProgressRecord, ...] = ()
    # What its text promises residents directly (补贴, 购买优惠, 便民服务), as an editor marked it.
    offers: tuple[str, ...] = ()

    # As the text writes its number: （十二）, or 1. where the plan numbers so (document.measure_numbering).
    label: str

    @property
    def heading(self) -> str:
        return self.label + self.title

    @property
    def page(self) -> str:
        return urls.source("measure", self.id)

    @property
    def url(self) -> str:
        return urls.published(self.page)

    @property
    def reporters(self) -> tuple[Department, ...]:
        """Who reports on it: its lead units, or its responsible units where the text names no lead."""
        return self.lead or self.responsible

    def written_name(self, department: Department) -> str:
        """The department's name as this measure's unit clause spells it."""
        return self.written_as.get(department.id, department.name)


@dataclass(frozen=True, kw_only=True, slots=True)
class WorkingGroup:
    """A 专项工作组 a measure sets up: a field, the department that leads it, what it covers."""

    id: str
    name: str
    lead: Department
    chapters: tuple[Chapter, ...]
    measures: tuple[Measure, ...]
    # The measure that sets it up: the basis shown wherever a goal reaches a department through it.
    stated_in: Measure

    @property
    def label(self) -> str:
        return f"{self.name}专项工作组"

    @property
    def basis(self) -> str:
        return f"按第{self.stated_in.label}项分工"


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    document: Document
    departments: tuple[Department, ...]
    topics: tuple[Topic, ...]
    chapters: tuple[Chapter, ...]
    measures: tuple[Measure, ...]
    # 数据截至: progress is reported up to this date, and what is due is judged against it.
    # None in a first draft, before any progress is collected.
    as_of: datetime.date | None
    working_groups: tuple[WorkingGroup, ...] = ()
    # Each kind of department's label, in the order kinds are listed.
    kind_labels: Mapping[str, str]
    # The site's name, in its header and every page's title.
    site_name: str
    # A first draft (draft: true): what it has not curated yet is None or empty, and the site says so.
    draft: bool = False
    # Documents issued after the plan that concern it, in the data's order.
    documents: tuple[RelatedDocument, ...] = ()
    # The department whose office checks the departments' reports (工作专班办公室), if the data names it.
    verifier: Department | None = None
    # Everyday words and the plan's words each stands for, for search only.
    search_terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # How often departments report (progress.cycle); None: no cycle is set, and nothing is late.
    cycle: Cycle | None = None

    @property
    def still_to_curate(self) -> tuple[str, ...]:
        """What a first draft has not curated yet, as its readers are told."""
        unnamed = sum(d.full_name is None for d in self.departments)
        unsorted = sum(d.kind is None for d in self.departments)
        return tuple(
            label
            for label, missing in (
                ("发布日期", self.document.published is None),
                (f"{unnamed}个单位的全称", unnamed),
                (f"{unsorted}个单位的类别", unsorted),
                ("专题", not self.topics),
                ("目标任务", not self.targets),
                ("落实进度", self.as_of is None),
            )
            if missing
        )

    def working_group(self, target: Target) -> WorkingGroup | None:
        """The working group that answers for a goal's target, if the data assigns one."""
        return next((g for g in self.working_groups if g.id == target.working_group), None)

    def is_due(self, target: Target) -> bool:
        """Its deadline has passed by the data's as-of date (never the build date, so builds reproduce)."""
        return self.as_of is not None and target.deadline <= self.as_of

    @property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(goal for chapter in self.chapters for goal in chapter.goals)

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target in document order: the goals' first, then the measures'."""
        return tuple(t for goal in self.goals for t in goal.targets) + tuple(
            t for measure in self.measures for t in measure.targets
        )

    def measures_in(self, chapter: Chapter) -> tuple[Measure, ...]:
        return tuple(measure for measure in self.measures if measure.chapter is chapter)

"""A measure of the plan and what it is filed under: its chapter (with the chapter's goals), its
topics, and the corrections of its data.

Below the document's record and the plan (``model``), which refer to measures; above the
departments (``departments``) and the targets and reports (``targets``) a measure holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from plansite import urls
from plansite.data.departments import Department
from plansite.data.numerals import from_int
from plansite.data.targets import ProgressRecord, Reported, Target

Role = Literal["lead", "supporting", "responsible"]
ROLE_LABELS: Mapping[str, str] = MappingProxyType(
    {"lead": "牵头单位", "supporting": "配合单位", "responsible": "责任单位"}
)


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
        """The department's name as this measure's unit clause spells it: as the plan names it,
        unless the measure writes one of its aliases."""
        return self.written_as.get(department.id, department.plan_name)

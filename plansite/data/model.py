"""Stage 3: the typed, frozen plan that exports and templates read.

Built (by ``assemble``) only from data that passed validation, so it trusts its input. Display
helpers live here as properties, so a fact (a measure's label, a target's value as words) is
computed once. The plan is built from parts that each have a module, and import one way:
departments (``departments``) ← targets and progress reports (``targets``) ← measures, their
chapters and topics (``measures``) ← related documents and the plan's validity (``follow_up``) ←
the document's record (``document``) ← the plan (here). The reporting cycle is in ``reporting``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from plansite.data.departments import Department
from plansite.data.document import Document
from plansite.data.follow_up import RelatedDocument
from plansite.data.measures import Chapter, Goal, Measure, Topic
from plansite.data.reporting import Cycle
from plansite.data.targets import Target


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
    def office(self) -> str:
        """The office that checks the reports, as every page, workbook and calendar names it."""
        return f"工作专班办公室（{self.verifier.name}）" if self.verifier else "工作专班办公室"

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

"""The department × chapter matrix: how many of each chapter's measures each department leads
(or is responsible for) and supports, counted once for the chart and its table."""

from __future__ import annotations

from dataclasses import dataclass

from plansite.data.model import Chapter, Department, Plan


@dataclass(frozen=True, kw_only=True, slots=True)
class Involvement:
    """How many of a chapter's measures one department leads (or is responsible for) and supports."""

    chapter: Chapter
    lead: int
    support: int

    @property
    def label(self) -> str:
        """牵头2、配合1; — for none."""
        parts = ([f"牵头{self.lead}"] if self.lead else []) + ([f"配合{self.support}"] if self.support else [])
        return "、".join(parts) or "—"


@dataclass(frozen=True, kw_only=True, slots=True)
class MatrixRow:
    """A department's involvement in each chapter that has measures, in chapter order."""

    department: Department
    cells: tuple[Involvement, ...]


# Beyond this many cells (a plan of many regions) the matrix is neither drawn nor tabled:
# no reader takes in thousands of cells, and departments.csv holds the same facts.
MATRIX_CELLS = 3000


def build(plan: Plan, chapters: list[Chapter]) -> tuple[MatrixRow, ...]:
    """A row per department, in the plan's order, and a cell per chapter of ``chapters``; no rows
    at all for a matrix of more than ``MATRIX_CELLS`` cells."""
    if len(plan.departments) * len(chapters) > MATRIX_CELLS:
        return ()
    counts: dict[tuple[str, str], list[int]] = {}
    for measure in plan.measures:
        for units, column in ((measure.lead + measure.responsible, 0), (measure.supporting, 1)):
            for department in units:
                counts.setdefault((department.id, measure.chapter.id), [0, 0])[column] += 1
    return tuple(
        MatrixRow(
            department=department,
            cells=tuple(
                Involvement(chapter=chapter, lead=lead, support=support)
                for chapter in chapters
                for lead, support in [counts.get((department.id, chapter.id), (0, 0))]
            ),
        )
        for department in plan.departments
    )

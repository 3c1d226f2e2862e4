"""The official document, reassembled from the model in its own order.

Each paragraph is rebuilt from the data alone (unit clauses from department ids, the
notice's closing lines from the document's metadata), so comparing the result with the
source proves that the data holds the whole official text and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Measure, Plan
from .numerals import zh_date


def paragraphs(plan: Plan) -> Iterator[str]:
    document = plan.document
    notice = document.notice
    yield notice.title
    yield notice.addressees
    yield from notice.paragraphs
    yield document.issuer
    signed = document.signed
    yield zh_date(signed)
    yield f"（{document.disclosure}）"
    yield document.title
    yield document.preamble
    for chapter in plan.chapters:
        yield chapter.heading
        if chapter.principles:
            yield chapter.principles
        for goal in chapter.goals:
            yield goal.text
        for measure in plan.measures_in(chapter):
            yield measure_paragraph(plan, measure)


def measure_paragraph(plan: Plan, measure: Measure) -> str:
    """（一）title。text（牵头单位：…。配合单位：…）"""
    return f"{measure.heading}。{measure.text}{units_clause(plan, measure)}"


def units_clause(plan: Plan, measure: Measure) -> str:
    """The closing parenthesis that names the measure's units, or '' where it names none."""
    parts = [
        f"{label}：{'、'.join(measure.written_name(d) for d in departments)}"
        for label, departments in (
            ("牵头单位", measure.lead),
            ("配合单位", measure.supporting),
            ("责任单位", measure.responsible),
        )
        if departments
    ]
    local = plan.document.local_governments
    if local and local.stated_in == measure.id:
        parts.append(local.clause)
    if not parts:
        return ""
    return f"（{'。'.join(parts)}{'。' if measure.units_clause_ends_with_period else ''}）"

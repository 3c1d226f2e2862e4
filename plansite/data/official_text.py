"""The official document, reassembled from the model in its own order.

Each paragraph is rebuilt from the data alone (unit clauses from department ids, the
notice's closing lines from the document's metadata), so comparing the result with the
source proves that the data holds the whole official text and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

from plansite.data.load import DataPath
from plansite.data.model import Department, Measure, Plan
from plansite.data.numerals import zh_date

# A capture may use ASCII , : ( ) where the official document has full-width ，：（）.
_FULL_WIDTH = str.maketrans(",:()", "，：（）")
# A news report may lead the capture; the official text starts after this line.
_START = "全文如下"


def restore_punctuation(text: str) -> str:
    """``text`` with a capture's ASCII , : ( ) back in the official full-width forms."""
    return text.translate(_FULL_WIDTH)


def source_lines(text: str) -> list[tuple[int, str]]:
    """The source's non-empty lines, stripped, with their line numbers: all of them, or those
    after a line that begins 全文如下. A line ends at a line feed only: ``splitlines`` would also
    end it at U+000B (Word's manual line break) and other characters a text may not hold, which
    the importer names where they stand instead."""
    lines = [line.strip() for line in text.split("\n")]
    start = next((number for number, line in enumerate(lines, start=1) if line.startswith(_START)), 0)
    return [(number, line) for number, line in enumerate(lines, start=1) if number > start and line]


def paragraphs(plan: Plan) -> Iterator[str]:
    for _, paragraph in sourced_paragraphs(plan):
        yield paragraph


def sourced_paragraphs(plan: Plan) -> Iterator[tuple[DataPath, str]]:
    """Each paragraph with the place in the data it is made from."""
    document = plan.document
    notice = document.notice
    if notice.title:
        yield ("document", "notice", "title"), notice.title
    if notice.number_line and document.number:
        yield ("document", "number"), document.number
    yield ("document", "notice", "addressees"), notice.addressees
    for paragraph in notice.paragraphs:
        yield ("document", "notice", "body"), paragraph
    yield ("document", "issuer"), document.issuer
    yield ("document", "signed"), document.signed_as_written or zh_date(document.signed)
    if document.disclosure:
        yield ("document", "disclosure"), f"（{document.disclosure}）"
    if document.title_break:
        yield ("document", "title"), document.title[: document.title_break]
        yield ("document", "title"), document.title[document.title_break :]
    else:
        yield ("document", "title"), document.title
    yield ("document", "preamble"), document.preamble
    measures = {measure.id: index for index, measure in enumerate(plan.measures)}
    for index, chapter in enumerate(plan.chapters):
        yield ("chapters", index, "title"), chapter.heading
        principles = list(chapter.principle_paragraphs)
        if chapter.goals_in_principles:
            principles[-1] += "".join(goal.text for goal in chapter.goals)
        for paragraph in principles:
            yield ("chapters", index, "principles"), paragraph
        for goal_index, goal in enumerate(chapter.goals if not chapter.goals_in_principles else ()):
            yield ("chapters", index, "goals", goal_index, "text"), goal.text
        for measure in plan.measures_in(chapter):
            place = ("measures", measures[measure.id])
            clause = units_clause(plan, measure)
            if measure.units_clause_on_own_line:
                yield place, f"{measure.heading}。{measure.text}"
                yield place, clause
            else:
                yield place, f"{measure.heading}。{measure.text}{clause}"


def units_clause(plan: Plan, measure: Measure) -> str:
    """The closing parenthesis that names the measure's units, or '' where it names none."""

    def names(departments: tuple[Department, ...]) -> str:
        return "、".join(measure.written_name(d) for d in departments)

    if measure.units_roles_after_names:
        # （甲局牵头，乙局、丙局配合）
        roles = [
            "，".join(f"{names(ds)}{role}" for role, ds in (("牵头", measure.lead), ("配合", measure.supporting)) if ds)
        ]
    else:
        roles = [
            f"{label}：{names(departments)}"
            for label, departments in (
                ("牵头单位", measure.lead),
                ("配合单位", measure.supporting),
                ("责任单位", () if measure.responsible_wording else measure.responsible),
            )
            if departments
        ]
    if measure.responsible_wording:
        roles.append(names(measure.responsible) + measure.responsible_wording)
    # Kinds of unit are separated as the text separates them (。 or ；); anything after them by 。.
    parts = [measure.units_separator.join(roles)] if roles else []
    local = plan.document.local_governments
    if local and local.stated_in == measure.id:
        parts.append(local.clause)
    if not parts:
        return ""
    return f"（{'。'.join(parts)}{'。' if measure.units_clause_ends_with_period else ''}）"

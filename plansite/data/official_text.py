"""The official document, reassembled from the model in its own order.

Each paragraph is rebuilt from the data alone (unit clauses from department ids, the
notice's closing lines from the document's metadata), so comparing the result with the
source proves that the data holds the whole official text and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


Part = tuple[DataPath, str]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph the data makes, in parts, each with the field of the data it comes from."""

    # The record it belongs to: a measure's corrections apply to its paragraphs.
    record: DataPath
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.parts)

    def field_at(self, offset: int) -> DataPath:
        """The field the character at ``offset`` comes from; past the end, the last one."""
        for path, text in self.parts:
            if offset < len(text):
                return path
            offset -= len(text)
        return self.parts[-1][0]


def _whole(path: DataPath, text: str) -> Paragraph:
    return Paragraph(path, ((path, text),))


def paragraphs(plan: Plan) -> Iterator[str]:
    for paragraph in sourced_paragraphs(plan):
        yield paragraph.text


def sourced_paragraphs(plan: Plan) -> Iterator[Paragraph]:
    """Each paragraph, in the text's order, with the fields of the data it is made from."""
    document = plan.document
    notice = document.notice
    if notice.title:
        yield _whole(("document", "notice", "title"), notice.title)
    if notice.number_line and document.number:
        yield _whole(("document", "number"), document.number)
    yield _whole(("document", "notice", "addressees"), notice.addressees)
    for paragraph in notice.paragraphs:
        yield _whole(("document", "notice", "body"), paragraph)
    yield _whole(("document", "issuer"), document.issuer)
    if document.signed_as_written:
        yield _whole(("document", "signed_as_written"), document.signed_as_written)
    else:
        yield _whole(("document", "signed"), zh_date(document.signed))
    if document.disclosure:
        yield _whole(("document", "disclosure"), f"（{document.disclosure}）")
    if document.title_break:
        yield _whole(("document", "title"), document.title[: document.title_break])
        yield _whole(("document", "title"), document.title[document.title_break :])
    else:
        yield _whole(("document", "title"), document.title)
    yield _whole(("document", "preamble"), document.preamble)
    measures = {measure.id: index for index, measure in enumerate(plan.measures)}
    for index, chapter in enumerate(plan.chapters):
        place: DataPath = ("chapters", index)
        yield Paragraph(
            place,
            ((place + ("number",), chapter.heading.removesuffix(chapter.title)), (place + ("title",), chapter.title)),
        )
        principles = [[(place + ("principles",), paragraph)] for paragraph in chapter.principle_paragraphs]
        goals = [(place + ("goals", goal_index, "text"), goal.text) for goal_index, goal in enumerate(chapter.goals)]
        if chapter.goals_in_principles:
            principles[-1] += goals
        for parts in principles:
            yield Paragraph(place, tuple(parts))
        for path, text in goals if not chapter.goals_in_principles else ():
            yield _whole(path, text)
        for measure in plan.measures_in(chapter):
            place = ("measures", measures[measure.id])
            heading = ((place + ("number",), measure.label), (place + ("title",), f"{measure.title}。"))
            body = (place + ("text",), measure.text)
            clause = tuple(clause_parts(plan, measure, place))
            if measure.units_clause_on_own_line:
                yield Paragraph(place, (*heading, body))
                if clause:
                    yield Paragraph(place, clause)
            else:
                yield Paragraph(place, (*heading, body, *clause))


def units_clause(plan: Plan, measure: Measure) -> str:
    """The closing parenthesis that names the measure's units, or '' where it names none."""
    return "".join(text for _, text in clause_parts(plan, measure, ()))


def clause_parts(plan: Plan, measure: Measure, place: DataPath) -> list[Part]:
    """The units clause in parts: each department's name from its place in a role (or from the
    measure's ``written_as``, where it spells the department so), the words around from the role."""

    def names(role: str, departments: tuple[Department, ...]) -> list[Part]:
        parts: list[Part] = []
        for position, department in enumerate(departments):
            if position:
                parts.append((place + (role,), "、"))
            spelled = department.id in measure.written_as
            where = place + (("written_as", department.id) if spelled else (role, position))
            parts.append((where, measure.written_name(department)))
        return parts

    kinds: list[list[Part]] = []
    if measure.units_roles_after_names:
        # （甲局牵头，乙局、丙局配合）
        roles = [
            (role, ds, word)
            for role, ds, word in (("lead", measure.lead, "牵头"), ("supporting", measure.supporting, "配合"))
            if ds
        ]
        together: list[Part] = []
        for role, departments, word in roles:
            if together:
                together.append((place + (role,), "，"))
            together += [*names(role, departments), (place + (role,), word)]
        if together:
            kinds.append(together)
    else:
        for role, label, departments in (
            ("lead", "牵头单位", measure.lead),
            ("supporting", "配合单位", measure.supporting),
            ("responsible", "责任单位", () if measure.responsible_wording else measure.responsible),
        ):
            if departments:
                kinds.append([(place + (role,), f"{label}："), *names(role, departments)])
    if measure.responsible_wording:
        kinds.append(
            [
                *names("responsible", measure.responsible),
                (place + ("responsible_wording",), measure.responsible_wording),
            ]
        )
    # Kinds of unit are separated as the text separates them (。 or ；); anything after them by 。.
    parts: list[Part] = []
    for kind in kinds:
        if parts:
            parts.append((place + ("units_separator",), measure.units_separator))
        parts += kind
    local = plan.document.local_governments
    if local and local.stated_in == measure.id:
        clause: DataPath = ("document", "local_governments", "clause")
        parts += [(clause, "。" + local.clause)] if parts else [(clause, local.clause)]
    if not parts:
        return []
    closing = ("。" if measure.units_clause_ends_with_period else "") + "）"
    return [(parts[0][0], "（"), *parts, (place + ("units_clause_ends_with_period",), closing)]

"""Where a paragraph departs from the official text only in how it names departments.

A unit clause names each department as the plan does (``Department.plan_name``), or as the
measure's ``written_as`` spells it. When an editor renames a department, every clause that names
it departs from the text; that is one mistake, at the department's name, not one at each measure.
``spellings`` finds such a paragraph; ``Misnamed`` gathers what it finds and reports it once per
department, at the field that made the name, with what the text writes there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.data.departments import Department
from plansite.data.fields import UNIT_ROLES
from plansite.data.load import DataPath
from plansite.data.model import Plan
from plansite.data.official_text import Paragraph
from plansite.data.reporter import Reporter

# A department's name holds none of the marks that separate the names and roles of a clause.
_NAME = "([^、，：；。（）]+?)"
# How many measures a message lists before it says 等.
_LISTED = 5


@dataclass(frozen=True, slots=True)
class Spelling:
    """A name the data writes (``made``, from the field at ``path``) where the text writes ``official``."""

    path: DataPath
    department: Department
    made: str
    official: str


def names_department(path: DataPath) -> bool:
    """Whether a part of a paragraph (by the field it comes from) is a department's name."""
    return len(path) == 4 and path[0] == "measures" and (path[2] == "written_as" or path[2] in UNIT_ROLES)


def spellings(plan: Plan, paragraph: Paragraph, wanted: str) -> list[Spelling]:
    """The names that differ, if the paragraph is ``wanted`` once each department is named as
    ``wanted`` names it; otherwise (it differs in more than names) none."""
    pattern = "".join(_NAME if names_department(path) else re.escape(text) for path, text in paragraph.parts)
    found = re.fullmatch(pattern, wanted)
    if found is None:
        return []
    named = [(path, text) for path, text in paragraph.parts if names_department(path)]
    return [
        Spelling(path, _department(plan, path), made, official)
        for (path, made), official in zip(named, found.groups(), strict=True)
        if made != official
    ]


def _department(plan: Plan, path: DataPath) -> Department:
    measure = plan.measures[int(path[1])]
    if path[2] == "written_as":
        return next(d for d in (*measure.lead, *measure.supporting, *measure.responsible) if d.id == path[3])
    return getattr(measure, str(path[2]))[int(path[3])]


@dataclass
class Misnamed:
    """The names a plan's paragraphs give otherwise than its text, gathered to report each once."""

    plan: Plan
    # department id → official spelling → the ids of the measures that write it so
    by_department: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # a measure's written_as that spells a department otherwise than the text
    written: list[Spelling] = field(default_factory=list)

    def add(self, found: list[Spelling]) -> None:
        for spelling in found:
            if spelling.path[2] == "written_as":
                self.written.append(spelling)
                continue
            measure = self.plan.measures[int(spelling.path[1])].id
            measures = self.by_department.setdefault(spelling.department.id, {}).setdefault(spelling.official, [])
            if measure not in measures:
                measures.append(measure)

    def report(self, report: Reporter) -> None:
        for spelling in self.written:
            department, official = spelling.department, spelling.official
            if official == department.plan_name:
                advice = f"这就是单位 {department.id} 的名称，删去 written_as 中的这一项"
            elif official in department.aliases:
                advice = "照原文改正"
            else:
                advice = f"照原文改正，并把这个写法登记在单位 {department.id} 的 aliases 中"
            report(spelling.path, f"原文在这里写作“{official}”，不是“{spelling.made}”：{advice}", "department-name")
        index = {d.id: position for position, d in enumerate(self.plan.departments)}
        for department_id, written in self.by_department.items():
            department = self.plan.departments[index[department_id]]
            report(*_department_problem(index[department_id], department, written), "department-name")


def _department_problem(index: int, department: Department, written: dict[str, list[str]]) -> tuple[DataPath, str]:
    """Where to report that the text names ``department`` as ``written`` says, and the message."""
    official = "或".join(f"“{name}”" for name in written)
    measures = list(dict.fromkeys(m for ids in written.values() for m in ids))
    listed = "、".join(measures[:_LISTED]) + ("等" if len(measures) > _LISTED else "")
    where = f"原文在{len(measures)}项措施（{listed}）中写作{official}"
    if department.former_names:
        path: DataPath = ("departments", index, "former_names", 0, "name")
        return path, f"{where}，这里登记的原名是“{department.plan_name}”：原名要照原文写"
    aliases = [name for name in written if name in department.aliases]
    if aliases:
        return ("departments", index, "name"), (
            f"{where}，是这个单位登记的别名：在这些措施中加上 written_as: {{{department.id}: {aliases[0]}}}；"
            f"如果是单位在方案印发后由“{aliases[0]}”更名为“{department.name}”，就从 aliases 中删去“{aliases[0]}”，"
            f"改为在这个单位下加一行 former_names: [{{name: {aliases[0]}, date: 更名日期}}]"
        )
    first = next(iter(written))
    return ("departments", index, "name"), (
        f"{where}，这里是“{department.name}”。措施的单位括注要照原文写：如果是改错了，改回“{first}”；"
        f"如果单位在方案印发后更名为“{department.name}”，保留新名称，在这个单位下加一行 "
        f"former_names: [{{name: {first}, date: 更名日期}}]，日期写成 2025-01-01 的样子"
    )

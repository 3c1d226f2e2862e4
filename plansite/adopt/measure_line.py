"""One measure as its line in a plan's text reads: number, title, text, and its units as the
clause that lists them by role names them, each name resolved to a department of the registry
the draft builds (reusing a known registry's ids)."""

from __future__ import annotations

import re
from typing import Any

from plansite.adopt.notice_reader import Line
from plansite.data.load import DataPath

_UNITS = re.compile(r"[(（]((?:牵头单位|责任单位)[:：].*)[)）]$")
# A clause naming the units without a label (Shanxi's plans): （省甲厅、省乙局按照职责分工负责）.
_RESPONSIBLE = re.compile(r"[(（]([^()（）:：。]+?)((?:按照|按)职责分工负责)[)）]$")
_UNIT_ROLES = {"牵头单位": "lead", "配合单位": "supporting", "责任单位": "responsible"}
# Roles written after the names: （市工信局牵头，市市场监管局、市农业农村局配合）, or （市工信局牵头）.
_ROLES_AFTER = re.compile(r"[(（]([^()（）:：。，,]+?)牵头(?:，([^()（）:：。，,]+?)配合)?[)）]$")
# The order editors read a measure in: identity, place, words, units, then curation.
MEASURE_FIELD_ORDER = (
    "id",
    "number",
    "chapter",
    "title",
    "text",
    "lead",
    "supporting",
    "responsible",
    "written_as",
    "units_clause_ends_with_period",
    "units_clause_on_own_line",
    "units_roles_after_names",
    "units_separator",
    "responsible_wording",
    "corrections",
    "topics",
    "targets",
)


def read_measure(
    line: Line, number: int, rest: str, chapter: str, registry: Registry, problems: list[tuple[int, str]]
) -> tuple[dict | None, str | None]:
    title, stop, body = rest.partition("。")
    if not stop:
        problems.append((line.number, "措施的标题后应有“。”，再接正文：“（一）标题。正文……”"))
        return None, None
    measure: dict[str, Any] = {"id": f"m{number:02d}", "number": number, "chapter": chapter, "title": title}
    clause = None
    units = _UNITS.search(body)
    after = None if units else _ROLES_AFTER.search(body)
    wording = None if units or after else _RESPONSIBLE.search(body)
    if units:
        body = body[: units.start()]
    elif after:
        body = body[: after.start()]
        for role, names in (("lead", after.group(1)), ("supporting", after.group(2))):
            for name in names.split("、") if names else ():
                if problem := unreadable_name(name):
                    problems.append((line.number, problem))
                    continue
                department_id, alias = registry.resolve(name, line)
                measure.setdefault(role, []).append(department_id)
                if alias:
                    measure.setdefault("written_as", {})[department_id] = name
        measure["units_roles_after_names"] = True
    elif wording:
        body = body[: wording.start()]
        for name in wording.group(1).split("、"):
            if problem := unreadable_name(name):
                problems.append((line.number, problem))
                continue
            department_id, alias = registry.resolve(name, line)
            measure.setdefault("responsible", []).append(department_id)
            if alias:
                measure.setdefault("written_as", {})[department_id] = name
        measure["responsible_wording"] = wording.group(2)
    elif (last := final_parenthetical(body)) and re.search(r"负责|单位|部门|牵头|配合", last):
        problems.append(
            (
                line.number,
                f"措施末尾的括号“{last}”像是责任单位，但不是“（牵头单位：……。配合单位：……）”“（责任单位：……）”"
                "“（甲局牵头，乙局配合）”或“（……按照职责分工负责）”的写法，读不出单位",
            )
        )
    measure["text"] = body
    if units:
        clause = read_clause(line, units.group(1), measure, registry, problems)
    measure["targets"] = []
    return {key: measure[key] for key in MEASURE_FIELD_ORDER if key in measure}, clause


def read_clause(
    line: Line, units: str, measure: dict[str, Any], registry: Registry, problems: list[tuple[int, str]]
) -> str | None:
    if units.endswith("。"):
        measure["units_clause_ends_with_period"] = True
        units = units[:-1]
    # Between kinds of unit a plan may write ； instead of 。; any other part still ends with 。.
    segments = re.split(r"[；;](?=(?:配合单位|责任单位)[:：])|。", units)
    if re.search(r"[；;](?:配合单位|责任单位)[:：]", units):
        measure["units_separator"] = "；"
        if re.search(r"。(?:配合单位|责任单位)[:：]", units):
            problems.append((line.number, "单位说明中各类单位之间有的用“；”、有的用“。”分隔：请统一为一种"))
    clause = None
    for segment in segments:
        role, colon, names = segment.partition(":") if ":" in segment else segment.partition("：")
        if colon and role in _UNIT_ROLES:
            ids = []
            if re.search(r"[;；:：]|牵头单位|配合单位|责任单位", names):
                problems.append(
                    (
                        line.number,
                        f"单位名单“{names}”里有“；”“：”或另一类单位：牵头单位、配合单位之间应以“。”或“；”分隔，"
                        "如“（牵头单位：市甲局。配合单位：市乙局）”",
                    )
                )
                continue
            for name in names.split("、"):
                if problem := unreadable_name(name):
                    problems.append((line.number, problem))
                    continue
                department_id, alias = registry.resolve(name, line)
                ids.append(department_id)
                if alias:
                    measure.setdefault("written_as", {})[department_id] = name
            measure[_UNIT_ROLES[role]] = ids
        elif segment.startswith("各") and clause is None:
            clause = segment
        else:
            problems.append(
                (
                    line.number,
                    f"读不出单位说明中的“{segment}”：应是“牵头单位：”“配合单位：”“责任单位：”或“各……人民政府……”",
                )
            )
    return clause


def final_parenthetical(text: str) -> str | None:
    """The parenthesis that ends ``text``, nested ones included: （…各县（区）…）."""
    if not text.endswith((")", "）")):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "）": 1, "(": -1, "（": -1}.get(text[index], 0)
        if depth == 0:
            return text[index:]
    return None


def unreadable_name(name: str) -> str | None:
    """Why ``name`` cannot be a department's name as listed in a units clause, if it cannot."""
    if not name.strip():
        return "单位名单中有空的名称（两个“、”相连，或以“、”开头、结尾）"
    if re.search(r"[，,；;：:。]|牵头|配合|负责", name) or name.endswith("等"):
        return f"读不出单位名称“{name}”：单位之间应以“、”分隔，名单中不能有“，”“；”“：”或“牵头”“配合”“等”这样的词"
    return None


class Registry:
    """Departments in order of first mention, reusing the entries of a known registry."""

    def __init__(self, known: list[dict[str, Any]], origins: dict[DataPath, int]):
        self.by_name = {
            name: entry
            for entry in known
            for name in [entry["name"], *entry.get("aliases", []), *(f["name"] for f in entry.get("former_names", []))]
        }
        self.found: dict[str, dict[str, Any]] = {}
        self.origins = origins

    def resolve(self, name: str, line: Line) -> tuple[str, bool]:
        """The id for ``name``, and whether the text used an alias rather than the name the registry
        gives the plan (its first former name, if the department was renamed since)."""
        entry = self.by_name.get(name)
        if entry is None:
            entry = {"id": f"dept-{len(self.found) + 1:02d}", "name": name}
            self.by_name[name] = entry
        if entry["id"] not in self.found:
            self.origins[("departments", len(self.found))] = line.number
        self.found.setdefault(entry["id"], entry)
        former = entry.get("former_names")
        return entry["id"], name != (former[0]["name"] if former else entry["name"])

    def entries(self) -> list[dict[str, Any]]:
        return list(self.found.values())

"""The plan's own rules about its records: ids, numbering, references, departments, markup;
and the helpers every rule reads the (possibly malformed) data with."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .load import DataPath

if TYPE_CHECKING:
    from .validate import Reporter

# The singular a collection's items are named by in messages: "measure m16, targets[1].year".
ITEM_NAMES = {"departments": "department", "topics": "topic", "chapters": "chapter", "measures": "measure"}
UNIT_ROLES = ("lead", "supporting", "responsible")


def records(data: dict, key: str) -> Iterator[tuple[int, dict]]:
    """The well-formed items of a top-level list; malformed ones were reported by the schema."""
    items = data.get(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def mapping_of(value: object) -> dict:
    """``value`` if it is a mapping (a well-formed record); the schema reported anything else."""
    return value if isinstance(value, dict) else {}


def text_of(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def int_of(record: dict, key: str) -> int | None:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def list_of(record: dict, key: str) -> list:
    value = record.get(key)
    return value if isinstance(value, list) else []


def targets_of(data: dict) -> Iterator[tuple[DataPath, dict]]:
    """Every target with the path to it, goals first, in document order."""
    for index, chapter in records(data, "chapters"):
        for goal_index, goal in enumerate(list_of(chapter, "goals")):
            if isinstance(goal, dict):
                for target_index, target in enumerate(list_of(goal, "targets")):
                    if isinstance(target, dict):
                        yield ("chapters", index, "goals", goal_index, "targets", target_index), target
    for index, measure in records(data, "measures"):
        for target_index, target in enumerate(list_of(measure, "targets")):
            if isinstance(target, dict):
                yield ("measures", index, "targets", target_index), target


def owner_of(data: dict, path: DataPath) -> dict:
    """The goal or measure that holds the target at ``path``."""
    holder: Any = data
    for part in path[:-2]:
        holder = holder[part]
    return holder


def unique_ids(report: Reporter, data: dict) -> None:
    for key in ITEM_NAMES:
        _report_repeated_ids(report, [((key, index), record) for index, record in records(data, key)], "id")
    _report_repeated_ids(report, list(targets_of(data)), "target id")


def _report_repeated_ids(report: Reporter, records: list[tuple[DataPath, dict]], label: str) -> None:
    seen: dict[str, int] = {}
    for path, record in records:
        record_id = text_of(record, "id")
        if record_id is None:
            continue
        if record_id in seen:
            report(
                path + ("id",),
                f"duplicate {label} '{record_id}' (already used on line {seen[record_id]})",
                "duplicate-id",
            )
        else:
            seen[record_id] = report.line_of(path + ("id",))


def numbering(report: Reporter, data: dict) -> None:
    """Chapters and measures are numbered 1, 2, 3… in the order the document gives them."""
    for key, name in (("chapters", "chapter"), ("measures", "measure")):
        seen: dict[int, int] = {}
        sequence_reported = False
        for position, (index, record) in enumerate(records(data, key), start=1):
            number = int_of(record, "number")
            if number is None:
                continue
            if number in seen:
                report(
                    (key, index, "number"),
                    f"duplicate {name} number {number} (already used on line {seen[number]})",
                    "duplicate-number",
                )
            # One break in the sequence shifts everything after it: report only the first.
            elif number != position and not sequence_reported:
                sequence_reported = True
                report(
                    (key, index, "number"),
                    f"{name}s are numbered 1, 2, 3… in document order: expected {position}, found {number}",
                    "numbering",
                )
            seen.setdefault(number, report.line_of((key, index, "number")))


def references(report: Reporter, data: dict) -> None:
    chapters = {text_of(c, "id"): int_of(c, "number") for _, c in records(data, "chapters")}
    departments = {d["id"]: d for _, d in records(data, "departments") if isinstance(d.get("id"), str)}
    topics = {text_of(t, "id") for _, t in records(data, "topics")}
    used_topics: set[str] = set()
    last_chapter_number = 0
    # A missing or malformed registry is reported by the schema; checking against it would only echo that.
    present = {key for key in ("chapters", "departments", "topics") if isinstance(data.get(key), list)}
    for index, measure in records(data, "measures"):
        chapter = text_of(measure, "chapter")
        if chapter is not None and chapter not in chapters and "chapters" in present:
            report(("measures", index, "chapter"), _unknown("chapter", chapter, chapters), "unknown-reference")
        elif chapter is not None and (chapters[chapter] or 0) < last_chapter_number:
            report(
                ("measures", index, "chapter"),
                f"chapter '{chapter}' comes before the chapter of the previous measure: measures follow document order",
                "chapter-order",
            )
        if chapter in chapters:
            last_chapter_number = max(last_chapter_number, chapters[chapter] or 0)
        for role in UNIT_ROLES:
            for position, department in enumerate(list_of(measure, role)):
                if isinstance(department, str) and department not in departments and "departments" in present:
                    report(
                        ("measures", index, role, position),
                        _unknown("department", department, departments),
                        "unknown-reference",
                    )
        for position, topic in enumerate(list_of(measure, "topics")):
            if isinstance(topic, str) and topic not in topics and "topics" in present:
                report(("measures", index, "topics", position), _unknown("topic", topic, topics), "unknown-reference")
            used_topics.add(topic)
        _written_as(report, index, measure, departments)
    for index, topic in records(data, "topics"):
        if text_of(topic, "id") and topic["id"] not in used_topics:
            report(
                ("topics", index, "id"),
                f"topic '{topic['id']}' is not used by any measure: use it or remove it",
                "unused-topic",
            )
    local = data.get("document", {}).get("local_governments") if isinstance(data.get("document"), dict) else None
    measure_ids = {text_of(m, "id") for _, m in records(data, "measures")}
    if isinstance(local, dict) and isinstance(local.get("stated_in"), str) and local["stated_in"] not in measure_ids:
        report(
            ("document", "local_governments", "stated_in"),
            _unknown("measure", local["stated_in"], measure_ids),
            "unknown-reference",
        )


def _unknown(kind: str, value: str, known: Any) -> str:
    hint = difflib.get_close_matches(value, [k for k in known if isinstance(k, str)], n=1)
    return f"unknown {kind} '{value}'" + (f"; did you mean '{hint[0]}'?" if hint else f": add it to the {kind}s first")


def _written_as(report: Reporter, index: int, measure: dict, departments: dict[str, dict]) -> None:
    spellings = measure.get("written_as")
    if not isinstance(spellings, dict):
        return
    named = {d for role in UNIT_ROLES for d in list_of(measure, role)}
    for department_id, spelling in spellings.items():
        path = ("measures", index, "written_as", department_id)
        if department_id not in named:
            report(
                path, f"'{department_id}' is not one of this measure's departments", "unknown-reference", at_key=True
            )
        elif department_id in departments and spelling not in list_of(departments[department_id], "aliases"):
            report(
                path,
                f"'{spelling}' is not an alias of department '{department_id}': add it to its aliases first",
                "unknown-alias",
            )


def unit_roles(report: Reporter, data: dict) -> None:
    for index, measure in records(data, "measures"):
        if any(role in measure and not isinstance(measure[role], list) for role in UNIT_ROLES):
            continue
        lead, supporting, responsible = (list_of(measure, role) for role in UNIT_ROLES)
        for department in set(lead) & set(supporting):
            if isinstance(department, str):
                position = supporting.index(department)
                report(
                    ("measures", index, "supporting", position),
                    f"'{department}' is both lead and supporting: keep it in one list",
                    "role-conflict",
                )
        if responsible and (lead or supporting):
            report(
                ("measures", index, "responsible"),
                "a measure names either 责任单位 (responsible) or 牵头/配合单位 (lead/supporting), not both",
                "role-conflict",
            )
        if supporting and not lead:
            report(
                ("measures", index, "supporting"),
                "supporting departments (配合单位) need a lead (牵头单位)",
                "role-conflict",
            )
        if measure.get("units_clause_ends_with_period") and not (lead or supporting or responsible):
            report(
                ("measures", index, "units_clause_ends_with_period"), "this measure has no unit clause", "role-conflict"
            )


def department_names(report: Reporter, data: dict) -> None:
    owner: dict[str, object] = {}
    for index, department in records(data, "departments"):
        names = [("name", text_of(department, "name"))] + [
            (("aliases", position), alias) for position, alias in enumerate(list_of(department, "aliases"))
        ]
        for field, name in names:
            if not isinstance(name, str):
                continue
            field_path = field if isinstance(field, tuple) else (field,)
            if name in owner and owner[name] != department.get("id"):
                report(
                    ("departments", index) + field_path,
                    f"'{name}' already names department '{owner[name]}'",
                    "duplicate-name",
                )
            elif name in owner:
                report(
                    ("departments", index) + field_path,
                    f"'{name}' is listed twice for this department",
                    "duplicate-name",
                )
            owner.setdefault(name, department.get("id"))


_MARKUP = re.compile(r"<[^>]*>?|>|javascript\s*:", re.IGNORECASE)


def no_markup(report: Reporter, data: dict) -> None:
    """Texts are shown exactly as typed, on every page: none may carry markup."""

    def walk(value: object, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and (found := _MARKUP.search(value)):
            report(
                path,
                f"'{found.group()}' looks like HTML or a script link; texts are shown exactly as typed "
                "and may not contain markup (write ＜ ＞ for angle brackets)",
                "markup",
            )

    walk(data, ())


RULES = (no_markup, unique_ids, numbering, references, unit_roles, department_names)

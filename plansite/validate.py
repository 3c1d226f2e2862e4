"""Stage 2: check the loaded data against the schema and the plan's own rules.

Every check yields problems instead of raising, so an editor sees all of them in one run.
The schema (``schema/measures.schema.json``) describes the shape; the rules here describe
what a schema cannot: references, numbering, years, and clauses that must quote the text.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .load import DataPath, LoadedYaml
from .problems import Problem

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "measures.schema.json"

# The singular a collection's items are named by in messages: "measure m16, targets[1].year".
_ITEM_NAMES = {"departments": "department", "topics": "topic", "chapters": "chapter", "measures": "measure"}
_UNIT_ROLES = ("lead", "supporting", "responsible")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def validate(loaded: LoadedYaml) -> list[Problem]:
    report = _Reporter(loaded)
    for error in _validator().iter_errors(loaded.data):
        _schema_problem(report, error)
    if isinstance(loaded.data, dict):
        for rule in _RULES:
            rule(report, loaded.data)
    return report.problems


class _Reporter:
    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self.problems: list[Problem] = []

    def __call__(self, path: DataPath, message: str, rule: str, *, at_key: bool = False) -> None:
        position = self.loaded.key_position(path) if at_key else self.loaded.position(path)
        where, field = self._describe(path)
        problem = Problem(path=self.loaded.path, line=position.line, column=position.column,
                          where=f"{where}, {field}" if where and field else where or field, message=message, rule=rule)
        # jsonschema raises a 'required' error per missing field, each listing them all.
        if problem not in self.problems:
            self.problems.append(problem)

    def line_of(self, path: DataPath) -> int:
        return self.loaded.position(path).line

    def _describe(self, path: DataPath) -> tuple[str, str]:
        """('measure m16', 'targets[1].year') for ('measures', 15, 'targets', 1, 'year')."""
        data = self.loaded.data
        if not path:
            return "", ""
        if path[0] in _ITEM_NAMES and len(path) >= 2 and isinstance(path[1], int):
            item = data[path[0]][path[1]] if isinstance(data.get(path[0]), list) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            name = _ITEM_NAMES[path[0]]
            where = f"{name} {item_id}" if isinstance(item_id, str) else f"{name} #{path[1] + 1}"
            return where, _field_path(path[2:])
        return str(path[0]), _field_path(path[1:])


def _field_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---- schema errors, in words an editor can act on ------------------------------------------

_TYPE_WORDS = {"object": "a set of fields", "array": "a list", "string": "text", "integer": "a whole number",
               "number": "a number", "boolean": "true or false", "null": "nothing (null)"}


def _type_word(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value}'"
    return str(value)


def _schema_problem(report: _Reporter, error: jsonschema.ValidationError) -> None:
    path = tuple(error.absolute_path)
    value, keyword, rule_value = error.instance, error.validator, error.validator_value
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; allowed fields: {', '.join(allowed)}"
            report(path + (key,), f"unknown field '{key}'{suggestion}", "unknown-key", at_key=True)
    elif keyword == "required":
        missing = [name for name in rule_value if name not in value]
        for name in missing:
            report(path, f"missing required field '{name}'", "missing-field")
    elif keyword == "type":
        expected = rule_value if isinstance(rule_value, list) else [rule_value]
        words = " or ".join(_TYPE_WORDS[kind] for kind in expected)
        report(path, f"expected {words}, found {_type_word(value)}", "wrong-type")
    elif keyword == "pattern" and "x-message" in error.schema:
        shown = f"'{value}'" if value.strip() else "the text"
        report(path, f"{shown} {error.schema['x-message']}", "bad-value")
    elif keyword == "enum":
        hint = f"; {error.schema['x-message']}" if "x-message" in error.schema else ""
        report(path, f"{_type_word(value)} is not one of: {', '.join(map(str, rule_value))}{hint}", "not-allowed")
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        report(path, f"{value} is not allowed here: it must be {bound} {rule_value}", "out-of-range")
    elif keyword == "minItems":
        report(path, f"the list is empty: give at least {rule_value}", "empty-list")
    elif keyword == "uniqueItems":
        repeated = sorted({json.dumps(item, ensure_ascii=False) for item in value if value.count(item) > 1})
        report(path, f"the list names {', '.join(repeated)} more than once", "repeated-item")
    elif keyword == "maxLength":
        shown = value if len(value) <= 60 else value[:20] + "…"
        report(path, f"'{shown}' is too long: at most {rule_value} characters", "too-long")
    else:
        report(path, error.message, "schema")


# ---- the plan's own rules --------------------------------------------------------------------

def _records(data: dict, key: str) -> Iterator[tuple[int, dict]]:
    """The well-formed items of a top-level list; malformed ones were reported by the schema."""
    items = data.get(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def _text(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def _int(record: dict, key: str) -> int | None:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _list(record: dict, key: str) -> list:
    value = record.get(key)
    return value if isinstance(value, list) else []


def _unique_ids(report: _Reporter, data: dict) -> None:
    for key in _ITEM_NAMES:
        _report_repeated_ids(report, [((key, index), record) for index, record in _records(data, key)], "id")
    _report_repeated_ids(report, list(_targets(data)), "target id")


def _report_repeated_ids(report: _Reporter, records: list[tuple[DataPath, dict]], label: str) -> None:
    seen: dict[str, int] = {}
    for path, record in records:
        record_id = _text(record, "id")
        if record_id is None:
            continue
        if record_id in seen:
            report(path + ("id",), f"duplicate {label} '{record_id}' (already used on line {seen[record_id]})",
                   "duplicate-id")
        else:
            seen[record_id] = report.line_of(path + ("id",))


def _numbering(report: _Reporter, data: dict) -> None:
    """Chapters and measures are numbered 1, 2, 3… in the order the document gives them."""
    for key, name in (("chapters", "chapter"), ("measures", "measure")):
        seen: dict[int, int] = {}
        sequence_reported = False
        for position, (index, record) in enumerate(_records(data, key), start=1):
            number = _int(record, "number")
            if number is None:
                continue
            if number in seen:
                report((key, index, "number"), f"duplicate {name} number {number} (already used on line {seen[number]})",
                       "duplicate-number")
            # One break in the sequence shifts everything after it: report only the first.
            elif number != position and not sequence_reported:
                sequence_reported = True
                report((key, index, "number"),
                       f"{name}s are numbered 1, 2, 3… in document order: expected {position}, found {number}",
                       "numbering")
            seen.setdefault(number, report.line_of((key, index, "number")))


def _references(report: _Reporter, data: dict) -> None:
    chapters = {_text(c, "id"): _int(c, "number") for _, c in _records(data, "chapters")}
    departments = {_text(d, "id"): d for _, d in _records(data, "departments")}
    topics = {_text(t, "id") for _, t in _records(data, "topics")}
    used_topics: set[str] = set()
    last_chapter_number = 0
    # A missing or malformed registry is reported by the schema; checking against it would only echo that.
    present = {key for key in ("chapters", "departments", "topics") if isinstance(data.get(key), list)}
    for index, measure in _records(data, "measures"):
        chapter = _text(measure, "chapter")
        if chapter is not None and chapter not in chapters and "chapters" in present:
            report(("measures", index, "chapter"), _unknown("chapter", chapter, chapters), "unknown-reference")
        elif chapter is not None and (chapters[chapter] or 0) < last_chapter_number:
            report(("measures", index, "chapter"),
                   f"chapter '{chapter}' comes before the chapter of the previous measure: measures follow document order",
                   "chapter-order")
        if chapter in chapters:
            last_chapter_number = max(last_chapter_number, chapters[chapter] or 0)
        for role in _UNIT_ROLES:
            for position, department in enumerate(_list(measure, role)):
                if isinstance(department, str) and department not in departments and "departments" in present:
                    report(("measures", index, role, position), _unknown("department", department, departments),
                           "unknown-reference")
        for position, topic in enumerate(_list(measure, "topics")):
            if isinstance(topic, str) and topic not in topics and "topics" in present:
                report(("measures", index, "topics", position), _unknown("topic", topic, topics), "unknown-reference")
            used_topics.add(topic)
        _written_as(report, index, measure, departments)
    for index, topic in _records(data, "topics"):
        if _text(topic, "id") and topic["id"] not in used_topics:
            report(("topics", index, "id"), f"topic '{topic['id']}' is not used by any measure: use it or remove it",
                   "unused-topic")
    local = data.get("document", {}).get("local_governments") if isinstance(data.get("document"), dict) else None
    measure_ids = {_text(m, "id") for _, m in _records(data, "measures")}
    if isinstance(local, dict) and isinstance(local.get("stated_in"), str) and local["stated_in"] not in measure_ids:
        report(("document", "local_governments", "stated_in"), _unknown("measure", local["stated_in"], measure_ids),
               "unknown-reference")


def _unknown(kind: str, value: str, known: Any) -> str:
    hint = difflib.get_close_matches(value, [k for k in known if isinstance(k, str)], n=1)
    return f"unknown {kind} '{value}'" + (f"; did you mean '{hint[0]}'?" if hint else f": add it to the {kind}s first")


def _written_as(report: _Reporter, index: int, measure: dict, departments: dict[str, dict]) -> None:
    spellings = measure.get("written_as")
    if not isinstance(spellings, dict):
        return
    named = {d for role in _UNIT_ROLES for d in _list(measure, role)}
    for department_id, spelling in spellings.items():
        path = ("measures", index, "written_as", department_id)
        if department_id not in named:
            report(path, f"'{department_id}' is not one of this measure's departments", "unknown-reference", at_key=True)
        elif department_id in departments and spelling not in _list(departments[department_id], "aliases"):
            report(path, f"'{spelling}' is not an alias of department '{department_id}': add it to its aliases first",
                   "unknown-alias")


def _unit_roles(report: _Reporter, data: dict) -> None:
    for index, measure in _records(data, "measures"):
        if any(role in measure and not isinstance(measure[role], list) for role in _UNIT_ROLES):
            continue
        lead, supporting, responsible = (_list(measure, role) for role in _UNIT_ROLES)
        for department in set(lead) & set(supporting):
            if isinstance(department, str):
                position = supporting.index(department)
                report(("measures", index, "supporting", position),
                       f"'{department}' is both lead and supporting: keep it in one list", "role-conflict")
        if responsible and (lead or supporting):
            report(("measures", index, "responsible"),
                   "a measure names either 责任单位 (responsible) or 牵头/配合单位 (lead/supporting), not both",
                   "role-conflict")
        if supporting and not lead:
            report(("measures", index, "supporting"), "supporting departments (配合单位) need a lead (牵头单位)",
                   "role-conflict")
        if measure.get("units_clause_ends_with_period") and not (lead or supporting or responsible):
            report(("measures", index, "units_clause_ends_with_period"), "this measure has no unit clause",
                   "role-conflict")


def _department_names(report: _Reporter, data: dict) -> None:
    owner: dict[str, str] = {}
    for index, department in _records(data, "departments"):
        names = [("name", _text(department, "name"))] + [
            (("aliases", position), alias) for position, alias in enumerate(_list(department, "aliases"))]
        for field, name in names:
            if not isinstance(name, str):
                continue
            field_path = field if isinstance(field, tuple) else (field,)
            if name in owner and owner[name] != department.get("id"):
                report(("departments", index) + field_path, f"'{name}' already names department '{owner[name]}'",
                       "duplicate-name")
            elif name in owner:
                report(("departments", index) + field_path, f"'{name}' is listed twice for this department",
                       "duplicate-name")
            owner.setdefault(name, department.get("id"))


def _targets(data: dict) -> Iterator[tuple[DataPath, dict]]:
    """Every target with the path to it, goals first, in document order."""
    for index, chapter in _records(data, "chapters"):
        for goal_index, goal in enumerate(_list(chapter, "goals")):
            if isinstance(goal, dict):
                for target_index, target in enumerate(_list(goal, "targets")):
                    if isinstance(target, dict):
                        yield ("chapters", index, "goals", goal_index, "targets", target_index), target
    for index, measure in _records(data, "measures"):
        for target_index, target in enumerate(_list(measure, "targets")):
            if isinstance(target, dict):
                yield ("measures", index, "targets", target_index), target


def _owner(data: dict, path: DataPath) -> dict:
    """The goal or measure that holds the target at ``path``."""
    holder: Any = data
    for part in path[:-2]:
        holder = holder[part]
    return holder


def _target_rules(report: _Reporter, data: dict) -> None:
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    span = document.get("target_years") if isinstance(document.get("target_years"), dict) else {}
    first, last = _int(span, "from"), _int(span, "to")
    if first is not None and last is not None and first > last:
        report(("document", "target_years"), f"the span runs backwards: {first} is after {last}", "year-span")
        first = last = None
    for path, target in _targets(data):
        owner = _owner(data, path)
        year, baseline = _int(target, "year"), _int(target, "baseline_year")
        if year is not None and first is not None and last is not None and not first <= year <= last:
            report(path + ("year",), f"{year} is outside {first}–{last}", "target-year")
        if path[0] == "chapters" and year is not None and _int(owner, "year") not in (None, year):
            report(path + ("year",), f"{year} differs from its goal's year {owner['year']}", "target-year")
        if baseline is not None and year is not None and baseline >= year:
            report(path + ("baseline_year",), f"the baseline {baseline} is not before the target year {year}",
                   "baseline-year")
        owner_id, target_id = _text(owner, "id"), _text(target, "id")
        if owner_id and target_id and not target_id.startswith(f"{owner_id}-t"):
            report(path + ("id",), f"target id '{target_id}' must start with '{owner_id}-t', the id of what holds it",
                   "target-id")
        clause, owner_text = _text(target, "text"), _text(owner, "text")
        if clause and owner_text and clause.strip() and _nfkc(clause) not in _nfkc(owner_text):
            report(path + ("text",), "this clause is not in the text it belongs to: copy it exactly from the text",
                   "target-clause")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _document_rules(report: _Reporter, data: dict) -> None:
    document = data.get("document")
    if not isinstance(document, dict):
        return
    dates = {}
    for key in ("signed", "published"):
        value = _text(document, key)
        try:
            dates[key] = datetime.date.fromisoformat(value) if value else None
        except ValueError:
            report(("document", key), f"'{value}' is not a real calendar date", "bad-date")
    if dates.get("signed") and dates.get("published") and dates["published"] < dates["signed"]:
        report(("document", "published"), "the plan cannot be published before it was signed", "bad-date")
    for index, measure in _records(data, "measures"):
        previous = None
        for position, correction in enumerate(_list(measure, "corrections")):
            value = _text(correction, "date") if isinstance(correction, dict) else None
            path = ("measures", index, "corrections", position, "date")
            try:
                date = datetime.date.fromisoformat(value) if value else None
            except ValueError:
                report(path, f"'{value}' is not a real calendar date", "bad-date")
                continue
            if date and dates.get("published") and date < dates["published"]:
                report(path, f"a correction cannot predate the plan's publication ({dates['published']})", "bad-date")
            elif date and previous and date < previous:
                report(path, "corrections are listed oldest first: this one is older than the one above", "bad-date")
            previous = date or previous
    preamble = _text(document, "preamble") or ""
    for index, basis in enumerate(_list(document, "bases")):
        number = _text(basis, "number") if isinstance(basis, dict) else None
        if number and preamble and number not in preamble:
            report(("document", "bases", index, "number"), f"'{number}' is not cited in the preamble", "basis")


def _parsed_date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _date(report: _Reporter, path: DataPath, value: object) -> datetime.date | None:
    """The date at ``path``, or None (reported) if it does not exist; malformed text was reported by the schema."""
    date = _parsed_date(value)
    if date is None and isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        report(path, f"'{value}' is not a real calendar date", "bad-date")
    return date


def _progress_rules(report: _Reporter, data: dict) -> None:
    """Reports must be dated within the plan's life up to the data's as-of date, oldest first,
    and a target can only be reported missed once its year is over."""
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    progress = data.get("progress") if isinstance(data.get("progress"), dict) else {}
    signed = _parsed_date(document.get("signed"))  # _document_rules reports a signing date that is wrong
    as_of = _date(report, ("progress", "as_of"), progress.get("as_of"))
    if as_of and signed and as_of < signed:
        report(("progress", "as_of"), f"the data cannot be as of a date before the plan was signed ({signed})",
               "bad-date")
        as_of = None
    for target_path, target in _targets(data):
        year, previous = _int(target, "year"), None
        for index, record in enumerate(_list(target, "progress")):
            if not isinstance(record, dict):
                continue
            path = target_path + ("progress", index)
            date = _date(report, path + ("date",), record.get("date"))
            if date is None:
                continue
            if signed and date < signed:
                report(path + ("date",), f"a report cannot predate the plan ({signed})", "progress-date")
            elif as_of and date > as_of:
                report(path + ("date",), f"this report is dated after the data's as-of date {as_of}: "
                                         "move progress.as_of forward, or correct the date", "progress-date")
            elif previous and date <= previous:
                report(path + ("date",), "reports are listed oldest first, one per date: "
                                         f"this one is not after the one above ({previous})", "progress-date")
            if record.get("status") == "未按期完成" and year is not None and date <= datetime.date(year, 12, 31):
                report(path + ("status",), f"a target due in {year} cannot be reported 未按期完成 "
                                           f"before its year is over (reported {date})", "missed-early")
            previous = date


# Markup in a text: HTML tags, or a script URL that a renderer might turn into a link.
_MARKUP = re.compile(r"<[^>]*>?|>|javascript\s*:", re.IGNORECASE)


def _no_markup(report: _Reporter, data: dict) -> None:
    """Texts are shown exactly as typed, on every page: none may carry markup."""
    def walk(value: object, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and (found := _MARKUP.search(value)):
            report(path, f"'{found.group()}' looks like HTML or a script link; texts are shown exactly as typed "
                         "and may not contain markup (write ＜ ＞ for angle brackets)", "markup")

    walk(data, ())


_RULES = (_no_markup, _unique_ids, _numbering, _references, _unit_roles, _department_names, _target_rules, _document_rules,
          _progress_rules)

"""Stage 2: check the loaded data against the schema and the plan's own rules.

Every check reports its problems instead of raising, so an editor sees all of them in one run.
The schema (``schema/measures.schema.json``) describes the shape, checked here by jsonschema;
``rules`` and ``dated_rules`` describe what a schema cannot: references, numbering, years,
dates, and clauses that must quote the text.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

import jsonschema

from . import dated_rules, rules
from .load import DataPath, LoadedYaml
from .problems import Problem
from .rules import ITEM_NAMES

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "measures.schema.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def validate(loaded: LoadedYaml) -> list[Problem]:
    report = Reporter(loaded)
    for error in _validator().iter_errors(loaded.data):
        _schema_problem(report, error)
    if isinstance(loaded.data, dict):
        for rule in (*rules.RULES, *dated_rules.RULES):
            rule(report, loaded.data)
    return report.problems


class Reporter:
    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self.problems: list[Problem] = []

    def __call__(self, path: DataPath, message: str, rule: str, *, at_key: bool = False) -> None:
        position = self.loaded.key_position(path) if at_key else self.loaded.position(path)
        where, field = self._describe(path)
        problem = Problem(
            path=self.loaded.path,
            line=position.line,
            column=position.column,
            where=f"{where}, {field}" if where and field else where or field,
            message=message,
            rule=rule,
        )
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
        if path[0] in ITEM_NAMES and len(path) >= 2 and isinstance(path[1], int):
            item = data[path[0]][path[1]] if isinstance(data.get(path[0]), list) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            name = ITEM_NAMES[path[0]]
            where = f"{name} {item_id}" if isinstance(item_id, str) else f"{name} #{path[1] + 1}"
            return where, _field_path(path[2:])
        return str(path[0]), _field_path(path[1:])


def _field_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---- schema errors, in words an editor can act on ------------------------------------------

_TYPE_WORDS = {
    "object": "a set of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing (null)",
}


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


def _schema_problem(report: Reporter, error: jsonschema.ValidationError) -> None:
    path = tuple(error.absolute_path)
    value: Any = error.instance
    keyword, rule_value = str(error.validator), cast(Any, error.validator_value)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; allowed fields: {', '.join(allowed)}"
            report(path + (key,), f"unknown field '{key}'{suggestion}", "unknown-key", at_key=True)
    elif keyword == "required":
        missing = [name for name in rule_value if name not in value]
        for name in missing:
            report(path, f"missing required field '{name}'", "missing-field")
    elif keyword == "type":
        expected: list[str] = rule_value if isinstance(rule_value, list) else [rule_value]
        words = " or ".join(_TYPE_WORDS[kind] for kind in expected)
        report(path, f"expected {words}, found {_type_word(value)}", "wrong-type")
    elif keyword == "pattern" and "x-message" in schema:
        shown = f"'{value}'" if value.strip() else "the text"
        report(path, f"{shown} {schema['x-message']}", "bad-value")
    elif keyword == "enum":
        advice = f"; {schema['x-message']}" if "x-message" in schema else ""
        report(path, f"{_type_word(value)} is not one of: {', '.join(map(str, rule_value))}{advice}", "not-allowed")
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

"""Stage 2: check the loaded data against the schema and the plan's own rules.

Every check reports its problems instead of raising, so an editor sees all of them in one run.
The schema (``schema/measures.schema.json``) describes the shape, checked here by jsonschema;
``rules``, ``unit_rules``, ``dated_rules`` and ``follow_up_rules`` describe what a schema cannot:
references, numbering, years, dates, clauses that must quote the text, and the documents,
verifications and validity that follow the plan.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

import jsonschema

from plansite import repository
from plansite.data import dated_rules, follow_up_rules, keyboard, rules, unit_rules, value_hints
from plansite.data.load import LoadedYaml
from plansite.data.reporter import Reporter
from plansite.problems import Problem

SCHEMA_PATH = repository.DATA_SCHEMA


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _is_integer(_checker: object, value: object) -> bool:
    # JSON Schema counts 2025.0 as an integer; the site would then show 2025.0年 or fail to.
    return isinstance(value, int) and not isinstance(value, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@cache
def _validator() -> jsonschema.protocols.Validator:
    # jsonschema looks a $ref up again for every value it checks: with each written in place, a
    # file of 30,000 records is checked in two thirds of the time, with the same errors.
    return _Validator(_refs_in_place(schema(), schema()["$defs"]))


def _refs_in_place(node: Any, defs: Mapping[str, Any]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/x"}`` replaced by the definition it names: the
    schema's references are all of that form, and none refers back to itself."""
    if isinstance(node, list):
        return [_refs_in_place(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {key: _refs_in_place(value, defs) for key, value in node.items() if key not in ("$ref", "$defs")}
    if "$ref" not in node:
        return rest
    named = _refs_in_place(defs[node["$ref"].removeprefix("#/$defs/")], defs)
    return {"allOf": [named], **rest} if rest else named


def validate(loaded: LoadedYaml) -> list[Problem]:
    loaded, renamed = value_hints.keys_as_meant(loaded)
    report = Reporter(loaded)
    for path, message in renamed:
        report(path, message + keyboard.SWITCH, "unknown-key", at_key=True)
    for error in _validator().iter_errors(loaded.data):
        _schema_problem(report, error)
    if isinstance(loaded.data, dict):
        for rule in (*rules.RULES, *unit_rules.RULES, *dated_rules.RULES, *follow_up_rules.RULES):
            rule(report, loaded.data)
    return report.problems


# ---- schema errors, in words an editor can act on ------------------------------------------

_TYPE_WORDS = {
    "object": "一组字段",
    "array": "列表",
    "string": "文字",
    "integer": "整数",
    "number": "数",
    "boolean": "true 或 false",
    "null": "空值（null）",
}


def _type_word(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "一组字段"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return f"文字 '{value if len(value) <= 60 else value[:20] + '…'}'"
    return str(value)


def _schema_problem(report: Reporter, error: jsonschema.ValidationError) -> None:
    path = tuple(error.absolute_path)
    value: Any = error.instance
    keyword, rule_value = str(error.validator), cast(Any, error.validator_value)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            report(path + (key,), f"未知字段 '{key}'{_suggested_key(key, allowed)}", "unknown-key", at_key=True)
    elif keyword == "required":
        missing = [name for name in rule_value if name not in value]
        for name in missing:
            report(path, f"缺少必填字段 '{name}'", "missing-field")
    elif keyword == "dependentRequired":
        for name, needed in rule_value.items():
            for other in (n for n in needed if name in value and n not in value):
                report(path, f"写了 '{name}' 就要同时写 '{other}'", "missing-field")
    elif keyword == "type":
        expected: list[str] = rule_value if isinstance(rule_value, list) else [rule_value]
        typed = value_hints.value_hint(value, expected[0]) if isinstance(value, str) else None
        if typed:
            report(path, *typed, explains=True)
            return
        words = "或".join(_TYPE_WORDS[kind] for kind in expected)
        report(path, f"这里应当是{words}，实际是{_type_word(value)}", "wrong-type")
    elif keyword == "pattern" and (typed := value_hints.value_hint(value, "pattern", rule_value)):
        report(path, *typed, explains=True)
    elif keyword == "pattern" and "x-message" in schema:
        shown = f"'{value}'" if value.strip() else "这段文字"
        report(path, f"{shown} {schema['x-message']}", "bad-value")
    elif keyword == "enum":
        advice = f"；{schema['x-message']}" if "x-message" in schema else ""
        report(
            path, f"{_type_word(value)}不是可选的值，可选值有：{', '.join(map(str, rule_value))}{advice}", "not-allowed"
        )
    elif keyword == "const":
        advice = f"；{schema['x-message']}" if "x-message" in schema else ""
        shown_value = json.dumps(rule_value, ensure_ascii=False)
        report(path, f"{_type_word(value)}不是可选的值：只能写 {shown_value}{advice}", "not-allowed")
    elif keyword in ("minimum", "maximum"):
        bound = "不小于" if keyword == "minimum" else "不大于"
        report(path, f"{value} 超出了允许的范围：应当{bound} {rule_value}", "out-of-range")
    elif keyword == "minItems":
        report(path, f"列表是空的：至少要写 {rule_value} 项", "empty-list")
    elif keyword == "uniqueItems":
        repeated = sorted({json.dumps(item, ensure_ascii=False) for item in value if value.count(item) > 1})
        report(path, f"列表中的 {', '.join(repeated)} 出现了不止一次", "repeated-item")
    elif keyword == "maxLength":
        shown = value if len(value) <= 60 else value[:20] + "…"
        report(path, f"'{shown}' 太长了：最多 {rule_value} 个字符，这里有 {len(value)} 个", "too-long")
    else:
        report(path, f"不符合数据结构的要求：{error.message}", "schema")


def _suggested_key(key: str, allowed: list[str]) -> str:
    """The field an editor meant: typed in full-width letters, named in Chinese (牵头单位 for
    lead), or misspelt."""
    typed = value_hints.ascii_form(key)
    chinese = value_hints.meant_key(key) if value_hints.in_chinese(key) else None
    if typed != key and typed in allowed:
        return f"：字段名用了全角字母，写成 {typed}{keyboard.SWITCH}"
    if chinese in allowed:
        return f"：字段名要写英文，“{key}”写作 {chinese}"
    hint = difflib.get_close_matches(key, allowed, n=1)
    return f"：是不是 '{hint[0]}'？" if hint else f"：可用的字段有 {', '.join(allowed)}"

"""A yes/no check compiled from the data schema, so that valid data skips jsonschema's walk.

jsonschema explains every problem well, but it spends about ten microseconds on each value, and a
plan of 5,000 measures holds 145,000 of them. Valid data is the usual case, so validation first
asks this check, compiled once into plain Python functions, whether the data is valid; jsonschema
runs only when the answer is no, to say why. The check may answer no when in doubt (jsonschema then
decides), never yes to data jsonschema would refuse: it knows the keywords below and refuses to
compile a schema that uses any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default", "x-message"})
_OBJECT_KEYWORDS = frozenset({"properties", "additionalProperties", "required", "propertyNames"})


class UnsupportedSchema(Exception):
    """The schema uses a keyword this check does not implement."""


def compile_acceptor(schema: Mapping[str, Any] | bool) -> Check:
    """A function of the data that is True only if ``schema`` (with its $refs inlined) accepts it."""
    if schema is True:
        return _always
    if schema is False:
        return _never
    checks: list[Check] = []
    if "type" in schema:
        checks.append(_type(schema["type"]))
    if _OBJECT_KEYWORDS & schema.keys():
        checks.append(_object(schema))
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or keyword in _OBJECT_KEYWORDS or keyword == "type":
            continue
        if keyword not in _KEYWORDS:
            raise UnsupportedSchema(f"the schema keyword '{keyword}' has no quick check; add one to {__name__}")
        checks.append(_KEYWORDS[keyword](value))
    if len(checks) == 1:
        return checks[0]

    def all_checks(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True

    return all_checks


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


# Exact types only: bool is not a number, and a float that happens to be whole (which
# jsonschema counts as an integer) is left to jsonschema.
_TYPES: Mapping[str, Callable[[Any], bool]] = {
    "object": lambda value: type(value) is dict,
    "array": lambda value: type(value) is list,
    "string": lambda value: type(value) is str,
    "integer": lambda value: type(value) is int,
    "number": lambda value: type(value) in (int, float),
    "boolean": lambda value: type(value) is bool,
    "null": lambda value: value is None,
}


def _type(expected: str | list[str]) -> Check:
    kinds = [expected] if isinstance(expected, str) else list(expected)
    tests = [_TYPES[kind] for kind in kinds]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _object(schema: Mapping[str, Any]) -> Check:
    properties = {name: compile_acceptor(sub) for name, sub in schema.get("properties", {}).items()}
    additional = compile_acceptor(schema.get("additionalProperties", True))
    check_additional = additional is not _always
    required = tuple(schema.get("required", ()))
    names = compile_acceptor(schema["propertyNames"]) if "propertyNames" in schema else None

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return True  # the keywords apply to objects only; "type" says whether it must be one
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            if names is not None and not names(name):
                return False
            known = properties.get(name)
            if known is not None:
                if not known(item):
                    return False
            elif check_additional and not additional(item):
                return False
        return True

    return check


def _items(schema: Mapping[str, Any] | bool) -> Check:
    item_check = compile_acceptor(schema)

    def check(value: Any) -> bool:
        if type(value) is not list:
            return True
        for item in value:
            if not item_check(item):
                return False
        return True

    return check


def _min_items(bound: int) -> Check:
    return lambda value: type(value) is not list or len(value) >= bound


def _unique_items(unique: bool) -> Check:
    if not unique:
        return _always

    def check(value: Any) -> bool:
        if type(value) is not list:
            return True
        # Text only: jsonschema's equality of numbers and booleans differs from Python's.
        return all(type(item) is str for item in value) and len(set(value)) == len(value)

    return check


def _pattern(expression: str) -> Check:
    search = re.compile(expression).search
    return lambda value: type(value) is not str or search(value) is not None


def _max_length(bound: int) -> Check:
    return lambda value: type(value) is not str or len(value) <= bound


def _min_length(bound: int) -> Check:
    return lambda value: type(value) is not str or len(value) >= bound


def _minimum(bound: float) -> Check:
    return lambda value: type(value) not in (int, float) or value >= bound


def _maximum(bound: float) -> Check:
    return lambda value: type(value) not in (int, float) or value <= bound


def _enum(allowed: list[Any]) -> Check:
    # Equal and of the same type: True is not 1 to jsonschema, though it is to Python.
    choices = [(type(choice), choice) for choice in allowed]
    return lambda value: any(type(value) is kind and value == choice for kind, choice in choices)


_KEYWORDS: Mapping[str, Callable[[Any], Check]] = {
    "items": _items, "minItems": _min_items, "uniqueItems": _unique_items,
    "pattern": _pattern, "maxLength": _max_length, "minLength": _min_length,
    "minimum": _minimum, "maximum": _maximum, "enum": _enum,
}

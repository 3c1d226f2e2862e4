"""Problems found in the data, reported compiler-style so an editor can fix them all at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# Every kind of problem the generator reports. Each has a fixture under tests/fixtures/errors/
# (or, for the few that need a generated file, a test of its own).
RULES: Mapping[str, str] = MappingProxyType({
    "missing-file": "the data file does not exist",
    "file-too-large": "the file is larger than any plan needs",
    "bom": "the file starts with a UTF-8 byte-order mark",
    "not-utf8": "the file is not UTF-8",
    "empty-file": "the file holds no data",
    "tab-indentation": "a line is indented with a tab",
    "yaml-syntax": "the file is not valid YAML",
    "nesting": "the file nests deeper than the parser allows",
    "alias": "an anchor (&) is repeated by an alias (*)",
    "tag": "a value carries a YAML tag (!!…)",
    "bad-key": "a key is not a plain name",
    "duplicate-key": "a key appears twice in one record",
    "unknown-key": "a field the schema does not know",
    "missing-field": "a required field is missing",
    "wrong-type": "a value of the wrong type",
    "bad-value": "a value of the wrong form (an id, a date, an empty text)",
    "not-allowed": "a value outside a closed list",
    "out-of-range": "a number outside its range",
    "empty-list": "a list that must not be empty is empty",
    "repeated-item": "a list names an item twice",
    "too-long": "an id is too long",
    "schema": "any other schema violation",
    "duplicate-id": "two records share an id",
    "duplicate-number": "two chapters or measures share a number",
    "numbering": "numbers do not run 1, 2, 3… in document order",
    "chapter-order": "a measure stands before the chapter of the measure above it",
    "unknown-reference": "a reference to a department, chapter, topic or measure that does not exist",
    "unknown-alias": "a spelling that is not an alias of the department",
    "role-conflict": "lead, supporting and responsible departments that contradict each other",
    "unused-topic": "a topic no measure uses",
    "duplicate-name": "two departments share a name or alias",
    "year-span": "the plan's span of target years runs backwards",
    "target-year": "a target year outside the plan's span or its goal's year",
    "baseline-year": "a baseline year that is not before the target year",
    "target-id": "a target id that does not start with its owner's id",
    "target-clause": "a target's clause that is not in the text it belongs to",
    "bad-date": "a date that does not exist, or publication before signature",
    "basis": "a basis document that the preamble does not cite",
    "markup": "HTML or a script link inside a text",
})


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str
    rule: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}: add it to RULES with a fixture")

    def __str__(self) -> str:
        prefix = f"{self.path}:{self.line}:{self.column}:"
        return f"{prefix} {self.where}: {self.message}" if self.where else f"{prefix} {self.message}"


class DataError(Exception):
    """Raised when a stage found problems; carries all of them, sorted by position."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''}")
        return "\n".join(lines)

"""Stage 1: read the YAML file safely and remember where every value stands.

PyYAML's constructor would accept duplicate keys silently, expand alias bombs and forget line
numbers, so the composed nodes (which carry their marks) are turned into data here, refusing
what a data file should never hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor

from .problems import DataError, Problem

MAX_BYTES = 32 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_YAML_TAG = "tag:yaml.org,2002:"

DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True, kw_only=True)
class LoadedYaml:
    """Plain Python data plus the position of every value and every mapping key in it."""

    path: str
    data: Any
    # The parser's own marks (0-based).
    value_positions: dict[DataPath, yaml.Mark] = field(repr=False)
    key_positions: dict[DataPath, yaml.Mark] = field(repr=False)

    def position(self, path: DataPath) -> Position:
        """Where the value at ``path`` stands, or its nearest existing ancestor."""
        while path not in self.value_positions and path:
            path = path[:-1]
        mark = self.value_positions.get(path)
        return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)

    def key_position(self, path: DataPath) -> Position:
        mark = self.key_positions.get(path)
        return Position(mark.line + 1, mark.column + 1) if mark else self.position(path)


def load(file: Path, display_path: str) -> LoadedYaml:
    """Read ``file``; raise ``DataError`` listing every problem that stops it being read."""
    problem = _file_problem(file, display_path)
    if problem:
        raise DataError([problem])
    raw = file.read_bytes()
    text = _decode(raw, display_path)
    problems = _tab_indentation(text, display_path)
    if problems:
        raise DataError(problems)
    converter = _Converter(display_path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = converter.convert(root, ()) if root is not None else None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, display_path)]) from None
    except RecursionError:
        raise DataError([_at(display_path, 1, 1, "the file is nested too deeply to be read", "nesting")]) from None
    if root is None:
        raise DataError(
            [_at(display_path, 1, 1, "the file has no data in it (it is empty or only comments)", "empty-file")]
        )
    if converter.problems:
        raise DataError(converter.problems)
    return LoadedYaml(
        path=display_path, data=data, value_positions=converter.value_positions, key_positions=converter.key_positions
    )


def _at(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path=path, line=line, column=column, where="", message=message, rule=rule)


def _file_problem(file: Path, display_path: str) -> Problem | None:
    if not file.is_file():
        return _at(display_path, 1, 1, "the file does not exist", "missing-file")
    size = file.stat().st_size
    if size > MAX_BYTES:
        return _at(
            display_path,
            1,
            1,
            f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB "
            "(this plan needs under 1 MB, a plan of 5,000 measures about 7 MB: was something pasted by mistake?)",
            "file-too-large",
        )
    return None


def _decode(raw: bytes, display_path: str) -> str:
    if raw.startswith(_BOM):
        raise DataError(
            [
                _at(
                    display_path,
                    1,
                    1,
                    "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
                    "bom",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise DataError(
            [
                _at(
                    display_path,
                    line,
                    column,
                    f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
                    "save it with UTF-8 encoding (it may have been saved as GBK)",
                    "not-utf8",
                )
            ]
        ) from None


def _tab_indentation(text: str, display_path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                _at(
                    display_path,
                    number,
                    indent.index("\t") + 1,
                    "this line is indented with a tab; YAML allows only spaces: replace the tab with spaces",
                    "tab-indentation",
                )
            )
    return problems


# What PyYAML's terse syntax messages mean to someone who is not a programmer.
_SYNTAX_HELP = (
    (
        "mapping values are not allowed here",
        "a colon followed by a space (': ') appears inside a value; use the full-width colon '：' "
        "in Chinese text, or put the whole value in quotes",
    ),
    (
        "could not find expected ':'",
        "a line has no colon after its field name, or a text continues on a line that is not "
        "indented like the lines around it",
    ),
    (
        "did not find expected key",
        "the indentation does not line up: a field is indented more or less than the fields beside it",
    ),
    (
        "did not find expected '-' indicator",
        "a list item is indented differently from the items before it: line up the '-' marks",
    ),
    (
        "expected <block end>",
        "the indentation does not line up: a line is indented more or less than the lines beside it",
    ),
    ("found unexpected end of stream", "a quotation mark or bracket is opened but never closed"),
    ("found undefined alias", "a '*' starts a value; '*' has a special meaning in YAML: put the value in quotes"),
    (
        "found character that cannot start any token",
        "a value starts with a character YAML reserves (such as @ or `): put the value in quotes",
    ),
    ("while scanning a quoted scalar", "a quotation mark is opened but never closed"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, display_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = " ".join(filter(None, [error.context, error.problem]))
    advice = next((help for key, help in _SYNTAX_HELP if key in said), None)
    message = f"YAML syntax error ({error.problem})"
    if advice:
        message += f": {advice}"
    return _at(display_path, line, column, message, "yaml-syntax")


class _Converter:
    """Turn composed nodes into plain data, refusing aliases, tags, merge keys and repeated keys."""

    _scalar = SafeConstructor()

    def __init__(self, display_path: str):
        self.display_path = display_path
        self.problems: list[Problem] = []
        self.value_positions: dict[DataPath, yaml.Mark] = {}
        self.key_positions: dict[DataPath, yaml.Mark] = {}
        # The composer hands back an anchored node itself wherever an alias repeats it.
        self._seen: set[int] = set()
        self._reported: set[int] = set()

    def _problem(self, mark: yaml.Mark, message: str, rule: str) -> None:
        self.problems.append(_at(self.display_path, mark.line + 1, mark.column + 1, message, rule))

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        # Refusing every alias keeps alias bombs linear; one report per anchor, at the anchor.
        if id(node) in self._seen:
            if id(node) not in self._reported:
                self._reported.add(id(node))
                self._problem(
                    node.start_mark,
                    "this value has an anchor (&) that an alias (*) repeats elsewhere; "
                    "anchors and aliases are not allowed: write each value out in full",
                    "alias",
                )
            return None
        self._seen.add(id(node))
        self.value_positions[path] = node.start_mark
        if node.tag not in _ALLOWED_FULL_TAGS:
            shown = "!!" + node.tag.removeprefix(_YAML_TAG) if node.tag.startswith(_YAML_TAG) else node.tag
            self._problem(node.start_mark, f"the tag '{shown}' is not allowed; remove it", "tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar_value(cast(yaml.ScalarNode, node))

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if id(key_node) in self._seen or id(value_node) in self._seen:
                self.convert(key_node if id(key_node) in self._seen else value_node, path)  # the alias it is
                continue
            self._seen.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _YAML_TAG + "merge":
                self._problem(
                    key_node.start_mark,
                    "this key is not a plain name; merge keys (<<) and complex keys are not allowed",
                    "bad-key",
                )
                continue
            key, mark = key_node.value, key_node.start_mark
            if key in first_seen:
                self._problem(
                    mark,
                    f"duplicate key '{key}' (first given on line {first_seen[key]}); "
                    "remove one of them: YAML would silently keep only the last",
                    "duplicate-key",
                )
                continue
            first_seen[key] = mark.line + 1
            self.key_positions[path + (key,)] = mark
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar_value(self, node: yaml.ScalarNode) -> Any:
        kind = node.tag.removeprefix(_YAML_TAG)
        # Dates stay text: the schema checks their form and the model parses them once.
        if kind in ("str", "timestamp"):
            return node.value
        if kind == "null":
            return None
        return {
            "int": self._scalar.construct_yaml_int,
            "float": self._scalar.construct_yaml_float,
            "bool": self._scalar.construct_yaml_bool,
        }[kind](node)


_ALLOWED_TAGS = frozenset({"str", "int", "float", "bool", "null", "timestamp", "seq", "map"})
_ALLOWED_FULL_TAGS = frozenset(_YAML_TAG + tag for tag in _ALLOWED_TAGS)

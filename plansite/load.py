"""Stage 1: read the YAML file safely and remember where every value stands.

PyYAML alone would accept duplicate keys silently, expand alias bombs and forget line
numbers, so the parser's events are converted into data here by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .problems import DataError, Problem

MAX_BYTES = 32 * 1024 * 1024
# libyaml's parser, when PyYAML has it, reads the plan ten times faster: it matters in live preview.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    # The parser's own marks (0-based), kept as they are: a plan of thousands of measures has
    # hundreds of thousands of values, and only the few with a problem are ever looked up.
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
        data = converter.document(_FAST_LOADER(text))
    except (yaml.MarkedYAMLError, _NotComposable):
        # A syntax error, or what only a composer sees (an undefined alias, a repeated anchor, a
        # second document): the pure-Python parser and composer find it again and word it.
        _raise_syntax_problem(text, display_path)
    except RecursionError:
        raise DataError([_at(display_path, 1, 1, "the file is nested too deeply to be read", "nesting")]) from None
    if data is _EMPTY:
        raise DataError([_at(display_path, 1, 1, "the file has no data in it (it is empty or only comments)", "empty-file")])
    if converter.problems:
        raise DataError(converter.problems)
    return LoadedYaml(
        path=display_path,
        data=data,
        value_positions=converter.value_positions,
        key_positions=converter.key_positions,
    )


def _raise_syntax_problem(text: str, display_path: str) -> NoReturn:
    """Read the file again with the pure-Python parser, whose messages the syntax help explains."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, display_path)]) from None
    raise AssertionError("libyaml refused a file the pure-Python parser reads")


def _at(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path=path, line=line, column=column, where="", message=message, rule=rule)


def _file_problem(file: Path, display_path: str) -> Problem | None:
    if not file.is_file():
        return _at(display_path, 1, 1, "the file does not exist", "missing-file")
    size = file.stat().st_size
    if size > MAX_BYTES:
        return _at(
            display_path, 1, 1,
            f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB "
            "(this plan needs under 1 MB, a plan of 5,000 measures about 7 MB: was something pasted by mistake?)",
            "file-too-large",
        )
    return None


def _decode(raw: bytes, display_path: str) -> str:
    if raw.startswith(_BOM):
        raise DataError([_at(
            display_path, 1, 1,
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            "bom",
        )])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise DataError([_at(
            display_path, line, column,
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
            "save it with UTF-8 encoding (it may have been saved as GBK)",
            "not-utf8",
        )]) from None


def _tab_indentation(text: str, display_path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(_at(
                display_path, number, indent.index("\t") + 1,
                "this line is indented with a tab; YAML allows only spaces: replace the tab with spaces",
                "tab-indentation",
            ))
    return problems


# What PyYAML's terse syntax messages mean to someone who is not a programmer.
_SYNTAX_HELP = (
    ("mapping values are not allowed here",
     "a colon followed by a space (': ') appears inside a value; use the full-width colon '：' "
     "in Chinese text, or put the whole value in quotes"),
    ("could not find expected ':'",
     "a line has no colon after its field name, or a text continues on a line that is not "
     "indented like the lines around it"),
    ("did not find expected key",
     "the indentation does not line up: a field is indented more or less than the fields "
     "beside it"),
    ("did not find expected '-' indicator",
     "a list item is indented differently from the items before it: line up the '-' marks"),
    ("expected <block end>",
     "the indentation does not line up: a line is indented more or less than the lines "
     "beside it"),
    ("found unexpected end of stream",
     "a quotation mark or bracket is opened but never closed"),
    ("found undefined alias",
     "a '*' starts a value; '*' has a special meaning in YAML: put the value in quotes"),
    ("found character that cannot start any token",
     "a value starts with a character YAML reserves (such as @ or `): put the value in quotes"),
    ("while scanning a quoted scalar",
     "a quotation mark is opened but never closed"),
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


class _NotComposable(Exception):
    """The event stream holds something PyYAML's composer would refuse."""


_EMPTY = object()  # a stream without a document: nothing but comments


class _Converter:
    """Turn the parser's events into plain data, rejecting what a data file should never hold.

    Working on events rather than on composed nodes is what makes a plan of thousands of
    measures quick to read: composing calls PyYAML's Python resolver machinery for every node,
    three times the cost of libyaml's parsing itself. Tags are resolved by the same resolver.
    """

    _scalar = SafeConstructor()
    _resolver = Resolver()

    def __init__(self, display_path: str):
        self.display_path = display_path
        self.problems: list[Problem] = []
        self.value_positions: dict[DataPath, yaml.Mark] = {}
        self.key_positions: dict[DataPath, yaml.Mark] = {}
        self._anchors: dict[str, yaml.Mark] = {}
        self._reported_anchors: set[str] = set()
        self._next_event: Callable[[], yaml.Event] = lambda: yaml.StreamEndEvent()

    def _problem(self, mark: yaml.Mark, message: str, rule: str) -> None:
        self.problems.append(_at(self.display_path, mark.line + 1, mark.column + 1, message, rule))

    def document(self, parser: Any) -> Any:
        """The one document of the stream ``parser`` reads, or ``_EMPTY``."""
        try:
            self._next_event = parser.get_event
            self._next_event()  # StreamStartEvent
            if isinstance(self._next_event(), yaml.StreamEndEvent):
                return _EMPTY
            data = self.convert(self._next_event(), ())
            self._next_event()  # DocumentEndEvent
            if not isinstance(self._next_event(), yaml.StreamEndEvent):
                raise _NotComposable("a second document")
            return data
        finally:
            parser.dispose()

    def convert(self, event: yaml.Event, path: DataPath) -> Any:
        """The value whose first event is ``event``, its events consumed."""
        # An alias would hand back the anchored value itself: refusing every alias keeps alias
        # bombs linear, and one report per anchor, at the anchor, keeps the list readable.
        if isinstance(event, yaml.AliasEvent):
            anchored = self._anchors.get(event.anchor)
            if anchored is None:
                raise _NotComposable("an undefined alias")
            if event.anchor not in self._reported_anchors:
                self._reported_anchors.add(event.anchor)
                self._problem(anchored, "this value has an anchor (&) that an alias (*) repeats elsewhere; "
                                        "anchors and aliases are not allowed: write each value out in full", "alias")
            return None
        self._remember_anchor(event)
        self.value_positions[path] = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            tag = self._scalar_tag(event)
        elif event.tag is None or event.tag == "!":
            tag = _SEQUENCE_TAG if isinstance(event, yaml.SequenceStartEvent) else _MAPPING_TAG
        else:
            tag = event.tag
        if tag not in _ALLOWED_FULL_TAGS:
            shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
            self._problem(event.start_mark, f"the tag '{shown}' is not allowed; remove it", "tag")
            self._skip(event)
            return None
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            next_event = self._next_event
            while not isinstance(item := next_event(), yaml.SequenceEndEvent):
                items.append(self.convert(item, path + (len(items),)))
            return items
        return self._scalar_value(tag, event)

    def _mapping(self, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        next_event = self._next_event
        while not isinstance(key_event := next_event(), yaml.MappingEndEvent):
            if isinstance(key_event, yaml.AliasEvent):
                self.convert(key_event, path)  # reported as the alias it is
                self._skip(next_event())
                continue
            if not self._plain_key(key_event):
                self._problem(key_event.start_mark, "this key is not a plain name; merge keys (<<) and "
                                                    "complex keys are not allowed", "bad-key")
                self._skip(key_event)
                self._skip(next_event())
                continue
            key, mark = key_event.value, key_event.start_mark
            if key in first_seen:
                self._problem(
                    mark,
                    f"duplicate key '{key}' (first given on line {first_seen[key]}); "
                    "remove one of them: YAML would silently keep only the last",
                    "duplicate-key",
                )
                self._skip(next_event())
                continue
            first_seen[key] = mark.line + 1
            self.key_positions[path + (key,)] = mark
            result[key] = self.convert(next_event(), path + (key,))
        return result

    def _plain_key(self, event: yaml.Event) -> bool:
        if not isinstance(event, yaml.ScalarEvent):
            return False
        self._remember_anchor(event)
        return self._scalar_tag(event) != _YAML_TAG + "merge"

    def _scalar_tag(self, event: yaml.ScalarEvent) -> str:
        """The tag written, or the one PyYAML's resolver gives the value (int, bool, merge…)."""
        if event.tag is None or event.tag == "!":
            return self._resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        return event.tag

    def _remember_anchor(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            if event.anchor in self._anchors:
                raise _NotComposable("a repeated anchor")
            self._anchors[event.anchor] = event.start_mark

    def _skip(self, event: yaml.Event) -> None:
        """Consume the rest of the value ``event`` starts, noting its anchors."""
        if not isinstance(event, yaml.AliasEvent):
            self._remember_anchor(event)
        depth = int(isinstance(event, yaml.CollectionStartEvent))
        while depth:
            event = self._next_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                self._remember_anchor(event)

    def _scalar_value(self, tag: str, event: yaml.ScalarEvent) -> Any:
        kind = tag.removeprefix(_YAML_TAG)
        # Dates stay text: the schema checks their form and the model parses them once.
        if kind in ("str", "timestamp"):
            return event.value
        if kind == "null":
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        return {"int": self._scalar.construct_yaml_int, "float": self._scalar.construct_yaml_float,
                "bool": self._scalar.construct_yaml_bool}[kind](node)


_ALLOWED_TAGS = frozenset({"str", "int", "float", "bool", "null", "timestamp", "seq", "map"})
_ALLOWED_FULL_TAGS = frozenset(_YAML_TAG + tag for tag in _ALLOWED_TAGS)
_SEQUENCE_TAG = _YAML_TAG + "seq"
_MAPPING_TAG = _YAML_TAG + "map"

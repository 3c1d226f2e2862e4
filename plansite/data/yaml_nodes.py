"""Composed YAML nodes to plain data, keeping every value's place.

PyYAML's constructor would accept duplicate keys silently, expand alias bombs and forget line
numbers, so the composed nodes (which carry their marks) are turned into data here, refusing
aliases, tags, merge keys and repeated keys, and numbers written in more than one way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, cast

import yaml
from yaml._yaml import CParser
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from plansite.problems import Problem

_YAML_TAG = "tag:yaml.org,2002:"
# Where a value stands in the data: keys and list indexes from the root.
DataPath = tuple[str | int, ...]


# Far deeper than the data's own records (measures[0].targets[0].progress[0].evidence[0].url is
# eight levels), far shallower than Python's recursion limit, which would stop the composer at
# no particular place.
MAX_DEPTH = 40


class TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class Loader:
    """The file's nodes as PyYAML's safe composer makes them, remembering which nodes carry a tag
    the file wrote out and where anchors were written, and stopping where the nesting goes
    deeper than ``MAX_DEPTH``.

    Composed from libyaml's events, a file of 5 MB takes 1.5 s rather than 9 with PyYAML's own
    parser; a text libyaml refuses is parsed again by PyYAML's, whose refusals ``yaml_syntax``
    explains, and which reads the few texts libyaml refuses as before."""

    def __init__(self, text: str):
        self.text = text
        self.explicit_tags: set[int] = set()
        # Where each anchored node's anchor was written: "&…" at a value's start is a keyboard
        # slip far more often than an anchor meant, and YAML would drop it from the text.
        self.anchor_marks: dict[int, yaml.Mark] = {}

    def get_single_node(self) -> yaml.Node | None:
        fast = _LibyamlComposer(self)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            self.explicit_tags.clear()
            self.anchor_marks.clear()
        finally:
            fast.dispose()
        exact = _PyYamlComposer(self)
        try:
            return exact.get_single_node()
        finally:
            exact.dispose()

    def dispose(self) -> None:
        """Nothing to release: each parser is disposed of as soon as it is done."""


class _Composing(Composer):
    """PyYAML's composer, over whichever parser comes after it, noting into ``Loader``'s sets."""

    record: Loader
    depth = 0
    # From the parser that follows in the method resolution order.
    peek_event: Callable[[], Any]

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if self.depth >= MAX_DEPTH:
            raise TooDeep(event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if node is not None and getattr(event, "tag", None) not in (None, "!"):
            self.record.explicit_tags.add(id(node))
        if node is not None and getattr(event, "anchor", None):
            self.record.anchor_marks.setdefault(id(node), event.start_mark)
        # libyaml gives a plain scalar the style '', PyYAML None, as the converter expects.
        if isinstance(node, yaml.ScalarNode) and not node.style:
            node.style = None
        return node


class _LibyamlComposer(_Composing, CParser, Resolver):
    def __init__(self, record: Loader):
        CParser.__init__(self, record.text)
        Composer.__init__(self)
        Resolver.__init__(self)
        self.record = record


class _PyYamlComposer(_Composing, Reader, Scanner, Parser, Resolver):
    def __init__(self, record: Loader):
        Reader.__init__(self, record.text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        Resolver.__init__(self)
        self.record = record


# One way to write a number, read alike by YAML 1.1 (PyYAML), YAML 1.2 (JSON, every current
# library) and a spreadsheet: an optional minus, digits without a leading zero, an optional
# decimal part. Any other form either version reads as a number (050, 0o17, 0x1F, +5, 1e3, .5, 5.,
# 1:30, 1_000, -0, .nan) is refused where it stands: the two versions disagree on most of them,
# and one rule is easier to follow than a list. 1.1's extra booleans (yes, no, on, off) are
# read as 1.2 reads them, as text.
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_YAML12_NUMBER = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_YAML12_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")


class Converter:
    """Turn composed nodes into plain data, refusing aliases, tags, merge keys and repeated keys,
    and reading numbers and booleans as YAML 1.2 does."""

    _scalar = SafeConstructor()

    def __init__(self, display_path: str, explicit_tags: set[int]):
        self.display_path = display_path
        self.explicit_tags = explicit_tags
        self.problems: list[Problem] = []
        self.value_positions: dict[DataPath, yaml.Mark] = {}
        self.key_positions: dict[DataPath, yaml.Mark] = {}
        # The composer hands back an anchored node itself wherever an alias repeats it.
        self._seen: set[int] = set()
        self._reported: set[int] = set()

    def _problem(self, mark: yaml.Mark, message: str, rule: str) -> None:
        line, column = mark.line + 1, mark.column + 1
        self.problems.append(
            Problem(path=self.display_path, line=line, column=column, where="", message=message, rule=rule)
        )

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        # Refusing every alias keeps alias bombs linear; one report per anchor, at the anchor.
        if id(node) in self._seen:
            if id(node) not in self._reported:
                self._reported.add(id(node))
                self._problem(
                    node.start_mark,
                    "这个值带有锚点（&），别处又用别名（*）重复了它；不允许使用锚点和别名：请把每个值完整写出",
                    "alias",
                )
            return None
        self._seen.add(id(node))
        self.value_positions[path] = node.start_mark
        if node.tag not in _ALLOWED_FULL_TAGS or id(node) in self.explicit_tags:
            shown = "!!" + node.tag.removeprefix(_YAML_TAG) if node.tag.startswith(_YAML_TAG) else node.tag
            self._problem(node.start_mark, f"不允许使用标签 '{shown}'：删除它，只保留值", "tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar_value(cast(yaml.ScalarNode, node))

    def unrepeated_anchors(self, anchors: dict[int, yaml.Mark]) -> None:
        """An anchor no alias repeats, in a file that uses no alias (one that does means anchors,
        and is told once per anchor that they are not allowed)."""
        if self._reported:
            return
        for node, mark in anchors.items():
            if node not in self._reported:
                self._problem(
                    mark,
                    "值以“&”开头，YAML 把“&”和紧跟的文字当作锚点，它们会从值里消失：给整个值加上半角引号",
                    "reserved-start",
                )

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
                    "这个字段名不是普通的名称：不允许使用合并键（<<）或复杂的键",
                    "bad-key",
                )
                continue
            key, mark = key_node.value, key_node.start_mark
            if key in first_seen:
                self._problem(mark, _written_twice(key, first_seen[key], mark.line + 1, value_node), "duplicate-key")
                continue
            first_seen[key] = mark.line + 1
            self.key_positions[path + (key,)] = mark
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar_value(self, node: yaml.ScalarNode) -> Any:
        kind, value = node.tag.removeprefix(_YAML_TAG), node.value
        plain = node.style is None and id(node) not in self.explicit_tags
        if plain and (kind in ("int", "float") or (kind == "str" and _YAML12_NUMBER.fullmatch(value))):
            return self._number(node, value)
        # Dates stay text: the schema checks their form and the model parses them once.
        if kind == "null":
            return None
        if kind == "bool" and _YAML12_BOOL.fullmatch(value):
            return self._scalar.construct_yaml_bool(node)
        return value

    def _number(self, node: yaml.ScalarNode, value: str) -> int | float | None:
        number = _number(value)
        if isinstance(number, str):
            self._problem(node.start_mark, number, "ambiguous-number")
            return None
        return number


def _written_twice(key: str, first: int, again: int, value: yaml.Node) -> str:
    """A key written twice: for a list (a pasted example, most often), merge, never delete."""
    if isinstance(value, yaml.SequenceNode):
        return (
            f"字段 '{key}' 写了两次（第{first}行和第{again}行），YAML 只会保留其中一个列表："
            f"把第{again}行下面的各项移到第{first}行的列表里，合成一个列表，再删掉第{again}行的“{key}:”"
        )
    return f"字段 '{key}' 写了两次（第{first}行已有）：删除其中一个，否则 YAML 会悄悄只保留后一个"


def _number(value: str) -> int | float | str:
    """The number ``value`` writes, or why it is refused."""
    if _PLAIN_NUMBER.fullmatch(value):
        number = float(value) if "." in value else int(value)
        if value.startswith("-") and number == 0:
            return f"'{value}' 是负零：请写成 0"
        if math.isfinite(number):
            return number
    if value.lstrip("+-").lower() in (".inf", ".nan") or _PLAIN_NUMBER.fullmatch(value):
        return f"'{value}' 不是一个有限的数（.nan、.inf 或大得无法表示）：请写出具体数值，没有数值的目标写 null"
    digits = value.lstrip("+-")
    if re.fullmatch(r"0[0-9]+", digits):
        return f"'{value}' 开头的0会让一些软件把它读成八进制数：请写成 {int(digits)}；如果它是文字，请加上引号"
    return (
        f"'{value}' 这种写法，有的软件读成数，有的读成文字或另一个数：数值请只用阿拉伯数字、负号和小数点"
        "（如 90、-3、1.5），不写“+”、指数和分隔符；如果它是文字，请加上引号"
    )


_ALLOWED_TAGS = frozenset({"str", "int", "float", "bool", "null", "timestamp", "seq", "map"})
_ALLOWED_FULL_TAGS = frozenset(_YAML_TAG + tag for tag in _ALLOWED_TAGS)

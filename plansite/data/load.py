"""Stage 1: read the YAML file safely and remember where every value stands.

PyYAML's constructor would accept duplicate keys silently, expand alias bombs and forget line
numbers, so the composed nodes (which carry their marks) are turned into data here, refusing
what a data file should never hold.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor

from plansite.data import characters
from plansite.problems import DataError, Problem

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
    problems = _unreadable_characters(text, display_path) or _tab_indentation(text, display_path)
    if problems:
        raise DataError(problems)
    loader = _Loader(text)
    converter = _Converter(display_path, loader.explicit_tags)
    try:
        root = loader.get_single_node()
        data = converter.convert(root, ()) if root is not None else None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, text, display_path)]) from None
    except yaml.YAMLError as error:  # the reader's own refusals, should the scan above miss one
        raise DataError([_at(display_path, 1, 1, f"YAML 格式错误（{error}）", "yaml-syntax")]) from None
    except _TooDeep as deep:
        line, column = deep.mark.line + 1, deep.mark.column + 1
        message = f"这里的嵌套超过了 {MAX_DEPTH} 层（数据本身最多八层）：检查是否有大量未闭合的括号或多余的缩进"
        raise DataError([_at(display_path, line, column, message, "nesting")]) from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError([_at(display_path, 1, 1, "文件中没有数据（是空的，或只有注释）", "empty-file")])
    if converter.problems:
        raise DataError(converter.problems)
    return LoadedYaml(
        path=display_path, data=data, value_positions=converter.value_positions, key_positions=converter.key_positions
    )


def _at(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path=path, line=line, column=column, where="", message=message, rule=rule)


def _file_problem(file: Path, display_path: str) -> Problem | None:
    if not file.is_file():
        return _at(display_path, 1, 1, "找不到这个文件：检查文件路径", "missing-file")
    size = file.stat().st_size
    if size > MAX_BYTES:
        return _at(
            display_path,
            1,
            1,
            f"文件有 {size / 1024 / 1024:.1f} MB，上限是 {MAX_BYTES // 1024 // 1024} MB"
            "（本方案的数据不到 1 MB，5000项措施的方案也只有约 7 MB：是不是误粘贴了大段内容？）",
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
                    "文件开头有字节顺序标记（BOM）：请另存为“UTF-8（无BOM）”编码",
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
                    f"文件不是有效的 UTF-8 编码（字节 0x{raw[error.start]:02x}）："
                    "请用 UTF-8 编码保存（可能保存成了 GBK）",
                    "not-utf8",
                )
            ]
        ) from None


# What YAML's reader refuses outright, and the line breaks other than \n and \r\n it honours,
# which no editor means to type: each is reported where it stands, before parsing.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]|\r(?!\n)")


def _unreadable_characters(text: str, display_path: str) -> list[Problem]:
    problems = []
    for found in _UNREADABLE.finditer(text):
        start = found.start()
        problems.append(
            _at(
                display_path,
                text.count("\n", 0, start) + 1,
                start - text.rfind("\n", 0, start),
                f"这里有一个不可见的字符 {characters.describe(found.group())}："
                "删除它（从 Word 或网页复制文字时常会带入）",
                "bad-character",
            )
        )
    return problems


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
                    "这一行用 Tab 键缩进，YAML 只允许空格：把 Tab 换成空格",
                    "tab-indentation",
                )
            )
    return problems


# What PyYAML's terse syntax messages mean to someone who is not a programmer.
_SYNTAX_HELP = (
    (
        "mapping values are not allowed here",
        "值的中间出现了冒号加空格（': '）：中文文字里请用全角冒号“：”，或者给整个值加上引号",
    ),
    (
        "could not find expected ':'",
        "有一行的字段名后面缺少冒号，或者一段文字换行后的缩进与上下行不一致",
    ),
    (
        "did not find expected key",
        "缩进没有对齐：有一个字段比同一级的其他字段缩进得多或少",
    ),
    (
        "did not find expected '-' indicator",
        "列表中有一项的缩进与前面各项不同：把各项的“-”对齐",
    ),
    (
        "expected <block end>",
        "缩进没有对齐：有一行比上下行缩进得多或少",
    ),
    ("found unexpected end of stream", "有引号或括号只有开头、没有结尾"),
    ("found undefined alias", "值以“*”开头，而“*”在 YAML 中有特殊含义：给这个值加上引号"),
    (
        "found character that cannot start any token",
        "值以 YAML 保留的字符（如 @ 或 `）开头：给这个值加上引号",
    ),
    ("while scanning a quoted scalar", "有引号只有开头、没有结尾"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    anchor = re.match(r"found duplicate anchor '?(.*?)'?; first occurrence", error.context or "")
    if anchor and error.context_mark:
        first = error.context_mark.line + 1
        return _at(
            display_path,
            line,
            column,
            f"锚点“&{anchor.group(1)}”在第{first}行已经有了，这里又写了一次；"
            f"本文件不允许使用锚点（&）和别名（*）：删去两处的“&{anchor.group(1)}”，把值完整写出",
            "alias",
        )
    said = " ".join(filter(None, [error.context, error.problem]))
    indentation = _indentation_problem(text, line) if "mapping values are not allowed here" in said else None
    if indentation:
        return _at(display_path, line, column, indentation, "yaml-syntax")
    advice = next((help for key, help in _SYNTAX_HELP if key in said), None)
    message = f"YAML 格式错误（{error.problem}）"
    if advice:
        message += f"：{advice}"
    return _at(display_path, line, column, message, "yaml-syntax")


_FIELD_LINE = re.compile(r"( *)(- )?[A-Za-z_][\w-]*:( |$)")


def _indentation_problem(text: str, line: int) -> str | None:
    """A field line indented deeper than the field before it, which already holds a value: YAML
    reads it as text continuing that value, and reports the colon. Say what it is."""
    lines = text.split("\n")
    here = _FIELD_LINE.match(lines[line - 1]) if line <= len(lines) else None
    before = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")),
        None,
    )
    above = _FIELD_LINE.match(lines[before - 1]) if before else None
    if not (here and above and before) or len(here.group(1)) <= len(above.group(1)):
        return None
    return (
        f"缩进不一致：第{line}行缩进{len(here.group(1))}个空格，比第{before}行（{len(above.group(1))}个空格）多，"
        f"但第{before}行的字段已经写了值。同一条记录的字段要左端对齐：检查这两行中哪一行的缩进改错了"
    )


# Far deeper than the data's own records (measures[0].targets[0].progress[0].evidence[0].url is
# eight levels), far shallower than Python's recursion limit, which would stop the composer at
# no particular place.
MAX_DEPTH = 40


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe composer, remembering which nodes carry a tag the file wrote out, and
    stopping where the nesting goes deeper than ``MAX_DEPTH``."""

    def __init__(self, text: str):
        super().__init__(text)
        self.explicit_tags: set[int] = set()
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if self._depth >= MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None and getattr(event, "tag", None) not in (None, "!"):
            self.explicit_tags.add(id(node))
        return node


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


class _Converter:
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
        self.problems.append(_at(self.display_path, mark.line + 1, mark.column + 1, message, rule))

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
                self._problem(
                    mark,
                    f"字段 '{key}' 写了两次（第{first_seen[key]}行已有）：删除其中一个，否则 YAML 会悄悄只保留后一个",
                    "duplicate-key",
                )
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

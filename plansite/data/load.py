"""Stage 1: read the YAML file safely and remember where every value stands.

What stops a file being read at all (its size, its encoding, invisible characters, tabs, YAML
syntax) is reported here in words an editor understands; ``yaml_nodes`` turns the composed
nodes into data, refusing what a data file should never hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plansite.data import characters, keyboard, yaml_syntax
from plansite.data.yaml_nodes import MAX_DEPTH, Converter, DataPath, Loader, TooDeep
from plansite.problems import DataError, Problem

MAX_BYTES = 32 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


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
    # What reading found that did not stop it (a tab, a keyboard's slip): reported with the rest.
    problems: tuple[Problem, ...] = ()

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
    return parse(_decode(file.read_bytes(), display_path), display_path)


def parse(text: str, display_path: str) -> LoadedYaml:
    """Read the data ``text`` (named ``display_path`` in messages) as ``load`` reads a file: for a
    command that holds the text already (a merge, a draft), with no file written to read it.

    Tabs and a Chinese keyboard's slips stop nothing else being found: they are reported, and
    the text is read on as it should have been typed (a tab as a space, ``year：2025`` as
    ``year: 2025``), so the same run reports every other problem too (``LoadedYaml.problems``)."""
    unreadable = _unreadable_characters(text, display_path)
    if unreadable:
        raise DataError(unreadable)
    slips = yaml_syntax.tabs(text, display_path)
    readable = text.replace("\t", " ")
    try:
        return _parsed(readable, display_path, slips)
    except yaml.MarkedYAMLError as error:
        # A tab read as a space can leave its line out of step: the tab is the mistake.
        found = [
            problem
            for problem in yaml_syntax.problems(error, readable, display_path)
            if problem.rule != "yaml-syntax" or not any(slip.line in (problem.line, problem.line - 1) for slip in slips)
        ]
        retyped = keyboard.repaired(readable, keyboard.mistakes(readable))
        if retyped is not None:
            try:
                return _parsed(retyped, display_path, slips + found)
            except yaml.MarkedYAMLError:
                pass
        raise DataError(slips + found) from None


def _parsed(text: str, display_path: str, slips: list[Problem]) -> LoadedYaml:
    loader = Loader(text)
    converter = Converter(display_path, loader.explicit_tags)
    try:
        root = loader.get_single_node()
        data = converter.convert(root, ()) if root is not None else None
        converter.unrepeated_anchors(loader.anchor_marks)
    except yaml.MarkedYAMLError:  # the caller explains it, and reads the text again repaired
        raise
    except yaml.YAMLError:  # the reader's own refusals, should the scan above miss one
        raise DataError([*slips, _at(display_path, 1, 1, yaml_syntax.FALLBACK, "yaml-syntax")]) from None
    except TooDeep as deep:
        line, column = deep.mark.line + 1, deep.mark.column + 1
        message = f"这里的嵌套超过了 {MAX_DEPTH} 层（数据本身最多八层）：检查是否有大量未闭合的括号或多余的缩进"
        raise DataError([*slips, _at(display_path, line, column, message, "nesting")]) from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError([*slips, _at(display_path, 1, 1, "文件中没有数据（是空的，或只有注释）", "empty-file")])
    cut = [_at(display_path, m.line, m.column, m.message, m.rule) for m in keyboard.cut_by_comments(text)]
    if converter.problems:
        raise DataError([*slips, *cut, *converter.problems])
    return LoadedYaml(
        path=display_path,
        data=data,
        value_positions=converter.value_positions,
        key_positions=converter.key_positions,
        problems=(*slips, *cut),
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
    # Lines are counted on from the character before: from the start each time, 30,000 of them
    # in a file of 3 MB took ten seconds.
    line, line_start, counted = 1, 0, 0
    for found in _UNREADABLE.finditer(text):
        start = found.start()
        if breaks := text.count("\n", counted, start):
            line, line_start = line + breaks, text.rfind("\n", counted, start) + 1
        counted = start
        problems.append(
            _at(
                display_path,
                line,
                start - line_start + 1,
                f"这里有一个不可见的字符 {characters.describe(found.group())}："
                "删除它（从 Word 或网页复制文字时常会带入）",
                "bad-character",
            )
        )
    return problems

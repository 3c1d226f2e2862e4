"""What the YAML parser's refusal means, told where the mistake was typed, in Chinese.

PyYAML's words ("could not find expected ':'") are for programmers, and its place is often the
line after the mistake. A refused file is first searched for the mistakes a Chinese keyboard
makes (``keyboard``); the parser's own complaint is added, translated, only where none of them
explains it. Tabs are found before parsing, every one of them.
"""

from __future__ import annotations

import re

import yaml

from plansite.data import keyboard
from plansite.problems import Problem

FALLBACK = "YAML 格式错误：检查这一行和上一行：字段名后面是半角冒号加空格，引号和括号成对，同一级的字段左端对齐"
_QUOTE = "给整个值加上半角引号"
# What each of PyYAML's complaints means to someone who is not a programmer, first match wins.
_MEANINGS = (
    (
        "mapping values are not allowed here",
        "这一行的值里有冒号加空格“: ”，YAML 把它当作又一个字段：文字里的冒号请用全角“：”，或者" + _QUOTE,
    ),
    (
        "could not find expected ':'",
        "这一行不是“字段名: 值”的写法：字段名后面缺少半角冒号加空格，或者这是上一行文字的续行而缩进不对",
    ),
    ("did not find expected key", "缩进没有对齐：这一行比同一级的其他字段缩进得多或少"),
    ("did not find expected '-' indicator", "列表中这一项的缩进与前面各项不同：把各项的“-”对齐"),
    ("expected <block end>", "缩进没有对齐：这一行比上下行缩进得多或少"),
    ("while scanning a quoted scalar", "这里的引号只有开头、没有结尾：在值的末尾补上同样的半角引号"),
    ("found unexpected end of stream", "有引号或括号只有开头、没有结尾"),
    ("found undefined alias", "值以“*”开头，YAML 把它当作别名：" + _QUOTE),
    ("found undefined tag handle", "值以“!”开头，YAML 把它当作标签：" + _QUOTE),
    ("that cannot start any token", "值以 YAML 保留的字符（如 @、` 或 %）开头：" + _QUOTE),
    ("expected alphabetic or numeric character", "值以“&”或“*”开头，YAML 把它当作锚点或别名：" + _QUOTE),
    ("expected ',' or ']'", "方括号列表没有正确结束：检查 [ ] 是否成对，各项之间是否用半角逗号分开"),
    ("expected ',' or '}'", "花括号没有正确结束：检查 { } 是否成对，各项之间是否用半角逗号分开"),
    (
        "found unknown escape character",
        "双引号里的反斜杠“\\”后面跟了 YAML 不认识的字符：改用单引号，或把“\\”写成“\\\\”",
    ),
    ("expected a comment or a line break", "引号之后还有文字：把整个值放在引号里，注释前空一格再写 #"),
    ("found unexpected ':'", "这里的冒号位置不对：文字里的冒号请用全角“：”，或者" + _QUOTE),
    ("expected a single document", "文件中间有“---”或“...”这样的分隔行：删除它，一个文件只写一份数据"),
    ("expected <document start>", "文件中间有“---”或“...”这样的分隔行：删除它，一个文件只写一份数据"),
    ("directive", "行首的“%”在 YAML 中表示指令：" + _QUOTE),
    ("expected the node content", "这里缺少值，或者多了一个符号：检查这一行的冒号、“-”和括号"),
)
# Where the parser's context says the mistake began, rather than where it gave up.
_BEGAN_AT = ("while scanning a simple key", "while scanning a quoted scalar")


def problems(error: yaml.MarkedYAMLError, text: str, path: str) -> list[Problem]:
    """Every problem behind the parser's refusal, in file order."""
    found = [_at(path, m.line, m.column, m.message, m.rule) for m in keyboard.mistakes(text)]
    parser = _parser_problem(error, text, path)
    lines = [mark.line + 1 for mark in (error.context_mark, error.problem_mark) if mark]
    first, last = min(lines, default=1), max(lines, default=1)
    # A quote left open runs on to wherever the parser gives up: that is the same mistake.
    opened = any(problem.rule == "unclosed-quote" and problem.line <= last for problem in found)
    if not opened and not any(first - 1 <= problem.line <= last for problem in found):
        found.append(parser)
    return sorted(found, key=lambda problem: (problem.line, problem.column))


def tabs(text: str, path: str) -> list[Problem]:
    """A tab on any line: YAML refuses it in the indentation and after a colon, and reads it
    into the value elsewhere. One problem per line, at its first tab."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column < 0:
            continue
        if not line[:column].strip(" "):
            message = "这一行用 Tab 键缩进，YAML 只允许空格：把 Tab 换成空格（每级两个空格）"
        elif line[:column].rstrip(" ").endswith(":"):
            message = "冒号后面是 Tab：YAML 只认空格，把它换成一个空格"
        else:
            message = "这里有一个 Tab 字符：YAML 文件中只用空格，把它换成空格（在注释的“#”前面的也一样）"
        found.append(_at(path, number, column + 1, message, "tab"))
    return found


def _at(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path=path, line=line, column=column, where="", message=message, rule=rule)


def _parser_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    began = error.context in _BEGAN_AT and error.context_mark
    mark = error.context_mark if began else error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    anchor = re.match(r"found duplicate anchor '?(.*?)'?; first occurrence", error.context or "")
    if anchor and error.context_mark:
        first = error.context_mark.line + 1
        return _at(
            path,
            line,
            column,
            f"锚点“&{anchor.group(1)}”在第{first}行已经有了，这里又写了一次；"
            f"本文件不允许使用锚点（&）和别名（*）：删去两处的“&{anchor.group(1)}”，把值完整写出",
            "alias",
        )
    said = " ".join(filter(None, [error.context, error.problem]))
    indentation = _indentation_problem(text, line) if "mapping values are not allowed here" in said else None
    if indentation:
        return _at(path, line, column, indentation, "yaml-syntax")
    meaning = next((meaning for key, meaning in _MEANINGS if key in said), None)
    return _at(path, line, column, f"YAML 格式错误：{meaning}" if meaning else FALLBACK, "yaml-syntax")


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

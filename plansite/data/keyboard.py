"""What a Chinese input method types where YAML needs ASCII, found where it was typed.

A full-width colon after a field name, a full-width space in the indentation, a field name run
into its value (``year:2025``), a value opening with a character YAML reserves, a quote never
closed: the parser reports each a line later, in its own words, or reads it as some other
value. ``mistakes`` finds them line by line once the parser has refused a file; ``value_hint``
explains a value the parser read but the schema refused (``２０２５`` for a year, ``［a，b］``
for a list). Each message names the fix that is right for that mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# What the input method types in place of YAML's ASCII, with the ASCII meant.
FULL_WIDTH = {
    "：": ":",
    "，": ",",
    "、": ",",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "＂": '"',
    "＇": "'",
    "\u3000": " ",
}
_NAMES = {
    "：": "全角冒号“：”",
    "，": "全角逗号“，”",
    "、": "顿号“、”",
    "［": "全角方括号“［”",
    "］": "全角方括号“］”",
    "【": "中文方括号“【”",
    "】": "中文方括号“】”",
    "｛": "全角花括号“｛”",
    "｝": "全角花括号“｝”",
    "“": "中文引号“",
    "”": "中文引号”",
    "‘": "中文引号‘",
    "’": "中文引号’",
    "＂": "全角引号＂",
    "＇": "全角引号＇",
    "\u3000": "全角空格",
}
SWITCH = "（切换到英文半角输入）"
# Characters that YAML reads as something else at the start of a plain value: a directive, an
# alias, an anchor, or characters reserved for future use.
RESERVED = {"%": "指令", "@": "保留字符", "`": "保留字符", "*": "别名", "&": "锚点"}


@dataclass(frozen=True, slots=True)
class Mistake:
    line: int
    column: int
    message: str
    rule: str


_KEY = r"(?:- +)*([A-Za-z_][\w-]*)"
_INDENT = re.compile(r"[ \u3000]*")
_FULL_WIDTH_COLON = re.compile(rf"{_KEY}[ \u3000]*(：)")
_SPACE_AFTER_COLON = re.compile(rf"{_KEY}:(\u3000)")
_NO_SPACE = re.compile(rf"{_KEY}:(?=[^\s:/])")
_VALUE_START = re.compile(rf"(?:{_KEY}: +|- +)+")
_BLOCK_SCALAR = re.compile(r".*:\s+[|>][-+0-9]*\s*(#.*)?$")


def mistakes(text: str) -> list[Mistake]:
    """Every keyboard mistake in the structure of ``text``: comments and the lines of block
    scalars (``|``, ``>``), which are text whatever they hold, are skipped."""
    return list(_scan(text.split("\n")))


def _scan(lines: list[str]) -> Iterator[Mistake]:
    block_indent: int | None = None
    for number, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        stripped = line.strip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_SCALAR.match(line):
            block_indent = indent
        found = _line_mistake(line, indent)
        if found:
            column, message, rule = found
            yield Mistake(number, column + 1, message, rule)


def _line_mistake(line: str, indent: int) -> tuple[int, str, str] | None:
    """The first mistake on ``line`` (0-based column, message, rule), or None."""
    spaces = _INDENT.match(line)
    if spaces and "\u3000" in spaces.group():
        return spaces.group().index("\u3000"), "行首的缩进里有全角空格：缩进只能用半角空格" + SWITCH, "full-width"
    rest = line[indent:]
    if rest.startswith("-\u3000"):
        return indent + 1, "列表的“-”后面是全角空格：改成半角空格" + SWITCH, "full-width"
    if found := _FULL_WIDTH_COLON.match(rest):
        key = found.group(1)
        return (
            indent + found.start(2),
            f"字段名 {key} 后面的冒号是全角的“：”：YAML 只认半角冒号，写成“{key}: ”，冒号后空一格{SWITCH}",
            "full-width",
        )
    if found := _SPACE_AFTER_COLON.match(rest):
        return (
            indent + found.start(2),
            f"字段名 {found.group(1)} 的冒号后面是全角空格：改成半角空格" + SWITCH,
            "full-width",
        )
    if found := _NO_SPACE.match(rest):
        key, value = found.group(1), rest[found.end() :].split(" #")[0].strip()
        return (
            indent + found.end() - 1,
            f"字段名 {key} 的冒号后面少了一个空格：YAML 要“冒号加空格”才把它读成字段，写成“{key}: {value}”",
            "colon-space",
        )
    start = _VALUE_START.match(rest)
    if not start:
        return None
    at = indent + start.end()
    return _value_mistake(line[at:], at)


def _value_mistake(value: str, at: int) -> tuple[int, str, str] | None:
    first = value[:1]
    if first in RESERVED:
        return (
            at,
            f"值以“{first}”开头，YAML 把开头的“{first}”当作{RESERVED[first]}，不当作文字："
            f'给整个值加上半角引号，写成 "{value.split(" #")[0].strip()}"',
            "reserved-start",
        )
    if first in "［【｛":
        return (
            at,
            f"列表用了{_NAMES[first]}：YAML 的列表要用半角方括号 [ ]，各项之间用半角逗号加空格" + SWITCH,
            "full-width",
        )
    if first in "“‘＂＇" and re.search(r": | #", value):
        return (
            at,
            f"值两头用的是{_NAMES[first]}，YAML 不把它当作引号，值里的“: ”或“ #”仍会出错："
            '把两头的引号改成半角引号 "…"' + SWITCH,
            "full-width",
        )
    if first in "\"'" and not _closed(value):
        closing = "”" if first == '"' else "’"
        if closing in value[1:]:
            return (
                at,
                f"引号开头是半角的 {first}，结尾却是中文引号 {closing}：两头都用半角 {first}" + SWITCH,
                "unclosed-quote",
            )
        return at, f"这里的引号 {first} 只有开头、没有结尾：在值的末尾补上 {first}", "unclosed-quote"
    return None


def _closed(value: str) -> bool:
    quote, body = value[0], value[1:]
    if quote == "'":
        return bool(re.match(r"(?:[^']|'')*'", body))
    return bool(re.match(r'(?:[^"\\]|\\.)*"', body))


def value_hint(value: str, expected: str) -> tuple[str, str] | None:
    """Why ``value`` (text, as YAML read it) is not the ``expected`` kind (integer, number,
    array, object, or the form a pattern asks) when a keyboard made it so: the message and its
    rule; None when it is some other mistake."""
    ascii_form = "".join(FULL_WIDTH.get(char, char) for char in value)
    digits = value.translate(_DIGITS)
    if digits != value and (expected in ("integer", "number", "pattern")) and re.fullmatch(r"[-.\d]+", digits):
        return f"'{value}' 用的是全角数字：改成半角的 {digits}" + SWITCH, "full-width"
    if expected == "array" and ascii_form[:1] == "[" and ascii_form != value:
        return (
            f"'{value}' 用了{_first_full_width(value)}，YAML 没有把它读成列表：写成 {ascii_form}" + SWITCH,
            "full-width",
        )
    if expected == "object" and (found := re.fullmatch(r"([A-Za-z_][\w-]*)(:|：)\s*(\S.*)", value)):
        return f"'{value}' 的冒号后面少了空格或用了全角冒号：写成“{found.group(1)}: {found.group(3)}”", "colon-space"
    if expected == "pattern" and ascii_form != value:
        parts = [part.strip(" \"'") for part in ascii_form.split(",")]
        shown = ", ".join(part for part in parts if part)
        if len(parts) > 1:
            return (
                f"'{value}' 里有{_first_full_width(value)}：列表中的各项用半角逗号加空格分开，写成 [{shown}]{SWITCH}",
                "full-width",
            )
        return (
            f"'{value}' 里有{_first_full_width(value)}，会被当作编号的一部分：删掉它，写成 {shown}" + SWITCH,
            "full-width",
        )
    return None


_DIGITS = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)} | {0xFF0E: ".", 0xFF0D: "-", 0xFF0F: "/"}


def _first_full_width(value: str) -> str:
    return next(_NAMES[char] for char in value if char in _NAMES)

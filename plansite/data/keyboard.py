"""What a Chinese input method types where YAML needs ASCII, found where it was typed.

A full-width colon after a field name, a full-width space or dash, a field name run into its
value (``year:2025``), a value opening with a character YAML reserves, a quote never closed: the
parser reports each a line later, in its own words, or reads it as some other value.
``mistakes`` finds them line by line once the parser has refused a file, each with the line as
it should be, so that ``repaired`` text can be read on and every other problem reported in the
same run. ``cut_by_comments`` finds, in a file that parsed, the text YAML took for a comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

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
    "；": ";",
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
    "；": "全角分号“；”",
}
SWITCH = "（切换到英文半角输入）"
_DASHES = "－—–"
# Characters that YAML reads as something else at the start of a plain value: a directive, an
# alias, an anchor, or characters reserved for future use.
RESERVED = {"%": "指令", "@": "保留字符", "`": "保留字符", "*": "别名", "&": "锚点"}


@dataclass(frozen=True, slots=True)
class Mistake:
    line: int
    column: int
    message: str
    rule: str
    # The line as it should have been typed; None where the right form cannot be known.
    repaired: str | None = None


_KEY = r"(?:- +)*([A-Za-z_][\w-]*)"
_INDENT = re.compile(r"[ \u3000\u00a0]*")
_FULL_WIDTH_COLON = re.compile(rf"{_KEY}[ \u3000]*(：)")
_SPACE_AFTER_COLON = re.compile(rf"{_KEY}:(\u3000)")
_NO_SPACE = re.compile(rf"{_KEY}:(?=[^\s:/])")
_DASH = re.compile(rf"([{_DASHES}] ?|-(?=[A-Za-z_][\w-]*: ))")
_VALUE_START = re.compile(rf"(?:{_KEY}: +|- +)+")
_BLOCK_SCALAR = re.compile(r".*:\s+[|>][-+0-9]*\s*(#.*)?$")
# A value YAML reads as text, and where a comment would cut it: " #" with text straight after.
_PLAIN_VALUE = re.compile(_KEY + r""": +(?!['"\[{|>&*!%@`])(.*?) #(?=\S)""")


def mistakes(text: str) -> list[Mistake]:
    """Every keyboard mistake in the structure of ``text``: comments and the lines of block
    scalars (``|``, ``>``), which are text whatever they hold, are skipped."""
    return [m for number, line, indent in _lines(text) if (m := _line_mistake(number, line, indent))]


def repaired(text: str, found: list[Mistake]) -> str | None:
    """``text`` with every mistake in ``found`` typed as it should have been; None if one of
    them cannot be (the text would be a guess)."""
    if not found or any(m.repaired is None for m in found):
        return None
    lines = text.split("\n")
    for mistake in found:
        lines[mistake.line - 1] = cast(str, mistake.repaired)
    return "\n".join(lines)


def cut_by_comments(text: str) -> list[Mistake]:
    """Plain values that go on after " #": YAML drops from the " #" on, without a word."""
    found = []
    for number, line, indent in _lines(text):
        match = _PLAIN_VALUE.match(line, indent)
        if match and match.group(2).strip():
            cut = line[match.end() - 1 :]
            found.append(
                Mistake(
                    number,
                    match.end(),
                    f"“ #”之后的“{cut[:20]}”被 YAML 当作注释，不会出现在网站上：如果它是内容，给整个值加上引号；"
                    "如果是注释，在 # 后面空一格",
                    "cut-by-comment",
                )
            )
    return found


def _lines(text: str) -> Iterator[tuple[int, str, int]]:
    """Each line that holds structure: number, line, indentation."""
    block_indent: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
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
        yield number, line, indent


def _line_mistake(number: int, line: str, indent: int) -> Mistake | None:
    """The first mistake on ``line``, or None."""
    spaces = _INDENT.match(line)
    if spaces and spaces.group().strip(" "):
        odd = spaces.group().strip(" ")[0]
        what = "全角空格" if odd == "\u3000" else "不换行空格（从网页复制时常带入）"
        fixed = " " * len(spaces.group()) + line[spaces.end() :]
        message = f"行首的缩进里有{what}：缩进只能用半角空格" + SWITCH
        return Mistake(number, spaces.group().index(odd) + 1, message, "full-width", fixed)
    rest = line[indent:]
    if dash := _DASH.match(rest):
        typed = dash.group()
        fixed = line[:indent] + "- " + rest[len(typed) :].lstrip(" \u3000")
        said = (
            "列表的“-”后面少了空格" if typed.strip() == "-" else f"列表的“-”写成了“{typed.strip()}”：要用半角的减号“-”"
        )
        return Mistake(number, indent + 1, f"{said}，后面空一格，写成“- …”" + SWITCH, "full-width", fixed)
    if rest.startswith("-\u3000"):
        message = "列表的“-”后面是全角空格：改成半角空格" + SWITCH
        return Mistake(number, indent + 2, message, "full-width", line.replace("-\u3000", "- ", 1))
    if found := _FULL_WIDTH_COLON.match(rest):
        key, at = found.group(1), indent + found.start(2)
        fixed = line[: indent + found.start(1)] + key + ": " + line[at + 1 :].lstrip(" \u3000")
        message = f"字段名 {key} 后面的冒号是全角的“：”：YAML 只认半角冒号，写成“{key}: ”，冒号后空一格{SWITCH}"
        return Mistake(number, at + 1, message, "full-width", fixed)
    if found := _SPACE_AFTER_COLON.match(rest):
        at = indent + found.start(2)
        message = f"字段名 {found.group(1)} 的冒号后面是全角空格：改成半角空格" + SWITCH
        return Mistake(number, at + 1, message, "full-width", line[:at] + " " + line[at + 1 :])
    if found := _NO_SPACE.match(rest):
        key, at = found.group(1), indent + found.end()
        value = rest[found.end() :].split(" #")[0].strip()
        message = f"字段名 {key} 的冒号后面少了一个空格：YAML 要“冒号加空格”才把它读成字段，写成“{key}: {value}”"
        return Mistake(number, at, message, "colon-space", line[:at] + " " + line[at:])
    start = _VALUE_START.match(rest)
    if not start:
        return None
    at = indent + start.end()
    found_value = _value_mistake(line[at:])
    if found_value is None:
        return None
    message, rule, retyped = found_value
    return Mistake(number, at + 1, message, rule, None if retyped is None else line[:at] + retyped)


def _quoted(value: str) -> str:
    """``value`` as one YAML text: in double quotes, or single where it holds a double quote."""
    return f"'{value.replace(chr(39), chr(39) * 2)}'" if '"' in value or "\\" in value else f'"{value}"'


def _value_mistake(value: str) -> tuple[str, str, str | None] | None:
    """What is wrong with a value's start: message, rule, and the value as it should be."""
    first, text = value[:1], value.split(" #")[0].rstrip()
    if first in RESERVED or (first in "!|>" and len(text) > 1 and not re.fullmatch(r"[|>][-+0-9]*", text)):
        meaning = RESERVED.get(first, "标签" if first == "!" else "多行文字的标记")
        return (
            f"值以“{first}”开头，YAML 把开头的“{first}”当作{meaning}，不当作文字："
            f"给整个值加上引号，写成 {_quoted(text)}",
            "reserved-start",
            _quoted(text),
        )
    if first in "［【｛":
        fixed = "".join(FULL_WIDTH.get(char, char) for char in text)
        message = f"列表用了{_NAMES[first]}：YAML 的列表要用半角方括号 [ ]，各项之间用半角逗号加空格" + SWITCH
        return message, "full-width", fixed
    if first in "“‘＂＇" and re.search(r": | #", value):
        message = (
            f'值两头用的是{_NAMES[first]}，YAML 不把它当作引号，值里的“: ”或“ #”仍会出错：把两头的引号改成半角引号 "…"'
        )
        return message + SWITCH, "full-width", _quoted(text[1:-1] if text[-1:] in "”’＂＇" else text[1:])
    if first in "[{" and (rest := _after_brackets(text)) and not rest.startswith("#"):
        message = (
            f"值以“{first}”开头，YAML 把括号里的部分当作列表，后面的文字就出错了："
            f"给整个值加上引号，写成 {_quoted(text)}"
        )
        return message, "reserved-start", _quoted(text)
    if first in "\"'" and not _closed(value):
        closing = "”" if first == '"' else "’"
        if closing in value[1:]:
            message = f"引号开头是半角的 {first}，结尾却是中文引号 {closing}：两头都用半角 {first}" + SWITCH
            return message, "unclosed-quote", first + value[1:].replace(closing, first)
        message = f"这里的引号 {first} 只有开头、没有结尾：在值的末尾补上 {first}"
        return message, "unclosed-quote", value.rstrip() + first
    if first in "\"'" and (after := value[len(_closed_part(value)) :].strip()) and not after.startswith("#"):
        message = (
            f"引号只包住了开头的“{_closed_part(value)}”，后面的“{after[:10]}”在引号外："
            f"给整个值加上引号，写成 {_quoted(text)}"
        )
        return message, "unclosed-quote", _quoted(text)
    if "＃" in value:
        message = "注释的“＃”是全角的：YAML 只把半角的“#”当作注释，改成半角，前面空一格" + SWITCH
        return message, "full-width", value.replace("＃", " #", 1)
    return None


def _after_brackets(text: str) -> str:
    """What follows the bracket that closes the one ``text`` opens with ('' if none)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
        if depth == 0:
            return text[index + 1 :].strip()
    return ""


def _closed(value: str) -> bool:
    return bool(_closed_part(value))


def _closed_part(value: str) -> str:
    """The quoted text ``value`` opens with, quotes included ('' if it never closes)."""
    quote, body = value[0], value[1:]
    found = re.match(r"(?:[^']|'')*'" if quote == "'" else r'(?:[^"\\]|\\.)*"', body)
    return quote + found.group() if found else ""


def full_width_name(value: str) -> str:
    """What the first full-width character of ``value`` is called."""
    return next((_NAMES[char] for char in value if char in _NAMES), "全角字符")

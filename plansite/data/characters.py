"""Characters a reader cannot see or that change how text around them reads, named for editors.

The same test serves both ends: the validator refuses these characters in the data, and every
message shows them as ``⟨U+000B⟩`` so that a report stays one line per problem and nothing it
quotes can move the terminal's cursor or colour its text.
"""

from __future__ import annotations

import unicodedata

# The ones an editor is likely to paste, and what they are called where they come from.
_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃符 BEL",
    "\t": "制表符 Tab",
    "\n": "换行符",
    "\x0b": "垂直制表符，Word 的手动换行符",
    "\x0c": "换页符",
    "\r": "回车符",
    "\x1b": "转义符 ESC",
    "\x85": "下一行符 NEL",
    "\xad": "软连字符",
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u202a": "从左到右嵌入符",
    "\u202b": "从右到左嵌入符",
    "\u202c": "方向格式结束符",
    "\u202d": "从左到右强制符",
    "\u202e": "从右到左强制符，会让文字倒着显示",
    "\u2060": "零宽不换行符",
    "\u2066": "从左到右隔离符",
    "\u2067": "从右到左隔离符",
    "\u2068": "方向隔离符",
    "\u2069": "方向隔离结束符",
    "\ufeff": "零宽不换行空格，即 BOM",
}
_CATEGORY_NAMES = {
    "Cc": "控制字符",
    "Cf": "不可见的格式字符",
    "Cs": "单独的代理码位，不是完整的字符",
    "Co": "私用区字符，读者的设备上显示不出来",
    "Zl": "行分隔符",
    "Zp": "段分隔符",
}


def unseen(char: str) -> str | None:
    """What ``char`` is, in Chinese, if it is a character a text may not hold; else None."""
    if char in _NAMES:
        return _NAMES[char]
    category = unicodedata.category(char)
    if category in _CATEGORY_NAMES:
        return _CATEGORY_NAMES[category]
    if _noncharacter(char):
        return "非字符，Unicode 规定不得用于文字交换"
    return None


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def describe(char: str) -> str:
    """'U+000B（垂直制表符，Word 的手动换行符）'."""
    return f"{code(char)}（{unseen(char) or unicodedata.name(char, '字符')}）"


def first_unseen(text: str) -> int | None:
    """The index of the first unseen character of ``text``, if any. Python's ``isprintable`` is
    false for every such character (and for spaces other than ASCII's), so it screens first."""
    if text.isprintable():
        return None
    return next((index for index, char in enumerate(text) if unseen(char)), None)


def visible(text: str) -> str:
    """``text`` with every unseen character written as ⟨U+XXXX⟩."""
    if text.isprintable() or all(unseen(char) is None for char in text):
        return text
    return "".join(f"⟨{code(char)}⟩" if unseen(char) else char for char in text)

"""Why a value YAML read is not what the schema asks, when a keyboard made it so.

``２０２５`` for a year, ``［a，b］`` for a list, ``a；b`` between ids, ``2025年3月1日`` for a
date: the parser read each as text, the schema refused it, and the generic message would not say
why. ``value_hint`` says why, with the value as it should be written when that value is right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from plansite.data.keyboard import FULL_WIDTH, SWITCH, full_width_name
from plansite.data.load import DataPath, LoadedYaml
from plansite.data.reporter import FIELD_WORDS


def value_hint(value: str, expected: str, pattern: str | None = None) -> tuple[str, str] | None:
    """Why ``value`` (text, as YAML read it) is not the ``expected`` kind (integer, number, array,
    object, or text matching ``pattern``) when a keyboard made it so: the message and its rule;
    None when it is some other mistake."""
    typed = ascii_form(value)
    what = _what_is_full_width(value)
    if expected in ("integer", "number") and typed != value and re.fullmatch(r"-?\d+(\.\d+)?", typed):
        return f"'{value}' 用的是{what}：改成半角的 {typed}" + SWITCH, "full-width"
    if expected == "array" and typed[:1] == "[" and typed != value:
        return f"'{value}' 用了{what}，YAML 没有把它读成列表：写成 {typed}" + SWITCH, "full-width"
    if expected == "object" and (found := re.fullmatch(r"([A-Za-z_][\w-]*)[:：]\s*(\S.*)", typed)):
        return f"'{value}' 的冒号后面少了空格或用了全角冒号：写成“{found.group(1)}: {found.group(2)}”", "colon-space"
    if expected != "pattern" or pattern is None:
        return None
    if (date := _date(typed)) and re.search(pattern, date):
        return f"'{value}' 要写成 {date}：年-月-日，月和日都写两位，用半角的“-”连接", "bad-value"
    parts = [part.strip(" \"'") for part in re.split(r"[,;]", typed)]
    parts = [part.rstrip(":") for part in parts if part]
    if typed == value and ";" not in value:
        return None
    if len(parts) == 1 and re.search(pattern, parts[0]):
        return f"'{value}' 里有{what}：改成半角，写成 {parts[0]}" + SWITCH, "full-width"
    if len(parts) > 1 and all(re.search(pattern, part) for part in parts):
        separator = "分号" if typed == value else what
        return (
            f"'{value}' 是{len(parts)}项，中间用了{separator}：列表的各项用半角逗号加空格分开，"
            f"写成 {', '.join(parts)}{SWITCH}",
            "full-width",
        )
    return f"'{value}' 里有{what}，这里不能有它：改用半角字符" + SWITCH, "full-width"


def ascii_form(value: str) -> str:
    """``value`` as it would be typed in half-width: full-width letters, digits and punctuation,
    Chinese quotes and 顿号 as the ASCII they stand for."""
    return "".join(FULL_WIDTH.get(char, char) for char in unicodedata.normalize("NFKC", value))


def _what_is_full_width(value: str) -> str:
    if any("０" <= char <= "９" for char in value):
        return "全角数字"
    if any("Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ" for char in value):
        return "全角字母"
    return full_width_name(value) if value != ascii_form(value) or ";" not in value else "分号"


def _date(typed: str) -> str | None:
    """A date as clerks write it (2025-3-1, 2025/3/1, 2025.3.1, 2025年3月1日) in ISO form."""
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", typed)
    return f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}" if found else None


def keys_as_meant(loaded: LoadedYaml) -> tuple[LoadedYaml, list[tuple[DataPath, str]]]:
    """The data with each field name typed in full-width letters (ｙｅａｒ) or in Chinese (牵头单位)
    renamed to the field it names, so the rest is checked as meant; and, for each, where it
    stands and what to write. A name the record already has is left for the schema to refuse."""
    renamed: list[tuple[DataPath, DataPath, str]] = []

    def walk(node: object, path: DataPath) -> object:
        if isinstance(node, list):
            return [walk(item, path + (index,)) for index, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            meant = meant_key(key)
            if meant and meant not in node:
                words = "中文" if in_chinese(key) else "全角字母"
                renamed.append((path + (key,), path + (meant,), f"未知字段 '{key}'：字段名用了{words}，写成 {meant}"))
                key_path, key = path + (meant,), meant
            else:
                key_path = path + (key,)
            out[key] = walk(value, key_path)
        return out

    if not any(meant_key(key) for key in _keys(loaded.data)):
        return loaded, []
    data = walk(loaded.data, ())
    values, keys = dict(loaded.value_positions), dict(loaded.key_positions)
    for old, new, _ in renamed:
        for positions in (values, keys):
            for path in [p for p in positions if p[: len(old)] == old]:
                positions[new + path[len(old) :]] = positions[path]
    meant_loaded = replace(loaded, data=data, value_positions=values, key_positions=keys)
    return meant_loaded, [(new, message) for _, new, message in renamed]


def meant_key(key: object) -> str | None:
    """The field a name typed in full-width letters (ｌｅａｄ) or in Chinese (牵头单位) names."""
    if not isinstance(key, str):
        return None
    typed = unicodedata.normalize("NFKC", key).strip()
    if typed != key and re.fullmatch(r"[a-z_]+", typed):
        return typed
    return _BY_WORDS.get(key.strip())


def in_chinese(key: str) -> bool:
    """Whether ``key`` is a field's name in Chinese (FIELD_WORDS)."""
    return key.strip() in _BY_WORDS


_BY_WORDS = {words: key for key, words in FIELD_WORDS.items()}


def _keys(node: object) -> Iterator[object]:
    """Every field name in ``node``, however deep."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield from node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)

"""The characters a pinyin keyboard offers for the same syllable, for the search's typing mistakes.

A reader who types dianti and picks 点梯 for 电梯 (or 补帖, 抱废, 以旧换心) wrote a piece the plan
does not hold; the search (``search-rank.js``) reads it as the plan's piece that sounds the same.
A reader whose input method was left on letters searches for dianti itself; the search reads it
as the plan's word typed with those syllables. Both need, for each character, the syllable it is
typed with: here as groups of characters that share one (tones are not typed), each named by its
syllable. The characters are the 3,755 of GB 2312's first level, the ones an input method offers
first, each in the group of its usual reading as pypinyin gives it. That table is written once
into ``syllables.txt`` (``python -m plansite.site.sounds`` rewrites it; a test holds it to
pypinyin's), because importing pypinyin costs every build more than the rest of the search index.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("syllables.txt")
# GB 2312's first level: rows 16 to 55 (bytes B0 to D7), 94 characters a row, the last row 89.
_FIRST_LEVEL = bytes(
    byte for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF if row < 0xD7 else 0xFA) for byte in (row, cell)
)


def written_table() -> str:
    """The table as pypinyin reads it: a line per syllable, then its characters in GB 2312's order."""
    from pypinyin import Style, lazy_pinyin

    groups: dict[str, list[str]] = {}
    for character in _FIRST_LEVEL.decode("gb2312"):
        # One character at a time: in a string pypinyin reads its words, as 行 in 银行.
        (syllable,) = lazy_pinyin(character, style=Style.NORMAL)
        groups.setdefault(syllable, []).append(character)
    return "".join(f"{syllable} {''.join(group)}\n" for syllable, group in sorted(groups.items()))


@cache
def _groups() -> tuple[tuple[str, str], ...]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return tuple((syllable, group) for syllable, _, group in (line.partition(" ") for line in lines))


def syllables_of(texts: Iterable[str]) -> dict[str, str]:
    """Each syllable a character of ``texts`` is typed with → the characters typed with it."""
    plan = set("".join(texts))
    return {syllable: group for syllable, group in _groups() if not plan.isdisjoint(group)}


if __name__ == "__main__":
    TABLE.write_text(written_table(), encoding="utf-8")

"""Traditional characters as the plan writes them, for a reader whose keyboard is set to 繁體.

An input method switched to traditional characters (or a reader from Hong Kong or Taiwan) types
電梯 and 補貼; the plan writes 电梯 and 补贴. The search (``search-rank.js``) reads each traditional
character of a query as its simplified one. The pairs are OpenCC's (TSCharacters, through
opencc-python-reimplemented), for the simplified characters of GB 2312; they are written once
into ``traditional.txt`` (``python -m plansite.site.traditional`` rewrites it, a test holds it to
OpenCC's), so that a build needs no converter.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

TABLE = Path(__file__).with_name("traditional.txt")


def written_table() -> str:
    """A line per traditional character: it, then the simplified character OpenCC reads it as."""
    lines = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8").splitlines()
    pairs = []
    for line in lines:
        written, simplified = line.split("\t")[0], line.split("\t")[1].split(" ")[0]
        if written != simplified and _in_gb2312(simplified):
            pairs.append(f"{written} {simplified}\n")
    return "".join(sorted(pairs))


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(character) == 1


@cache
def _pairs() -> tuple[tuple[str, str], ...]:
    return tuple((line[0], line[2]) for line in TABLE.read_text(encoding="utf-8").splitlines())


def simplified_of(texts: Iterable[str]) -> dict[str, str]:
    """Each traditional character whose simplified one ``texts`` hold → that character; none the
    texts hold themselves (乾 stays 乾 where a plan writes it)."""
    plan = set("".join(texts))
    return {written: simplified for written, simplified in _pairs() if simplified in plan and written not in plan}


if __name__ == "__main__":
    TABLE.write_text(written_table(), encoding="utf-8")

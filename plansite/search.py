"""Chinese search: the jieba user dictionary, and a fix to Material's query segmentation.

Material's search plugin segments every page with jieba at build time and, in the browser,
splits a query into words it finds in the index. So a word a reader types must come out of
jieba as a word (or the start of one): department names whole, full names split into
"长治市" + the body's own name, and the plan's vocabulary from ``data/search-terms.txt``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .model import Plan

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "search-terms.txt"
# Material's search loads its whole index on every page: about 1.3 KB gzipped per measure page
# and its sections. Beyond this many measures that is more than a reader should download before a
# first query (500 KB), and the plan is searched with Pagefind instead, which fetches only the
# index chunks a query needs. This is the one place the choice is made; the build reports it.
MATERIAL_SEARCH_MEASURES = 300
# jieba's user dictionary, in the generated docs folder, which mkdocs.yml names.
DICTIONARY = ".search-dictionary.txt"


def engine(plan: Plan) -> str:
    """'material' (lunr, in the theme's own search box) or 'pagefind' (a search page)."""
    return "material" if len(plan.measures) <= MATERIAL_SEARCH_MEASURES else "pagefind"


CITY_PREFIX = "长治市"
# jieba's dictionary totals about 60 million; a word this frequent wins every split it is in.
STRONG = 1_000_000


def user_dictionary(plan: Plan, terms_file: Path = TERMS_FILE) -> str:
    """jieba's user-dictionary format: one 'word frequency' a line; frequency 0 forbids a word."""
    words: dict[str, int] = {}
    for department in plan.departments:
        for name in (department.name, *department.aliases):
            words[name] = STRONG
        if department.full_name.startswith(CITY_PREFIX):
            words[CITY_PREFIX] = STRONG
            words[department.full_name.removeprefix(CITY_PREFIX)] = STRONG
        else:
            words[department.full_name] = STRONG
    for topic in plan.topics:
        words[topic.name] = STRONG
    for word, frequency in _curated_terms(terms_file):
        words[word] = frequency
    return "".join(f"{word} {frequency}\n" for word, frequency in words.items())


def _curated_terms(terms_file: Path) -> list[tuple[str, int]]:
    """Lines of the terms file: a word to keep whole, or '-word' for a compound to split."""
    terms = []
    for line in terms_file.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms.append((line[1:], 0) if line.startswith("-") else (line, STRONG))
    return terms


def require_jieba() -> None:
    """Fail loudly if jieba is missing: Material would silently build an unsegmented index."""
    # Found, not imported: importing jieba costs a third of generating the real plan.
    if importlib.util.find_spec("jieba") is None:
        raise SystemExit(
            "jieba is not installed, so Chinese search would not work: install the pinned requirements (make site does)"
        )


# Material 9.8's browser-side segmentation of a Chinese query tries every word of the index
# that starts at each character, but stops one character short of the query's end: a query
# that is itself a word (市工信局) is cut to its first character (市), which matches almost
# every page. The fix lets the word reach the end of the query. It is written into the
# generated docs folder, whose files take precedence over the theme's.
WORKER = "assets/javascripts/workers/search.a7633da7.min.js"
_SEGMENTATION_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
_SEGMENTATION_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


class ThemeChanged(Exception):
    """Material's search worker is not the one this fix was written for."""


def fixed_search_worker() -> str:
    theme = importlib.util.find_spec("material")
    worker = Path(theme.origin or "").parent / "templates" / WORKER if theme else Path(WORKER)
    if not worker.is_file():
        raise ThemeChanged(
            f"Material has no {WORKER}: the theme was upgraded; re-check search segmentation "
            "(plansite/search.py) and update WORKER"
        )
    code = worker.read_text(encoding="utf-8")
    if code.count(_SEGMENTATION_BUG) != 1:
        raise ThemeChanged(
            f"Material's {WORKER} no longer holds the segmentation code this fix replaces; "
            "re-check search segmentation (plansite/search.py)"
        )
    return code.replace(_SEGMENTATION_BUG, _SEGMENTATION_FIX)

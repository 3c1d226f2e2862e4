"""The jieba user dictionary that makes Chinese search find the plan's own words.

Material's search plugin segments every page with jieba at build time and, in the browser,
splits a query into words it finds in the index. So a word a reader types must come out of
jieba as a word (or the start of one): department names whole, full names split into
"长治市" + the body's own name, and the plan's vocabulary from ``data/search-terms.txt``.
"""

from __future__ import annotations

from pathlib import Path

from .model import Plan

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "search-terms.txt"
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
    try:
        import jieba  # noqa: F401
    except ImportError as error:
        raise SystemExit("jieba is not installed, so Chinese search would not work: "
                         "install the pinned requirements (make site does)") from error

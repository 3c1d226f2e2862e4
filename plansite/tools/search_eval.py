"""The search evaluation set: the written queries, phrases drawn from the plan itself, and the
residents' questions as a pinyin keyboard may mistype them.

A reader often types a phrase copied from the plan. The phrases drawn here occur once, in one
measure's text and not in any title, while each of their words occurs elsewhere too: that
measure must come first, above pages that only repeat the words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from plansite import repository
from plansite.data.model import Plan

# The written queries are this plan's: they live with its other facts.
QUERIES_FILE = repository.THIS_PLAN
# A phrase of this many characters is a phrase a reader copies, not a word.
_PHRASE_CHARACTERS = range(4, 9)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# The sets of residents' own words, which the mistyped set is made from.
RESIDENTS = (
    "citizen",
    "everyday",
    "questions",
    "unseen",
    "fresh",
    "heldout",
    "untouched",
    "blind",
    "seventh",
    "eighth",
    "ninth",
)


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]  # site-relative URLs; any of them first is a perfect answer
    kind: str


def written_queries(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")).get("search_queries") or {}
    return [Query(str(text), tuple(pages), kind) for kind, queries in data.items() for text, pages in queries.items()]


def drawn_phrases(plan: Plan, per_measure: int = 1) -> list[Query]:
    """Phrases of two or three words found once in the plan, each word found elsewhere too."""
    import jieba

    jieba.setLogLevel(60)
    texts = {m.url: m.text for m in plan.measures}
    everything = "\n".join([*texts.values(), *(m.title for m in plan.measures), plan.document.title])
    queries = []
    for url, text in texts.items():
        found: list[str] = []
        for run in _HAN.findall(text):
            words = list(jieba.cut(run))
            for size in (2, 3):
                for start in range(len(words) - size + 1):
                    phrase = "".join(words[start : start + size])
                    parts = words[start : start + size]
                    if (
                        len(phrase) in _PHRASE_CHARACTERS
                        and everything.count(phrase) == 1
                        and all(len(w) > 1 and everything.count(w) > 1 for w in parts)
                        and phrase not in found
                    ):
                        found.append(phrase)
        queries += [Query(phrase, (url,), "drawn") for phrase in found[:per_measure]]
    return queries


def mistyped(queries: Sequence[Query], index: dict) -> list[Query]:
    """The residents' queries, each with one character swapped for the first other character typed
    with its syllable (``index["readings"]["sounds"]``, as a reader picks the wrong one of a pinyin
    keyboard's offers): a character of the query's rarest piece the plan holds, so that the mistake
    falls on what the query is about. Queries with no such character are left out."""
    texts = ["".join([p["title"], p["text"], *p["keys"], *p["lead"], *p["units"]]) for p in index["pages"]]
    pages_holding = Counter(piece for text in texts for piece in {text[i : i + 2] for i in range(len(text) - 1)})
    group = {character: sounds for sounds in index["readings"]["sounds"].values() for character in sounds}
    found = []
    for query in queries:
        if query.kind not in RESIDENTS:
            continue
        text = query.text
        rarest = [
            (pages_holding[text[i : i + 2]], at)
            for i in range(len(text) - 1)
            if pages_holding[text[i : i + 2]]
            for at in (i, i + 1)
            if len(group.get(text[at], "")) > 1
        ]
        if rarest:
            at = min(rarest)[1]
            typed = next(other for other in group[text[at]] if other != text[at])
            found.append(Query(text[:at] + typed + text[at + 1 :], query.expected, "mistyped"))
    return found


def reciprocal_rank(results: Sequence[str], expected: Sequence[str]) -> float:
    """1 for an expected page first, 1/2 second, …, 0 if none is among the results."""
    return next((1 / rank for rank, url in enumerate(results, 1) if url in expected), 0.0)

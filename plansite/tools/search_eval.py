"""The search evaluation set: the written queries, and phrases drawn from the plan itself.

A reader often types a phrase copied from the plan. The phrases drawn here occur once, in one
measure's text and not in any title, while each of their words occurs elsewhere too: that
measure must come first, above pages that only repeat the words.
"""

from __future__ import annotations

import re
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


def reciprocal_rank(results: Sequence[str], expected: Sequence[str]) -> float:
    """1 for an expected page first, 1/2 second, …, 0 if none is among the results."""
    return next((1 / rank for rank, url in enumerate(results, 1) if url in expected), 0.0)

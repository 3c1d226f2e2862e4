"""Targets say what their text says, in whatever plan data/ holds. (This plan's own text, paragraph
for paragraph, and its counts are in tests/test_this_plan.py; --check compares every plan's data
with its source.)

Texts may restore the official full-width punctuation (，：（）) where the capture has ASCII; so
texts are compared after Unicode NFKC normalisation.
"""

import re
import unicodedata


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_target_clauses_quote_their_text(plan):
    for measure in plan.measures:
        for target in measure.targets:
            assert nfkc(target.text) in nfkc(measure.text), target.id
    for goal in plan.goals:
        for target in goal.targets:
            assert target.year == goal.year
            assert nfkc(target.text) in nfkc(goal.text), target.id


def test_relative_targets_name_their_baseline(plan):
    """A target measured against a year (较2023年…, 以2025年…为基础) records that year as its baseline."""
    for target in plan.targets:
        stated = re.search(r"(?:较|以)(\d{4})年", target.text)
        assert target.baseline_year == (int(stated.group(1)) if stated else None), target.id

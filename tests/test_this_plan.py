"""This plan's facts, as tests/this_plan.yaml records them: the source, the document, its counts,
how its measures name their units, its targets, and fidelity to this very text.

Every other test checks behaviour against whatever plan data/ holds. A city that adopts the
project replaces tests/this_plan.yaml (scripts/import_plan.py --replace writes a first one from
the draft), not this module.
"""

import hashlib
import re
import unicodedata

import pytest
import yaml

from plansite.data import official_text
from tests.conftest import ROOT, SOURCE

# Every test here reads the plan in data/ (its index, its facts).
pytestmark = pytest.mark.plan

EXPECTED = yaml.safe_load((ROOT / "tests" / "this_plan.yaml").read_text(encoding="utf-8"))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_the_data_is_taken_from_this_text():
    assert SOURCE.name == EXPECTED["source"]
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == EXPECTED["source_sha256"]


def test_the_data_reassembled_reproduces_the_whole_official_document(plan, official_lines):
    rebuilt = list(official_text.paragraphs(plan))
    assert len(rebuilt) == len(official_lines) == EXPECTED["paragraphs"]
    for data_paragraph, source_paragraph in zip(rebuilt, official_lines, strict=True):
        # The same words; the capture's ASCII , : ( ) restored to the official full-width forms.
        assert nfkc(data_paragraph) == nfkc(source_paragraph)
        assert data_paragraph == source_paragraph.translate(str.maketrans(",:()", "，：（）"))


def test_document_metadata(plan):
    document, expected = plan.document, EXPECTED["document"]
    assert (document.title, document.issuer, document.number) == (
        expected["title"],
        expected["issuer"],
        expected.get("number"),
    )
    assert document.signed == expected["signed"]
    assert document.published == expected.get("published")
    assert [basis.number for basis in document.bases] == expected["bases"]
    assert document.disclosure == expected.get("disclosure")
    local = document.local_governments
    assert (local.name if local else None) == expected.get("local_governments")
    record = (document.index_number, document.subject, document.official_page)
    assert record == (expected.get("index_number"), expected.get("subject"), expected.get("official_page"))


def test_counts(plan):
    counts = EXPECTED["counts"]
    assert len(plan.measures) == counts["measures"]
    assert [measure.id for measure in plan.measures] == [f"m{n:02d}" for n in range(1, counts["measures"] + 1)]
    assert len(plan.chapters) == counts["chapters"]
    assert [len(plan.measures_in(chapter)) for chapter in plan.chapters] == EXPECTED["chapter_sizes"]
    assert len(plan.departments) == counts["departments"]
    assert len(plan.targets) == len({target.id for target in plan.targets}) == counts["targets"]
    assert len(plan.topics) == counts["topics"]
    assert len(plan.working_groups) == counts["working_groups"]
    if plan.topics:
        assert all(measure.topics for measure in plan.measures)


def test_units_as_the_source_describes_them(plan):
    def numbers(condition):
        return [m.number for m in plan.measures if condition(m)]

    units = EXPECTED["units"]
    assert numbers(lambda m: m.responsible) == units["responsible"]
    assert numbers(lambda m: not (m.lead or m.responsible)) == units["none"]
    assert numbers(lambda m: m.lead and not m.supporting) == units["lead_only"]


@pytest.mark.parametrize("number,clause", sorted(EXPECTED["unit_clauses"].items()))
def test_unit_clauses_are_rebuilt_from_department_ids(plan, number, clause):
    assert official_text.units_clause(plan, plan.measures[number - 1]) == clause


def test_departments_are_one_registry_with_aliases(plan):
    by_name = {name: d for d in plan.departments for name in (d.name, *d.aliases)}
    for spellings in EXPECTED.get("same_department") or []:
        assert len({by_name[name].id for name in spellings}) == 1, spellings
    for name, full_name in (EXPECTED.get("full_names") or {}).items():
        assert by_name[name].full_name == full_name
    used = {d.id for m in plan.measures for d in m.lead + m.supporting + m.responsible}
    assert used == {d.id for d in plan.departments}


def test_targets_by_year(plan):
    by_year: dict[int, int] = {}
    for target in plan.targets:
        by_year[target.year] = by_year.get(target.year, 0) + 1
    assert by_year == (EXPECTED.get("targets_by_year") or {})


def test_value_text_reads_as_the_plan_words_it(plan):
    targets = {t.id: t for t in plan.targets}
    for target_id, words in (EXPECTED.get("value_texts") or {}).items():
        assert targets[target_id].value_text == words, target_id


def test_every_year_the_text_commits_to_is_a_target_or_is_excused(plan, official_lines):
    """Once targets are curated, a year in the text is in a target's clause or excused by its words."""
    if not plan.targets:
        assert plan.draft, "curated data states its targets"
        return
    text = nfkc("\n".join(official_lines))
    covered = [
        span for target in plan.targets for span in (m.span() for m in re.finditer(re.escape(nfkc(target.text)), text))
    ]
    not_targets = EXPECTED.get("not_targets") or {}
    excused = [span for words in not_targets for span in (m.span() for m in re.finditer(re.escape(nfkc(words)), text))]
    for year in re.finditer(r"\d{4}", text):
        inside = [start <= year.start() and year.end() <= end for start, end in covered + excused]
        context = text[max(0, year.start() - 15) : year.end() + 15]
        assert any(inside), f"year {year.group()} in '…{context}…' is neither in a target's clause nor excused"


def test_the_search_evaluation_set_asks_as_readers_do(plan, built_site):
    queries = EXPECTED["search_queries"]
    assert {"clerk", "help"} <= set(queries)
    # At least one written query per measure, each expecting pages the site has.
    assert sum(len(kind) for kind in queries.values()) >= len(plan.measures)
    expected = {url for kind in queries.values() for urls in kind.values() for url in urls}
    assert [url for url in sorted(expected) if not (built_site / url / "index.html").is_file()] == []

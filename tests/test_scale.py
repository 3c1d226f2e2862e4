"""A plan of hundreds of regions stays usable: the navigation stops listing every measure, search
moves to Pagefind, the matrix gives way to its CSV, and the indexes built in one pass give the
answers the plain definitions give."""

import functools
import tempfile
from pathlib import Path

import yaml

from plansite import build
from plansite.data.read import read_plan
from plansite.site import catalog, pages, related, search
from plansite.tools.synthetic_plan import synthesize
from tests.conftest import DATA
from tests.golden_pages import SITE


@functools.cache
def synthetic(size):
    """A synthetic plan read as the generator reads its data file, checks included."""
    data = synthesize(yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), size)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "plan.yaml"
        file.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return read_plan(file, "plan.yaml")


def test_synthetic_plans_pass_every_check_of_the_generator(plan):
    large = synthetic(400)
    assert len(large.measures) == 400 and len({m.id for m in large.measures}) == 400
    regions = -(-400 // len(plan.measures))
    assert len(large.departments) == len(plan.departments) * regions and large.measures[-1].number == 400
    # Smaller than the real plan, as the benchmark's smoke test builds: only the topics it uses.
    small = synthetic(5)
    assert len(small.measures) == 5 and {t.id for t in small.topics} == {t.id for m in small.measures for t in m.topics}


def test_related_measures_are_those_the_definition_ranks_first():
    plan = synthetic(400)
    built = catalog.build(plan)

    def by_definition(measure):
        leads = {d.id for d in measure.lead + measure.responsible}
        topics = {t.id for t in measure.topics}

        def affinity(other):
            return 2 * len(leads & {d.id for d in other.lead + other.responsible}) + len(
                topics & {t.id for t in other.topics}
            )

        scored = sorted(
            ((affinity(o), o.number) for o in plan.measures if o is not measure and affinity(o)),
            key=lambda item: (-item[0], item[1]),
        )
        return [number for _, number in scored[: related.RELATED_LIMIT]]

    for measure in plan.measures[::3]:
        assert [m.number for m in built.measures[measure.id].related] == by_definition(measure)


def test_a_large_plan_keeps_its_measures_and_chapters_out_of_the_navigation(plan):
    small = yaml.safe_load(dict(pages.render(catalog.build(plan), SITE, "own"))[".config.yml"])
    listed = str(small["nav"])
    assert all(f"measures/{m.id}.md" in listed for m in plan.measures)
    assert {"搜索": "search/index.md"} not in small["nav"]
    large = yaml.safe_load(build.site_files(catalog.build(synthetic(400)), SITE)[".config.yml"])
    assert "measures/m" not in str(large["nav"]) and "sectors/general" not in str(large["nav"])
    assert {"搜索": "search/index.md"} in large["nav"]


def test_search_moves_to_pagefind_above_the_limit(plan):
    assert search.engine(plan) == "own"
    assert search.engine(synthetic(search.OWN_SEARCH_MEASURES + 1)) == "pagefind"
    assert search.engine(synthetic(search.OWN_SEARCH_MEASURES)) == "own"


def test_the_matrix_gives_way_to_its_csv_when_it_would_not_be_read(plan):
    assert catalog.build(plan).matrix
    large = catalog.build(synthetic(400))
    assert large.matrix == ()
    page = build.site_files(large, SITE)["departments/index.md"]
    assert "plan-chart-matrix" not in page and "departments.csv" in page


def test_the_matrix_counts_match_the_measures(plan):
    # Two regions: a matrix small enough to be drawn.
    plan = synthetic(2 * len(plan.measures))
    built = catalog.build(plan)
    assert built.matrix
    cells = [(row.department.id, cell) for row in built.matrix for cell in row.cells]
    assert sum(cell.lead + cell.support for _, cell in cells) == sum(
        len(m.lead + m.responsible + m.supporting) for m in plan.measures
    )
    assert len(cells) == len(plan.departments) * len(built.matrix_chapters)
    for department, cell in cells:
        measures = [m for m in plan.measures if m.chapter is cell.chapter]
        assert cell.lead == sum(department in {d.id for d in m.lead + m.responsible} for m in measures)
        assert cell.support == sum(department in {d.id for d in m.supporting} for m in measures)

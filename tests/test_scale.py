"""A plan of hundreds of regions builds in linear time and stays usable: the navigation stops
listing every measure, search moves to Pagefind, the matrix gives way to its CSV, and the
shortcuts taken for speed give the answers the plain definitions give."""

import functools
import tempfile
from pathlib import Path

import pytest
import yaml

from plansite import catalog, charts, cli, render, search, write
from plansite.build import read_plan
from scripts.synthetic_plan import synthesize
from tests.conftest import DATA, ROOT, tree
from tests.golden_pages import SITE


@functools.cache
def synthetic(size):
    """A synthetic plan read as the generator reads its data file, checks included."""
    data = synthesize(yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), size)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "plan.yaml"
        file.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        return read_plan(file, "plan.yaml")


def test_synthetic_plans_pass_every_check_of_the_generator():
    plan = synthetic(400)
    assert len(plan.measures) == 400 and len({m.id for m in plan.measures}) == 400
    assert len(plan.departments) == 35 * 8 and plan.measures[-1].label == "（四百）"


def test_related_measures_are_those_the_definition_ranks_first():
    plan = synthetic(400)
    built = catalog.build(plan)

    def by_definition(measure):
        leads = {d.id for d in measure.lead + measure.responsible}
        topics = {t.id for t in measure.topics}

        def affinity(other):
            return (2 * len(leads & {d.id for d in other.lead + other.responsible})
                    + len(topics & {t.id for t in other.topics}))

        scored = sorted(((affinity(o), o.number) for o in plan.measures if o is not measure and affinity(o)),
                        key=lambda item: (-item[0], item[1]))
        return [number for _, number in scored[:catalog.RELATED_LIMIT]]

    for measure in plan.measures[::3]:
        assert [m.number for m in built.measures[measure.id].related] == by_definition(measure)


def test_a_large_plan_keeps_its_measures_and_chapters_out_of_the_navigation(plan):
    small = yaml.safe_load(render._navigation(catalog.build(plan)))
    listed = str(small["nav"])
    assert all(f"measures/{m.id}.md" in listed for m in plan.measures)
    assert small["extra"] == {"search_engine": "material"}
    large = yaml.safe_load(render._navigation(catalog.build(synthetic(400))))
    assert "measures/m" not in str(large["nav"]) and "sectors/general" not in str(large["nav"])
    assert large["extra"] == {"search_engine": "pagefind"}
    assert {"搜索": "search/index.md"} in large["nav"]


def test_search_moves_to_pagefind_above_the_limit(plan):
    assert search.engine(plan) == "material"
    assert search.engine(synthetic(search.MATERIAL_SEARCH_MEASURES + 1)) == "pagefind"
    assert search.engine(synthetic(search.MATERIAL_SEARCH_MEASURES)) == "material"


def test_the_matrix_gives_way_to_its_csv_when_it_would_not_be_read(plan):
    assert charts.matrix_fits(catalog.build(plan))
    large = catalog.build(synthetic(400))
    assert not charts.matrix_fits(large)
    page = build.site_files(large, SITE)["departments/index.md"]
    assert "plan-chart-matrix" not in page and "departments.csv" in page


def test_the_involvement_counts_match_the_measures():
    plan = synthetic(120)
    built = catalog.build(plan)
    assert sum(i.lead + i.support for i in built.involvement.values()) == sum(
        len(m.lead + m.responsible + m.supporting) for m in plan.measures)
    for (department, chapter), involvement in built.involvement.items():
        measures = [m for m in plan.measures if m.chapter.id == chapter]
        assert involvement.lead == sum(department in {d.id for d in m.lead + m.responsible} for m in measures)
        assert involvement.support == sum(department in {d.id for d in m.supporting} for m in measures)


def test_files_shared_out_between_processes_are_the_files_one_process_writes(tmp_path):
    plan = synthetic(400)
    config, data = ROOT / "mkdocs.yml", tmp_path / "plan.yaml"
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    first_alone = write.publish_rendered(alone, cli.prepare(plan, data, config), processes=1)
    first_shared = write.publish_rendered(shared, cli.prepare(plan, data, config), processes=3)
    assert tree(alone) == tree(shared) and len(tree(alone)) > 1000
    assert first_alone == first_shared
    # Again, unchanged: every process links the files it is given instead of writing them.
    again = write.publish_rendered(shared, cli.prepare(plan, data, config), processes=3)
    assert again.changed == () and again.removed == () and tree(shared) == tree(alone)


def test_a_process_that_fails_stops_the_run_with_its_own_error_and_the_output_stays(tmp_path):
    out = tmp_path / "out"
    write.publish(out, {"a.md": b"a", "b.md": b"b"})
    before = tree(out)

    def broken() -> bytes:
        raise ValueError("a template that cannot render")

    files = {f"page{i}.md": functools.partial(bytes, b"x") for i in range(10)} | {"page6.md": broken}
    with pytest.raises(write.WorkerFailed, match="a template that cannot render"):
        # page6.md falls to the second of two processes: after the marker file, every other path.
        write.publish_rendered(out, files, processes=2)
    assert tree(out) == before


def test_only_a_large_plan_in_a_program_without_threads_is_shared_out(monkeypatch):
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(cli.sys, "platform", "linux")
    monkeypatch.setattr(cli.threading, "active_count", lambda: 1)  # other tests may have left threads
    assert cli.processes_for(cli.PARALLEL_FROM_FILES - 1) == 1
    assert cli.processes_for(cli.PARALLEL_FROM_FILES) == 2
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert cli.processes_for(10**5) == cli.MAX_PROCESSES
    monkeypatch.setattr(cli.threading, "active_count", lambda: 3)
    assert cli.processes_for(10**5) == 1
    monkeypatch.setattr(cli.threading, "active_count", lambda: 1)
    monkeypatch.setattr(cli.sys, "platform", "darwin")
    assert cli.processes_for(10**5) == 1

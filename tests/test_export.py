"""plan.json: the public data contract, deterministic, and written only from valid data."""

import json
import subprocess
import sys

import jsonschema
import pytest

from plansite.commands.generate import summary
from plansite.data.read import read_plan
from plansite.site import export
from tests.conftest import DATA, ROOT
from tests.error_cases import case

GENERATE = ROOT / "scripts" / "generate.py"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"


def generate(*args):
    return subprocess.run([sys.executable, str(GENERATE), *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def published(plan):
    return json.loads(export.plan_json(plan))


def test_plan_json_follows_its_published_schema(published):
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(published)


def test_plan_json_carries_the_whole_plan(plan, published):
    document = published["document"]
    assert (document["title"], document["signed"], document["number"]) == (
        plan.document.title,
        plan.document.signed.isoformat(),
        plan.document.number,
    )
    assert [b["number"] for b in document["bases"]] == [b.number for b in plan.document.bases]
    assert published["draft"] == plan.draft
    assert [(m["id"], m["number"], m["chapter"], m["title"], m["text"], m["url"]) for m in published["measures"]] == [
        (m.id, m.number, m.chapter.number, m.title, m.text, m.url) for m in plan.measures
    ]
    assert [(m["lead"], m["supporting"], m["responsible"]) for m in published["measures"]] == [
        ([d.id for d in m.lead], [d.id for d in m.supporting], [d.id for d in m.responsible]) for m in plan.measures
    ]
    assert [(d["id"], d["name"], d["full_name"], d["aliases"], d["kind"]) for d in published["departments"]] == [
        (d.id, d.name, d.full_name, list(d.aliases), d.kind) for d in plan.departments
    ]
    assert len(published["goals"]) == sum(len(goal.targets) for goal in plan.goals)
    exported = published["goals"] + [t for m in published["measures"] for t in m["targets"]]
    assert [(t["id"], t["year"], t["text"], t["value"], t["deadline"]) for t in exported] == [
        (t.id, t.year, t.text, t.value, t.deadline.isoformat()) for t in plan.targets
    ]
    assert {g["id"]: g["lead"] for g in published["working_groups"]} == {g.id: g.lead.id for g in plan.working_groups}


def test_the_sample_plan_exports_to_its_golden_file(tmp_path, golden):
    assert generate("--data", SAMPLE / "curated.yaml", "--out", tmp_path / "out").returncode == 0
    golden(SAMPLE / "expected-plan.json", (tmp_path / "out" / "downloads" / "plan.json").read_text(encoding="utf-8"))


@pytest.mark.plan
def test_two_runs_write_identical_bytes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert generate("--out", first).returncode == 0
    assert generate("--out", second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) > 2 * len(read_plan(DATA, "data/measures.yaml").measures)
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_a_normal_run_writes_plan_json_and_its_schema(tmp_path, plan):
    result = generate("--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert summary("data/measures.yaml", plan) in result.stdout
    assert (tmp_path / "out" / "downloads" / "plan.schema.json").read_bytes() == (
        ROOT / "schema" / "plan.schema.json"
    ).read_bytes()
    assert (
        json.loads((tmp_path / "out" / "downloads" / "plan.json").read_text(encoding="utf-8"))["measures"][0]["id"]
        == "m01"
    )
    again = generate("--out", tmp_path / "out")
    assert again.stdout.endswith("：写入 0 个文件，删除 0 个，其余未变\n")


def test_check_writes_nothing(tmp_path, plan):
    result = generate("--check", "--out", tmp_path / "out")
    assert result.returncode == 0
    assert result.stdout.startswith(f"data/measures.yaml：检查通过，{len(plan.measures)} 项措施")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path):
    assert generate("--out", tmp_path / "out").returncode == 0
    output = tmp_path / "out" / "downloads" / "plan.json"
    before, stamp = output.read_bytes(), output.stat().st_mtime_ns
    listing = sorted(p.name for p in (tmp_path / "out" / "downloads").iterdir())
    result = generate("--data", case("many-errors").write(tmp_path), "--out", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "共 4 个问题"
    assert output.read_bytes() == before and output.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in (tmp_path / "out" / "downloads").iterdir()) == listing
    assert {"plan.json", "plan.schema.json", "measures.csv", "departments.csv", "targets.csv"} <= set(listing)
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1

"""plan.json: the public data contract, deterministic, and written only from valid data."""

import json
import subprocess
import sys

import jsonschema
import pytest

from plansite import export
from tests.conftest import ROOT

GENERATE = ROOT / "scripts" / "generate.py"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"
BAD = ROOT / "tests" / "fixtures" / "errors" / "many-errors.yaml"


def generate(*args):
    return subprocess.run([sys.executable, str(GENERATE), *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def published(plan):
    return json.loads(export.plan_json(plan))


def test_plan_json_follows_its_published_schema(published):
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(published)


def test_plan_json_carries_the_whole_plan(plan, published):
    assert published["document"]["signed"] == "2024-06-21"
    assert published["document"]["bases"][1]["number"] == "晋政发〔2024〕10号"
    assert len(published["measures"]) == 53 and len(published["chapters"]) == 13
    assert len(published["goals"]) == sum(len(goal.targets) for goal in plan.goals) == 28
    assert sum(len(m["targets"]) for m in published["measures"]) + len(published["goals"]) == len(plan.targets)
    m12 = published["measures"][11]
    assert {key: m12[key] for key in ("id", "number", "chapter", "title", "lead", "url")} == {
        "id": "m12",
        "number": 12,
        "chapter": 4,
        "title": "加快推进污水处理设施设备及管网更新改造",
        "lead": ["housing"],
        "url": "measures/m12/",
    }
    assert m12["targets"][1] == {
        "id": "m12-t2",
        "year": 2025,
        "text": "全市城镇老旧污水收集管网改造率达到40%左右",
        "indicator": "城镇老旧污水收集管网改造率",
        "value": 40,
        "unit": "%",
        "qualifier": "左右",
        "baseline_year": None,
        "deadline": "2025-12-31",
        "status": "unreported",
        "status_label": "未填报",
        "due": True,
        "progress": [],
        "working_group": None,
    }
    assert published["goals"][7]["working_group"] == "consumer-goods"
    assert {g["id"]: g["lead"] for g in published["working_groups"]}["consumer-goods"] == "commerce"
    assert published["document"]["number"] == "长政发〔2024〕9号"
    assert published["measures"][48]["responsible"] == [
        "development-reform",
        "energy",
        "industry-it",
        "planning-resources",
        "administrative-approval",
    ]
    pboc = next(d for d in published["departments"] if d["id"] == "pboc")
    assert pboc["aliases"] == ["人行长治市中心支行"]


def test_the_sample_plan_exports_to_its_golden_file(tmp_path, golden):
    assert generate("--data", SAMPLE / "curated.yaml", "--out", tmp_path / "out").returncode == 0
    golden(SAMPLE / "expected-plan.json", (tmp_path / "out" / "downloads" / "plan.json").read_text(encoding="utf-8"))


def test_two_runs_write_identical_bytes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert generate("--out", first).returncode == 0
    assert generate("--out", second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) > 130
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_a_normal_run_writes_plan_json_and_its_schema(tmp_path):
    result = generate("--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "53 项措施，13 个部分，35 个单位，67 项目标，19 个专题" in result.stdout
    assert (tmp_path / "out" / "downloads" / "plan.schema.json").read_bytes() == (
        ROOT / "schema" / "plan.schema.json"
    ).read_bytes()
    assert (
        json.loads((tmp_path / "out" / "downloads" / "plan.json").read_text(encoding="utf-8"))["measures"][0]["id"]
        == "m01"
    )
    again = generate("--out", tmp_path / "out")
    assert again.stdout.endswith("：写入 0 个文件，删除 0 个，其余未变\n")


def test_check_writes_nothing(tmp_path):
    result = generate("--check", "--out", tmp_path / "out")
    assert result.returncode == 0
    assert result.stdout.startswith("data/measures.yaml：检查通过，53 项措施")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path):
    assert generate("--out", tmp_path / "out").returncode == 0
    output = tmp_path / "out" / "downloads" / "plan.json"
    before, stamp = output.read_bytes(), output.stat().st_mtime_ns
    result = generate("--data", BAD, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "共 4 个问题"
    assert output.read_bytes() == before and output.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in (tmp_path / "out" / "downloads").iterdir()) == [
        "calendars",
        "departments",
        "departments.csv",
        "index.md",
        "measures.csv",
        "plan.json",
        "plan.schema.json",
        "targets.csv",
        "years",
    ]
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_value_text_reads_as_the_plan_words_it(plan):
    targets = {t.id: t for t in plan.targets}
    assert targets["m11-t1"].value_text == "40%左右"
    assert targets["m13-t1"].value_text == "约20公里"
    assert targets["g2025-t6"].value_text == "超过70%"
    assert targets["g2025-t12"].value_text == "2.5个百分点"
    assert targets["m18-t1"].value_text == "力争400辆"
    assert targets["m17-t5"].value_text is None

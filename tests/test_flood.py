"""A flood of problems stays readable: each rule's first problems in full and in file order, then
how many more of that rule there are and where the first of them stands; the count stays whole.

The floods are made here from the sample (plansite/tools/bench_check.py makes them, and times the
check on the real plan's data: `make bench-check`); no test times anything.
"""

import re
import subprocess
import sys

import pytest

from plansite.data import load
from plansite.data.fields import unknown
from plansite.data.read import read_plan
from plansite.data.reporter import Reporter
from plansite.problems import SHOWN_PER_RULE, DataError, Problem
from plansite.tools.bench_check import FLOODS, flooded
from tests.error_cases import ROOT, SAMPLE

LISTED = re.compile(r"^\S+:\d+:\d+: .* \[([a-z0-9-]+)\]$")
# The rule each flood of the benchmark breaks, and nothing else.
RULE_OF = {
    "wrong-kind": "not-allowed",
    "unknown-key": "unknown-key",
    "repeated-id": "duplicate-id",
    "unknown-department": "unknown-reference",
    "unknown-among-many": "unknown-reference",
    "impossible-date": "bad-date",
}


def flood(tmp_path, kind: str, count: int):
    """The sample flooded with ``count`` mistakes of ``kind``: the file and its text."""
    text = flooded(SAMPLE.read_text(encoding="utf-8"), kind, count)
    file = tmp_path / f"{kind}.yaml"
    file.write_text(text, encoding="utf-8")
    return file, text


def places(text: str, pattern: str) -> list[str]:
    """'line:column' of each match of ``pattern``'s group 1, as the check counts them."""
    return [
        f"{text.count(chr(10), 0, m.start(1)) + 1}:{m.start(1) - text.rfind(chr(10), 0, m.start(1))}"
        for m in re.finditer(pattern, text, re.MULTILINE)
    ]


def listed(report: str) -> list[str]:
    return [line for line in report.splitlines() if LISTED.match(line)]


def test_a_flood_of_one_mistake_shows_its_first_problems_then_how_many_more_and_where(tmp_path):
    file, text = flood(tmp_path, "wrong-kind", 3000)
    command = [sys.executable, "scripts/generate.py", "--check", "--data", str(file)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    wrong = places(text, r"^  kind: (wrong-kind)$")
    assert len(wrong) == 3000
    shown = listed(result.stderr)
    assert [line.split(": ", 1)[0] for line in shown] == [f"{file}:{place}" for place in wrong[:SHOWN_PER_RULE]]
    assert all(line.endswith("[not-allowed]") for line in shown)
    assert lines[len(shown)] == f"另有 2,980 个 [not-allowed] 问题未列出，第一个在 {file}:{wrong[SHOWN_PER_RULE]}"
    assert lines[len(shown) + 2 :] == [
        "怎么改（详见 CONTRIBUTING.md「错误信息」）：",
        "  [not-allowed] 只能从提示列出的几个取值中选一个。",
        "共 3,000 个问题",
    ]


def test_each_rule_is_cut_short_on_its_own_and_what_is_shown_stays_in_file_order(tmp_path):
    file, text = flood(tmp_path, "wrong-kind", 50)
    # Each flooded department also gets a field no department has, and each measure with a lead
    # an unknown one: a third rule, with fewer problems than are shown in full.
    text = text.replace("  kind: wrong-kind\n", "  kind: wrong-kind\n  colour: red\n")
    text, leads = re.subn(r"^(  lead:\n)", r"\1  - nobody\n", text, flags=re.MULTILINE)
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_plan(file, "flood.yaml")
    report = caught.value.report()
    shown = listed(report)
    rules = [LISTED.match(line)[1] for line in shown]
    assert {rule: rules.count(rule) for rule in rules} == {
        "not-allowed": 20,
        "unknown-key": 20,
        "unknown-reference": leads,
    }
    assert [tuple(map(int, line.split(":")[1:3])) for line in shown] == sorted(
        tuple(map(int, line.split(":")[1:3])) for line in shown
    )
    after = report.splitlines()[len(shown) : len(shown) + 2]
    assert after == [
        f"另有 30 个 [not-allowed] 问题未列出，第一个在 flood.yaml:{places(text, r'^  kind: (wrong-kind)$')[20]}",
        f"另有 30 个 [unknown-key] 问题未列出，第一个在 flood.yaml:{places(text, r'^  (colour): red$')[20]}",
    ]
    assert report.splitlines()[-1] == f"共 {len(caught.value.problems)} 个问题" == f"共 {100 + leads} 个问题"


@pytest.mark.parametrize(("count", "more"), [(SHOWN_PER_RULE, None), (SHOWN_PER_RULE + 1, "另有 1 个")])
def test_a_rule_is_cut_short_only_past_the_problems_shown_in_full(count, more):
    problems = [
        Problem(path="plan.yaml", line=n, column=3, where="", message="错误", rule="bad-value") for n in range(count)
    ]
    summary = [line for line in DataError(problems).report().splitlines() if line.startswith("另有")]
    assert summary == ([f"{more} [bad-value] 问题未列出，第一个在 plan.yaml:{count - 1}:3"] if more else [])


@pytest.mark.parametrize("order", ["in file order", "last first"])
def test_the_nearest_id_is_sought_for_every_unknown_id_shown_and_for_few_others(tmp_path, order):
    file, text = flood(tmp_path, "unknown-department", 30)
    loaded = load.parse(text, "flood.yaml")
    report = Reporter(loaded)
    paths = [("measures", 0, "supporting", n) for n in range(30)]
    for path in paths if order == "in file order" else reversed(paths):
        report(path, unknown("departments", "financ", {"finance", "statistics"}), "unknown-reference")
    shown = listed(DataError(report.problems).report())
    assert len(shown) == SHOWN_PER_RULE and all("是不是 'finance'？" in line for line in shown)
    sought = sum("是不是" in p.message for p in report.problems)
    assert sought == (SHOWN_PER_RULE if order == "in file order" else 30)
    unsought = [p.message for p in report.problems if "是不是" not in p.message]
    assert all("检查拼写，或先在 departments 中添加它" in message for message in unsought)


@pytest.mark.parametrize("kind", FLOODS)
def test_each_flood_the_benchmark_times_is_that_many_problems_of_one_rule(tmp_path, kind):
    file, _ = flood(tmp_path, kind, 25)
    with pytest.raises(DataError) as caught:
        read_plan(file, "flood.yaml")
    assert [p.rule for p in caught.value.problems] == [RULE_OF[kind]] * 25


def test_each_invisible_character_is_placed_where_it_stands_however_many_there_are():
    # Two on one line, then one on each of several lines, and one in the last line.
    text = SAMPLE.read_text(encoding="utf-8").replace("  name: 市工信局\n", "  name: 市\x07工\x07信局\n", 1)
    text = text.replace("  kind: municipal-department\n", "  kind: municipal-\x07department\n") + "# \x07"
    with pytest.raises(DataError) as caught:
        load.parse(text, "plan.yaml")
    where = [(text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)) for i, c in enumerate(text) if c == "\x07"]
    assert len(where) > 4 and [(p.line, p.column) for p in caught.value.problems] == where

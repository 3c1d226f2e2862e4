"""Measure pages date their data from corrections and git history, never failing without it."""

import datetime
import subprocess

import pytest

from plansite.data import history
from plansite.data.read import read_plan
from plansite.site import catalog
from tests.conftest import DATA, ROOT
from tests.golden_pages import SAMPLE

BLAME = """\
1111111111111111111111111111111111111111 1 1 2
author A
committer-time 1732752000
filename data/measures.yaml
\tdocument:
1111111111111111111111111111111111111111 2 2
\t  title: x
0000000000000000000000000000000000000000 3 3 1
author Not Committed Yet
committer-time 1764288000
\t  issuer: y
"""


def test_blame_dates_committed_lines_in_china_time_and_skips_uncommitted_ones():
    # 1732752000 is 2024-11-28 00:00 UTC, 08:00 in China.
    assert history._parse_blame(BLAME) == {1: datetime.date(2024, 11, 28), 2: datetime.date(2024, 11, 28)}


@pytest.mark.plan
def test_the_real_data_file_has_history_here():
    dates = history.line_dates(DATA)
    lines = DATA.read_text(encoding="utf-8").count("\n")
    assert dates and max(dates) > lines // 2


@pytest.mark.plan
def test_a_shallow_clone_has_no_history_and_still_generates(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    assert history.line_dates(clone / "data" / "measures.yaml") is None


def test_a_copy_outside_git_has_no_history(tmp_path):
    copy = tmp_path / "measures.yaml"
    copy.write_bytes(DATA.read_bytes())
    assert history.line_dates(copy) is None


def test_last_changed_is_the_newest_of_publication_corrections_documents_and_history():
    plan = read_plan(SAMPLE, "curated.yaml")
    m01, m02 = plan.measures[0], plan.measures[1]
    without_history = catalog.build(plan)
    assert without_history.measures["m04"].last_changed == plan.document.published
    assert without_history.measures["m01"].last_changed == datetime.date(2025, 5, 20)  # a document about it
    assert without_history.measures["m02"].last_changed == datetime.date(2025, 5, 20)  # later than its correction
    later = datetime.date(2026, 1, 5)
    newest = datetime.date(2027, 1, 1)
    dated = catalog.build(plan, {m01.source_line + 2: later, m02.source_line: newest})
    # Each measure is dated by its own lines only: from its "- id:" line to the next measure's.
    assert dated.measures["m01"].last_changed == later
    assert dated.measures["m02"].last_changed == newest

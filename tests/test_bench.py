"""`make bench` at small sizes, so the harness cannot rot, and a plan just past the Pagefind limit
built as `make site` builds it. Timings are printed, never asserted."""

import subprocess
import sys

import pytest

from plansite.site.search import OWN_SEARCH_MEASURES
from plansite.tools import nginx
from plansite.tools.bench_build import prepare
from tests.conftest import ROOT

# Builds the site with MkDocs: not in make quick.
pytestmark = pytest.mark.site

SIZES = (5, 12)
PAST_THE_LIMIT = OWN_SEARCH_MEASURES + 20


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [
            sys.executable,
            "scripts/bench_build.py",
            "--sizes",
            ",".join(map(str, SIZES)),
            "--runs",
            "1",
            "--workspace",
            str(workspace),
            "--out",
            str(workspace / "results.md"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return workspace, result.stdout


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """The site of a plan just past the limit of the site's own search, as `make site` builds it."""
    work = tmp_path_factory.mktemp("large")
    data, config_file = prepare(PAST_THE_LIMIT, work)
    result = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--data", str(data), "--config-file", str(config_file), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return work / "site"


def test_the_harness_prints_a_row_per_size_and_writes_them(bench):
    workspace, output = bench
    rows = [line for line in output.splitlines() if line.startswith(tuple(f"| {size} |" for size in SIZES))]
    assert len(rows) == len(SIZES)
    assert all("| own |" in row and len(row.split("|")) == 8 for row in rows)
    written = (workspace / "results.md").read_text(encoding="utf-8")
    assert all(row in written for row in rows)
    assert f"make site({SIZES[1]}) / make site({SIZES[0]})" in written


def test_a_large_plan_is_searched_with_pagefind_from_the_site_itself(large_site, browser):
    site = large_site
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (site / "search.json").exists()
    with nginx.serve(site) as url:
        page = browser.new_page()
        requested, errors = [], []
        page.on("request", lambda request: requested.append(request.url))
        # Through nginx with the site's content policy: Pagefind's search runs under it.
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(url)
        # The header's box sends the query to the search page.
        page.fill("input.md-search__input", "电梯")
        page.press("input.md-search__input", "Enter")
        # Pagefind shows each result as a row of dots until its fragment has loaded, then its link.
        page.wait_for_function(
            "() => document.querySelector('.pagefind-ui__result')?.querySelector('.pagefind-ui__result-link')"
        )
        first = page.locator(".pagefind-ui__result-link").first
        assert "电梯" in page.locator(".pagefind-ui__result").first.inner_text()
        assert first.get_attribute("href").startswith("/measures/m")  # from the site root it is served at
        page.close()
    assert requested and all(address.startswith(url) for address in requested)
    assert errors == []


def test_the_baseline_builds_the_same_pages(bench):
    workspace, _ = bench
    for size in SIZES:
        ours = {
            p.relative_to(workspace / f"n{size}" / "site").as_posix()
            for p in (workspace / f"n{size}" / "site").rglob("index.html")
        }
        baseline = {
            p.relative_to(workspace / f"n{size}" / "site-baseline").as_posix()
            for p in (workspace / f"n{size}" / "site-baseline").rglob("index.html")
        }
        assert ours and ours == baseline


def test_the_site_build_is_strict_in_process(bench, tmp_path, capfd):
    """build_site.py runs MkDocs in its own process: a warning must still fail the build."""
    from plansite.commands import site as build_site

    workspace, _ = bench
    work = workspace / f"n{SIZES[0]}"
    broken = (work / "docs").resolve() / "broken-link.md"
    broken.write_text("[nowhere](nowhere.md)\n", encoding="utf-8")
    try:
        built = build_site.mkdocs_build(work / "mkdocs.yml", tmp_path / "site", True)
    finally:
        broken.unlink()
    assert built is False
    said = capfd.readouterr().err
    assert "nowhere.md" in said and "strict mode" in said

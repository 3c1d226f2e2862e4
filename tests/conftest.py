import os
import signal
from pathlib import Path

import pytest
import yaml

from plansite.data.read import read_plan

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "measures.yaml"
# The official text the data names (document.source), whichever plan data/ holds.
SOURCE = DATA.parent / yaml.safe_load(DATA.read_text(encoding="utf-8"))["document"]["source"]
# The slowest browser test takes about 20 s; one that has not finished in this long is stuck.
BROWSER_TEST_DEADLINE = int(os.environ.get("PLAN_BROWSER_TEST_DEADLINE", "180"))


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files from the current output instead of comparing; "
        "then read every diff before committing",
    )


@pytest.fixture
def golden(request):
    """``golden(path, text)``: assert that ``path`` holds ``text``, or write it with --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(path: Path, text: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.read_bytes().decode("utf-8") == text, f"{path} differs: run make test ARGS=--update-goldens"

    return check


@pytest.fixture(autouse=True)
def _browser_test_deadline(request):
    """A browser test that stops responding fails with its stack instead of stalling the whole run
    (once, a Playwright call waited forever on an idle browser and an idle test server)."""
    if "browser" not in request.fixturenames:
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"{request.node.nodeid} did not finish in {BROWSER_TEST_DEADLINE} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(BROWSER_TEST_DEADLINE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def plan():
    return read_plan(DATA, "data/measures.yaml")


@pytest.fixture(scope="session")
def official_lines():
    """The official document's paragraphs, as --check reads them (after a news lead's 全文如下)."""
    from plansite.data.official_text import source_lines

    return [line for _, line in source_lines(SOURCE.read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, generated and built once with --strict for every test that reads it."""
    from tests.site_build import build_site

    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site):
    from plansite.tools.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from plansite.tools.browser import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def tree(link: Path) -> dict[str, bytes]:
    """Every file of the generator's output behind ``link``: relative path → content."""
    root = link.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
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


# Tests that need the built site or a browser, found by the fixtures they ask for; a test that runs
# MkDocs itself is marked ``site`` where it is written. ``make quick`` runs everything else.
_TIERS = {"browser": "browser", "built_site": "site", "site_url": "site"}


# Tests of whatever plan data/ holds, found by the fixtures they ask for; a test that reads the plan
# otherwise is marked ``plan`` where it is written. test_adoption runs them all again on a plan
# adopted under another city's name, as a city that adopts the project runs them on its own.
_PLAN_FIXTURES = {"plan", "official_lines", "built_site", "site_url"}


# Modules whose module-scoped fixture is costly (a build, an adoption, a browser page of every
# query): run on one worker, so that it is made once (make test runs with --dist loadgroup).
_ONE_WORKER = {"test_adoption", "test_bench", "test_search", "test_site", "test_print", "test_office_ledger"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        for fixture, marker in _TIERS.items():
            if fixture in item.fixturenames:
                item.add_marker(marker)
        if _PLAN_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.plan)
        module = item.module.__name__.rpartition(".")[2] if item.module else ""
        if module in _ONE_WORKER and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(module))
    # The longest tests first (the adopted copy's runs), the browser tests, many and short, last:
    # a long test started last keeps its worker busy while the others have nothing left to do.
    items.sort(key=lambda item: ("full_size" not in item.fixturenames, item.get_closest_marker("browser") is not None))


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


# Where runs that share what made_once makes keep it: test_adoption's runs of the adopted copy's
# tests, so that the copy's site is built once for all of them.
SHARED = os.environ.get("PLAN_TESTS_SHARED")


def made_once(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` run once for the whole run, when the tests run in several processes
    (pytest-xdist, or several runs given one PLAN_TESTS_SHARED): the first to ask makes ``folder``
    while the others wait, then all share it."""
    # A worker's temporary folder is in the run's own; without workers, the run's own is the one.
    run_folder = tmp_path_factory.getbasetemp()
    shared = run_folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else run_folder
    if SHARED:
        shared = Path(SHARED)
        shared.mkdir(parents=True, exist_ok=True)
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            (shared / f"{name}.done").touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, generated and built once with --strict for every test that reads it."""
    from tests.site_build import build_site

    def build(site_dir: Path) -> None:
        result = build_site(site_dir)
        assert result.returncode == 0, result.stderr[-3000:]

    return made_once(tmp_path_factory, "built-site", build)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The real site through nginx with the shipped configuration, as the public gets it."""
    from plansite.tools import nginx

    with nginx.serve(built_site) as url:
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


@pytest.fixture
def context_factory(browser):
    """Browser contexts made with the given options, closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def _kept_tabs(browser):
    """The tabs ``tab`` hands out, one per set of options, kept for the whole run."""
    kept: dict[str, tuple] = {}
    yield kept
    for context, _ in kept.values():
        context.close()


@pytest.fixture
def tab(_kept_tabs, browser, site_url):
    """``tab(**options)``: a browser tab in a context made with ``options`` (``elder=True``: in
    长辈模式), as a first visit finds the site: nothing stored, no cookie, nothing cached. Opening
    a context and a tab costs the processors about four times what loading a page into an open
    one does (a new renderer process), so the tab is kept for the next test that asks for the
    same options. For tests that navigate, read, click and listen (``listening``);
    ``refusals=True``: the tab records what the site's content policy refuses (``refused``). A
    test that adds a script, grants a permission, prints or opens a second page makes its own
    with ``context_factory``."""

    def make(elder: bool = False, refusals: bool = False, **options):
        key = repr((elder, refusals, sorted(options.items())))
        if key in _kept_tabs and not _first_visit(*_kept_tabs[key], site_url):
            _kept_tabs.pop(key)[0].close()
        if key not in _kept_tabs:
            context = browser.new_context(**options)
            if elder:
                context.add_init_script("localStorage.setItem('plan-elder-mode', 'on')")
            if refusals:
                context.add_init_script(_RECORD_REFUSALS)
            page = context.new_page()
            # Every file fetched again on every visit, as the first one fetches them (a cached
            # search index, loaded sooner, changes when a typed query's results are shown).
            devtools = context.new_cdp_session(page)
            devtools.send("Network.enable")
            devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
            _kept_tabs[key] = (context, page)
        return _kept_tabs[key][1]

    return make


# Kept in the page, which a navigation empties: what the policy refused on the page shown.
_RECORD_REFUSALS = """document.addEventListener('securitypolicyviolation', event =>
    (window.planRefused = window.planRefused || []).push(event.violatedDirective + ' ' + event.blockedURI))"""


def refused(page) -> list[str]:
    """What the site's content policy refused on the page a ``tab(refusals=True)`` shows."""
    return page.evaluate("window.planRefused || []")


@contextlib.contextmanager
def listening(page, **listeners):
    """``page.on(event, listener)`` for each of ``listeners`` while the block runs: a kept tab
    carries no listener into the next test."""
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        yield
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


def _first_visit(context, page, site_url: str) -> bool:
    """Bring a kept tab back to what a first visit finds (False if it cannot be: it is closed, or
    on another site, whose storage it cannot reach)."""
    if page.is_closed() or len(context.pages) != 1:
        return False
    if page.url != "about:blank":
        if not page.url.startswith(site_url):
            return False
        try:
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        except Exception:  # a navigation the last test started is under way: start afresh
            return False
    context.clear_cookies()
    # Nothing under the pointer where the last test left it.
    page.mouse.move(0, 0)
    return True


def tree(link: Path) -> dict[str, bytes]:
    """Every file of the generator's output behind ``link``: relative path → content."""
    root = link.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def project_copy(copy: Path) -> Path:
    """A copy of the working tree at ``copy`` (tracked and new files, as git would commit them;
    everything but what is built, in a project that is no git checkout, such as an adopted copy):
    a test that edits the data, the pages or the generated folder does it there, never here."""
    if not (ROOT / ".git").exists():
        shutil.copytree(ROOT, copy, ignore=_built, dirs_exist_ok=True)
        return _sharing_kept_output(copy)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return _sharing_kept_output(copy)


# What a generation keeps for the next (compiled templates, workbooks, the card), each named by what
# made it: a copy shares this project's, as the runs of one project share them.
KEPT_OUTPUT = ("templates", "workbooks", "cards")


def _sharing_kept_output(copy: Path) -> Path:
    for name in KEPT_OUTPUT:
        kept = ROOT / ".cache" / name
        kept.mkdir(parents=True, exist_ok=True)
        (copy / ".cache").mkdir(exist_ok=True)
        (copy / ".cache" / name).symlink_to(kept)
    return copy


def _built(folder: str, names: list[str]) -> set[str]:
    """What a build or an install made in ``folder`` of this project, which a copy leaves out."""
    place = Path(folder).relative_to(ROOT).as_posix()
    made = {".venv", ".cache", "site", ".pytest_cache"} if place == "." else {"generated"} if place == "docs" else set()
    return {
        n
        for n in names
        if n in made or n == "__pycache__" or n.endswith(".egg-info") or n.startswith((".site.", ".generated."))
    }

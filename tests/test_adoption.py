"""Another city adopts the project: in a copy of this repository, one command replaces the plan
with a county plan of our own making, and the copy builds its site with nothing of the old plan,
with no hand edit; a plan refused changes nothing. A full-size plan (this plan's own text, under
another city's name) adopted the same way passes every check of a plan the suite has (the tests
marked ``plan``), browser tests included: docs/ADOPTING.md promises that make test passes on a
city's first draft."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from plansite.data.read import read_plan
from tests.conftest import DATA, ROOT, SOURCE, made_once, project_copy

# Builds the site with MkDocs: not in make quick.
pytestmark = pytest.mark.site

FIXTURE = ROOT / "tests" / "fixtures" / "adoption" / "plan.txt"
TITLE = "样例县推动大规模设备更新和消费品以旧换新实施方案"


def run(*args, cwd, env=None):
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env)


def commit(copy, message):
    """Commit everything in ``copy``, as the city does after adopting (the pages date their data
    from git history)."""
    git = ["git", "-c", "user.name=adopter", "-c", "user.email=adopter@example.org", "-c", "commit.gpgsign=false"]
    for args in (["add", "-A"], ["commit", "--quiet", "--no-verify", "-m", message]):
        subprocess.run([*git, *args], cwd=copy, check=True, capture_output=True)


def under_another_name(text, issuer):
    """The plan's text with its city renamed (长治 → 样例): a plan as long as this one, of a city
    whose name the suite has never seen."""
    city = issuer.removesuffix("人民政府")
    stem = city[:-1] if len(city) > 2 and city[-1] in "市县区州盟旗" else city
    return text.replace(stem, "样例" if stem != "样例" else "示范")


@pytest.fixture(scope="module")
def adopted(tmp_path_factory):
    """A copy of the working tree (tracked and new files, as git would commit them), adopted."""
    copy = project_copy(tmp_path_factory.mktemp("adopting") / "repository")
    result = run("scripts/import_plan.py", FIXTURE, "--replace", cwd=copy)
    assert result.returncode == 0, result.stderr
    return copy, result


def test_one_command_puts_the_text_the_draft_and_its_facts_in_place(adopted):
    copy, result = adopted
    assert (copy / "data" / "source" / "plan.txt").read_bytes() == FIXTURE.read_bytes()
    assert sorted(p.name for p in (copy / "data" / "source").iterdir()) == ["README.md", "plan.txt"]
    data = yaml.safe_load((copy / "data" / "measures.yaml").read_text(encoding="utf-8"))
    assert data["draft"] is True and data["document"]["title"] == TITLE
    assert data["document"]["source"] == "source/plan.txt" and data["document"]["number"] == "样政发〔2025〕5号"
    facts = yaml.safe_load((copy / "tests" / "this_plan.yaml").read_text(encoding="utf-8"))
    assert facts["source"] == "plan.txt" and facts["counts"]["measures"] == 10
    assert "make site" in result.stdout and "docs/ADOPTING.md" in result.stdout


def test_the_adopted_plan_builds_its_site_with_nothing_of_the_old_plan(adopted):
    copy, _ = adopted
    result = run("scripts/build_site.py", "--quiet", cwd=copy)
    assert result.returncode == 0, result.stderr[-3000:]
    site = copy / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{TITLE}" in home and "本站数据是初稿" in home
    assert sorted(p.parent.name for p in (site / "measures").glob("m*/index.html")) == [
        f"m{n:02d}" for n in range(1, 11)
    ]
    department = (site / "departments" / "dept-01" / "index.html").read_text(encoding="utf-8")
    assert "县工信局" in department and "尚未整理" in department and "尚未归类的单位" in department
    mentions = [p.relative_to(site) for p in site.rglob("*") if p.is_file() and "长治".encode() in p.read_bytes()]
    assert mentions == []


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda text: text.replace("2025年4月15日", "2025415"), "没有写出草稿"),
        (lambda text: text.replace("推进农业机械更新。", "推进农业机械\u200b更新。"), "U+200B（零宽空格）"),
        # Read, but a measure longer than the checks allow: the draft is not put in place either.
        (lambda text: text.replace("推进农业机械更新。", "推进农业机械更新。" + "加快" * 1100), "什么也没有改动"),
    ],
    ids=["refused by the importer", "a hidden character", "refused by the checks"],
)
def test_a_refused_plan_changes_nothing(adopted, tmp_path, damage, message):
    copy, _ = adopted
    before = {path: (copy / path).read_bytes() for path in ("data/measures.yaml", "tests/this_plan.yaml")}
    sources = sorted(p.name for p in (copy / "data" / "source").iterdir())
    bad = tmp_path / "other.txt"
    bad.write_text(damage(FIXTURE.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("scripts/import_plan.py", bad, "--replace", cwd=copy)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {path: (copy / path).read_bytes() for path in before} == before
    assert sorted(p.name for p in (copy / "data" / "source").iterdir()) == sources


@pytest.fixture(scope="module")
def full_size(tmp_path_factory):
    """A git checkout of a copy of this project that has adopted this plan's text under another
    name, committed, with the tools make test installed in .cache/ (as a city's clone has them):
    made once for the whole run, each part of its tests runs in it."""

    def adopt(work):
        copy = project_copy(work / "repository")
        for tool in ("acorn", "vnu"):
            if (ROOT / ".cache" / tool).exists():
                (copy / ".cache").mkdir(exist_ok=True)
                (copy / ".cache" / tool).symlink_to(ROOT / ".cache" / tool)
        subprocess.run(["git", "init", "--quiet"], cwd=copy, check=True)
        commit(copy, "the project as forked")
        renamed = work / "plan.txt"
        issuer = read_plan(DATA, "data/measures.yaml").document.issuer
        renamed.write_text(under_another_name(SOURCE.read_text(encoding="utf-8"), issuer), encoding="utf-8")
        result = run("scripts/import_plan.py", renamed, "--replace", cwd=copy)
        assert result.returncode == 0, result.stderr
        commit(copy, "采用本地方案")

    return made_once(tmp_path_factory, "full-size", adopt) / "repository"


# The copy's tests of a plan in four parts, each a pytest run of its own in one process, which
# this run's workers share out like any test: run whole in one worker, the copy's tests made the
# run's longest wait; with workers of their own, they slowed every test of both runs. The parts
# share the copy's site, built once by the first that needs it (PLAN_TESTS_SHARED). Each part is
# a selection of tests, the files it leaves to another part, and the modules that must have passed
# tests in it.
PARTS = {
    # Pages in a browser; then phones, the keyboard and search in a browser.
    "browser": ("plan and browser", ["tests/test_browser.py"], ("test_browser",)),
    "phones": (
        "plan and browser",
        ["--ignore=tests/test_browser.py"],
        ("test_layout", "test_keyboard", "test_search"),
    ),
    "site": ("plan and site and not browser", [], ("test_site", "test_html_valid", "test_zensical", "test_preview")),
    "data": (
        "plan and not site and not browser",
        [],
        ("test_this_plan", "test_fidelity", "test_importer", "test_export"),
    ),
}


@pytest.mark.parametrize(
    "part", [pytest.param(part, marks=pytest.mark.xdist_group(f"full-size-{part}")) for part in PARTS]
)
def test_a_full_size_plan_adopted_under_another_name_passes_every_check_of_a_plan(full_size, tmp_path, part):
    """Every test of whatever plan data/ holds, run in the adopted copy on its first draft. A test
    may skip only for what a first draft lacks (targets, reports, the readers' own queries)."""
    selection, files, modules = PARTS[part]
    # The copy's run is not a worker of this one.
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_", "COV_"))}
    env["PLAN_TESTS_SHARED"] = str(full_size.parent / "shared")
    result = run(
        "-m",
        "pytest",
        "-m",
        selection,
        *files,
        # Not this test again, in the copy.
        "--ignore=tests/test_adoption.py",
        "-q",
        "-p",
        "no:cacheprovider",
        "--numprocesses",
        "0",
        "--basetemp",
        tmp_path / "run",
        "--junitxml",
        tmp_path / "run.xml",
        cwd=full_size,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    outcomes = {}
    for case in ElementTree.parse(tmp_path / "run.xml").getroot().iter("testcase"):
        skipped = case.find("skipped")
        module = case.get("classname", "").rpartition(".")[2]
        outcomes.setdefault(module, []).append(skipped.get("message", "") if skipped is not None else "passed")
    for module in modules:
        assert "passed" in outcomes.get(module, []), (module, sorted(outcomes))
    lacking = ("no target", "no everyday queries", "no residents' questions")
    reasons = [reason for found in outcomes.values() for reason in found if reason != "passed"]
    assert [reason for reason in reasons if not any(words in reason for words in lacking)] == []

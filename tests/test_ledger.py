"""The task ledger as a spreadsheet: generated for each department, filled in with openpyxl as a
department would, and merged back into the data by scripts/import_progress.py."""

import dataclasses
import datetime
import shutil
import subprocess
import sys

import feedparser
import pytest
from openpyxl import load_workbook

from plansite.data.read import read_plan
from plansite.ledger import book as ledger_book
from plansite.site import catalog
from plansite.tools.bench_build import config_in
from tests.conftest import ROOT
from tests.golden_pages import SITE

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
IMPORT = ROOT / "scripts" / "import_progress.py"
SITE_URL = SITE.site_url


@pytest.fixture
def data(tmp_path):
    """A copy of the sample plan's data, to merge ledgers into."""
    copy = tmp_path / "measures.yaml"
    shutil.copy(SAMPLE, copy)
    return copy


def ledger(data, department, path):
    plan = read_plan(data, "measures.yaml")
    indexes = catalog.build(plan)
    path.write_bytes(ledger_book.workbook(indexes, indexes.departments[department], SITE_URL))
    return path


def header_row(sheet):
    """The number of the sheet's header row, below the notes."""
    return next(cell.row for cell in sheet["A"] if cell.value in ("编号", "目标编号"))


def row_of(sheet, key):
    """The row of ``key``: a row number, or the id in its 编号 cell."""
    if isinstance(key, int):
        return key
    return next(cell.row for cell in sheet["A"][header_row(sheet) :] if cell.value == key)


def fill(path, rows, out=None, sheet_name=ledger_book.SHEET, headers=ledger_book.HEADERS):
    """Write ``rows`` ({row number or id: {header: value}}) into the ledger, as a department does."""
    book = load_workbook(path)
    sheet = book[sheet_name]
    for key, values in rows.items():
        number = row_of(sheet, key)
        for header, value in values.items():
            # Through .value: sheet.cell(row, column, None) would leave a filled cell as it was.
            sheet.cell(number, headers.index(header) + 1).value = value
    book.save(out or path)
    return out or path


def run_import(*args):
    return subprocess.run([sys.executable, str(IMPORT), *map(str, args)], capture_output=True, text=True)


def test_the_ledger_is_a_protected_sheet_with_status_drop_downs_that_prints_on_a4_landscape(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["任务台账"] and book.properties.identifier == "industry-it"
    sheet = book["任务台账"]
    # Four rows of notes, then the header row: frozen with them, and printed on every page.
    headers = [cell.value for cell in sheet[5]]
    assert headers[:8] == ["编号", "事项", "目标值", "期限", "状态", "填报日期", "进展说明", "佐证材料链接"]
    assert headers[8:] == ["角色", "出处", "原文", "网址"]
    assert sheet.freeze_panes == "A6" and sheet.print_title_rows == "$5:$5" and sheet.protection.sheet
    assert sheet.print_area == "'任务台账'!$A$1:$K$8"
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", int(sheet.PAPERSIZE_A4))
    for number in range(6, 9):
        for cell in sheet[number]:
            open_cell = headers[cell.column - 1] in ("状态", "填报日期", "进展说明", "佐证材料链接")
            assert cell.protection.locked is not open_cell, (number, headers[cell.column - 1])
    for number in range(1, 6):
        assert all(cell.protection.locked for cell in sheet[number])


def test_a_measure_row_offers_the_measure_statuses_and_a_target_row_the_target_statuses(data, tmp_path):
    sheet = load_workbook(ledger(data, "industry-it", tmp_path / "industry-it.xlsx"))["任务台账"]
    assert [sheet.cell(row, 1).value for row in range(6, 9)] == ["m01", "m01-t1", "m02"]
    choices = {v.formula1: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert choices == {'"未启动,推进中,持续推进,已完成"': "E6 E8", '"未启动,推进中,已完成,未按期完成"': "E7"}
    assert all(v.type == "list" and v.showErrorMessage for v in sheet.data_validations.dataValidation)


def test_each_department_has_one_row_per_measure_it_reports_on_and_per_target_it_answers_for(data, tmp_path):
    plan = read_plan(data, "measures.yaml")
    indexes = catalog.build(plan)
    for entry in indexes.departments.values():
        path = tmp_path / f"{entry.department.id}.xlsx"
        path.write_bytes(ledger_book.workbook(indexes, entry, SITE_URL))
        rows = list(load_workbook(path)["任务台账"].iter_rows(min_row=6, values_only=True))
        expected = [row for row in entry.ledger if row.commitment or row.reports_measure]
        ids = [row.commitment.target.id if row.commitment else row.measure.id for row in expected]
        assert [r[0] for r in rows] == ids
        assert [r[8] for r in rows] == [row.role for row in expected]  # 牵头 / 负责 / 配合, as the ledger page says
    # The sample's units: a lead of a measure with a target, one responsible for a measure without,
    # a supporting unit that leads another, and one that only supports a measure without targets.
    sheets = {d: load_workbook(tmp_path / f"{d}.xlsx").active for d in ("industry-it", "finance", "data", "pboc")}
    rows = {d: [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)] for d, sheet in sheets.items()}
    assert rows == {"industry-it": ["m01", "m01-t1", "m02"], "finance": ["m01-t1", "m03"], "data": ["m02"], "pboc": []}


def test_the_ledger_is_the_same_bytes_for_the_same_data(data, tmp_path, monkeypatch):
    """Made twice, taken from neither the memory nor the folder where workbooks are kept."""
    from plansite.ledger import sheet

    monkeypatch.setattr(sheet.kept, "kept", lambda kind, made_by, key, make: make())
    monkeypatch.setattr(sheet, "_SAVED", {})
    first = ledger(data, "industry-it", tmp_path / "first.xlsx").read_bytes()
    monkeypatch.setattr(sheet, "_SAVED", {})
    second = ledger(data, "industry-it", tmp_path / "second.xlsx").read_bytes()
    assert first == second


@pytest.mark.site
def test_a_workbook_kept_for_the_next_run_is_the_one_its_data_makes(tmp_path, monkeypatch):
    """The next run takes a workbook from .cache/workbooks only for the same data: the same
    bytes as making it; other data makes and keeps another."""
    from plansite.ledger import sheet

    monkeypatch.setattr(sheet.kept.repository, "CACHE", tmp_path)
    monkeypatch.setattr(sheet, "_SAVED", {})
    plan = read_plan(SAMPLE, "curated.yaml")
    made = ledger_book.files(catalog.build(plan), SITE.site_url)
    kept = sorted((tmp_path / "workbooks").iterdir())
    assert len(kept) == len(made) and {file.read_bytes() for file in kept} == set(made.values())

    # A new run (nothing in memory) takes them from the folder, making none.
    monkeypatch.setattr(sheet, "_SAVED", {})
    monkeypatch.setattr(sheet, "_workbook", lambda *args: pytest.fail("made again"))
    assert ledger_book.files(catalog.build(plan), SITE.site_url) == made

    monkeypatch.undo()
    monkeypatch.setattr(sheet.kept.repository, "CACHE", tmp_path)
    monkeypatch.setattr(sheet, "_SAVED", {})
    other = dataclasses.replace(plan, as_of=datetime.date(2031, 1, 2))
    changed = ledger_book.files(catalog.build(other), SITE.site_url)
    assert all(changed[path] != made[path] for path in made)
    assert len(list((tmp_path / "workbooks").iterdir())) == 2 * len(made)


def test_a_filled_ledger_becomes_a_progress_record_the_measure_page_shows(data, tmp_path):
    before = data.read_text(encoding="utf-8")
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    filled = fill(
        path,
        {
            "m01-t1": {
                "状态": "已完成",
                "填报日期": datetime.date(2027, 3, 20),
                "进展说明": "其余3个项目已于2027年3月完成。",
                "佐证材料链接": "https://example.gov.cn/report.pdf",
            }
        },
    )
    result = run_import(filled, "--data", data)
    assert result.returncode == 0, result.stderr
    assert "导入 1 条进度记录" in result.stdout
    after = data.read_text(encoding="utf-8")
    added = [
        "    - date: 2027-03-20",
        "      status: 已完成",
        "      note: 其余3个项目已于2027年3月完成。",
        "      by: industry-it",
        "      evidence:",
        "      - url: https://example.gov.cn/report.pdf",
        "        title: example.gov.cn",
    ]
    # Only the new record's lines: every other line, comments and layout included, as it was.
    lines = after.splitlines()
    start = lines.index(added[0])
    assert lines[start : start + len(added)] == added
    assert lines[:start] + lines[start + len(added) :] == before.splitlines()
    plan = read_plan(data, "measures.yaml")
    target = next(t for t in plan.targets if t.id == "m01-t1")
    assert target.status == "completed" and target.latest.evidence[0].url == "https://example.gov.cn/report.pdf"
    # The site built from it shows the report on the measure page and announces it: first on
    # /changes/, and in the plan's feed and the department's.
    work = tmp_path / "work"
    work.mkdir()
    built = subprocess.run(
        [
            sys.executable,
            "scripts/build_site.py",
            "--data",
            str(data),
            "--config-file",
            str(config_in(work)),
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    site = work / "site"
    note = "其余3个项目已于2027年3月完成。"
    assert note in (site / "measures" / "m01" / "index.html").read_text(encoding="utf-8")
    changes_page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert changes_page.index(note) < changes_page.index("2027年1月15日")
    for feed in ("changes.xml", "changes-industry-it.xml"):
        newest = feedparser.parse((site / feed).read_bytes()).entries[0]
        assert newest.summary == note and newest.id.endswith("progress/m01-t1/2027-03-20")


def test_importing_the_same_ledger_again_adds_nothing(data, tmp_path):
    filled = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m01-t1": {"状态": "已完成", "填报日期": datetime.date(2027, 3, 20)}},
    )
    assert run_import(filled, "--data", data).returncode == 0
    once = data.read_bytes()
    again = run_import(filled, "--data", data)
    # The report just imported, and m02's, which the ledger came pre-filled with.
    assert again.returncode == 0 and "导入 0 条进度记录" in again.stdout and "2 行" in again.stdout
    assert data.read_bytes() == once
    # The department's next ledger carries the report it gave: sent back untouched, it adds nothing.
    fresh = ledger(data, "industry-it", tmp_path / "fresh.xlsx")
    assert run_import(fresh, "--data", data).returncode == 0 and data.read_bytes() == once


def test_a_changed_report_needs_a_new_date(data, tmp_path):
    # The ledger carries the latest report (2027-01-15): a new note on the same day is refused.
    filled = fill(ledger(data, "industry-it", tmp_path / "industry-it.xlsx"), {"m01-t1": {"进展说明": "改了说明。"}})
    before = data.read_bytes()
    result = run_import(filled, "--data", data)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "industry-it.xlsx!F7: 2027-01-15 这一天已有这个目标的报告：新的报告要写新的填报日期"
    )
    assert data.read_bytes() == before


def test_blank_rows_are_ignored(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    filled = fill(path, {"m01-t1": {"状态": None, "填报日期": None, "进展说明": None}, "m01": {"编号": None}})
    before = data.read_bytes()
    result = run_import(filled, "--data", data)
    assert result.returncode == 0 and "导入 0 条进度记录" in result.stdout
    assert data.read_bytes() == before


def test_a_refused_ledger_names_every_cell_and_changes_nothing(data, tmp_path):
    before = data.read_bytes()
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    bad = fill(
        path,
        {
            6: {"编号": "g2026-t1", "状态": "推进中", "填报日期": datetime.date(2027, 3, 1)},
            7: {"状态": "完成了", "填报日期": "昨天", "佐证材料链接": "report.pdf"},
            8: {"编号": "m99-t1", "状态": "推进中", "填报日期": datetime.date(2027, 3, 1)},
        },
        tmp_path / "bad.xlsx",
    )
    result = run_import(bad, "--data", data)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bad.xlsx!A6: 编号“g2026-t1”不由本单位负责或配合：这一行不能导入",
        "bad.xlsx!E7: 状态“完成了”不是目标可选的值：请从下拉列表中选择 未启动、推进中、已完成、未按期完成",
        "bad.xlsx!F7: 填报日期“昨天”看不出是哪一天：请写成 2026-12-01 这样的年-月-日",
        "bad.xlsx!H7: 佐证材料链接应是以 http:// 或 https:// 开头的网址",
        "bad.xlsx!A8: 编号“m99-t1”不是本方案的措施或目标：这一行不能导入",
        "共 5 个问题，数据没有改动",
    ]
    assert data.read_bytes() == before


def test_a_report_after_the_data_date_needs_the_date_moved_forward(data, tmp_path):
    filled = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m01-t1": {"状态": "已完成", "填报日期": datetime.date(2027, 6, 30)}},
    )
    refused = run_import(filled, "--data", data)
    assert refused.returncode == 1 and "--as-of" in refused.stderr
    moved = run_import(filled, "--data", data, "--as-of", "2027-06-30")
    assert moved.returncode == 0, moved.stderr
    assert read_plan(data, "measures.yaml").as_of == datetime.date(2027, 6, 30)
    backwards = run_import(filled, "--data", data, "--as-of", "2027-01-01")
    assert backwards.returncode == 1 and "只能推后" in backwards.stderr


def test_a_file_that_is_not_a_ledger_is_refused_in_chinese(data, tmp_path):
    other = tmp_path / "notes.xlsx"
    other.write_bytes(b"not a workbook")
    result = run_import(other, "--data", data)
    assert result.returncode == 1 and "notes.xlsx: 不是 .xlsx 文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_ledgers_reporting_on_one_target_are_merged_oldest_first(data, tmp_path):
    """The lead and a supporting unit may both report on a target; their records keep date order."""
    lead = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m01-t1": {"状态": "已完成", "填报日期": datetime.date(2027, 3, 20)}},
    )
    supporting = fill(
        ledger(data, "finance", tmp_path / "finance.xlsx"),
        {"m01-t1": {"状态": "推进中", "填报日期": datetime.date(2027, 2, 10), "进展说明": "资金已拨付。"}},
    )
    result = run_import(lead, supporting, "--data", data)
    assert result.returncode == 0, result.stderr
    target = next(t for t in read_plan(data, "measures.yaml").targets if t.id == "m01-t1")
    assert [r.date for r in target.history][-2:] == [datetime.date(2027, 2, 10), datetime.date(2027, 3, 20)]

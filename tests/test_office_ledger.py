"""The office's ledger of reports awaiting a check: generated from the data, filled in with
openpyxl as the office would, and merged back by scripts/import_progress.py as each report's
verification, line by line, refused by cell, and the same when imported twice."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plansite.data.read import read_plan
from plansite.ledger import merge, office
from plansite.site import catalog
from plansite.tools import nginx
from plansite.tools.bench_build import config_in
from tests.conftest import ROOT
from tests.test_browser import PHONE, READING_RULES, axe_violations, turn_on_reading_mode
from tests.test_ledger import IMPORT, SAMPLE, SITE_URL
from tests.test_ledger import fill as fill_ledger

# The sample's reports not yet checked, in the plan's order, from row 6 on (below four rows of notes
# and the header): targets' reports and reports on whole measures.
AWAITING = [
    ("g2026-t1", datetime.datetime(2025, 6, 30)),
    ("m01-t1", datetime.datetime(2027, 1, 15)),
    ("m02", datetime.datetime(2026, 9, 30)),
    ("m03", datetime.datetime(2026, 6, 30)),
    ("m04", datetime.datetime(2027, 3, 20)),
]


@pytest.fixture
def data(tmp_path):
    """A copy of the sample plan's data, to merge the office's ledger into."""
    return Path(shutil.copy(SAMPLE, tmp_path / "measures.yaml"))


def office_ledger(data: Path, path: Path) -> Path:
    indexes = catalog.build(read_plan(data, "measures.yaml"))
    path.write_bytes(office.workbook(indexes, SITE_URL))
    return path


def fill(path: Path, rows: dict[int | str, dict[str, object]]) -> Path:
    """Write ``rows`` ({row number or id: {header: value}}) into the office's ledger."""
    return fill_ledger(path, rows, sheet_name=office.SHEET, headers=office.HEADERS)


def test_the_office_ledger_has_a_row_per_report_awaiting_a_check_and_only_its_check_open(data, tmp_path):
    book = load_workbook(office_ledger(data, tmp_path / "office.xlsx"))
    assert book.sheetnames == [office.SHEET] and book.properties.identifier == "verification:development-reform"
    sheet = book[office.SHEET]
    assert tuple(cell.value for cell in sheet[5]) == (*office.HEADERS, *office.CONTEXT)
    assert office.HEADERS[0] == "编号" and office.CONTEXT == ("责任单位", "出处", "事项", "网址")
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=6)] == AWAITING
    assert sheet.protection.sheet and sheet.freeze_panes == "A6" and sheet.print_title_rows == "$5:$5"
    for number in range(6, 11):
        open_columns = {sheet.cell(5, cell.column).value for cell in sheet[number] if not cell.protection.locked}
        assert open_columns == set(office.CHECK_COLUMNS)
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1 == '"属实,不属实"' and str(choices.sqref) == "E6:E10"


def test_a_filled_office_ledger_becomes_verifications_added_line_by_line_and_shown(data, tmp_path):
    before = data.read_text(encoding="utf-8")
    filled = fill(
        office_ledger(data, tmp_path / "office.xlsx"),
        {
            "m01-t1": {
                "核实结果": "属实",
                "核实日期": datetime.date(2027, 2, 1),
                "核实材料链接": "https://example.gov.cn/v.pdf",
            }
        },
    )
    result = subprocess.run(
        [sys.executable, str(IMPORT), str(filled), "--data", str(data)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "导入 0 条进度记录、1 条核实结果" in result.stdout
    added = [
        "      verification:",
        "        date: 2027-02-01",
        "        by: development-reform",
        "        result: 属实",
        "        evidence:",
        "        - url: https://example.gov.cn/v.pdf",
        "          title: example.gov.cn",
    ]
    lines = data.read_text(encoding="utf-8").splitlines()
    start = lines.index(added[0], lines.index("      note: 2026年完成更新项目17个，其余3个转入2027年。"))
    assert lines[start : start + len(added)] == added
    assert lines[:start] + lines[start + len(added) :] == before.splitlines()
    record = read_plan(data, "measures.yaml").targets[-1].latest
    assert record.check == "verified" and record.verification.by.name == "市发改委"
    # Imported twice, nothing changes; the row is reported as already held.
    again = merge.merge(data, [filled])
    assert again.checked == () and again.unchanged == 1 and again.text == data.read_text(encoding="utf-8")
    # The next ledger no longer lists the checked report.
    book = load_workbook(office_ledger(data, tmp_path / "next.xlsx"))
    assert [row[0].value for row in book[office.SHEET].iter_rows(min_row=6)] == ["g2026-t1", "m02", "m03", "m04"]


def test_a_refused_office_ledger_names_every_cell_and_changes_nothing(data, tmp_path):
    before = data.read_text(encoding="utf-8")
    filled = fill(
        office_ledger(data, tmp_path / "office.xlsx"),
        {
            6: {"核实结果": "基本属实", "核实日期": "2025年6月1日", "核实材料链接": "见附件"},
            7: {"核实结果": "不属实", "核实日期": datetime.date(2027, 9, 1)},
            8: {"核实结果": "属实", "核实日期": "2月1日"},
        },
    )
    with pytest.raises(merge.LedgerProblems) as caught:
        merge.merge(data, [filled])
    assert caught.value.problems == [
        "office.xlsx!E6: 核实结果“基本属实”不是可选的值：请从下拉列表中选择 属实 或 不属实",
        "office.xlsx!F6: 核实日期 2025-06-01 早于它核实的报告（2025-06-30）",
        "office.xlsx!H6: 核实材料链接应是以 http:// 或 https:// 开头的网址",
        "office.xlsx!F7: 核实日期 2027-09-01 晚于数据截至日期 2027-03-31：导入时用 --as-of 给出新的数据截至日期",
        "office.xlsx!G7: 核实结果是“不属实”，要写明哪里不属实",
        "office.xlsx!F8: 核实日期“2月1日”没有写年份：请写成 2026-12-01 这样的年-月-日",
    ]
    assert data.read_text(encoding="utf-8") == before


def test_a_check_already_recorded_is_not_changed_through_the_ledger(data, tmp_path):
    path = office_ledger(data, tmp_path / "office.xlsx")
    book = load_workbook(path)
    sheet = book[office.SHEET]
    # A row for the report of 2026-06-30, which the data records as checked 不属实.
    sheet.cell(6, 1, "m01-t1")
    sheet.cell(6, 2, datetime.date(2026, 6, 30))
    book.save(path)
    fill(path, {6: {"核实结果": "属实", "核实日期": datetime.date(2027, 3, 1)}})
    with pytest.raises(merge.LedgerProblems) as caught:
        merge.merge(data, [path])
    assert caught.value.problems[0].startswith("office.xlsx!E6: 这条报告已于 2026-07-20 核实为“不属实”")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """The sample built with MkDocs after the office's ledger checked one more report (属实) and
    the data marked the plan repealed."""
    work = tmp_path_factory.mktemp("sample-site")
    data = Path(shutil.copy(SAMPLE, work / "measures.yaml"))
    ledger = office_ledger(data, work / "office.xlsx")
    check = {"核实结果": "属实", "核实日期": datetime.date(2027, 2, 10), "核实说明": "已核对验收资料。"}
    fill(ledger, {"m01-t1": check})
    merge.write_merge(data, merge.merge(data, [ledger]))
    in_force = "    status: 现行有效\n    since: 2025-03-10"
    repealed = "    status: 已废止\n    since: 2026-04-01\n    by: finance-amendment"
    data.write_text(data.read_text(encoding="utf-8").replace(in_force, repealed), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--data", data, "--config-file", config_in(work), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    return work / "site"


@pytest.mark.site
def test_the_sample_site_shows_checks_documents_and_a_repealed_plan_on_every_page(sample_site):
    """Checks beside reports, the documents page, an amendment at the top of the measure it
    changes, and the repealed plan's notice on every page, hand-written ones included."""
    site = sample_site
    m01 = (site / "measures" / "m01" / "index.html").read_text(encoding="utf-8")
    assert "核实不属实（市发改委，<time" in m01 and "已核实（市发改委，<time" in m01
    assert "示例市工业设备更新项目申报指南" in m01
    g2026 = (site / "sectors" / "general" / "index.html").read_text(encoding="utf-8")
    assert "待核实" in g2026
    m03 = (site / "measures" / "m03" / "index.html").read_text(encoding="utf-8")
    assert m03.index('id="amended"') < m03.index('id="text"')
    assert (site / "documents" / "index.html").is_file() and (site / "downloads" / "verification-ledger.xlsx").is_file()
    notice = (
        "本方案已于2026年4月1日废止。依据：示例市人民政府印发的《示例市人民政府关于调整设备更新金融支持措施的通知》"
    )
    notice += "（示政发〔2026〕2号）"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30 and (site / "help" / "index.html") in pages
    assert [p.relative_to(site).as_posix() for p in pages if notice not in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("path", ["measures/m01/", "measures/m03/", "documents/", "progress/"])
def test_checks_documents_and_notices_pass_axe_and_fit_a_phone(context_factory, sample_site, path):
    """What only a plan with documents and checks shows (the real plan has none yet): axe in the
    light scheme, in reading mode and in the dark scheme, and no sideways scrolling on a phone."""
    with nginx.serve(sample_site) as url:
        page = context_factory(color_scheme="light", viewport=PHONE).new_page()
        page.goto(url + path)
        assert page.locator(".md-banner .plan-validity").is_visible()
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        turn_on_reading_mode(page)
        assert axe_violations(page, READING_RULES) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator("label.md-header__button[for^='__palette']:visible").click()
        assert axe_violations(page, READING_RULES) == [], "长辈模式, dark"
        # On paper too, where Material leaves its banner off.
        page.emulate_media(media="print")
        assert page.locator(".md-banner .plan-validity").is_visible()

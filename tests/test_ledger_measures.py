"""Every commitment tracked: a department's ledger has a row for each measure it leads or is
responsible for, reported on as a whole, and notes above its header saying to whom, how and by
when it goes back; a filled measure row becomes a report in the measure's ``progress``, and the
office's ledger lists such reports for a check."""

import csv
import dataclasses
import datetime
import io
import shutil

import feedparser
import pytest
from openpyxl import load_workbook

from plansite import build, urls
from plansite.data.read import read_plan
from plansite.ledger import book as ledger_book
from plansite.ledger import merge, office
from plansite.site import catalog
from tests.golden_pages import SITE
from tests.test_ledger import SAMPLE, SITE_URL, fill, ledger, run_import

DAY = datetime.date(2027, 3, 25)
FILL_IN = (
    "填写：只填黄色的四列（状态、填报日期、进展说明、佐证材料链接），不要改动其他格子；已填的是各项最新的报告，"
    "没有新进展的保持原样。编号如 m01 的行报告整项措施的进展，如 m01-t1 的行报告措施中的一项目标。"
    "填报日期写所报告情况截至的日期，写成年-月-日，如 2027-03-31；进展说明写成一段，200字以内，"
    "不要在格子里按 Alt+Enter 换行；佐证材料链接只填一个以 https:// 或 http:// 开头的网址。"
)
KEEP = "交回：填好后仍保存为 .xlsx 格式，把这个文件发回；不要复制到新表，也不要另存为其他格式。"


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "measures.yaml"
    shutil.copy(SAMPLE, copy)
    return copy


def rows(path, first=6):
    return list(load_workbook(path).active.iter_rows(min_row=first, values_only=True))


def notes(workbook: bytes, tmp_path) -> list[str]:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(workbook)
    return [row[0] for row in rows(path, first=1)[:4]]


def test_a_measure_row_carries_the_measure_and_its_latest_report(data, tmp_path):
    industry = rows(ledger(data, "industry-it", tmp_path / "industry-it.xlsx"))
    m01 = SITE_URL + "measures/m01/"
    assert industry[0] == (
        *("m01", "（一）更新落后设备（整项措施）", None, None, None, None, None, None),
        *("牵头", "二、工业设备更新", "淘汰一批老旧设备，到2026年完成更新项目20个。", m01),
    )
    assert industry[2] == (
        *("m02", "（二）推进智能改造（整项措施）", None, None, "推进中", datetime.datetime(2026, 9, 30)),
        *("已有120台设备接入工业互联网平台。", None, "负责", "二、工业设备更新", "推动设备联网。"),
        SITE_URL + "measures/m02/",
    )
    # 市财政局 supports m01's target and leads m03, which has no target.
    finance = rows(ledger(data, "finance", tmp_path / "finance.xlsx"))
    assert [row[0] for row in finance] == ["m01-t1", "m03"]
    assert finance[1] == (
        *("m03", "（三）加强金融支持（整项措施）", None, None, "推进中", datetime.datetime(2027, 1, 5)),
        *("已会同人行示例分行召开政银企对接会2次。", "https://www.example.gov.cn/czj/2027/01/05/dj.html"),
        *("牵头", "三、保障措施", "引导金融机构加大信贷投放。", SITE_URL + "measures/m03/"),
    )


def test_the_first_rows_say_to_whom_how_and_by_when_the_ledger_goes_back(data, tmp_path):
    plan = read_plan(data, "measures.yaml")
    indexes = catalog.build(plan)
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    assert [row[0] for row in rows(path, first=1)[:5]] == [
        "市工信局任务台账（数据截至2027年3月31日）",
        f"报送：请于2027年4月10日前填好本表，交回工作专班办公室（市发改委）；此后{plan.cycle.text}报送一次。",
        FILL_IN,
        KEEP,
        "编号",
    ]
    sheet = load_workbook(path).active
    assert sorted(map(str, sheet.merged_cells.ranges)) == ["A1:H1", "A2:H2", "A3:H3", "A4:H4"]
    assert sheet["A1"].font.b and sheet["A3"].alignment.wrap_text
    office_notes = notes(office.workbook(indexes, SITE_URL), tmp_path)
    assert office_notes[:2] == [
        "工作专班办公室（市发改委）核实台账（数据截至2027年3月31日）",
        "报送：请于2027年4月10日前填好本表，交回维护本站的编辑，由编辑导入本站。",
    ]
    assert office_notes[3] == KEEP


def test_without_a_cycle_the_ledger_goes_back_when_the_office_asks(data, tmp_path):
    plan = read_plan(data, "measures.yaml")
    without_cycle = catalog.build(dataclasses.replace(plan, cycle=None))
    entry = without_cycle.departments["industry-it"]
    assert notes(ledger_book.workbook(without_cycle, entry, SITE_URL), tmp_path)[1] == (
        "报送：请按工作专班办公室要求的时间填好本表，交回工作专班办公室（市发改委）。"
    )
    assert notes(office.workbook(without_cycle, SITE_URL), tmp_path)[1] == (
        "报送：请填好本表，交回维护本站的编辑，由编辑导入本站。"
    )
    neither = catalog.build(dataclasses.replace(plan, cycle=None, verifier=None))
    written = notes(ledger_book.workbook(neither, neither.departments["industry-it"], SITE_URL), tmp_path)
    assert written[1] == "报送：请按工作专班办公室要求的时间填好本表，交回本方案的工作专班办公室。"
    assert not any("2027年4月" in note for note in written)


def test_a_filled_measure_row_is_added_to_the_measures_progress_once(data, tmp_path):
    before = data.read_text(encoding="utf-8").splitlines()
    industry = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m01": {"状态": "推进中", "填报日期": "2027年3月25日", "进展说明": "已完成更新项目19个。"}},
    )
    finance = fill(
        ledger(data, "finance", tmp_path / "finance.xlsx"),
        {"m03": {"状态": "持续推进", "填报日期": DAY, "进展说明": "已召开第3次对接会。", "佐证材料链接": None}},
    )
    result = run_import(industry, finance, "--data", data)
    assert result.returncode == 0, result.stderr
    assert "导入 2 条进度记录" in result.stdout
    after = data.read_text(encoding="utf-8").splitlines()
    m01 = [
        "  progress:",
        "  - date: 2027-03-25",
        "    status: 推进中",
        "    note: 已完成更新项目19个。",
        "    by: industry-it",
    ]
    m03 = ["  - date: 2027-03-25", "    status: 持续推进", "    note: 已召开第3次对接会。", "    by: finance"]
    # m01's reports after its targets, m03's after its last report, each naming the department
    # that gave it: every other line as it was.
    at_m01 = after.index(m01[0], after.index("- id: m01"))
    at_m03 = after.index(m03[0], after.index("- id: m03"))
    assert after[at_m01 - 1] == "      note: 2026年完成更新项目17个，其余3个转入2027年。"
    assert after[at_m01 : at_m01 + 5] == m01 and after[at_m03 : at_m03 + 4] == m03
    assert after[at_m03 - 1] == "      result: 属实"
    assert after[:at_m01] + after[at_m01 + 5 : at_m03] + after[at_m03 + 4 :] == before
    measures = {m.id: m for m in read_plan(data, "measures.yaml").measures}
    assert (measures["m01"].status, measures["m01"].latest.date) == ("in-progress", DAY)
    assert measures["m03"].status_label == "持续推进"
    once = data.read_bytes()
    again = run_import(industry, finance, "--data", data)
    assert again.returncode == 0 and "导入 0 条进度记录" in again.stdout
    assert data.read_bytes() == once


def test_a_measure_is_completed_only_once_its_targets_are(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    completed = {"状态": "已完成", "填报日期": DAY}
    early = fill(path, {"m01": completed}, tmp_path / "early.xlsx")
    before = data.read_bytes()
    result = run_import(early, "--data", data)
    assert result.returncode == 1
    # The merged data's rule (measure-completed), at the cell the status came from.
    (problem, count) = result.stderr.splitlines()
    assert problem.startswith("early.xlsx!E6: 本项措施的目标 m01-t1 ") and "还没有报告“已完成”" in problem
    assert count == "共 1 个问题，数据没有改动"
    assert data.read_bytes() == before
    # Its target reported complete in the same ledger, the measure may be.
    both = fill(path, {"m01": completed, "m01-t1": completed}, tmp_path / "both.xlsx")
    assert run_import(both, "--data", data).returncode == 0
    assert next(m for m in read_plan(data, "measures.yaml").measures if m.id == "m01").status == "completed"


def test_a_status_of_the_other_kind_of_item_is_refused_at_its_cell(data, tmp_path):
    filled = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m01": {"状态": "未按期完成", "填报日期": DAY}, "m01-t1": {"状态": "持续推进", "填报日期": DAY}},
    )
    before = data.read_bytes()
    result = run_import(filled, "--data", data)
    assert result.stderr.splitlines() == [
        "industry-it.xlsx!E6: 状态“未按期完成”不是措施可选的值（“未按期完成”只用于有期限的目标）："
        "请从下拉列表中选择 未启动、推进中、持续推进、已完成",
        "industry-it.xlsx!E7: 状态“持续推进”不是目标可选的值（“持续推进”只用于没有期限的措施）："
        "请从下拉列表中选择 未启动、推进中、已完成、未按期完成",
        "共 2 个问题，数据没有改动",
    ]
    assert data.read_bytes() == before


def test_a_department_cannot_report_on_a_measure_it_only_supports(data, tmp_path):
    # 市财政局 supports m01: its lead reports on the whole measure.
    filled = fill(
        ledger(data, "finance", tmp_path / "finance.xlsx"),
        {"m01-t1": {"编号": "m01", "状态": "推进中", "填报日期": DAY}},
    )
    before = data.read_bytes()
    result = run_import(filled, "--data", data)
    assert result.stderr.splitlines() == [
        "finance.xlsx!A6: 编号“m01”是本单位配合的措施，整项措施的进展由市工信局报告：这一行不能导入",
        "共 1 个问题，数据没有改动",
    ]
    assert data.read_bytes() == before


def test_two_units_responsible_for_a_measure_cannot_both_report_on_one_day(data, tmp_path):
    # m02 is the responsibility of 市工信局 and 市数据局 alike: either reports on it, one report a day.
    report = {"状态": "推进中", "填报日期": DAY, "进展说明": "又接入30台设备。"}
    industry = fill(ledger(data, "industry-it", tmp_path / "industry-it.xlsx"), {"m02": report})
    data_bureau = fill(ledger(data, "data", tmp_path / "data.xlsx"), {"m02": {**report, "进展说明": "平台已扩容。"}})
    before = data.read_bytes()
    result = run_import(industry, data_bureau, "--data", data)
    assert result.stderr.splitlines() == [
        "data.xlsx!E6: 措施 m02 在 2027-03-25 的报告已在 industry-it.xlsx!E8 填过：同一天只能有一条",
        "共 1 个问题，数据没有改动",
    ]
    assert data.read_bytes() == before


def previous_layout(path, headers):
    """``path`` as a ledger downloaded before: no notes, the previous headers in the first row."""
    book = load_workbook(path)
    sheet = book.active
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.delete_rows(1, 4)
    for column, header in enumerate(headers, 1):
        sheet.cell(1, column, header)
    book.save(path)
    return path


def test_a_ledger_with_the_previous_headers_is_still_read_by_its_real_rows(data, tmp_path):
    path = previous_layout(ledger(data, "industry-it", tmp_path / "old.xlsx"), ledger_book.PREVIOUS_HEADERS)
    assert [row[0] for row in rows(path, first=1)] == ["目标编号", "m01", "m01-t1", "m02"]
    fill(path, {3: {"状态": "推进中", "填报日期": "2027/3/25"}, 4: {"填报日期": "3月"}})
    with pytest.raises(merge.LedgerProblems) as caught:
        merge.merge(data, [path])
    assert caught.value.problems == ["old.xlsx!F4: 填报日期“3月”看不出是哪一天：请写成 2026-12-01 这样的年-月-日"]
    fill(path, {4: {"填报日期": datetime.date(2026, 9, 30)}})
    merged = merge.merge(data, [path])
    assert [(r.item_id, r.record["date"]) for r in merged.added] == [("m01-t1", DAY)] and merged.unchanged == 1


def test_a_ledger_whose_header_row_was_changed_is_refused(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "changed.xlsx")
    book = load_workbook(path)
    book.active["B5"] = "指标名称"
    book.save(path)
    with pytest.raises(merge.LedgerProblems) as caught:
        merge.merge(data, [path])
    assert caught.value.problems == [
        "changed.xlsx!A1: 前 10 行中没有表头“编号、事项、目标值、期限、状态、填报日期、进展说明、佐证材料链接”："
        "请用本站下载的台账填写，不要改动表头"
    ]


def test_the_office_ledger_lists_reports_on_measures_and_takes_their_checks(data, tmp_path):
    path = tmp_path / "office.xlsx"
    path.write_bytes(office.workbook(catalog.build(read_plan(data, "measures.yaml")), SITE_URL))
    listed = rows(path)
    assert [row[0] for row in listed] == ["g2026-t1", "m01-t1", "m02", "m03", "m04"]
    assert listed[2] == (
        *("m02", datetime.datetime(2026, 9, 30), "推进中", "已有120台设备接入工业互联网平台。", None, None, None, None),
        *("市工信局、市数据局", "（二）推进智能改造", "整项措施", SITE_URL + "measures/m02/"),
    )
    before = data.read_text(encoding="utf-8").splitlines()
    check = {"核实结果": "属实", "核实日期": "2027年3月28日", "核实说明": "已列席调度会。"}
    fill(path, {"m04": check}, sheet_name=office.SHEET, headers=office.HEADERS)
    result = run_import(path, "--data", data)
    assert result.returncode == 0, result.stderr
    assert "导入 0 条进度记录、1 条核实结果" in result.stdout
    added = [
        "    verification:",
        "      date: 2027-03-28",
        "      by: development-reform",
        "      result: 属实",
        "      note: 已列席调度会。",
    ]
    after = data.read_text(encoding="utf-8").splitlines()
    start = after.index(added[0], after.index("    note: 工作专班每月召开一次调度会。"))
    assert after[start : start + len(added)] == added
    assert after[:start] + after[start + len(added) :] == before
    m04 = next(m for m in read_plan(data, "measures.yaml").measures if m.id == "m04")
    assert m04.latest.check == "verified" and m04.latest.verification.by.name == "市发改委"
    assert merge.merge(data, [path]).unchanged == 1


def test_an_office_ledger_with_the_previous_headers_is_still_read(data, tmp_path):
    path = tmp_path / "office.xlsx"
    path.write_bytes(office.workbook(catalog.build(read_plan(data, "measures.yaml")), SITE_URL))
    previous_layout(path, office.PREVIOUS_HEADERS)
    assert load_workbook(path).active["A1"].value == "目标编号"
    check = {"核实结果": "属实", "核实日期": datetime.date(2027, 3, 1)}
    fill(path, {2: check}, sheet_name=office.SHEET, headers=office.HEADERS)
    merged = merge.merge(data, [path])
    assert [(c.item_id, c.report_date) for c in merged.checked] == [("g2026-t1", datetime.date(2025, 6, 30))]


def test_a_measure_without_targets_reported_in_its_ledger_reaches_every_page_table_and_feed(data, tmp_path):
    """The round trip of the issue: 市工信局 fills its ledger's row for m02 (推进智能改造, no target)
    with the date as a clerk types it, the editor imports it, and the report is everywhere."""
    note = "已有200台设备接入工业互联网平台。"
    filled = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m02": {"状态": "推进中", "填报日期": "2026年12月1日", "进展说明": note}},
    )
    result = run_import(filled, "--data", data)
    assert result.returncode == 0, result.stderr
    plan = read_plan(data, "measures.yaml")
    m02 = next(m for m in plan.measures if m.id == "m02")
    assert (m02.latest.date, m02.latest.status_label, m02.latest.note) == (datetime.date(2026, 12, 1), "推进中", note)
    indexes = catalog.build(plan)
    files = build.site_files(indexes, SITE)
    measure = files["measures/m02.md"]
    standing = measure[measure.index("## 落实情况") : measure.index("## 责任单位")]
    assert note in standing and '<time datetime="2026-12-01">2026年12月1日</time>填报' in standing
    # Reported within the cycle (since 2026-10-11): no longer late, on its page, its departments' and the dashboard.
    assert "未按期填报" not in standing and not indexes.measures["m02"].late
    department = files["departments/industry-it.md"]
    listed = department[department.index('data-measure="m02"') :].split("</li>")[0]
    assert '<time datetime="2026-12-01">2026年12月1日</time>填报' in listed and "未按期填报" not in listed
    assert "牵头或负责的2项措施中，1项已按期填报，1项未按期填报" in department
    dashboard = files["progress/index.md"]
    late = dashboard[dashboard.index("### 未按期填报的措施") : dashboard.index("## 目标任务总体情况")]
    assert "（二）推进智能改造" not in late and "（一）更新落后设备" in late
    rows = {row["measure_id"]: row for row in csv.DictReader(io.StringIO(files["downloads/measures.csv"][1:]))}
    assert (rows["m02"]["status_label"], rows["m02"]["reported_on"], rows["m02"]["note"]) == (
        "推进中",
        "2026-12-01",
        note,
    )
    assert (rows["m02"]["check_label"], rows["m02"]["late"], rows["m02"]["as_of"]) == ("待核实", "否", "2027-03-31")
    assert "第（二）项“推进智能改造”：推进中" in files["changes/index.md"] and note in files["changes/index.md"]
    for feed in (
        urls.source("feed"),
        urls.source("department-feed", "industry-it"),
        urls.source("department-feed", "data"),
    ):
        entries = feedparser.parse(files[feed]).entries
        entry = next(e for e in entries if e.id.endswith(":progress/m02/2026-12-01"))
        assert entry.summary == note and entry.link == SITE.site_url + "measures/m02/#progress"


def test_departments_sharing_a_measure_report_on_it_in_any_order_each_named(data, tmp_path):
    """m02 has two responsible units: 市数据局's later report, imported first, neither stops 市工信局's
    earlier one nor its ledger returned untouched; each report names who gave it."""
    data_ledger = fill(
        ledger(data, "data", tmp_path / "data.xlsx"),
        {"m02": {"状态": "已完成", "填报日期": "2027年3月25日", "进展说明": "设备联网全部完成。"}},
    )
    untouched = ledger(data, "industry-it", tmp_path / "untouched.xlsx")
    industry = fill(
        ledger(data, "industry-it", tmp_path / "industry-it.xlsx"),
        {"m02": {"状态": "推进中", "填报日期": "2027年3月20日", "进展说明": "已有180台设备联网。"}},
    )
    assert run_import(data_ledger, "--data", data).returncode == 0
    for filled in (industry, untouched, data_ledger, industry):
        result = run_import(filled, "--data", data)
        assert result.returncode == 0, result.stderr
    m02 = next(m for m in read_plan(data, "measures.yaml").measures if m.id == "m02")
    assert [(r.date.isoformat(), r.status_label, r.by.id if r.by else None) for r in m02.history] == [
        ("2026-09-30", "推进中", None),
        ("2027-03-20", "推进中", "industry-it"),
        ("2027-03-25", "已完成", "data"),
    ]
    page = build.site_files(catalog.build(read_plan(data, "measures.yaml")), SITE)["measures/m02.md"]
    standing = page[page.index("## 落实情况") : page.index("## 责任单位")]
    assert '市数据局<time datetime="2027-03-25">2027年3月25日</time>填报' in standing
    assert '<span class="plan-history__by">市工信局填报</span>' in page[page.index("## 进度记录") :]


def test_a_department_with_nothing_to_report_is_told_so(data, tmp_path):
    """人行示例分行 only supports m03, which has no target: its ledger says there is nothing to fill
    in and its page gives it no date to report by."""
    path = ledger(data, "pboc", tmp_path / "pboc.xlsx")
    assert [row[0] for row in rows(path, first=1)[:3]] == [
        "人行示例分行任务台账（数据截至2027年3月31日）",
        ledger_book.NOTHING_TO_FILL,
        "编号",
    ]
    files = build.site_files(catalog.build(read_plan(data, "measures.yaml")), SITE)
    assert "下次报送" not in files["departments/pboc.md"] and "下次报送" in files["departments/finance.md"]


# openpyxl warns when this test itself reads the cell back; the command must not.
@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")
def test_a_number_in_a_date_cell_is_told_in_chinese(data, tmp_path):
    path = ledger(data, "industry-it", tmp_path / "industry-it.xlsx")
    filled = fill(path, {"m02": {"状态": "推进中", "填报日期": 20270320}})
    book = load_workbook(filled)
    sheet = book[ledger_book.SHEET]
    cell = next(c for c in sheet["F"] if c.row > 5 and sheet.cell(c.row, 1).value == "m02")
    cell.number_format = "yyyy-mm-dd"  # as the ledger's date column is formatted
    book.save(filled)
    result = run_import(filled, "--data", data)
    assert result.returncode == 1 and "Warning" not in result.stderr
    assert f"industry-it.xlsx!F{cell.row}: 填报日期这一格是一个数字，不是日期" in result.stderr

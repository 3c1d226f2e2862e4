"""Every measure is tracked: its own reports, the reporting cycle, what is late, and where it shows."""

import datetime
import re

import icalendar
import pytest
import yaml

from plansite import build
from plansite.data.read import read_plan
from plansite.data.reporting import Cycle, standing
from plansite.problems import DataError
from plansite.site import catalog, progress
from tests.conftest import ROOT
from tests.golden_pages import SITE

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"
SIGNED = datetime.date(2025, 3, 8)
day = datetime.date.fromisoformat


def sample_data() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def plan_of(data: dict):
    return read_plan(SAMPLE, "curated.yaml", text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def problems_of(data: dict) -> str:
    with pytest.raises(DataError) as error:
        plan_of(data)
    return error.value.report()


@pytest.mark.parametrize(
    ("period", "due_day", "as_of", "last_due", "next_due", "counts_from"),
    [
        ("monthly", 25, "2027-03-31", "2027-03-25", "2027-04-25", "2027-02-26"),
        # The due day itself: that day's report is the one due last.
        ("monthly", 25, "2027-03-25", "2027-03-25", "2027-04-25", "2027-02-26"),
        ("monthly", 25, "2027-03-24", "2027-02-25", "2027-03-25", "2027-01-26"),
        # Across the year's end.
        ("monthly", 5, "2027-01-03", "2026-12-05", "2027-01-05", "2026-11-06"),
        ("quarterly", 10, "2027-03-31", "2027-01-10", "2027-04-10", "2026-10-11"),
        ("quarterly", 10, "2027-01-05", "2026-10-10", "2027-01-10", "2026-07-11"),
        ("quarterly", 10, "2027-10-10", "2027-10-10", "2028-01-10", "2027-07-11"),
        ("quarterly", 28, "2027-12-31", "2027-10-28", "2028-01-28", "2027-07-29"),
    ],
)
def test_the_cycle_gives_the_report_due_last_and_next_and_since_when_a_report_counts(
    period, due_day, as_of, last_due, next_due, counts_from
):
    found = standing(Cycle(period=period, day=due_day), day(as_of), SIGNED)
    assert found is not None
    assert (found.last_due, found.next_due, found.counts_from) == (day(last_due), day(next_due), day(counts_from))
    assert found.is_current(day(counts_from)) and not found.is_current(day(counts_from) - datetime.timedelta(days=1))
    assert not found.is_current(None)


def test_nothing_is_late_before_the_first_report_falls_due_and_the_first_cycle_starts_at_signing():
    cycle = Cycle(period="quarterly", day=10)
    before = standing(cycle, day("2025-03-31"), SIGNED)
    assert before is not None and before.last_due is None and before.next_due == day("2025-04-10")
    assert before.is_current(None)
    first = standing(cycle, day("2025-04-20"), SIGNED)
    assert first is not None and first.last_due == day("2025-04-10") and first.counts_from == SIGNED
    assert standing(None, day("2027-03-31"), SIGNED) is None
    assert standing(cycle, None, SIGNED) is None


def test_the_sample_has_a_department_with_measures_late_in_the_cycle():
    indexes = catalog.build(plan_of(sample_data()))
    assert indexes.reporting is not None and indexes.reporting.last_due == day("2027-01-10")
    # m01 was never reported on as a whole; m02's latest report (2026-09-30) is before the cycle;
    # m03 reported on 2027-01-05, m04 on 2027-03-20.
    assert {m for m, entry in indexes.measures.items() if entry.late} == {"m01", "m02"}
    industry = indexes.departments["industry-it"]
    assert [m.id for m in industry.late] == ["m01", "m02"] and industry.up_to_date == 0
    finance = indexes.departments["finance"]
    assert [m.id for m in finance.reported_measures] == ["m03"] and finance.up_to_date == 1 and not finance.late


def test_without_a_cycle_nothing_is_called_late():
    data = sample_data()
    del data["progress"]["cycle"]
    indexes = catalog.build(plan_of(data))
    assert indexes.reporting is None
    assert not any(entry.late for entry in indexes.measures.values())
    files = build.site_files(indexes, SITE)
    assert "未按期填报" not in files["measures/m01.md"] + files["departments/industry-it.md"]
    assert "本站尚未登记各单位报送进展的周期" in files["progress/index.md"]


def test_a_completed_measure_is_never_late():
    data = sample_data()
    m02 = data["measures"][1]
    m02["progress"][0]["status"] = "已完成"
    indexes = catalog.build(plan_of(data))
    assert not indexes.measures["m02"].late and indexes.measures["m01"].late


def test_a_measure_with_targets_is_completed_only_once_they_are():
    data = sample_data()
    m01 = data["measures"][0]
    m01["progress"] = [{"date": "2027-03-10", "status": "已完成"}]
    assert "[measure-completed]" in problems_of(data)
    m01["targets"][0]["progress"].append({"date": "2027-03-20", "status": "已完成"})
    assert "目标 m01-t1 到 2027-03-10 还没有报告“已完成”" in problems_of(data)
    m01["progress"][0]["date"] = "2027-03-25"
    assert plan_of(data).measures[0].status == "completed"


def test_statuses_belong_to_their_kind_of_record():
    data = sample_data()
    data["measures"][2]["progress"][0]["status"] = "未按期完成"
    report = problems_of(data)
    assert "措施 m03 的第1条进度的状态（progress[0].status）" in report and "“未按期完成”只用于有期限的目标" in report
    data = sample_data()
    data["measures"][0]["targets"][0]["progress"][0]["status"] = "持续推进"
    assert "“持续推进”只用于措施" in problems_of(data)


def test_a_measure_report_is_dated_within_the_plan_and_in_order():
    data = sample_data()
    data["measures"][2]["progress"][1]["date"] = "2026-06-01"
    assert "[progress-date]" in problems_of(data)
    data = sample_data()
    data["measures"][2]["progress"][1]["date"] = "2027-04-01"
    assert "晚于数据截至日期 2027-03-31" in problems_of(data)


def test_the_cycle_is_monthly_or_quarterly_by_a_day_every_month_has():
    data = sample_data()
    data["progress"]["cycle"] = {"period": "weekly", "day": 31}
    report = problems_of(data)
    assert "progress.cycle.period" in report and "monthly（每月）或 quarterly（每季度）" in report
    assert "进度设置 的报送周期的报送日（progress.cycle.day）：31 超出了允许的范围：应当不大于 28" in report


def test_the_dashboard_counts_measures_by_status_and_lead_with_the_late_ones():
    indexes = catalog.build(plan_of(sample_data()))
    dashboard = progress.build(indexes)
    counts = dict(dashboard.measures.counts)
    assert counts == {"unreported": 1, "not-started": 0, "in-progress": 2, "ongoing": 1, "completed": 0}
    assert dashboard.measures.due == 2 and dashboard.measures.checks["verified"] == 1
    rows = {row.label: (row.total, row.due) for row in dashboard.measures_by_lead}
    assert rows == {"市工信局": (2, 2), "市财政局": (1, 0), "市数据局": (1, 1), progress.NO_LEAD_ROW: (1, 0)}
    assert [(g.anchor, [e.measure.id for e in g.measures]) for g in dashboard.late_by_lead] == [
        ("late-industry-it", ["m01", "m02"]),
        ("late-data", ["m02"]),
    ]


def test_pages_show_each_measures_standing_and_each_departments_next_report():
    files = build.site_files(catalog.build(plan_of(sample_data())), SITE)
    verified = files["measures/m03.md"]
    standing_part = verified[verified.index("## 落实情况") : verified.index("## 责任单位")]
    assert "推进中" in standing_part and "2027年1月5日" in standing_part and "已核实（市发改委" in standing_part
    assert "已会同人行示例分行召开政银企对接会2次。" in standing_part and "佐证材料" in standing_part
    history = verified[verified.index("## 进度记录") :]
    assert re.findall(r'<li><time datetime="([0-9-]+)"', history)[:2] == ["2026-06-30", "2027-01-05"]
    nobody = files["measures/m01.md"]
    assert "还没有报告本项措施整体的落实情况" in nobody and "未按期填报" in nobody and "## 进度记录" not in nobody
    department = files["departments/industry-it.md"]
    assert '<dt>下次报送</dt><dd><time datetime="2027-04-10">2027年4月10日</time>前' in department
    assert "牵头或负责的2项措施中，0项已按期填报，2项未按期填报" in department
    assert "未按期填报" in files["ledgers/industry-it.md"] and "已到期" in files["ledgers/industry-it.md"]


def test_a_plan_without_measure_reports_says_so_without_empty_boxes(plan):
    if any(m.history for m in plan.measures):
        pytest.skip("this plan's measures have reports: the sample's pages show them")
    files = build.site_files(catalog.build(plan), SITE)
    measure = next(m for m in plan.measures if m.reporters)
    page = files[measure.page]
    assert "还没有报告本项措施整体的落实情况" in page and "## 进度记录" not in page
    assert ("未按期填报" in page) == (plan.cycle is not None and plan.as_of is not None)
    dashboard = files["progress/index.md"]
    assert "全部措施显示为“未填报”" in dashboard and "plan-chart-measures-by-lead" not in dashboard


def test_a_departments_calendar_holds_the_days_its_ledger_is_due():
    indexes = catalog.build(plan_of(sample_data()))
    files = build.site_files(indexes, SITE)
    events = icalendar.Calendar.from_ical(files["downloads/calendars/industry-it.ics"]).walk("VEVENT")
    report = events[-1]
    assert str(report["UID"]) == "report-industry-it@plan.example"
    assert report["DTSTART"].dt == datetime.date(2027, 4, 10) and str(report["SUMMARY"]) == "【报送】市工信局任务台账"
    rule = report["RRULE"]
    assert (rule["FREQ"], rule["INTERVAL"], rule["BYMONTHDAY"]) == (["MONTHLY"], [3], [10])
    assert rule["UNTIL"] == [datetime.date(2028, 12, 31)]
    assert "工作专班办公室（市发改委）" in str(report["DESCRIPTION"])
    # A department that reports on no measure, and every department without a cycle, has no such day.
    pboc = icalendar.Calendar.from_ical(files["downloads/calendars/pboc.ics"]).walk("VEVENT")
    assert not any(str(e["UID"]).startswith("report-") for e in pboc)
    data = sample_data()
    del data["progress"]["cycle"]
    plain = build.site_files(catalog.build(plan_of(data)), SITE)["downloads/calendars/industry-it.ics"]
    assert "report-" not in plain


def test_a_measure_that_names_no_unit_is_never_late():
    data = sample_data()
    del data["measures"][3]["progress"]
    indexes = catalog.build(plan_of(data))
    assert not indexes.measures["m04"].late and indexes.measures["m04"].measure.status == "unreported"
    rows = {row.label: row.due for row in progress.build(indexes).measures_by_lead}
    assert rows[progress.NO_LEAD_ROW] == 0

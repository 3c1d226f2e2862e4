"""Delivery tracking: status and what is due judged against the data's as-of date, the dashboard's
counts and the charts drawn from them, read back and compared with the data itself."""

import dataclasses
import datetime
import xml.etree.ElementTree as ElementTree
from collections import Counter

import pytest
import yaml

from plansite.data.read import read_plan
from plansite.site import catalog, charts, progress
from tests.conftest import DATA
from tests.golden_pages import SAMPLE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sample():
    return read_plan(SAMPLE, "curated.yaml")


def targets_of(plan):
    return {t.id: t for t in plan.targets}


def test_a_target_without_reports_is_unreported_and_the_latest_report_is_its_status(sample):
    targets = targets_of(sample)
    assert targets["g2028-t1"].history == () and targets["g2028-t1"].status == "unreported"
    assert targets["g2028-t1"].status_label == "未填报"
    assert [r.status for r in targets["g2026-t1"].history] == ["in-progress", "completed"]
    assert targets["g2026-t1"].status == "completed"
    assert targets["m01-t1"].status == "missed" and targets["m01-t1"].status_label == "未按期完成"
    assert targets["g2026-t1"].latest.evidence[0].title == "示例市2026年国民经济和社会发展统计公报"


def _recorded_reports(node):
    """Every ``progress:`` record in raw YAML, by target id, read without the model."""
    found = {}
    if isinstance(node, dict):
        if "id" in node and isinstance(node.get("progress"), list):
            found[node["id"]] = node["progress"]
        for value in node.values():
            found.update(_recorded_reports(value))
    elif isinstance(node, list):
        for value in node:
            found.update(_recorded_reports(value))
    return found


def test_the_plan_invents_no_progress(plan):
    """The statuses come from the data's reports alone: a target past its deadline that nobody
    reported on is 未填报, never 未按期完成 or 已完成."""
    recorded = _recorded_reports(yaml.safe_load(DATA.read_text(encoding="utf-8")))
    assert {t.id: len(t.history) for t in plan.targets} == {t.id: len(recorded.get(t.id, [])) for t in plan.targets}
    overdue = [t for t in plan.targets if datetime.date(t.year, 12, 31) <= plan.as_of and not t.history]
    assert {t.status for t in overdue} <= {"unreported"}


@pytest.mark.parametrize(
    "as_of, due",
    [
        (datetime.date(2026, 12, 30), set()),
        (datetime.date(2026, 12, 31), {"m01-t1"}),
        (datetime.date(2028, 12, 31), {"m01-t1", "g2028-t1"}),
    ],
)
def test_due_is_judged_against_the_as_of_date_not_the_day_of_the_build(sample, as_of, due):
    """m01-t1 was reported missed and g2026-t1 complete; a deadline is 31 December, inclusive."""
    moved = dataclasses.replace(sample, as_of=as_of)
    dashboard = progress.build(catalog.build(moved))
    assert {c.target.id for c in dashboard.due_not_completed} == due


def test_the_plans_due_list_is_every_target_past_its_deadline_not_reported_completed(plan):
    dashboard = progress.build(catalog.build(plan))
    expected = [t.id for t in plan.targets if datetime.date(t.year, 12, 31) <= plan.as_of and t.status != "completed"]
    if not expected:
        pytest.skip("no target of the plan in data/ is past its deadline: nothing is due")
    assert sorted(c.target.id for c in dashboard.due_not_completed) == sorted(expected)
    assert [c.target.year for c in dashboard.due_not_completed] == sorted(
        c.target.year for c in dashboard.due_not_completed
    )


def test_dashboard_counts_add_up_to_the_data(plan, sample):
    for subject in (plan, sample):
        dashboard = progress.build(catalog.build(subject))
        statuses = Counter(t.status for t in subject.targets)
        assert dict(dashboard.overall.counts) == {s: statuses.get(s, 0) for s in progress.STATUSES}
        assert dashboard.overall.total == len(subject.targets)
        years = Counter(t.year for t in subject.targets)
        assert {row.label: row.total for row in dashboard.by_year} == {f"{y}年": n for y, n in years.items()}
        chapter_of = {t.id: c.chapter.heading for c in catalog.build(subject).commitments for t in [c.target]}
        assert {row.label: row.total for row in dashboard.by_chapter} == dict(Counter(chapter_of.values()))
        by_lead = Counter(d.name for m in subject.measures for t in m.targets for d in (m.lead or m.responsible))
        # A goal counts for the lead of its working group; the goals of none have a row of their own.
        for target in (t for g in subject.goals for t in g.targets):
            group = subject.working_group(target)
            by_lead[group.lead.name if group else progress.GOALS_ROW] += 1
        assert {row.label: row.total for row in dashboard.by_lead} == +by_lead


def test_the_sample_dashboard(sample):
    dashboard = progress.build(catalog.build(sample))
    assert dashboard.as_of == datetime.date(2027, 3, 31)
    assert dict(dashboard.overall.counts) == {
        "unreported": 1,
        "not-started": 0,
        "in-progress": 0,
        "completed": 1,
        "missed": 1,
    }
    assert dashboard.reported == 2 and dashboard.overall.due == 1


def svg(markup):
    return ElementTree.fromstring(str(markup))


def test_status_bars_draw_the_numbers_of_their_rows(plan, sample):
    for subject in (plan, sample):
        dashboard = progress.build(catalog.build(subject))
        for rows in (dashboard.by_year, dashboard.by_chapter, dashboard.by_lead, (dashboard.overall,)):
            drawn = svg(charts.status_bars(rows, chart_id="c", title="t"))
            groups = drawn.findall(f"{SVG}g[@class='plan-chart__row']")
            assert [(g.get("data-label"), int(g.get("data-total"))) for g in groups] == [
                (row.label, row.total) for row in rows
            ]
            for group, row in zip(groups, rows, strict=True):
                segments = {r.get("data-status"): int(r.get("data-count")) for r in group.iter(f"{SVG}rect")}
                assert segments == {s.status: s.count for s in row.shares if s.count}
                assert group.find(f"{SVG}text[@class='plan-chart__total']").text == str(row.total)


def test_the_timeline_draws_every_target_in_its_year_with_its_status(plan, sample):
    for subject in (plan, sample):
        built = catalog.build(subject)
        drawn = svg(charts.timeline(built.timeline, subject.as_of))
        years = drawn.findall(f"{SVG}g[@class='plan-chart__year']")
        assert [int(g.get("data-year")) for g in years] == list(
            range(subject.document.first_year, subject.document.last_year + 1)
        )
        for group in years:
            year = int(group.get("data-year"))
            dots = [dot.get("data-status") for dot in group.findall(f"{SVG}g[@data-status]")]
            assert Counter(dots) == Counter(t.status for t in subject.targets if t.year == year)
            assert int(group.get("data-count")) == len(dots)
        marked = drawn.find(f"{SVG}g[@class='plan-chart__as-of']")
        if subject.as_of:
            assert marked.get("data-as-of") == subject.as_of.isoformat()
        else:
            assert marked is None


def test_the_matrix_counts_each_departments_measures_in_each_chapter(plan):
    drawn = svg(charts.responsibility_matrix(catalog.build(plan)))
    cells = {
        (row.get("data-department"), cell.get("data-chapter")): (
            int(cell.get("data-lead")),
            int(cell.get("data-support")),
        )
        for row in drawn.findall(f"{SVG}g[@data-department]")
        for cell in row.findall(f"{SVG}g[@data-chapter]")
    }
    expected = Counter()
    for measure in plan.measures:
        for department in measure.lead + measure.responsible:
            expected[(department.id, measure.chapter.id, "lead")] += 1
        for department in measure.supporting:
            expected[(department.id, measure.chapter.id, "support")] += 1
    assert len(cells) == len(plan.departments) * len({m.chapter.id for m in plan.measures})
    for (department, chapter), (led, supported) in cells.items():
        assert (led, supported) == (expected[(department, chapter, "lead")], expected[(department, chapter, "support")])
    assert sum(led for led, _ in cells.values()) == sum(len(m.lead + m.responsible) for m in plan.measures)


def test_charts_name_themselves_for_screen_readers(plan):
    drawn = svg(charts.timeline(catalog.build(plan).timeline, plan.as_of))
    assert drawn.get("role") == "img"
    title, description = drawn.find(f"{SVG}title"), drawn.find(f"{SVG}desc")
    assert drawn.get("aria-labelledby") == f"{title.get('id')} {description.get('id')}"
    years = catalog.build(plan).timeline
    assert all(f"{group.year}年{len(group.commitments)}项" in description.text for group in years)
    assert (plan.as_of.isoformat() in description.text) if plan.as_of else "数据截至" not in description.text


def test_every_status_has_its_own_icon_shape():
    shapes = {status: str(charts.status_icon(status)) for status in progress.STATUSES}
    assert len(set(shapes.values())) == len(progress.STATUSES)
    assert all('aria-hidden="true"' in shape for shape in shapes.values())

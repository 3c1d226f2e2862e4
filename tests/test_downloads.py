"""The open data: CSV tables and iCalendar files agree with plan.json row for row, keep their
published columns, open in Excel, and parse as calendars."""

import csv
import datetime
import io
import json

import icalendar
import pytest

from plansite import build, urls
from plansite.site import catalog, config, tables
from tests.golden_pages import SITE

# The published column names: a contract with everyone who reads the files. Append, never rename.
STABLE_COLUMNS = {
    "measures.csv": [
        "measure_id",
        "number",
        "label",
        "chapter_id",
        "chapter",
        "title",
        "text",
        "lead",
        "lead_ids",
        "supporting",
        "supporting_ids",
        "responsible",
        "responsible_ids",
        "topics",
        "topic_ids",
        "targets",
        "url",
        "status",
        "status_label",
        "reported_on",
        "note",
        "check",
        "check_label",
        "checked_on",
        "checked_by",
        "late",
        "as_of",
    ],
    "targets.csv": [
        "target_id",
        "year",
        "deadline",
        "indicator",
        "value",
        "unit",
        "qualifier",
        "baseline_year",
        "text",
        "source_id",
        "source",
        "chapter_id",
        "lead",
        "lead_ids",
        "status",
        "status_label",
        "reported_on",
        "note",
        "due_not_completed",
        "url",
        "check",
        "check_label",
        "checked_on",
        "checked_by",
        "check_note",
        "as_of",
    ],
    "departments.csv": [
        "department_id",
        "name",
        "full_name",
        "aliases",
        "kind",
        "kind_label",
        "leads",
        "supports",
        "responsible_for",
        "targets",
        "url",
        "calendar_url",
        "reports_on",
        "late",
        "as_of",
    ],
    "documents.csv": [
        "document_id",
        "kind",
        "kind_label",
        "title",
        "number",
        "issuer",
        "issuer_id",
        "date",
        "official_url",
        "measure_ids",
        "url",
    ],
}


@pytest.fixture(scope="module")
def files(plan):
    return build.site_files(catalog.build(plan), SITE)


@pytest.fixture(scope="module")
def published(files):
    return json.loads(files["downloads/plan.json"])


def read_csv(text):
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    assert "\n" not in text.replace("\r\n", "")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_every_table_keeps_its_published_columns_and_documents_them(files):
    for table in tables.TABLES:
        header = next(csv.reader(io.StringIO(files[f"downloads/{table.file}"][1:])))
        assert header == [c.name for c in table.columns] == STABLE_COLUMNS[table.file]
        page = files["downloads/index.md"]
        for column in table.columns:
            assert f"<tr><td><code>{column.name}</code></td><td>" in page


def test_targets_csv_agrees_with_plan_json_row_for_row(files, published):
    rows = read_csv(files["downloads/targets.csv"])
    targets = published["goals"] + [t for m in published["measures"] for t in m["targets"]]
    assert [r["target_id"] for r in rows] == [t["id"] for t in targets]
    for row, target in zip(rows, targets, strict=True):
        assert int(row["year"]) == target["year"] and row["deadline"] == target["deadline"]
        assert row["text"] == target["text"] and row["indicator"] == target["indicator"]
        assert (float(row["value"]) if row["value"] else None) == target["value"]
        assert (row["unit"] or None, row["qualifier"] or None) == (target["unit"], target["qualifier"])
        assert (int(row["baseline_year"]) if row["baseline_year"] else None) == target["baseline_year"]
        assert (row["status"], row["status_label"]) == (target["status"], target["status_label"])
        latest = target["progress"][-1] if target["progress"] else None
        assert row["reported_on"] == (latest["date"] if latest else "")
        assert row["due_not_completed"] == ("是" if target["due"] and target["status"] != "completed" else "否")
    owners = {t["id"]: m for m in published["measures"] for t in m["targets"]}
    group_leads = {g["id"]: g["lead"] for g in published["working_groups"]}
    goal_groups = {t["id"]: t["working_group"] for t in published["goals"]}
    for row in rows:
        measure = owners.get(row["target_id"])
        lead_ids = row["lead_ids"].split(";") if row["lead_ids"] else []
        group = goal_groups.get(row["target_id"])
        expected = (measure["lead"] or measure["responsible"]) if measure else [group_leads[group]] if group else []
        assert lead_ids == expected
        assert row["url"] == SITE.site_url + (
            f"{measure['url']}#{row['target_id']}" if measure else f"sectors/general/#{row['target_id']}"
        )


def test_measures_csv_agrees_with_plan_json_row_for_row(files, published):
    rows = read_csv(files["downloads/measures.csv"])
    assert [r["measure_id"] for r in rows] == [m["id"] for m in published["measures"]]
    names = {d["id"]: d["name"] for d in published["departments"]}
    for row, measure in zip(rows, published["measures"], strict=True):
        assert int(row["number"]) == measure["number"]
        assert (row["title"], row["text"]) == (measure["title"], measure["text"])
        for role in ("lead", "supporting", "responsible"):
            ids = row[f"{role}_ids"].split(";") if row[f"{role}_ids"] else []
            assert ids == measure[role]
            assert row[role] == "、".join(names[i] for i in ids)
        assert (row["topic_ids"].split(";") if row["topic_ids"] else []) == measure["topics"]
        assert int(row["targets"]) == len(measure["targets"])
        assert row["url"] == SITE.site_url + measure["url"]
        assert (row["status"], row["status_label"]) == (measure["status"], measure["status_label"])
        latest = measure["progress"][-1] if measure["progress"] else None
        assert row["reported_on"] == (latest["date"] if latest else "")
        assert row["check"] == (latest["check"] if latest else "")
        verification = latest["verification"] if latest else None
        assert row["checked_on"] == (verification["date"] if verification else "")
        assert row["as_of"] == (published["progress"]["as_of"] or "")


def test_departments_csv_agrees_with_plan_json_row_for_row(files, published):
    rows = read_csv(files["downloads/departments.csv"])
    assert [r["department_id"] for r in rows] == [d["id"] for d in published["departments"]]
    for row, department in zip(rows, published["departments"], strict=True):
        # An empty cell where a draft has no full name or kind yet.
        assert (row["name"], row["full_name"], row["kind"]) == (
            department["name"],
            department["full_name"] or "",
            department["kind"] or "",
        )
        for column, role in (("leads", "lead"), ("supports", "supporting"), ("responsible_for", "responsible")):
            assert int(row[column]) == sum(department["id"] in m[role] for m in published["measures"])
        assert row["calendar_url"] == f"{SITE.site_url}downloads/calendars/{department['id']}.ics"


def test_each_departments_and_years_csv_is_its_rows_of_targets_csv(files, plan):
    everything = read_csv(files["downloads/targets.csv"])
    built = catalog.build(plan)
    by_id = {r["target_id"]: r for r in everything}
    for entry in built.departments.values():
        # Every department has its file: what it answers for, then what it helps with, in plan order.
        rows = read_csv(files[urls.source("department-targets", entry.department.id)])
        own = {c.target.id for c in entry.own_commitments}
        supported = {c.target.id for c in entry.supported_commitments}
        assert [r["target_id"] for r in rows] == [row.commitment.target.id for row in entry.ledger if row.commitment]
        assert {r["target_id"] for r in rows} == own | supported
        for row in rows:
            role = row.pop("role")
            assert row == by_id[row["target_id"]]
            assert role.startswith("配合") == (row["target_id"] not in own)
    for group in built.years:
        assert read_csv(files[urls.source("year-targets", group.year)]) == [
            r for r in everything if r["year"] == str(group.year)
        ]


def test_downloads_are_deterministic(plan):
    first = build.site_files(catalog.build(plan), SITE)
    second = build.site_files(catalog.build(plan), SITE)
    downloads = [path for path in first if path.startswith("downloads/")]
    assert len(downloads) > 2 * len(plan.departments) and all(first[path] == second[path] for path in downloads)


def calendar(text):
    assert all(line.endswith("\r") or not line for line in text.split("\n")), "lines end with CRLF"
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75, "long lines are folded"
    return icalendar.Calendar.from_ical(text)


def test_each_departments_calendar_holds_its_deadlines(files, plan):
    built = catalog.build(plan)
    for entry in built.departments.values():
        parsed = calendar(files[urls.source("calendar", entry.department.id)])
        # The days its ledger is due, where the data sets a cycle, come last (test_measure_progress).
        events = [e for e in parsed.walk("VEVENT") if not str(e["UID"]).startswith("report-")]
        own = [c for g in entry.years for c in g.commitments]
        supported = [c for g in entry.supported_years for c in g.commitments]
        assert [str(e["UID"]) for e in events] == [f"{c.target.id}@plan.example" for c in own + supported]
        for event, commitment in zip(events, own + supported, strict=True):
            role = "【牵头】" if commitment in own else "【配合】"
            assert str(event["SUMMARY"]) == f"{role}{commitment.target.year}年到期：{commitment.target.indicator}"
            assert event["DTSTART"].dt == datetime.date(commitment.target.year, 12, 31)
            assert event["DTEND"].dt == datetime.date(commitment.target.year + 1, 1, 1)
            assert str(event["URL"]) == SITE.site_url + commitment.url
            assert commitment.target.text in str(event["DESCRIPTION"])
        assert str(parsed["X-WR-CALNAME"]).startswith(entry.department.name + "：")


def test_the_plans_calendar_holds_every_target_once_stamped_with_the_as_of_date(files, plan):
    events = calendar(files["downloads/calendars/all.ics"]).walk("VEVENT")
    assert sorted(str(e["UID"]).split("@")[0] for e in events) == sorted(t.id for t in plan.targets)
    # Stamped with the data's date, so that a calendar rebuilds byte for byte: a draft that collects
    # no progress yet has only its signing date.
    stamp = plan.as_of or plan.document.signed
    assert {e["DTSTAMP"].dt for e in events} <= {datetime.datetime.combine(stamp, datetime.time(), datetime.UTC)}


def test_text_with_commas_semicolons_and_long_lines_survives_the_calendar(files, plan):
    """Target texts carry Chinese commas; the escaping only concerns ASCII ',' ';' and backslash."""
    events = calendar(files["downloads/calendars/all.ics"]).walk("VEVENT")
    assert all("\n" in str(event["DESCRIPTION"]) for event in events)
    described = {str(event["UID"]).split("@")[0]: str(event["DESCRIPTION"]) for event in events}
    assert [t.id for t in plan.targets if t.text not in described[t.id]] == []


def test_the_downloads_page_states_the_licence_and_as_of_date(files, plan):
    page = build.site_files(
        catalog.build(plan),
        config.SiteConfig(
            site_url=SITE.site_url,
            data_path=SITE.data_path,
            data_edit_url=SITE.data_edit_url,
            data_licence="CC BY 4.0",
            data_licence_url="https://creativecommons.org/licenses/by/4.0/",
        ),
    )["downloads/index.md"]
    assert 'rel="license">CC BY 4.0</a>' in page
    if plan.as_of:
        assert f'数据截至<time datetime="{plan.as_of.isoformat()}">' in page
    else:
        assert "尚未开始收集进度" in page
    assert "许可尚未确定" in files["downloads/index.md"]

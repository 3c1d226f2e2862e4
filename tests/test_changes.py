"""Every change is kept and announced: /changes/, each measure's history, and Atom feeds read by
an independent parser (feedparser)."""

import dataclasses
import datetime
import re

import feedparser

from plansite import build, urls
from plansite.data.read import read_plan
from plansite.data.targets import ProgressRecord
from plansite.site import catalog
from tests.conftest import ROOT
from tests.golden_pages import SITE

SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"


def sample():
    return read_plan(SAMPLE, "curated.yaml")


def files(plan):
    return build.site_files(catalog.build(plan), SITE)


def test_the_plans_feed_holds_every_report_verification_correction_document_and_rename_once_newest_first():
    plan = sample()
    parsed = feedparser.parse(files(plan)[urls.source("feed")])
    assert parsed.bozo == 0 and parsed.version == "atom10"
    reported = (*plan.targets, *plan.measures)
    reports = [(t.id, r.date) for t in reported for r in t.history]
    checks = [(t.id, r.date) for t in reported for r in t.history if r.verification]
    corrections = [(m.id, c.date) for m in plan.measures for c in m.corrections]
    assert checks and plan.documents
    # The sample's measures are reported on and checked too, not only its targets.
    assert {"progress/m03/2027-01-05", "verification/m03/2027-01-05", "progress/m04/2027-03-20"} <= {
        ":".join(e.id.split(":")[2:]) for e in parsed.entries
    }
    renames = [r for d in plan.departments for r in d.renames]
    assert renames, "the sample records a department's rename"
    expected = len(reports) + len(checks) + len(corrections) + len(plan.documents) + len(renames)
    assert len(parsed.entries) == expected == len({e.id for e in parsed.entries})
    kinds = {e.tags[0].term for e in parsed.entries}
    assert kinds == {"进度", "核实", "更正", "文件", "更名"}
    dates = [e.updated_parsed[:3] for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    first = parsed.entries[0]
    assert first.link.startswith(SITE.site_url) and "#" in first.link
    assert parsed.feed.links[0].rel == "self" and parsed.feed.author == plan.document.issuer


def test_a_departments_feed_holds_the_changes_to_what_it_answers_for_or_helps_with():
    plan = sample()
    indexes = catalog.build(plan)
    out = files(plan)
    everything = indexes.changes
    for entry in indexes.departments.values():
        parsed = feedparser.parse(out[urls.source("department-feed", entry.department.id)])
        assert parsed.bozo == 0
        department = entry.department
        units = {m.id for m in (*entry.leads, *entry.supports, *entry.responsible_for)}
        # The targets it answers for or helps with, and the measures it names: a report on a
        # whole measure concerns every department the measure names.
        mine = {row.commitment.target.id for row in entry.ledger if row.commitment} | units
        documents = {d.id: d for d in plan.documents}

        def concerns(change, department=department, mine=mine, units=units, documents=documents):
            kind, record = change.key.split("/")[:2]
            if kind == "progress":
                return record in mine
            if kind == "verification":
                return record in mine or department == plan.verifier
            if kind == "correction":
                return record in units
            if kind == "rename":
                return record == department.id
            document = documents[record]
            return (
                department == document.issuer
                or not document.measures
                or bool(units & {m.id for m in document.measures})
            )

        expected = [c for c in everything if concerns(c)]
        assert [e.title for e in parsed.entries] == [c.title for c in expected], department.id
    verifier = feedparser.parse(out[urls.source("department-feed", plan.verifier.id)])
    assert [e.tags[0].term for e in verifier.entries] == ["核实", "核实", "核实", "更名", "文件"]


def test_entry_ids_stay_the_same_when_the_site_is_rebuilt_and_when_a_report_is_added():
    plan = sample()
    before = {e.id for e in feedparser.parse(files(plan)[urls.source("feed")]).entries}
    assert before == {e.id for e in feedparser.parse(files(sample())[urls.source("feed")]).entries}
    measure = plan.measures[0]
    target = measure.targets[0]
    later = ProgressRecord(date=datetime.date(2027, 3, 1), status="completed", note="全部完成。", evidence=())
    grown = dataclasses.replace(target, history=(*target.history, later))
    moved = dataclasses.replace(plan, measures=(dataclasses.replace(measure, targets=(grown,)), *plan.measures[1:]))
    after = feedparser.parse(files(moved)[urls.source("feed")])
    added = next(e for e in after.entries if e.id.endswith(f":progress/{target.id}/2027-03-01"))
    assert {e.id for e in after.entries} == before | {added.id}
    assert added.title.endswith("已完成") and added.summary == "全部完成。"


def test_the_changes_page_lists_every_change_newest_first_and_links_its_feed():
    plan = sample()
    page = files(plan)["changes/index.md"]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', page)
    assert len(dates) == len(catalog.build(plan).changes) and dates == sorted(dates, reverse=True)
    assert "(../changes.xml)" in page


def test_a_measure_page_shows_its_own_history_newest_first():
    plan = sample()
    page = files(plan)["measures/m01.md"]
    history = page[page.index("## 变更记录") : page.index("## 引用本项措施")]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', history)
    records = [r for t in plan.measures[0].targets for r in t.history] + list(plan.measures[0].history)
    checks = [r.verification.date for r in records if r.verification]
    documents = [d.date for d in plan.documents if plan.measures[0] in d.measures]
    assert checks and documents
    expected = [r.date for r in records] + checks + documents
    assert dates == sorted((date.isoformat() for date in expected), reverse=True)
    corrected = files(plan)["measures/m02.md"]
    assert "## 变更记录" in corrected and "更正" in corrected[corrected.index("## 变更记录") :]


def test_every_page_links_the_plans_feed_and_a_department_page_its_own(built_site, plan):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="全部变更" href="changes.xml">', home)
    department = plan.departments[0]
    page = (built_site / "departments" / department.id / "index.html").read_text(encoding="utf-8")
    assert f'href="../../changes-{department.id}.xml"' in page
    assert (built_site / f"changes-{department.id}.xml").is_file() and (built_site / "changes" / "index.html").is_file()


def test_a_rename_is_a_dated_change_of_its_department_and_its_page_says_so():
    plan = sample()
    renamed = next(d for d in plan.departments if d.former_names)
    rename = renamed.renames[0]
    out = files(plan)
    entry = next(
        e for e in feedparser.parse(out[urls.source("department-feed", renamed.id)]).entries if e.tags[0].term == "更名"
    )
    assert entry.id.endswith(f":rename/{renamed.id}/{rename.date.isoformat()}")
    assert entry.title == f"单位更名：{rename.former.name}更名为{renamed.name}"
    assert entry.link.endswith(f"/departments/{renamed.id}/")
    assert f"方案原文仍写作“{renamed.plan_name}”" in entry.summary
    page = out[f"departments/{renamed.id}.md"]
    assert f"<dt>简称</dt><dd>{renamed.name}</dd>" in page
    assert (
        f"<dt>曾用名</dt><dd>{rename.former.name}（{rename.former.full_name}），"
        f'<time datetime="{rename.date.isoformat()}">' in page
    )
    # A rename concerns its department alone: no other department's feed tells it.
    others = [d for d in plan.departments if d != renamed]
    for other in others:
        parsed = feedparser.parse(out[urls.source("department-feed", other.id)])
        assert "更名" not in {e.tags[0].term for e in parsed.entries}, other.id

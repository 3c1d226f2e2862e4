"""The importer drafts the data from any plan in the standard format."""

import pytest
import yaml

from plansite import importer
from plansite.build import read_plan
from plansite.cli import import_main
from tests.conftest import DATA, ROOT, SOURCE

SAMPLE = ROOT / "tests" / "fixtures" / "sample"
# What the importer reads off the text; targets and topics are curated by hand.
IMPORTED_MEASURE_FIELDS = (
    "id",
    "number",
    "title",
    "text",
    "lead",
    "supporting",
    "responsible",
    "written_as",
    "units_clause_ends_with_period",
)


def curated_data():
    return yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def test_importing_the_source_reproduces_every_field_the_text_holds():
    curated = curated_data()
    draft = importer.draft(SOURCE.read_text(encoding="utf-8"), known_departments=curated["departments"])
    assert len(draft["measures"]) == 53
    for drafted, kept in zip(draft["measures"], curated["measures"], strict=True):
        for field in IMPORTED_MEASURE_FIELDS:
            assert drafted.get(field) == kept.get(field), (kept["id"], field)
    chapter_ids = {c["number"]: c["id"] for c in curated["chapters"]}
    assert [c["title"] for c in draft["chapters"]] == [c["title"] for c in curated["chapters"]]
    assert [chapter_ids[int(m["chapter"][-2:])] for m in draft["measures"]] == [
        m["chapter"] for m in curated["measures"]
    ]
    general_draft, general = draft["chapters"][0], curated["chapters"][0]
    assert general_draft["principles"] == general["principles"]
    assert [(g["id"], g["year"], g["text"]) for g in general_draft["goals"]] == [
        (g["id"], g["year"], g["text"]) for g in general["goals"]
    ]
    document = curated["document"]
    for field in ("title", "issuer", "disclosure", "bases", "target_years", "notice", "preamble", "local_governments"):
        assert draft["document"][field] == document[field], field
    assert draft["document"]["signed"] == document["signed"]


def test_the_sample_plan_drafts_to_its_golden_file(capsys):
    """Regenerate with: .venv/bin/python scripts/import_plan.py tests/fixtures/sample/plan.txt
    -o tests/fixtures/sample/expected-draft.yaml (only when the draft's format changed on purpose)."""
    assert import_main([str(SAMPLE / "plan.txt")]) == 0
    assert capsys.readouterr().out == (SAMPLE / "expected-draft.yaml").read_text(encoding="utf-8")


def test_the_sample_draft_after_curation_validates():
    plan = read_plan(SAMPLE / "curated.yaml", "curated.yaml")
    assert [m.heading for m in plan.measures] == [
        "（一）更新落后设备",
        "（二）推进智能改造",
        "（三）加强金融支持",
        "（四）加强组织领导",
    ]


def test_a_draft_without_known_departments_names_them_for_curation():
    draft = importer.draft((SAMPLE / "plan.txt").read_text(encoding="utf-8"))
    assert [(d["id"], d["name"], d["kind"]) for d in draft["departments"]] == [
        ("dept-01", "市工信局", "municipal-department"),
        ("dept-02", "市财政局", "municipal-department"),
        ("dept-03", "市统计局", "municipal-department"),
        ("dept-04", "市数据局", "municipal-department"),
        ("dept-05", "人行示例分行", "central-branch"),
    ]
    assert draft["document"]["published"] is None


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("标题\n前言\n(一)没有章。正文。\n", 1, "no plan title, preamble and chapter '一、' found"),
        ("标题\n前言\n一、甲\n三、丙\n", 4, "chapter 三 is out of order"),
        ("标题\n前言\n一、甲\n(二)跳号。正文。\n", 4, "measure (二) is out of order"),
        ("标题\n前言\n一、甲\n(一)没有句号\n", 4, "a measure without '。' after its title"),
        (
            "标题\n前言\n一、甲\n(一)题。文。(牵头单位:市甲局。备注:无)\n",
            4,
            "cannot read the units clause part '备注:无'",
        ),
        (
            "标题\n前言\n一、甲\n原则。\n第二段。\n",
            5,
            "a paragraph that is neither a measure, a chapter heading nor a goal (到YYYY年…)",
        ),
    ],
)
def test_text_outside_the_format_is_refused_with_its_line(text, line, message):
    with pytest.raises(importer.ImportFailure) as caught:
        importer.draft(text)
    assert (caught.value.line, str(caught.value)) == (line, message)


def test_restoring_punctuation_changes_only_the_four_ascii_marks():
    assert importer.restore_punctuation("到2025年,A(B):C/D%") == "到2025年，A（B）：C/D%"

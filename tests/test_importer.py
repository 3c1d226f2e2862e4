"""The importer drafts the data from any plan in the standard format."""

import pytest
import yaml

from plansite.adopt import importer
from plansite.commands.import_plan import main as import_main
from plansite.data.read import read_plan
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


@pytest.mark.plan
def test_importing_the_source_reproduces_every_field_the_text_holds():
    curated = curated_data()
    draft = importer.draft(SOURCE.read_text(encoding="utf-8"), known_departments=curated["departments"])
    assert len(draft["measures"]) == len(curated["measures"])
    for drafted, kept in zip(draft["measures"], curated["measures"], strict=True):
        for field in IMPORTED_MEASURE_FIELDS:
            assert drafted.get(field) == kept.get(field), (kept["id"], field)
    chapter_ids = {c["number"]: c["id"] for c in curated["chapters"]}
    assert [c["title"] for c in draft["chapters"]] == [c["title"] for c in curated["chapters"]]
    assert [chapter_ids[int(m["chapter"][-2:])] for m in draft["measures"]] == [
        m["chapter"] for m in curated["measures"]
    ]
    general_draft, general = draft["chapters"][0], curated["chapters"][0]
    assert general_draft.get("principles") == general.get("principles")
    assert [(g["id"], g["year"], g["text"]) for g in general_draft.get("goals", [])] == [
        (g["id"], g["year"], g["text"]) for g in general.get("goals", [])
    ]
    document = curated["document"]
    for field in ("title", "issuer", "disclosure", "bases", "target_years", "notice", "preamble", "local_governments"):
        assert draft["document"].get(field) == document.get(field), field
    assert draft["document"]["signed"] == document["signed"]


def test_the_sample_plan_drafts_to_its_golden_file(capsys, golden):
    assert import_main([str(SAMPLE / "plan.txt")]) == 0
    golden(SAMPLE / "expected-draft.yaml", capsys.readouterr().out)


def test_the_sample_draft_after_curation_validates():
    plan = read_plan(SAMPLE / "curated.yaml", "curated.yaml")
    assert [m.heading for m in plan.measures] == [
        "（一）更新落后设备",
        "（二）推进智能改造",
        "（三）加强金融支持",
        "（四）加强组织领导",
    ]


def test_a_draft_states_only_what_the_text_states_and_marks_itself_a_draft():
    draft = importer.draft((SAMPLE / "plan.txt").read_text(encoding="utf-8"))
    # No guessed full name or kind: a plausible but wrong one would reach the site unnoticed.
    assert draft["departments"] == [
        {"id": "dept-01", "name": "市工信局"},
        {"id": "dept-02", "name": "市财政局"},
        {"id": "dept-03", "name": "市统计局"},
        {"id": "dept-04", "name": "市数据局"},
        {"id": "dept-05", "name": "人行示例分行"},
    ]
    assert draft["draft"] is True
    assert "published" not in draft["document"] and "topics" not in draft and "progress" not in draft
    assert all("topics" not in measure for measure in draft["measures"])


NOTICE = "市人民政府关于印发示例方案的通知\n各县区人民政府：\n现将方案印发给你们。\n示例市人民政府\n2024年6月1日\n"
PLAN = "示例市推动设备更新工作方案\n为推动设备更新，制定本方案。\n一、总体要求\n"


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("标题\n前言\n(一)没有章。正文。\n", 1, "未找到方案标题、引言和第一部分"),
        (NOTICE + "标题\n前言\n一、甲\n三、丙\n", 9, "部分“三、”的序号不接续：应是“二、”"),
        (NOTICE + "标题\n前言\n一、甲\n(二)跳号。正文。\n", 9, "措施（二）的序号不接续：应是（一）"),
        (NOTICE + "标题\n前言\n一、甲\n(一)没有句号\n", 9, "措施的标题后应有“。”"),
        (NOTICE + "标题\n前言\n一、甲\n(一)题。文。(牵头单位:市甲局。备注:无)\n", 9, "读不出单位说明中的“备注：无”"),
        (NOTICE + "标题\n前言\n一、甲\n原则。\n第二段。\n", 10, "这一段既不是措施"),
        # A text that begins at the plan's title: no issuer, no date.
        (PLAN, 1, "找不到发文机关和成文日期"),
        # Layouts read wrongly before, with exit 0; refused now, until they are read exactly.
        # A news report's lead and no 全文如下 line: the lead is not a notice.
        ("近日，示例市印发方案。\n" + PLAN, 1, "第一行是通知的标题（以“通知”结尾）"),
        # A kind of unit inside another's list.
        (NOTICE + PLAN + "(一)题。文。(牵头单位:市甲局、配合单位:市乙局)\n", 9, "单位名单“市甲局、配合单位：市乙局”"),
        # A clause that names units in words not read yet.
        (NOTICE + PLAN + "(一)题。文。(省甲厅、省乙局负责落实)\n", 9, "像是责任单位"),
        (NOTICE + PLAN + "(一)题。文。（市甲局牵头负责，市乙局协助）\n", 9, "像是责任单位"),
        (NOTICE + PLAN + "(一)题。文。（牵头部门：市甲局）\n", 9, "像是责任单位"),
        # Names that are not names: a comma, or words about the units, inside the list.
        (NOTICE + PLAN + "(一)题。文。（责任单位：市甲局、市乙局，各县（区）政府）\n", 9, "读不出单位名称"),
        (NOTICE + PLAN + "(一)题。文。（市甲局牵头，市乙局等按职责分工负责）\n", 9, "读不出单位名称"),
        (NOTICE + PLAN + "(一)题。文。（牵头单位：市甲局、、市乙局）\n", 9, "空的名称"),
    ],
)
def test_text_outside_the_format_is_refused_with_its_line_in_chinese(text, line, message):
    with pytest.raises(importer.ImportFailure) as caught:
        importer.draft(text)
    assert len(caught.value.problems) == 1
    found_line, found_message = caught.value.problems[0]
    assert found_line == line and message in found_message, caught.value.problems


def test_every_problem_is_reported_at_once_and_nothing_is_written(tmp_path, capsys):
    source = tmp_path / "plan.txt"
    source.write_text(
        NOTICE + PLAN + "(二)跳号。正文。\n(三)没有句号\n二、乙\n(四)题。文。(牵头单位:市甲局、配合单位:市乙局)\n",
        "utf-8",
    )
    assert import_main([str(source), "-o", str(tmp_path / "draft.yaml")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines[:-1]] == ["9", "10", "12"]
    assert all("错误：" in line for line in lines[:-1]) and lines[-1] == "共 3 个问题，没有写出草稿"
    assert not (tmp_path / "draft.yaml").exists()


def test_restoring_punctuation_changes_only_the_four_ascii_marks():
    assert importer.restore_punctuation("到2025年,A(B):C/D%") == "到2025年，A（B）：C/D%"

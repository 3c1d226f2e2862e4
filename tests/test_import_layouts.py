"""Plans in the layouts real plans use, each a small plan of our own: the importer reads each
exactly (the data it drafts rebuilds the text paragraph for paragraph) or refuses it."""

import copy

import pytest

from plansite.adopt import draft_yaml, importer, measure_line
from plansite.data import official_text
from plansite.data.read import read_plan
from plansite.problems import DataError
from tests.conftest import ROOT

SAMPLE = (ROOT / "tests" / "fixtures" / "sample" / "plan.txt").read_text(encoding="utf-8")
TITLE = "示例市人民政府关于印发示例市推动设备更新工作方案的通知\n"
assert SAMPLE.startswith(TITLE)
BASE = importer.draft(SAMPLE)


def written(draft, tmp_path):
    """The draft as a data file, as the importer writes it: a draft is valid as it stands."""
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml.to_yaml(draft), encoding="utf-8")
    return path


def rebuilt(draft, tmp_path):
    """The paragraphs the drafted data makes."""
    return list(official_text.paragraphs(read_plan(written(draft, tmp_path), "draft.yaml")))


def paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_standard_layout_is_read_exactly(tmp_path):
    assert rebuilt(BASE, tmp_path) == paragraphs(SAMPLE)


def test_a_document_number_under_the_notice_title_is_the_documents_number(tmp_path):
    text = SAMPLE.replace(TITLE, TITLE + "示政发〔2025〕3号\n")
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    expected["document"] = {"title": BASE["document"]["title"], "number": "示政发〔2025〕3号", **BASE["document"]}
    expected["document"]["notice"] = {"title": BASE["document"]["notice"]["title"], "number_line": True}
    expected["document"]["notice"] |= {k: v for k, v in BASE["document"]["notice"].items() if k != "title"}
    assert draft == expected
    assert list(draft["document"]) == list(expected["document"])
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_a_text_that_begins_at_the_addressees_has_a_notice_without_a_title(tmp_path):
    text = SAMPLE.removeprefix(TITLE)
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    del expected["document"]["notice"]["title"]
    assert draft == expected
    assert rebuilt(draft, tmp_path) == paragraphs(text)


MEASURE_3 = "（三）加强金融支持。引导金融机构加大信贷投放。"
CLAUSE_3 = "（牵头单位：市财政局。配合单位：人行示例分行。）"


def measure(draft, number):
    return draft["measures"][number - 1]


def in_order(fields):
    """A drafted measure's fields in the order the importer writes them."""
    return {key: fields[key] for key in measure_line.MEASURE_FIELD_ORDER if key in fields}


def test_semicolons_between_the_kinds_of_unit_are_kept(tmp_path):
    text = SAMPLE.replace("（牵头单位：市工信局。配合单位：", "（牵头单位：市工信局；配合单位：")
    draft = importer.draft(text)
    assert measure(draft, 1) == in_order({**measure(BASE, 1), "units_separator": "；"})
    assert draft["departments"] == BASE["departments"] and draft["document"] == BASE["document"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_a_units_clause_on_a_line_of_its_own_belongs_to_the_measure_above(tmp_path):
    text = SAMPLE.replace(MEASURE_3 + CLAUSE_3, MEASURE_3 + "\n" + CLAUSE_3)
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    expected["measures"][2] = in_order({**measure(BASE, 3), "units_clause_on_own_line": True})
    assert draft == expected
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_units_named_without_a_label_are_the_responsible_units_with_their_wording(tmp_path):
    text = SAMPLE.replace("（责任单位：市工信局、市数据局）", "（市工信局、市数据局按照职责分工负责）")
    draft = importer.draft(text)
    two = measure(draft, 2)
    assert (two["responsible"], two["responsible_wording"]) == (measure(BASE, 2)["responsible"], "按照职责分工负责")
    assert two["text"] == measure(BASE, 2)["text"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_roles_written_after_the_names_are_the_lead_and_supporting_units(tmp_path):
    text = SAMPLE.replace(
        "（牵头单位：市工信局。配合单位：市财政局、市统计局。各县（区）人民政府按照职责分工负责，以下不再列出）",
        "（市工信局牵头，市财政局、市统计局配合）",
    ).replace(CLAUSE_3, "（市财政局牵头）")
    assert text.count("牵头）") == 1 and text.count("配合）") == 1
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    del expected["document"]["local_governments"]
    for number in (1, 3):
        expected["measures"][number - 1] = in_order({**measure(BASE, number), "units_roles_after_names": True})
    expected["measures"][2].pop("units_clause_ends_with_period", None)
    del expected["measures"][2]["supporting"]
    expected["departments"] = [d for d in BASE["departments"] if d["name"] != "人行示例分行"]
    assert draft == expected
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_numbering_that_restarts_in_each_chapter_keeps_each_measures_label(tmp_path):
    text = SAMPLE.replace("（三）加强金融支持", "（一）加强金融支持").replace(
        "（四）加强组织领导", "（二）加强组织领导"
    )
    draft = importer.draft(text)
    assert draft["document"]["measure_numbering"] == "per-chapter"
    assert draft["measures"] == BASE["measures"]  # ids and numbers run through the plan
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def numbered_in_arabic(separator):
    """The sample with its measures numbered 1{separator} 2{separator} … instead of （一）（二）…"""
    text = SAMPLE
    for number, start in enumerate(("（一）更新", "（二）推进", "（三）加强", "（四）加强"), 1):
        text = text.replace(start, f"{number}{separator}{start[3:]}", 1)
    return text


def test_arabic_numbering_straight_through(tmp_path):
    text = numbered_in_arabic(".")
    draft = importer.draft(text)
    assert draft["document"]["measure_numbering"] == "arabic"
    assert draft["measures"] == BASE["measures"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_arabic_numbering_with_an_ideographic_comma(tmp_path):
    text = numbered_in_arabic("、")
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    expected["document"]["measure_numbering"] = "arabic-comma"
    assert draft == expected
    assert [m.label for m in read_plan(written(draft, tmp_path), "draft.yaml").measures] == ["1、", "2、", "3、", "4、"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


@pytest.mark.parametrize("zero", ["〇", "○"])
def test_a_signing_date_in_chinese_numerals_is_read_and_kept_as_written(tmp_path, zero):
    date_line = f"二{zero}二五年三月八日"
    text = SAMPLE.replace("\n2025年3月8日\n", f"\n{date_line}\n")
    assert text != SAMPLE
    draft = importer.draft(text)
    expected = copy.deepcopy(BASE)
    document = expected["document"]
    expected["document"] = {key: document[key] for key in list(document)[: list(document).index("signed") + 1]}
    expected["document"] |= {"signed_as_written": date_line}
    expected["document"] |= {key: value for key, value in document.items() if key not in expected["document"]}
    assert draft == expected
    assert str(read_plan(written(draft, tmp_path), "draft.yaml").document.signed) == "2025-03-08"
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_full_width_digits_keep_reading_exactly(tmp_path):
    text = SAMPLE.replace("到2026年完成更新项目20个", "到２０２６年完成更新项目２０个")
    assert text != SAMPLE
    draft = importer.draft(text)
    assert measure(draft, 1)["text"] == measure(BASE, 1)["text"].replace(
        "到2026年完成更新项目20个", "到２０２６年完成更新项目２０个"
    )
    assert draft["document"]["target_years"] == BASE["document"]["target_years"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_a_title_over_two_lines_is_one_title_with_its_break_kept(tmp_path):
    text = SAMPLE.replace("示例市推动设备更新工作方案\n为贯彻", "示例市推动设备\n更新工作方案\n为贯彻")
    draft = importer.draft(text)
    assert draft["document"]["title"] == BASE["document"]["title"] and draft["document"]["title_break"] == 7
    assert {k: v for k, v in draft["document"].items() if k != "title_break"} == BASE["document"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_principles_written_as_dashed_paragraphs_are_the_chapters_principles(tmp_path):
    text = SAMPLE.replace(
        "坚持市场为主、政府引导的工作原则。", "以推动高质量发展为主题。\n——坚持市场为主。\n——坚持政府引导。"
    )
    draft = importer.draft(text)
    assert draft["chapters"][0]["principles"] == "以推动高质量发展为主题。\n——坚持市场为主。\n——坚持政府引导。"
    assert draft["chapters"][0]["goals"] == BASE["chapters"][0]["goals"]
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_goals_run_on_in_the_principles_paragraph_are_the_chapters_goals(tmp_path):
    text = SAMPLE.replace(
        "工作原则。\n到2026年，设备投资增长10%以上。\n到2028年", "工作原则。到2026年，设备投资增长10%以上。到2028年"
    )
    draft = importer.draft(text)
    general = draft["chapters"][0]
    assert general == {**BASE["chapters"][0], "goals_in_principles": True}
    assert rebuilt(draft, tmp_path) == paragraphs(text)


def test_a_notice_without_a_disclosure_line_has_none(tmp_path):
    text = SAMPLE.replace("（此件公开发布）\n", "")
    draft = importer.draft(text)
    assert "disclosure" not in draft["document"]
    assert {k: v for k, v in draft["document"].items()} == {
        k: v for k, v in BASE["document"].items() if k != "disclosure"
    }
    assert rebuilt(draft, tmp_path) == paragraphs(text)


@pytest.mark.parametrize(
    "text,message",
    [
        (SAMPLE.replace("（四）加强组织领导", "（一）加强组织领导"), "应是（四）（全文连续编号）"),
        (SAMPLE.replace("（三）加强金融支持", "（一）加强金融支持"), "应是（二）（各部分都从（一）重新编号）"),
        (SAMPLE.replace("（二）推进智能改造", "2.推进智能改造"), "编号方式前后不一"),
    ],
    ids=["a restart after continuing", "continuing after a restart", "（一） and 1. mixed"],
)
def test_numbering_that_changes_its_way_midway_is_refused(text, message):
    with pytest.raises(importer.ImportFailure) as caught:
        importer.draft(text)
    assert [message in m for _, m in caught.value.problems] == [True], caught.value.problems


@pytest.mark.parametrize(
    "text,line,message",
    [
        (SAMPLE.replace(TITLE, "近日，示例市印发了方案。\n" + TITLE), 1, "第一行是通知的标题"),
        (
            SAMPLE.replace("示例市人民政府\n2025年3月8日", "示例市发展和改革委员会\n示例市人民政府\n2025年3月8日"),
            5,
            "多个发文机关",
        ),
        (SAMPLE.replace("2025年3月8日", "202538"), 6, "缺少“年”“月”“日”"),
        (SAMPLE[SAMPLE.index("示例市推动设备更新工作方案\n为贯彻") :], 1, "找不到发文机关和成文日期"),
        (
            SAMPLE.replace(
                "（二）推进智能改造。推动设备联网。", "（二）推进智能改造。\n1.推动设备联网。推动设备联网。"
            ),
            17,
            "三级结构",
        ),
        (
            SAMPLE.replace("（二）推进智能改造。推动设备联网。", "（二）推进智能改造。\n（1）推动设备联网。"),
            17,
            "三级结构",
        ),
    ],
    ids=[
        "news lead without 全文如下",
        "issuers on several lines",
        "a date without 年月日",
        "no notice",
        "1. under （一）",
        "（1） under a measure",
    ],
)
def test_a_layout_not_read_exactly_is_refused_at_its_line(text, line, message):
    with pytest.raises(importer.ImportFailure) as caught:
        importer.draft(text)
    assert [(n, message in m) for n, m in caught.value.problems] == [(line, True)], caught.value.problems


def test_a_layout_field_without_the_units_it_describes_is_refused(tmp_path):
    data = copy.deepcopy(BASE)
    data["measures"][3] |= {"units_clause_on_own_line": True, "units_separator": "；", "responsible_wording": "负责"}
    with pytest.raises(DataError) as caught:
        read_plan(written(data, tmp_path), "draft.yaml")
    problems = caught.value.problems
    assert [p.rule for p in problems] == ["role-conflict"] * 3
    assert [p.data_path[-1] for p in problems] == [
        "units_clause_on_own_line",
        "units_separator",
        "responsible_wording",
    ], [str(p) for p in problems]

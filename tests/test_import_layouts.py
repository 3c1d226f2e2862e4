"""Plans in the layouts real plans use, each a small plan of our own: the importer reads each
exactly (the data it drafts rebuilds the text paragraph for paragraph) or refuses it."""

import copy
import datetime

import pytest

from plansite import importer, official_text
from plansite.build import read_plan
from tests.conftest import ROOT

SAMPLE = (ROOT / "tests" / "fixtures" / "sample" / "plan.txt").read_text(encoding="utf-8")
TITLE = "示例市人民政府关于印发示例市推动设备更新工作方案的通知\n"
assert SAMPLE.startswith(TITLE)
BASE = importer.draft(SAMPLE)


def rebuilt(draft, tmp_path):
    """The paragraphs the drafted data makes, once what a text never states is curated: the
    publication date, the data's date and a topic for each measure."""
    data = copy.deepcopy(draft)
    data["document"]["published"] = datetime.date(2025, 3, 10)
    data["progress"]["as_of"] = datetime.date(2025, 6, 30)
    data["topics"] = [{"id": "all", "name": "全部"}]
    for measure in data["measures"]:
        measure["topics"] = ["all"]
    path = tmp_path / "draft.yaml"
    path.write_text(importer.to_yaml(data), encoding="utf-8")
    return list(official_text.paragraphs(read_plan(path, "draft.yaml")))


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


@pytest.mark.parametrize(
    "text,line,message",
    [
        (SAMPLE.replace(TITLE, "近日，示例市印发了方案。\n" + TITLE), 1, "第一行是通知的标题"),
        (
            SAMPLE.replace("示例市推动设备更新工作方案\n为贯彻", "示例市推动设备\n更新工作方案\n为贯彻"),
            8,
            "通知的末尾应是发文机关",
        ),
        (SAMPLE.replace("（牵头单位：市财政局。配合单位", "（牵头单位：市财政局；配合单位"), 18, "单位名单"),
    ],
    ids=["news lead without 全文如下", "title over two lines", "semicolon between kinds of unit"],
)
def test_a_layout_not_read_exactly_is_refused_at_its_line(text, line, message):
    with pytest.raises(importer.ImportFailure) as caught:
        importer.draft(text)
    assert [(n, message in m) for n, m in caught.value.problems] == [(line, True)], caught.value.problems

"""Adoption reports every problem at a line of the plan's text, the file the person can change:
the draft is never written when it fails, so a line of it would point at nothing."""

import pytest

from plansite.adopt import importer
from plansite.adopt import replace as adopt
from plansite.problems import DataError
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "adoption" / "plan.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")
MEASURE = "（二）推进农业机械更新。加快淘汰老旧农业机械"
TO_ASCII = str.maketrans("，：（）", ",:()")


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def adopt_into(folder, text: str):
    """Adopt ``text`` into a repository-shaped ``folder``; the files written."""
    read = importer.read(text)
    return adopt.replace(
        text.encode("utf-8"),
        "plan.txt",
        read,
        "",
        folder / "data" / "measures.yaml",
        folder / "tests" / "this_plan.yaml",
        "other.txt",
    )


@pytest.mark.parametrize(
    "character,name",
    [("\u000b", "Word 的手动换行符"), ("\u200b", "零宽空格"), ("\x07", "响铃符"), ("\u202e", "从右到左强制符")],
    ids=["word-line-break", "zero-width-space", "bell", "right-to-left-override"],
)
def test_a_character_no_text_may_hold_is_named_at_its_line_and_column(character, name):
    text = TEXT.replace("加快淘汰老旧农业机械", "加快淘汰" + character + "老旧农业机械")
    with pytest.raises(importer.ImportFailure) as caught:
        importer.read(text)
    ((line, message),) = caught.value.problems
    assert line == line_of(TEXT, MEASURE)
    column = len("（二）推进农业机械更新。加快淘汰") + 1
    assert message.startswith(f"第{column}个字符是 U+{ord(character):04X}（") and name in message


def test_a_text_the_checks_refuse_is_reported_at_the_plan_texts_line(tmp_path):
    long = TEXT.replace("加快淘汰老旧农业机械", "加快淘汰老旧农业机械" + "，推广高效低耗农机装备" * 200)
    with pytest.raises(DataError) as caught:
        adopt_into(tmp_path, long)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.rule) == ("other.txt", line_of(TEXT, MEASURE), "too-long")
    assert str(problem).startswith(f"other.txt:{line_of(TEXT, MEASURE)}:1: 措施 m02 的正文（text）：")
    assert not (tmp_path / "data").exists()


def test_a_plan_written_with_ascii_punctuation_drafts_as_the_official_full_width_one(tmp_path):
    """Titles, units, the notice: every drafted text gets ，：（） back, and passes fidelity."""
    official = TEXT.replace("以旧换新实施方案\n为贯彻", "以旧换新实施方案（2025—2027年）\n为贯彻").replace(
        "三、实施消费品以旧换新", "三、实施消费品以旧换新（汽车、家电）"
    )
    assert "（2025—2027年）" in official and "（汽车、家电）" in official
    ascii_text = official.translate(TO_ASCII)
    assert "（" not in ascii_text
    drafted = importer.read(ascii_text).data
    assert drafted == importer.read(official).data
    assert drafted["document"]["title"].endswith("实施方案（2025—2027年）")
    assert drafted["chapters"][2]["title"] == "实施消费品以旧换新（汽车、家电）"
    written = adopt_into(tmp_path, ascii_text)
    assert (tmp_path / "data" / "source" / "plan.txt").read_text(encoding="utf-8") == ascii_text
    assert tmp_path / "data" / "measures.yaml" in written

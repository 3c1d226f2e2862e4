"""A department's names and the official text: a rename recorded with its date keeps the text's
name in the measures; one not recorded, or a spelling the text does not use, is one message at
the field that made the name, saying what the text writes."""

import pytest

from plansite.adopt import importer
from plansite.data.read import read_plan
from plansite.problems import DataError
from tests.error_cases import ERRORS, SAMPLE

# The sample, checked against its official text (the error fixtures' not-faithful case does the same).
CHECKED = SAMPLE.read_text(encoding="utf-8").replace(
    "  disclosure: 此件公开发布\n", "  disclosure: 此件公开发布\n  source: ../sample/plan.txt\n", 1
)
INDUSTRY = "- id: industry-it\n  name: 市工信局\n  full_name: 示例市工业和信息化局\n"


def read(text):
    return read_plan(ERRORS / "names.yaml", "names.yaml", text=text)


def problems(text):
    with pytest.raises(DataError) as caught:
        read(text)
    return [(p.data_path, p.rule, p.message) for p in caught.value.problems]


def renamed(record=""):
    """The sample with industry-it renamed to 市工业和信息化局, and ``record`` added to it."""
    assert CHECKED.count(INDUSTRY) == 1
    return CHECKED.replace(INDUSTRY, INDUSTRY.replace("name: 市工信局", "name: 市工业和信息化局", 1) + record)


def test_the_sample_matches_its_official_text():
    plan = read(CHECKED)
    assert plan.departments[0].plan_name == plan.departments[0].name == "市工信局"


def test_a_rename_recorded_with_its_date_keeps_the_texts_name_in_the_measures_and_the_new_one_elsewhere():
    plan = read(renamed("  former_names: [{name: 市工信局, date: 2026-05-01}]\n"))
    department = plan.departments[0]
    assert (department.name, department.plan_name) == ("市工业和信息化局", "市工信局")
    assert "市工信局" in department.names
    assert [(r.former.name, r.to, r.date.isoformat()) for r in department.renames] == [
        ("市工信局", "市工业和信息化局", "2026-05-01")
    ]


def test_a_rename_not_recorded_is_one_message_at_the_departments_name_naming_every_measure():
    [(path, rule, message)] = problems(renamed())
    assert (path, rule) == (("departments", 0, "name"), "department-name")
    assert "原文在2项措施（m01、m02）中写作“市工信局”，这里是“市工业和信息化局”" in message
    assert "former_names: [{name: 市工信局, date: 更名日期}]" in message


def test_a_former_name_that_is_not_the_texts_is_reported_at_the_former_name():
    [(path, rule, message)] = problems(renamed("  former_names: [{name: 市工信委, date: 2026-05-01}]\n"))
    assert (path, rule) == (("departments", 0, "former_names", 0, "name"), "department-name")
    assert message == "原文在2项措施（m01、m02）中写作“市工信局”，这里登记的原名是“市工信委”：原名要照原文写"


def test_an_alias_the_text_uses_is_named_in_the_measures_that_use_it():
    # The old name kept as an alias is not enough: the measures would still write the new one.
    [(path, rule, message)] = problems(renamed("  aliases: [市工信局]\n"))
    assert (path, rule) == (("departments", 0, "name"), "department-name")
    assert "是这个单位登记的别名：在这些措施中加上 written_as: {industry-it: 市工信局}" in message
    assert "从 aliases 中删去“市工信局”" in message


def test_a_measures_spelling_that_is_not_the_texts_is_reported_at_that_spelling():
    text = CHECKED.replace("  supporting: [pboc]\n", "  supporting: [pboc]\n  written_as: {pboc: 人行示例市中心支行}\n")
    [(path, rule, message)] = problems(text)
    assert (path, rule) == (("measures", 2, "written_as", "pboc"), "department-name")
    assert (
        message
        == "原文在这里写作“人行示例分行”，不是“人行示例市中心支行”：这就是单位 pboc 的名称，删去 written_as 中的这一项"
    )


def test_a_difference_in_more_than_names_is_reported_at_the_field_that_differs():
    text = renamed().replace("  title: 更新落后设备\n", "  title: 更新老旧设备\n", 1)
    found = problems(text)
    assert [(path, rule) for path, rule, _ in found] == [
        (("departments", 0, "name"), "department-name"),  # m02 still differs only in the name
        (("measures", 0, "title"), "not-faithful"),
    ]
    assert "原文在1项措施（m02）中写作“市工信局”" in found[0][2]


def test_renames_are_dated_within_the_plans_life_oldest_first():
    twice = "  former_names:\n  - {name: 市工信局, date: 2027-02-01}\n  - {name: 市工信委, date: 2026-05-01}\n"
    [(path, rule, message)] = problems(renamed(twice))
    assert (path, rule) == (("departments", 0, "former_names", 1, "date"), "rename-date")
    assert message == "更名按日期从早到晚登记，每次一条：这一次不晚于上一次（2027-02-01）"
    late = problems(renamed("  former_names: [{name: 市工信局, date: 2027-04-01}]\n"))
    assert [(path, rule) for path, rule, _ in late] == [(("departments", 0, "former_names", 0, "date"), "rename-date")]
    assert "晚于数据截至日期 2027-03-31" in late[0][2]


def test_a_former_name_is_a_name_no_other_department_may_hold():
    found = problems(renamed("  former_names: [{name: 市财政局, date: 2026-05-01}]\n"))
    assert found == [(("departments", 1, "name"), "duplicate-name", "'市财政局' 已经是单位 'industry-it' 的名称")]


def test_reimporting_the_text_knows_a_renamed_department_by_the_name_the_text_gives_it():
    known = [
        {"id": "industry-it", "name": "市工业和信息化局", "former_names": [{"name": "市工信局", "date": "2026-05-01"}]},
        {"id": "pboc", "name": "人行示例市中心支行", "aliases": ["人行示例分行"]},
    ]
    draft = importer.draft((SAMPLE.parent / "plan.txt").read_text(encoding="utf-8"), known_departments=known)
    first, _, third, _ = draft["measures"]
    assert first["lead"] == ["industry-it"] and "written_as" not in first
    assert third["supporting"] == ["pboc"] and third["written_as"] == {"pboc": "人行示例分行"}


def test_a_rename_of_the_full_name_alone_keeps_the_short_name_and_is_told_by_the_full_ones():
    full = "  former_names: [{name: 市工信局, full_name: 示例市工业和信息化委员会, date: 2026-05-01}]\n"
    plan = read(CHECKED.replace(INDUSTRY, INDUSTRY + full))
    [rename] = plan.departments[0].renames
    assert rename.told == ("示例市工业和信息化委员会", "示例市工业和信息化局")
    assert plan.departments[0].plan_name == "市工信局"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  title: 推进智能改造\n", "  title: 推进智能化改造\n", ("measures", 1, "title")),
        ("  text: 推动设备联网。\n", "  text: 推动设备。\n", ("measures", 1, "text")),
        ("  responsible: [industry-it, data]\n", "  responsible: [industry-it]\n", ("measures", 1, "responsible")),
        ("  units_clause_ends_with_period: true\n", "", ("measures", 2, "units_clause_ends_with_period")),
        ("  title: 工业设备更新\n", "  title: 工业设备更新改造\n", ("chapters", 1, "title")),
    ],
)
def test_any_other_difference_is_reported_at_the_field_that_makes_it(old, new, field):
    assert CHECKED.count(old) == 1
    [(path, rule, _)] = problems(CHECKED.replace(old, new))
    assert (path, rule) == (field, "not-faithful")

"""The data says what the official document says: every word, nothing more, nothing less.

Texts may restore the official full-width punctuation (，：（）) where the capture has
ASCII; so texts are compared after Unicode NFKC normalisation, and separately checked to
differ from the source in those four characters only.
"""

import re
import unicodedata

import pytest

from plansite import numerals, official_text


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def assert_faithful(data_text: str, source_text: str) -> None:
    assert nfkc(data_text) == nfkc(source_text)
    assert data_text == source_text.translate(str.maketrans(",:()", "，：（）"))


def measure_lines(official_lines):
    found = {}
    for line in official_lines:
        if match := re.match(r"^\(([一二三四五六七八九十]+)\)", line):
            found[numerals.to_int(match.group(1))] = line
    return found


def test_every_measure_matches_its_paragraph(plan, official_lines):
    paragraphs = measure_lines(official_lines)
    assert sorted(paragraphs) == list(range(1, 54))
    for measure in plan.measures:
        source = paragraphs[measure.number]
        label = f"({numerals.from_int(measure.number)})"
        title, _, rest = source.removeprefix(label).partition("。")
        clause = official_text.units_clause(plan, measure)
        body = rest[: len(rest) - len(clause)] if clause else rest
        assert_faithful(measure.title, title)
        assert_faithful(measure.text, body)
        assert_faithful(clause, rest[len(body) :])


@pytest.mark.parametrize(
    "number,expected_clause",
    [
        (
            1,
            "（牵头单位：市工信局。配合单位：市市场监管局、市农业农村局。各县区人民政府按照职责分工负责，"
            "以下均需各县区人民政府落实，不再一一列出）",
        ),
        (9, "（牵头单位：市能源局）"),
        (33, "（牵头单位：市商务局。配合单位：市财政局、人行长治市中心支行、国家金融监督管理总局长治监管分局）"),
        (
            48,
            "（牵头单位：市政府办公室。配合单位：市财政局、市发改委、人行长治分行、国家金融监督管理总局长治监管分局。）",
        ),
        (49, "（责任单位：市发改委、市能源局、市工信局、市规划和自然资源局、市行政审批局）"),
        (50, ""),
    ],
)
def test_unit_clauses_are_rebuilt_from_department_ids(plan, number, expected_clause):
    assert official_text.units_clause(plan, plan.measures[number - 1]) == expected_clause


def test_preamble_and_chapter_one_match(plan, official_lines):
    document = plan.document
    assert_faithful(document.title, official_lines[6])
    assert_faithful(document.preamble, official_lines[7])
    general = plan.chapters[0]
    assert official_lines[8] == "一、" + general.title
    assert_faithful(general.principles, official_lines[9])
    assert [goal.year for goal in general.goals] == [2025, 2027, 2030]
    for goal, source in zip(general.goals, official_lines[10:13], strict=True):
        assert_faithful(goal.text, source)


def test_the_data_reassembled_reproduces_the_whole_official_document(plan, official_lines):
    rebuilt = list(official_text.paragraphs(plan))
    assert len(rebuilt) == len(official_lines) == 78
    for data_paragraph, source_paragraph in zip(rebuilt, official_lines, strict=True):
        assert nfkc(data_paragraph) == nfkc(source_paragraph)


def test_document_metadata(plan):
    document = plan.document
    assert document.issuer == "长治市人民政府"
    assert (document.signed.isoformat(), document.published.isoformat()) == ("2024-06-21", "2024-07-02")
    assert [basis.number for basis in document.bases] == ["国发〔2024〕7号", "晋政发〔2024〕10号"]
    assert document.disclosure == "此件公开发布"
    assert document.local_governments.name == "各县区人民政府"
    assert document.local_governments.stated_in == "m01"


def test_counts(plan):
    assert len(plan.measures) == 53
    assert [measure.id for measure in plan.measures] == [f"m{n:02d}" for n in range(1, 54)]
    assert len(plan.chapters) == 13
    chapter_sizes = [len(plan.measures_in(chapter)) for chapter in plan.chapters]
    assert chapter_sizes == [0, 7, 3, 7, 2, 2, 5, 4, 6, 5, 4, 4, 4]
    assert all(measure.topics for measure in plan.measures)


def test_units_as_the_source_notes_describe_them(plan):
    def numbers(condition):
        return [m.number for m in plan.measures if condition(m)]

    assert numbers(lambda m: m.responsible) == [49]
    assert numbers(lambda m: not (m.lead or m.responsible)) == [50, 51, 52, 53]
    assert numbers(lambda m: m.lead and not m.supporting) == [9, 18, 31, 32, 35, 36, 39, 47]


def test_departments_are_one_registry_with_aliases(plan):
    by_name = {name: d for d in plan.departments for name in (d.name, *d.aliases)}
    assert by_name["人行长治市中心支行"] is by_name["人行长治分行"]
    assert by_name["市政府办"] is by_name["市政府办公室"]
    assert by_name["市工信局"].full_name == "长治市工业和信息化局"
    used = {d.id for m in plan.measures for d in m.lead + m.supporting + m.responsible}
    assert used == {d.id for d in plan.departments}


# Years in the official text that are not commitments, with the words that show why.
NOT_TARGETS = {
    "2024年6月21日": "the date the notice was signed",
    "2024年版": "a standard's edition",
    "2000年年底前": "dates the housing in scope",
    "2024消费促进年": "an event",
    "较2023年": "a baseline",
    "以2025年报废补贴农机具数量为基础": "a baseline",
    "〔2024〕": "a document number",
}


def test_every_year_the_text_commits_to_is_a_target(plan, official_lines):
    text = nfkc("\n".join(official_lines))
    covered = [
        span for target in plan.targets for span in (m.span() for m in re.finditer(re.escape(nfkc(target.text)), text))
    ]
    excused = [span for words in NOT_TARGETS for span in (m.span() for m in re.finditer(re.escape(nfkc(words)), text))]
    for year in re.finditer(r"\d{4}", text):
        inside = [start <= year.start() and year.end() <= end for start, end in covered + excused]
        context = text[max(0, year.start() - 15) : year.end() + 15]
        assert any(inside), f"year {year.group()} in '…{context}…' is neither in a target's clause nor excused"


def test_targets_by_year(plan):
    by_year = {}
    for target in plan.targets:
        by_year[target.year] = by_year.get(target.year, 0) + 1
    # Counted by hand from the text: goals 12 + 13 + 3, measures 39.
    assert by_year == {2024: 5, 2025: 36, 2027: 19, 2030: 7}
    assert len({target.id for target in plan.targets}) == len(plan.targets) == 67


def test_target_clauses_quote_their_text(plan):
    for measure in plan.measures:
        for target in measure.targets:
            assert nfkc(target.text) in nfkc(measure.text), target.id
    for goal in plan.goals:
        for target in goal.targets:
            assert target.year == goal.year
            assert nfkc(target.text) in nfkc(goal.text), target.id


def test_relative_targets_name_their_baseline(plan):
    for target in plan.targets:
        if "较2023年" in target.text:
            assert target.baseline_year == 2023, target.id
        elif "以2025年" in target.text:
            assert target.baseline_year == 2025, target.id
        else:
            assert target.baseline_year is None, target.id

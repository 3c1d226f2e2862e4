"""The mistakes a Chinese input method makes in YAML, typed on every line of the sample: each
is reported at the line where it was typed, in Chinese, with none of the parser's English."""

import re
from pathlib import Path

import pytest

from plansite.data import keyboard
from plansite.data.read import read_plan
from plansite.problems import DataError
from tests.error_cases import ROOT, SAMPLE, cases

# The words of PyYAML's messages ("could not find expected ':'", "found character that cannot
# start any token", "expected <block end>"): an editor should meet none of them.
PARSER_ENGLISH = re.compile(
    r"could not find|did not find|found (?:character|unexpected|undefined|duplicate|unknown|a tab)|cannot start"
    r"|while (?:scanning|parsing|constructing)|not allowed here|block (?:end|mapping|sequence)|end of stream"
    r"|simple key|quoted scalar|expected (?:<|'|,|a |the |alphabetic)|unicode string|line \d+, column \d+"
)
FIELD = re.compile(r"^( *(?:- )?)([a-z_]+): (\S.*)$")
# What the input method types for each ASCII character of a field line, and the rule it earns.
SLIPS = {
    "full-width colon": (lambda key, value: f"{key}：{value}", "full-width"),
    "full-width colon and space": (lambda key, value: f"{key}： {value}", "full-width"),
    "full-width space": (lambda key, value: f"{key}:\u3000{value}", "full-width"),
    "no space": (lambda key, value: f"{key}:{value}", "colon-space"),
    "tab": (lambda key, value: f"{key}:\t{value}", "tab"),
}


def sample_lines() -> list[tuple[int, str, str, str]]:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    return [(n, *found.groups()) for n, line in enumerate(lines, start=1) if (found := FIELD.match(line))]


def problems_of(text: str, tmp_path: Path) -> list:
    data = tmp_path / "slip.yaml"
    data.write_text(text, encoding="utf-8")
    try:
        read_plan(data, "slip.yaml")
    except DataError as error:
        return error.problems
    return []


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_on_any_field_line_is_reported_on_that_line_in_chinese(slip, tmp_path):
    typed, rule = SLIPS[slip]
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    missed = []
    for number, indent, key, value in sample_lines():
        changed = list(lines)
        changed[number - 1] = indent + typed(key, value)
        found = problems_of("\n".join(changed), tmp_path)
        english = [str(p) for p in found if PARSER_ENGLISH.search(p.message)]
        assert english == [], english
        if not any(p.line == number and p.rule == rule for p in found):
            missed.append(f"{number}: {changed[number - 1]!r} → {[str(p) for p in found]}")
    assert missed == []


def test_full_width_digits_quotes_and_reserved_starts_are_explained_where_typed(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    digits = str.maketrans("0123456789", "０１２３４５６７８９")
    slips = [
        (n, f"{indent}{key}: {value.translate(digits)}", "full-width")
        for n, indent, key, value in sample_lines()
        if re.fullmatch(r"\d+", value)
    ] + [
        (n, f"{indent}{key}: {start}{value}", "reserved-start")
        for n, indent, key, value in sample_lines()[::7]
        if key in ("title", "note", "text")
        for start in "%@`*"
    ]
    assert len(slips) > 10
    for number, typed, rule in slips:
        changed = list(lines)
        changed[number - 1] = typed
        found = problems_of("\n".join(changed), tmp_path)
        assert [p.rule for p in found if p.line == number] == [rule], (typed, [str(p) for p in found])


def test_no_fixture_shows_an_editor_the_parser_s_english():
    for bad in cases():
        for line in bad.expected.read_text(encoding="utf-8").splitlines():
            message = line.split(": ", 1)[-1]
            assert not PARSER_ENGLISH.search(message.removesuffix(line[line.rfind(" [") :])), (bad.name, line)


@pytest.mark.parametrize(
    "data", [ROOT / "data" / "measures.yaml", SAMPLE, *sorted((ROOT / "tests" / "fixtures").glob("adoption/**/*.yaml"))]
)
def test_the_scan_finds_nothing_in_a_file_that_is_right(data):
    text = data.read_text(encoding="utf-8")
    assert keyboard.mistakes(text) == [] and keyboard.cut_by_comments(text) == []


def _slots(node, path=()):
    """Every value of the sample with its path: each may hold what an editor pastes instead."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,)
            yield from _slots(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield path + (index,)
            yield from _slots(value, path + (index,))


def test_any_value_replaced_by_a_mapping_a_list_or_a_number_is_reported_never_a_crash(tmp_path):
    import yaml

    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    pasted = [{"housing": "市住建局"}, ["housing"], 5, None, {"": ""}]
    slots = list(_slots(base))
    assert len(slots) > 250
    for number, path in enumerate(slots):
        data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = pasted[number % len(pasted)]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (tmp_path / "slip.yaml").write_text(text, encoding="utf-8")
        try:
            read_plan(tmp_path / "slip.yaml", "slip.yaml")
        except DataError:
            pass

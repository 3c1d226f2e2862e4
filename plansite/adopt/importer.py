"""Draft the YAML data from a plan's text written in the standard format, or refuse it.

The format: the covering notice (read by ``notice_reader``), the plan's title, a preamble,
chapters headed ``一、…``, measures ``(一)标题。正文…(牵头单位:…。配合单位:…)`` or
``(…责任单位:…)``, and the layouts other plans use (docs/ARCHITECTURE.md lists them).
The draft holds everything that can be read off the text; targets and topics are then
curated by hand, and departments get their full names and kinds. A text that departs from
the format is refused with every place it departs, in Chinese, naming the form expected: a
plausible but wrong draft would be worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plansite.adopt import notice_reader
from plansite.adopt.measure_line import MEASURE_FIELD_ORDER, Registry, read_clause, read_measure
from plansite.adopt.notice_reader import Line, first_line_of_title
from plansite.data import characters
from plansite.data.load import DataPath
from plansite.data.numerals import from_int, to_int
from plansite.data.official_text import restore_punctuation, source_lines

_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_MEASURE = re.compile(r"^[(（]([一二三四五六七八九十百]+)[)）](.+)$")
_ARABIC_MEASURE = re.compile(r"^(\d{1,3})([.．、])(?!\d)\s*(.+)$")
_GOAL = re.compile(r"^到(\d{4})年")
_BASIS = re.compile(r"《([^》]+)》[(（]([^()（）]+〔\d{4}〕\d+号)[)）]")
_UNITS_LINE = re.compile(r"^[(（]((?:牵头单位|责任单位)[:：].*)[)）]$")
_YEAR = re.compile(r"(\d{4})年")


class ImportFailure(Exception):
    """The text does not follow the standard format: every place it departs, (line, message in Chinese)."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Draft:
    """A plan's data as read off its text, and the line of the text each record was read from
    (a record's path in the data → its first line), so that a check of the draft is reported
    where the text can be changed."""

    data: dict[str, Any]
    origins: Mapping[DataPath, int]

    def line_of(self, path: DataPath) -> int:
        """The line of the text that ``path`` (or its nearest recorded ancestor) was read from."""
        while path not in self.origins and path:
            path = path[:-1]
        return self.origins.get(path, 1)


def draft(text: str, known_departments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Parse ``text`` into the data's shape (``read`` tells where each record came from)."""
    return read(text, known_departments).data


def read(text: str, known_departments: list[dict[str, Any]] | None = None) -> Draft:
    """Parse ``text`` into the data's shape.

    ``known_departments`` is an existing registry (the ``departments`` of the data), so that
    a re-import keeps the ids editors already use; unknown names get ``dept-NN`` ids. Every
    text is drafted with the official full-width ，：（）, as fidelity compares it.
    """
    unseen = _unseen_characters(text)
    if unseen:
        raise ImportFailure(unseen)
    lines = [Line(number, line) for number, line in source_lines(restore_punctuation(text))]
    first_chapter = next((i for i, line in enumerate(lines) if _CHAPTER.match(line.text)), None)
    if first_chapter is None or first_chapter < 2:
        raise ImportFailure(
            [
                (
                    lines[0].number if lines else 1,
                    "未找到方案标题、引言和第一部分（“一、……”）：应依次是标题一行、引言一段，再是“一、”开头的部分标题",
                )
            ]
        )
    title, preamble = lines[first_chapter - 2].text, lines[first_chapter - 1].text
    title_start = first_chapter - 2
    title_break = None
    if first_line_of_title(lines, title_start - 1, title):
        title_break, title_start = len(lines[title_start - 1].text), title_start - 1
        title = lines[title_start].text + title
    origins: dict[DataPath, int] = {
        (): lines[0].number,
        ("document", "notice"): lines[0].number,
        ("document", "title"): lines[title_start].number,
        ("document", "preamble"): lines[first_chapter - 1].number,
        ("document", "bases"): lines[first_chapter - 1].number,
    }
    problems: list[tuple[int, str]] = []
    registry = Registry(known_departments or [], origins)
    chapters, measures, local_governments, numbering = _body(lines[first_chapter:], registry, problems, origins)
    notice = notice_reader.notice(lines[:title_start], problems, lines[title_start].number)
    if problems:
        raise ImportFailure(sorted(problems))
    years = sorted(
        {int(year) for year in _YEAR.findall(text)} | {goal["year"] for c in chapters for goal in c.get("goals", [])}
    )
    signed = notice.pop("signed", None)
    # The year it was signed counts, however the date is written (2024年 or 二〇二四年).
    years = sorted({*years, signed.year}) if signed else years
    plan_years = [year for year in years if signed is None or year >= signed.year]
    document: dict[str, Any] = {
        "title": title,
        "title_break": title_break,
        "number": notice.pop("number", None),
        "measure_numbering": numbering,
        "issuer": notice.pop("issuer", None),
        "signed": signed,
        "signed_as_written": notice.pop("signed_as_written", None),
        "disclosure": notice.pop("disclosure", None),
        "bases": [{"title": t, "number": n} for t, n in _BASIS.findall(preamble)],
        "target_years": {"from": plan_years[0], "to": plan_years[-1]} if plan_years else None,
        "notice": notice or None,
        "preamble": preamble,
    }
    if local_governments:
        document["local_governments"] = local_governments
    # A draft holds only what the text states: the publication date, departments' full names and
    # kinds, topics and the data's as-of date are the editor's to curate (draft: true allows them
    # missing, and the site says so).
    data = {
        "draft": True,
        "document": {key: value for key, value in document.items() if value is not None},
        "departments": registry.entries(),
        "chapters": chapters,
        "measures": measures,
    }
    return Draft(data=data, origins=origins)


def _unseen_characters(text: str) -> list[tuple[int, str]]:
    """A character no text of the site may hold (a control, zero-width or direction character,
    Word's manual line break U+000B), named at its line: the first of each line."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        content = line.strip()
        found = characters.first_unseen(content)
        if found is not None:
            column = line.index(content) + found + 1
            problems.append(
                (
                    number,
                    f"第{column}个字符是 {characters.describe(content[found])}：删除它"
                    "（从 Word 或网页复制文字时常会带入；Word 的手动换行符应换成真正的换行）",
                )
            )
    return problems


def _body(
    lines: list[Line], registry: Registry, problems: list[tuple[int, str]], origins: dict[DataPath, int]
) -> tuple[list, list, dict | None, str | None]:
    chapters: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    local_governments = None
    last_number = in_chapter = 0
    # None until told: （一）… straight through, "per-chapter" (（一） again in each chapter), "arabic"
    # (1.) or "arabic-comma" (1、).
    numbering: str | None = None
    sub_level = False
    for line in lines:
        clause: str | None = None
        if heading := _CHAPTER.match(line.text):
            number = to_int(heading.group(1))
            written = chapters[-1]["number"] if chapters else 0
            if number != written + 1:
                problems.append(
                    (line.number, f"部分“{heading.group(1)}、”的序号不接续：应是“{from_int(written + 1)}、”")
                )
            origins[("chapters", len(chapters))] = line.number
            chapters.append({"id": f"chapter-{number:02d}", "number": number, "title": heading.group(2)})
            in_chapter = 0
        elif found := (_MEASURE.match(line.text) or _ARABIC_MEASURE.match(line.text)):
            arabic = found.re is _ARABIC_MEASURE
            number = int(found.group(1)) if arabic else to_int(found.group(1))
            # 1. or 1、: the way the text writes arabic numbers, kept for its labels.
            way = ("arabic-comma" if found.group(2) == "、" else "arabic") if arabic else None
            # A list that starts again at 1. under a measure, or goes on: a third level.
            sub_level = arabic and numbering != way and in_chapter > 0 and (number == 1 or sub_level)
            if sub_level:
                # 1. under （一）: a plan of three levels (行动 → 工程 → 任务), which the data cannot hold.
                problems.append(
                    (
                        line.number,
                        f"措施（{from_int(measures[-1]['number'])}）之下又有“{found.group(1)}{found.group(2)}”编号的条目："
                        + _THREE_LEVELS,
                    )
                )
                continue
            if measures and (numbering in _ARABIC or arabic) and numbering != way:
                problems.append((line.number, "措施的编号方式前后不一：全文应都用“（一）”，或都用“1.”，或都用“1、”"))
            elif way:
                numbering = way
            elif measures and in_chapter == 0 and numbering is None:
                # The first measure of a later chapter tells whether numbering restarts.
                numbering = "per-chapter" if number == 1 else "continuous"
            # Judged against the number written before it, so that one slip is reported once.
            expected = in_chapter + 1 if numbering == "per-chapter" else last_number + 1
            if number != expected:
                written = f"{expected}{found.group(2)}" if arabic else f"（{from_int(expected)}）"
                order = "各部分都从（一）重新编号" if numbering == "per-chapter" else "全文连续编号"
                label = f"{found.group(1)}{found.group(2)}" if arabic else f"（{found.group(1)}）"
                problems.append((line.number, f"措施{label}的序号不接续：应是{written}（{order}）"))
            last_number, in_chapter = number, in_chapter + 1
            measure, clause = read_measure(
                line, len(measures) + 1, found.group(found.lastindex or 2), chapters[-1]["id"], registry, problems
            )
            if measure is None:
                continue
            origins[("measures", len(measures))] = line.number
            measures.append(measure)
        elif (own := _UNITS_LINE.match(line.text)) and measures and not _has_units(measures[-1]):
            # The clause as a paragraph of its own, after the measure it belongs to.
            measure = measures[-1]
            clause = read_clause(line, own.group(1), measure, registry, problems)
            for field in ("lead", "supporting", "responsible", "written_as", "units_clause_on_own_line"):
                origins[("measures", len(measures) - 1, field)] = line.number
            measure["units_clause_on_own_line"] = True
            measures[-1] = {key: measure[key] for key in MEASURE_FIELD_ORDER if key in measure}
        elif sub_task := _SUB_TASK.match(line.text):
            problems.append((line.number, f"“{sub_task.group()}”编号的条目在措施之下：{_THREE_LEVELS}"))
        else:
            _chapter_prose(chapters[-1], line, problems, origins, len(chapters) - 1)
        named = re.match(r"(各.+?人民政府)", clause) if clause else None
        if named and local_governments is None:
            local_governments = {"name": named.group(1), "clause": clause, "stated_in": measures[-1]["id"]}
            origins[("document", "local_governments")] = line.number
    return chapters, measures, local_governments, numbering if numbering in ("per-chapter", *_ARABIC) else None


def _has_units(measure: dict[str, Any]) -> bool:
    return any(role in measure for role in ("lead", "supporting", "responsible"))


def _chapter_prose(
    chapter: dict[str, Any], line: Line, problems: list[tuple[int, str]], origins: dict[DataPath, int], index: int
) -> None:
    text = line.text
    goals = len(chapter.get("goals", ()))
    if goal := _GOAL.match(text):
        origins[("chapters", index, "goals", goals)] = line.number
        _add_goal(chapter, int(goal.group(1)), text)
    elif "goals" not in chapter and ("principles" not in chapter or text.startswith("——")):
        origins.setdefault(("chapters", index, "principles"), line.number)
        # Goals run on at the end of the principles (到2027年… after a 。): split off, each a goal.
        starts = [found.start() for found in _GOAL_RUN_ON.finditer(text)]
        principles = text[: starts[0]] if starts else text
        chapter["principles"] = f"{chapter['principles']}\n{principles}" if "principles" in chapter else principles
        for offset, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=False)):
            origins[("chapters", index, "goals", goals + offset)] = line.number
            _add_goal(chapter, int(text[start + 1 : start + 5]), text[start:end])
        if starts:
            chapter["goals_in_principles"] = True
    else:
        problems.append(
            (
                line.number,
                "这一段既不是措施（“（一）标题。正文……”），也不是部分标题（“一、……”）或目标（“到2025年……”）；"
                "一个部分的开头只能有一段原则，或若干段以“——”开头的原则，且都在目标之前",
            )
        )


# A third level of numbering, （1） under 1. (吕梁's 行动 → 工程 → 任务): not read.
_ARABIC = ("arabic", "arabic-comma")
_SUB_TASK = re.compile(r"^[(（]\d{1,3}[)）]")
_THREE_LEVELS = "暂不支持三级结构（如 行动—工程—任务）；每项措施应是一段“（一）标题。正文……”或“1.标题。正文……”"

# A goal that begins inside a paragraph, after a sentence: 。到2027年.
_GOAL_RUN_ON = re.compile(r"(?<=。)到\d{4}年")


def _add_goal(chapter: dict[str, Any], year: int, text: str) -> None:
    chapter.setdefault("goals", []).append({"id": f"g{year}", "year": year, "text": text, "targets": []})

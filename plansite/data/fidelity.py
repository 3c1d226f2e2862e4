"""Stage 3b: the data says what the official text says, every word, nothing more.

The paragraphs the data makes (``official_text``) are compared with the source file the data
names (``document.source``), in order. The capture may use ASCII , : ( ) where the official
document has full-width ，：（）, so a paragraph matches if it is the source's with those four
restored; any other difference is an error, unless a correction of the measure declares it
(``official``: the source's words; ``corrected``: the data's instead).

A difference is reported at the field it comes from (a measure's title, its text, a role's list
of units). One that lies only in how departments are named is reported once per department, at
its name (``unit_names``): a rename, say, that was not recorded as one.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from plansite.data import official_text, unit_names
from plansite.data.load import DataPath, LoadedYaml
from plansite.data.model import Plan
from plansite.data.reporter import Reporter
from plansite.problems import Problem


def problems(
    plan: Plan, loaded: LoadedYaml, data_file: Path, sources: Mapping[str, bytes] | None = None
) -> list[Problem]:
    """What the data says differently from the official text it names, which is the file beside
    ``data_file``, or in ``sources`` (name → content) for a text not written yet."""
    document = loaded.data.get("document", {})
    name = document.get("source")
    if not isinstance(name, str):
        return []
    report = Reporter(loaded)

    def problem(path: DataPath, message: str) -> None:
        report(path or ("document", "source"), message, "not-faithful")

    try:
        raw = sources[name] if sources and name in sources else (data_file.parent / name).read_bytes()
        expected = official_text.source_lines(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problem((), f"读不出原文文件 {name}（{error.__class__.__name__}）：检查 document.source 的路径和编码")
        return report.problems
    made = list(official_text.sourced_paragraphs(plan))
    corrections: dict[DataPath, list[tuple[str, str]]] = {
        ("measures", index): [(c.official, c.corrected or "") for c in measure.corrections if c.official is not None]
        for index, measure in enumerate(plan.measures)
    }
    misnamed = unit_names.Misnamed(plan)

    def compare(line: int, wanted: str, paragraph: official_text.Paragraph) -> None:
        text = paragraph.text
        if text == wanted:
            return
        found = unit_names.spellings(plan, paragraph, wanted)
        if found:
            misnamed.add(found)
        else:
            problem(_field(paragraph, wanted), _difference(name, line, wanted, text))

    matcher = difflib.SequenceMatcher(
        None, [_key(text) for _, text in expected], [_key(p.text) for p in made], autojunk=False
    )
    for operation, s1, s2, d1, d2 in matcher.get_opcodes():
        if operation == "equal":
            for (line, original), paragraph in zip(expected[s1:s2], made[d1:d2], strict=True):
                compare(line, official_text.restore_punctuation(original), paragraph)
            continue
        pairs = list(zip(expected[s1:s2], made[d1:d2], strict=False))
        for (line, original), paragraph in pairs:
            wanted = official_text.restore_punctuation(original)
            for official, corrected in corrections.get(paragraph.record, []):
                wanted = wanted.replace(official_text.restore_punctuation(official), corrected)
            compare(line, wanted, paragraph)
        for line, original in expected[s1 + len(pairs) : s2]:
            problem((), f"原文 {name} 第{line}行的这一段在数据中没有：「{_clip(original)}」")
        for paragraph in made[d1 + len(pairs) : d2]:
            problem(paragraph.record, f"这段文字在原文 {name} 中没有：「{_clip(paragraph.text)}」")
    misnamed.report(report)
    return report.problems


def _field(paragraph: official_text.Paragraph, wanted: str) -> DataPath:
    """The field where the paragraph departs from ``wanted`` (where the data only leaves words
    out, the field before them); a department's name is reported at the role that lists it."""
    start, end_wanted, end_text = _span(wanted, paragraph.text)
    path = paragraph.field_at(start)
    # The period a units clause may end with is its closing's; other words left out, the field's before.
    closing = path[-1:] == ("units_clause_ends_with_period",) and wanted[start:end_wanted] == "。"
    if end_text == start and start and not closing:
        path = paragraph.field_at(start - 1)
    return path[:3] if unit_names.names_department(path) and path[2] != "written_as" else path


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _span(wanted: str, text: str) -> tuple[int, int, int]:
    """Where ``text`` departs from ``wanted``: the first differing place, and the end of the
    differing stretch in each once their common ending is set aside."""
    start = next((i for i, (a, b) in enumerate(zip(wanted, text, strict=False)) if a != b), min(len(wanted), len(text)))
    end_wanted, end_text = len(wanted), len(text)
    while end_wanted > start and end_text > start and wanted[end_wanted - 1] == text[end_text - 1]:
        end_wanted, end_text = end_wanted - 1, end_text - 1
    return start, end_wanted, end_text


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _difference(name: str, line: int, wanted: str, text: str) -> str:
    """Where the data first departs from the source, with a little of each around it."""
    start, end_wanted, end_text = _span(wanted, text)
    before = max(0, start - 8)
    return (
        f"与原文 {name} 第{line}行不一致：原文是「…{wanted[before : end_wanted + 8]}…」，"
        f"数据是「…{text[before : end_text + 8]}…」"
    )

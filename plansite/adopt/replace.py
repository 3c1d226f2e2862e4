"""Adopting another plan: its text goes into data/source/, its draft into data/measures.yaml and
its facts into tests/this_plan.yaml, in place of the plan the repository holds (git keeps the old ones).

Nothing is written unless the draft, with the text beside it, passes every check the site's build
makes, fidelity to the text included.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from plansite import write
from plansite.adopt import draft_yaml, importer
from plansite.data import official_text
from plansite.data.model import Plan
from plansite.data.read import read_plan
from plansite.data.rules import held_search_terms
from plansite.problems import DataError, Problem

SOURCE_FOLDER = "source"
SOURCE_README = """\
# The source document

`{name}` is the text of 《{title}》, issued by {issuer}, as `scripts/import_plan.py --replace`
took it in. It is the single source of truth for the site's text: `--check` compares every
paragraph the data makes with it.

Describe here where the text was captured and how it is laid out (a news lead before 全文如下,
ASCII punctuation, spellings that name the same department), for the next editor.
"""


def source_name(path: Path) -> str:
    """The text's file name in data/source/: its own, where it is a plain portable name."""
    name = path.name if path.suffix == ".txt" else f"{path.stem}.txt"
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.txt", name) else "plan.txt"


EXPECTATIONS_HEADER = """\
# What this plan is: the facts tests/test_this_plan.py holds data/ and the site to. Every other
# test checks behaviour against whatever plan data/ holds; this file is the one a city that adopts
# the project replaces. scripts/import_plan.py --replace wrote it from the first draft: check each
# fact against the text, and add what readers will search for (docs/ADOPTING.md).

"""
# Questions the plan does not answer, as readers ask them: the site's help page answers them.
HELP_QUERIES = ("怎么申请补贴", "补贴怎么领", "以旧换新补贴在哪申请", "咨询电话")


def expectations(plan: Plan, name: str, text: bytes) -> str:
    """tests/this_plan.yaml for a newly adopted plan: what its draft states, pinned."""
    document = plan.document
    local = document.local_governments
    units = {
        "responsible": [m.number for m in plan.measures if m.responsible],
        "none": [m.number for m in plan.measures if not (m.lead or m.responsible)],
        "lead_only": [m.number for m in plan.measures if m.lead and not m.supporting],
    }
    facts = {
        "source": name,
        "source_sha256": hashlib.sha256(text).hexdigest(),
        "paragraphs": len(list(official_text.paragraphs(plan))),
        "document": {
            "title": document.title,
            "issuer": document.issuer,
            "number": document.number,
            "signed": document.signed,
            "published": document.published,
            "bases": [basis.number for basis in document.bases],
            "disclosure": document.disclosure,
            "local_governments": local.name if local else None,
            "index_number": document.index_number,
            "subject": document.subject,
            "official_page": document.official_page,
        },
        "counts": {
            "measures": len(plan.measures),
            "chapters": len(plan.chapters),
            "departments": len(plan.departments),
            "targets": len(plan.targets),
            "topics": len(plan.topics),
            "working_groups": len(plan.working_groups),
        },
        "chapter_sizes": [len(plan.measures_in(chapter)) for chapter in plan.chapters],
        "units": units,
        "unit_clauses": {m.number: official_text.units_clause(plan, m) for m in plan.measures},
        "same_department": [[d.name, *d.aliases] for d in plan.departments if d.aliases],
        "full_names": {},
        "targets_by_year": {},
        "value_texts": {},
        "not_targets": {},
        "search_queries": {
            "clerk": {
                **{m.title: [m.url] for m in plan.measures},
                **{d.name: [f"departments/{d.id}/"] for d in plan.departments},
            },
            "help": {question: ["help/"] for question in HELP_QUERIES},
        },
    }
    return EXPECTATIONS_HEADER + yaml.safe_dump(facts, allow_unicode=True, sort_keys=False, width=10**6)


def replace(
    text: bytes,
    name: str,
    read: importer.Draft,
    header: str,
    data_file: Path,
    expectations_file: Path,
    text_path: str,
) -> list[Path]:
    """Put ``text`` (as data/source/``name``) and the draft ``read`` off it in place of the current
    plan, and a first expectations file for it; the files written. Raises DataError, writing
    nothing, if the draft fails a check: each problem at the line of ``text`` (shown as
    ``text_path``) its record was read from, since the draft itself is never written."""
    draft = {**read.data, "document": {**read.data["document"], "source": f"{SOURCE_FOLDER}/{name}"}}
    if terms := kept_search_terms(data_file, draft):
        draft["search_terms"] = terms
    yaml_text = draft_yaml.to_yaml(draft, header)
    try:
        plan = read_plan(data_file, str(data_file), text=yaml_text, sources={draft["document"]["source"]: text})
    except DataError as error:
        raise DataError([_in_text(problem, read, text_path) for problem in error.problems]) from None
    folder = data_file.parent / SOURCE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    document = draft["document"]
    readme = SOURCE_README.format(name=name, title=document["title"], issuer=document["issuer"])
    written = [folder / name, folder / "README.md", data_file, expectations_file]
    # Each file whole, the data after the text it names and the old texts last: a run stopped
    # midway leaves data that still matches a text beside it; a second run waits for the first.
    with write.exclusive(data_file):
        write.write_file(folder / name, text)
        write.write_file(folder / "README.md", readme.encode("utf-8"))
        write.write_file(data_file, yaml_text.encode("utf-8"))
        write.write_file(expectations_file, expectations(plan, name, text).encode("utf-8"))
        for old in folder.iterdir():
            if old not in written and old.is_file():
                old.unlink()
    return written


def kept_search_terms(data_file: Path, draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The everyday words of the plan being replaced that the new plan's text holds words for:
    a city starts with the general entries and adds its own."""
    try:
        current = yaml.safe_load(data_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return []
    return held_search_terms(current.get("search_terms") if isinstance(current, dict) else None, draft)


def _in_text(problem: Problem, read: importer.Draft, text_path: str) -> Problem:
    """``problem``, found in the unwritten draft, at the line of the plan's text it was read from."""
    return Problem(
        path=text_path,
        line=read.line_of(problem.data_path),
        column=1,
        where=problem.where,
        message=problem.message,
        rule=problem.rule,
        data_path=problem.data_path,
    )

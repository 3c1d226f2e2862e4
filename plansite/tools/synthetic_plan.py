"""Plans of any size, made from whatever plan data/ holds, for the build benchmark and the tests.

A plan of N measures repeats the real plan's chapters and measures once per region (a district
or county), with new ids, chapter numbers and departments for each region, until N measures are
reached. Texts, targets and topics are the real ones, so pages, search and validation see
realistic Chinese; every synthetic plan passes the generator's checks.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from plansite.data.rules import held_search_terms

# Regions named in order, 甲区 … 癸区, then again with a number: no real place is implied.
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def region_name(index: int) -> str:
    stem = _STEMS[index % len(_STEMS)]
    return f"{stem}区" if index < len(_STEMS) else f"{stem}区第{index // len(_STEMS) + 1}片"


def synthesize(real: dict[str, Any], size: int) -> dict[str, Any]:
    """A valid plan of ``size`` measures; the real plan itself when ``size`` is its own size."""
    measures = real["measures"]
    # Copies are written elsewhere, and a synthetic plan is not the official text: neither is
    # compared with the source (the fidelity check reads data/source/ beside the real data).
    real = {**real, "document": {k: v for k, v in real["document"].items() if k != "source"}}
    if size == len(measures):
        return real
    regions = math.ceil(size / len(measures))
    plan: dict[str, Any] = {
        # Working groups name one measure's text; a synthetic plan's regions have none of their own.
        key: copy.deepcopy(value)
        for key, value in real.items()
        if key not in ("departments", "chapters", "measures", "working_groups")
    }
    plan["departments"], plan["chapters"], plan["measures"] = [], [], []
    for region in range(regions):
        name = region_name(region)

        def local(department_id: str, region: int = region) -> str:
            return f"{department_id}-r{region}"

        for department in real["departments"]:
            copied = copy.deepcopy(department)
            copied["id"] = local(department["id"])
            copied["name"] = name + department["name"].removeprefix("市")
            if "full_name" in department:
                copied["full_name"] = name + department["full_name"]
            if "aliases" in copied:
                copied["aliases"] = [name + alias for alias in department["aliases"]]
            plan["departments"].append(copied)
        chapter_ids = {}
        for chapter in real["chapters"]:
            copied = copy.deepcopy(chapter)
            chapter_ids[chapter["id"]] = copied["id"] = f"{chapter['id']}-r{region}"
            copied["number"] = region * len(real["chapters"]) + chapter["number"]
            copied["title"] = f"{chapter['title']}（{name}）"
            for goal in copied.get("goals", ()):
                goal["id"] = f"{goal['id']}-r{region}"
                for index, target in enumerate(goal["targets"], 1):
                    target["id"] = f"{goal['id']}-t{index}"
                    target.pop("working_group", None)
                    _checked_by(target, local)
            plan["chapters"].append(copied)
        for measure in measures:
            number = len(plan["measures"]) + 1
            if number > size:
                break
            copied = copy.deepcopy(measure)
            copied["id"] = f"m{number:05d}"
            copied["number"] = number
            copied["chapter"] = chapter_ids[measure["chapter"]]
            for role in ("lead", "supporting", "responsible"):
                if role in copied:
                    copied[role] = [local(d) for d in measure[role]]
            if "written_as" in copied:
                copied["written_as"] = {local(d): name + spelling for d, spelling in measure["written_as"].items()}
            for index, target in enumerate(copied["targets"], 1):
                target["id"] = f"{copied['id']}-t{index}"
                _checked_by(target, local)
            plan["measures"].append(copied)
    # A plan smaller than the real one keeps only the topics its measures use, as every plan must.
    used = {topic for measure in plan["measures"] for topic in measure.get("topics", ())}
    if "topics" in plan:
        plan["topics"] = [topic for topic in plan["topics"] if topic["id"] in used]
    if plan["document"].get("local_governments"):
        plan["document"]["local_governments"]["stated_in"] = plan["measures"][0]["id"]
    if "search_terms" in plan:
        plan["search_terms"] = held_search_terms(plan["search_terms"], plan)
    # What names a department or a measure outside the regions stays with the first region.
    first = {measure["id"]: f"m{number:05d}" for number, measure in enumerate(measures, 1) if number <= size}
    departments = {department["id"] for department in real["departments"]}
    if "verifier" in plan.get("progress", {}):
        plan["progress"]["verifier"] += "-r0"
    for document in plan.get("documents", ()):
        document["measures"] = [first[m] for m in document["measures"] if m in first]
        if document["issuer"] in departments:
            document["issuer"] += "-r0"
    return plan


def _checked_by(target: dict[str, Any], local: Callable[[str], str]) -> None:
    """A target's checks name their office as the target's region does."""
    for record in target.get("progress", ()):
        if "verification" in record:
            record["verification"]["by"] = local(record["verification"]["by"])

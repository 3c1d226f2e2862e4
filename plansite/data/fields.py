"""Reading the data as the rules must: possibly malformed, since the schema's problems are
reported together with the rules'. Each helper returns what is well formed and nothing else."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from plansite.data.load import DataPath

# The singular a collection's items are named by in messages: "measure m16, targets[1].year".
ITEM_NAMES = {
    "departments": "单位",
    "topics": "专题",
    "chapters": "部分",
    "measures": "措施",
    "documents": "文件",
    "search_terms": "日常用语",
}
UNIT_ROLES = ("lead", "supporting", "responsible")


def records(data: dict, key: str) -> Iterator[tuple[int, dict]]:
    """The well-formed items of a top-level list; malformed ones were reported by the schema."""
    items = data.get(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def mapping_of(value: object) -> dict:
    """``value`` if it is a mapping (a well-formed record); the schema reported anything else."""
    return value if isinstance(value, dict) else {}


def text_of(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def int_of(record: dict, key: str) -> int | None:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def list_of(record: dict, key: str) -> list:
    value = record.get(key)
    return value if isinstance(value, list) else []


def targets_of(data: dict) -> Iterator[tuple[DataPath, dict]]:
    """Every target with the path to it, goals first, in document order."""
    for index, chapter in records(data, "chapters"):
        for goal_index, goal in enumerate(list_of(chapter, "goals")):
            if isinstance(goal, dict):
                for target_index, target in enumerate(list_of(goal, "targets")):
                    if isinstance(target, dict):
                        yield ("chapters", index, "goals", goal_index, "targets", target_index), target
    for index, measure in records(data, "measures"):
        for target_index, target in enumerate(list_of(measure, "targets")):
            if isinstance(target, dict):
                yield ("measures", index, "targets", target_index), target


def reported_of(data: dict) -> Iterator[tuple[DataPath, dict]]:
    """Every record that may carry progress reports, with the path to it: the targets in document
    order, then the measures."""
    yield from targets_of(data)
    for index, measure in records(data, "measures"):
        yield ("measures", index), measure


def owner_of(data: dict, path: DataPath) -> dict:
    """The goal or measure that holds the target at ``path``."""
    holder: Any = data
    for part in path[:-2]:
        holder = holder[part]
    return holder


def unknown(registry: str, value: str, known: Collection[Any], after: str = "") -> Unknown:
    """No record of ``registry`` (a key of ITEM_NAMES) has the id ``value``: the nearest that does."""
    return Unknown(registry, value, known, after)


@dataclass(frozen=True, eq=False)
class Unknown:
    """The message that no record of ``registry`` has the id ``value``, and ``after`` it. The nearest
    id that exists is found by comparing with every id, so the reporter asks for it only for a
    problem it shows in full: 30,000 unknown ids among 30,000 records would take twenty minutes."""

    registry: str
    value: str
    known: Collection[Any]
    after: str = ""

    def words(self, *, nearest: bool) -> str:
        name = ITEM_NAMES[self.registry]
        if not nearest:
            return f"没有编号为 '{self.value}' 的{name}：检查拼写，或先在 {self.registry} 中添加它{self.after}"
        hint = difflib.get_close_matches(self.value, [k for k in self.known if isinstance(k, str)], n=1)
        advice = f"：是不是 '{hint[0]}'？" if hint else f"：如果确实需要，请先在 {self.registry} 中添加它"
        return f"没有编号为 '{self.value}' 的{name}{advice}{self.after}"

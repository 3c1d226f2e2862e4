"""Where a problem stands and what it concerns: the one way every check reports a problem.

Checks name a place by its path in the data; the reporter turns it into the file's line and
column and into the record's own words (措施 m16 的 targets[1].year).
"""

from __future__ import annotations

import heapq
from typing import Any

from plansite.data.fields import ITEM_NAMES, Unknown
from plansite.data.load import DataPath, LoadedYaml
from plansite.problems import SHOWN_PER_RULE, Problem


class Reporter:
    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self._problems: list[Problem] = []
        self._seen: set[Problem] = set()
        self._explained: set[DataPath] = set()
        self._hints: set[Problem] = set()
        # Each rule's first problems in the file, as many as the report shows in full: a heap of
        # their places (line, column) negated, the last of them on top.
        self._first: dict[str, list[tuple[int, int]]] = {}

    @property
    def problems(self) -> list[Problem]:
        """What was reported, in the order reported; where a hint explains a value, only the hint:
        one mistake, one message."""
        return [p for p in self._problems if p.data_path not in self._explained or p in self._hints]

    def __call__(
        self, path: DataPath, message: str | Unknown, rule: str, *, at_key: bool = False, explains: bool = False
    ) -> None:
        """Report a problem at ``path``; ``explains``: this message says why the value is wrong
        and replaces any other message about it."""
        position = self.loaded.key_position(path) if at_key else self.loaded.position(path)
        if isinstance(message, Unknown):
            message = message.words(nearest=self._shown(rule, position.line, position.column))
        where, field = self._describe(path)
        joined = f"{where} 的{' ' if field[:1].isascii() else ''}{field}"
        problem = Problem(
            path=self.loaded.path,
            line=position.line,
            column=position.column,
            where=joined if where and field else where or field,
            message=message,
            rule=rule,
            data_path=path,
        )
        if explains:
            self._explained.add(path)
            self._hints.add(problem)
        # jsonschema raises a 'required' error per missing field, each listing them all.
        if problem not in self._seen:
            self._seen.add(problem)
            self._problems.append(problem)
            first = self._first.setdefault(rule, [])
            place = (-problem.line, -problem.column)
            if len(first) < SHOWN_PER_RULE:
                heapq.heappush(first, place)
            else:
                heapq.heappushpop(first, place)

    def _shown(self, rule: str, line: int, column: int) -> bool:
        """Whether a problem of ``rule`` at ``line`` and ``column`` may be one the report shows in
        full: fewer problems of ``rule`` than it shows stand before it."""
        first = self._first.get(rule, [])
        return len(first) < SHOWN_PER_RULE or (-line, -column) >= first[0]

    def line_of(self, path: DataPath) -> int:
        return self.loaded.position(path).line

    def _describe(self, path: DataPath) -> tuple[str, str]:
        """The innermost record with an id, and the field within it in words, with its key:
        ('目标 g2025-t8', '第1条进度的日期（progress[0].date）'); ('', '成文日期（document.signed）')."""
        holder: Any = self.loaded.data
        record, start = "", 0
        for depth, part in enumerate(path):
            collection = path[depth - 1] if depth else None
            holder = _step(holder, part)
            # The top-level collections, and goals and targets wherever they stand (a measure's
            # topics are ids, not records).
            if isinstance(part, int) and (collection in _NESTED or (depth == 1 and collection in _RECORDS)):
                own = (holder.get("id") or holder.get("word")) if isinstance(holder, dict) else None
                name = _RECORDS[str(collection)]
                record = f"{name} {own}" if isinstance(own, str) else f"第{part + 1}个{name}"
                start = depth + 1
        rest = path[start:]
        if not rest:
            return record, ""
        raw = _field_path(rest)
        if not record and len(rest) > 1 and rest[0] in _SECTIONS:
            record, rest = _SECTIONS[str(rest[0])], rest[1:]
        words = _in_words(rest)
        return record, f"{words}（{raw}）" if words != raw else raw


# The records an editor finds by id, and the fields and entries named in words (FIELD_WORDS: also
# how an editor may name a field in Chinese): the key stays beside them, as the file shows it.
_NESTED = {"goals": "目标段落", "targets": "目标", "groups": "专项工作组"}
_RECORDS = {**ITEM_NAMES, **_NESTED}
_SECTIONS = {"document": "方案信息", "progress": "进度设置", "extra": "网站设置"}
_ENTRIES = {
    "progress": "进度",
    "corrections": "更正",
    "evidence": "佐证材料",
    "documents": "文件",
    "aliases": "别名",
    "former_names": "曾用名",
}
FIELD_WORDS = {
    "date": "日期",
    "status": "状态",
    "note": "说明",
    "title": "标题",
    "text": "正文",
    "year": "年份",
    "value": "数值",
    "unit": "单位",
    "lead": "牵头单位",
    "supporting": "配合单位",
    "responsible": "责任单位",
    "name": "名称",
    "full_name": "全称",
    "kind": "类别",
    "number": "序号",
    "chapter": "所属部分",
    "topics": "专题",
    "indicator": "指标",
    "verification": "核实",
    "result": "结果",
    "by": "填报单位",
    "url": "网址",
    "signed": "成文日期",
    "published": "发布日期",
    "as_of": "数据截至日期",
    "official": "原文",
    "corrected": "更正后的文字",
    "means": "所指的原文说法",
    "word": "日常用语",
    "website": "网站",
    "phone": "电话",
    "written_as": "原文写法",
    "measures": "措施",
    "chapters": "领域",
    "cycle": "报送周期",
    "period": "周期",
    "day": "报送日",
    "verifier": "核实单位",
    "validity": "有效性",
    "since": "起始日期",
    "units_clause_ends_with_period": "括注末尾的句号",
    "units_separator": "单位类别之间的标点",
    "responsible_wording": "责任单位后的措辞",
}


def _step(holder: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return holder[part] if isinstance(holder, list) and part < len(holder) else None
    return holder.get(part) if isinstance(holder, dict) else None


def _in_words(path: DataPath) -> str:
    """('progress', 0, 'date') → 第1条进度的日期; ('lead', 1) → 牵头单位第2项."""
    out: list[str] = []
    for depth, part in enumerate(path):
        key = path[depth - 1] if depth else None
        if isinstance(part, int):
            if key in _ENTRIES:
                out[-1] = f"第{part + 1}条{_ENTRIES[str(key)]}"
            else:
                out[-1] += f"第{part + 1}项"
        else:
            out.append(FIELD_WORDS.get(part, part) if isinstance(part, str) else str(part))
    return "的".join(out)


def _field_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

"""The plan's own rules about its records: characters, ids, numbering, references, departments;
and the helpers every rule reads the (possibly malformed) data with."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from plansite import urls
from plansite.data import characters
from plansite.data.load import DataPath

if TYPE_CHECKING:
    from plansite.data.validate import Reporter

# The singular a collection's items are named by in messages: "measure m16, targets[1].year".
ITEM_NAMES = {"departments": "单位", "topics": "专题", "chapters": "部分", "measures": "措施"}
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


def owner_of(data: dict, path: DataPath) -> dict:
    """The goal or measure that holds the target at ``path``."""
    holder: Any = data
    for part in path[:-2]:
        holder = holder[part]
    return holder


def unique_ids(report: Reporter, data: dict) -> None:
    for key in ("departments", "topics"):
        _report_repeated_ids(report, [((key, index), record) for index, record in records(data, key)])
    # Chapters, goals, measures and targets are anchors of the same pages (the full text, a
    # sector's page): one id each among all of them.
    anchors: list[tuple[DataPath, dict]] = []
    for index, chapter in records(data, "chapters"):
        anchors.append((("chapters", index), chapter))
        anchors += [(("chapters", index, "goals", n), goal) for n, goal in enumerate(list_of(chapter, "goals"))]
    anchors += [(("measures", index), measure) for index, measure in records(data, "measures")]
    _report_repeated_ids(report, [(path, r) for path, r in anchors if isinstance(r, dict)] + list(targets_of(data)))
    for path, record in anchors:
        anchor = text_of(record, "id") if isinstance(record, dict) else None
        if anchor in urls.ANCHORS:
            report(
                path + ("id",), f"编号 '{anchor}' 不能使用：页面上已有同名的锚点 #{anchor}；请换一个编号", "reserved-id"
            )
    for key in urls.RECORD_PATHS:
        for index, record in records(data, key):
            record_id = text_of(record, "id")
            reason = urls.taken(key, record_id) if record_id else None
            if reason:
                report((key, index, "id"), f"编号 '{record_id}' 不能使用：{reason}；请换一个编号", "reserved-id")


def _report_repeated_ids(report: Reporter, records: list[tuple[DataPath, dict]]) -> None:
    seen: dict[str, int] = {}
    for path, record in records:
        record_id = text_of(record, "id")
        if record_id is None:
            continue
        if record_id in seen:
            report(
                path + ("id",),
                f"编号 '{record_id}' 重复（第{seen[record_id]}行已经用过）",
                "duplicate-id",
            )
        else:
            seen[record_id] = report.line_of(path + ("id",))


def numbering(report: Reporter, data: dict) -> None:
    """Chapters and measures are numbered 1, 2, 3… in the order the document gives them."""
    for key, name in (("chapters", "部分"), ("measures", "措施")):
        seen: dict[int, int] = {}
        sequence_reported = False
        for position, (index, record) in enumerate(records(data, key), start=1):
            number = int_of(record, "number")
            if number is None:
                continue
            if number in seen:
                report(
                    (key, index, "number"),
                    f"{name}序号 {number} 重复（第{seen[number]}行已经用过）",
                    "duplicate-number",
                )
            # One break in the sequence shifts everything after it: report only the first.
            elif number != position and not sequence_reported:
                sequence_reported = True
                report(
                    (key, index, "number"),
                    f"{name}按原文顺序编号 1、2、3……：这里应当是 {position}，实际是 {number}",
                    "numbering",
                )
            seen.setdefault(number, report.line_of((key, index, "number")))


def references(report: Reporter, data: dict) -> None:
    chapters = {text_of(c, "id"): int_of(c, "number") for _, c in records(data, "chapters")}
    departments = {d["id"]: d for _, d in records(data, "departments") if isinstance(d.get("id"), str)}
    topics = {text_of(t, "id") for _, t in records(data, "topics")}
    names = {
        name: department_id
        for department_id, department in departments.items()
        for name in [text_of(department, "name"), text_of(department, "full_name"), *list_of(department, "aliases")]
        if isinstance(name, str)
    }
    used_topics: set[str] = set()
    last_chapter_number = 0
    # A missing or malformed registry is reported by the schema; checking against it would only echo that.
    present = {key for key in ("chapters", "departments", "topics") if isinstance(data.get(key), list)}
    for index, measure in records(data, "measures"):
        chapter = text_of(measure, "chapter")
        if chapter is not None and chapter not in chapters and "chapters" in present:
            report(("measures", index, "chapter"), _unknown("chapters", chapter, chapters), "unknown-reference")
        elif chapter is not None and (chapters[chapter] or 0) < last_chapter_number:
            report(
                ("measures", index, "chapter"),
                f"部分 '{chapter}' 排在上一项措施所属的部分之前：措施要按原文顺序排列",
                "chapter-order",
            )
        if chapter in chapters:
            last_chapter_number = max(last_chapter_number, chapters[chapter] or 0)
        for role in UNIT_ROLES:
            for position, department in enumerate(list_of(measure, role)):
                if isinstance(department, str) and department not in departments and "departments" in present:
                    named = names.get(department)
                    report(
                        ("measures", index, role, position),
                        f"'{department}' 是单位 '{named}' 的名称，这里要写它的编号：{named}"
                        if named
                        else _unknown("departments", department, departments),
                        "unknown-reference",
                    )
        for position, topic in enumerate(list_of(measure, "topics")):
            if isinstance(topic, str) and topic not in topics and "topics" in present:
                report(("measures", index, "topics", position), _unknown("topics", topic, topics), "unknown-reference")
            used_topics.add(topic)
        _written_as(report, index, measure, departments)
    for index, topic in records(data, "topics"):
        if text_of(topic, "id") and topic["id"] not in used_topics:
            report(
                ("topics", index, "id"),
                f"专题 '{topic['id']}' 没有被任何措施使用：给相关措施加上它，或删除这个专题",
                "unused-topic",
            )
    local = data.get("document", {}).get("local_governments") if isinstance(data.get("document"), dict) else None
    measure_ids = {text_of(m, "id") for _, m in records(data, "measures")}
    if isinstance(local, dict) and isinstance(local.get("stated_in"), str) and local["stated_in"] not in measure_ids:
        report(
            ("document", "local_governments", "stated_in"),
            _unknown("measures", local["stated_in"], measure_ids),
            "unknown-reference",
        )


def _unknown(registry: str, value: str, known: Any) -> str:
    """No record of ``registry`` (a key of ITEM_NAMES) has the id ``value``: the nearest that does."""
    name = ITEM_NAMES[registry]
    hint = difflib.get_close_matches(value, [k for k in known if isinstance(k, str)], n=1)
    advice = f"：是不是 '{hint[0]}'？" if hint else f"：如果确实需要，请先在 {registry} 中添加它"
    return f"没有编号为 '{value}' 的{name}{advice}"


def _written_as(report: Reporter, index: int, measure: dict, departments: dict[str, dict]) -> None:
    spellings = measure.get("written_as")
    if not isinstance(spellings, dict):
        return
    named = {d for role in UNIT_ROLES for d in list_of(measure, role)}
    for department_id, spelling in spellings.items():
        path = ("measures", index, "written_as", department_id)
        if department_id not in named:
            report(path, f"'{department_id}' 不是本项措施的单位", "unknown-reference", at_key=True)
        elif department_id in departments and spelling not in list_of(departments[department_id], "aliases"):
            report(
                path,
                f"'{spelling}' 不是单位 '{department_id}' 登记的别名：请先把它加入该单位的 aliases",
                "unknown-alias",
            )


def unit_roles(report: Reporter, data: dict) -> None:
    for index, measure in records(data, "measures"):
        if any(role in measure and not isinstance(measure[role], list) for role in UNIT_ROLES):
            continue
        lead, supporting, responsible = (list_of(measure, role) for role in UNIT_ROLES)
        for department in set(lead) & set(supporting):
            if isinstance(department, str):
                position = supporting.index(department)
                report(
                    ("measures", index, "supporting", position),
                    f"'{department}' 既是牵头单位又是配合单位：只保留在其中一个列表中",
                    "role-conflict",
                )
        if responsible and (lead or supporting):
            report(
                ("measures", index, "responsible"),
                "一项措施要么写责任单位（responsible），要么写牵头、配合单位（lead、supporting），不能同时写",
                "role-conflict",
            )
        if supporting and not lead:
            report(
                ("measures", index, "supporting"),
                "有配合单位（supporting）就必须有牵头单位（lead）",
                "role-conflict",
            )
        for field in ("units_clause_ends_with_period", "units_clause_on_own_line", "units_separator"):
            if measure.get(field) and not (lead or supporting or responsible):
                report(("measures", index, field), "本项措施没有单位分工的括注：删除这个字段", "role-conflict")
        if measure.get("responsible_wording") and not responsible:
            report(
                ("measures", index, "responsible_wording"),
                "写了单位后的措辞（responsible_wording），就必须有责任单位（responsible）",
                "role-conflict",
            )


def department_names(report: Reporter, data: dict) -> None:
    owner: dict[str, object] = {}
    for index, department in records(data, "departments"):
        names = [("name", text_of(department, "name"))] + [
            (("aliases", position), alias) for position, alias in enumerate(list_of(department, "aliases"))
        ]
        for field, name in names:
            if not isinstance(name, str):
                continue
            field_path = field if isinstance(field, tuple) else (field,)
            if name in owner and owner[name] != department.get("id"):
                report(
                    ("departments", index) + field_path,
                    f"'{name}' 已经是单位 '{owner[name]}' 的名称",
                    "duplicate-name",
                )
            elif name in owner:
                report(
                    ("departments", index) + field_path,
                    f"'{name}' 在这个单位中写了两次",
                    "duplicate-name",
                )
            owner.setdefault(name, department.get("id"))


def holds_paragraphs(path: DataPath) -> bool:
    """The texts made of several paragraphs, each on its own line (the model splits them): the
    notice's body, and a chapter's principles."""
    return path == ("document", "notice", "body") or (len(path) == 3 and path[::2] == ("chapters", "principles"))


def visible_characters(report: Reporter, data: dict) -> None:
    """Every text holds only characters a reader sees: no control, zero-width or direction
    characters, and no line breaks (each text is one line or one paragraph)."""

    def walk(value: object, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str):
            lines = value.split("\n") if holds_paragraphs(path) else [value]
            if len(lines) > 1 and any(not line.strip() for line in lines):
                report(path, "这段文字中有空行，或以换行开头或结尾：删除空行", "bad-character")
            text = "".join(lines)
            found = characters.first_unseen(text)
            if found is not None:
                char = text[found]
                advice = "：删除它" if char != "\n" else "：文字要写在一行内（块写法“|”会在末尾留下换行，去掉它）"
                report(path, f"第{found + 1}个字符是 {characters.describe(char)}{advice}", "bad-character")

    walk(data, ())


def working_groups(report: Reporter, data: dict) -> None:
    """The working groups are those the measure they cite sets up: each group's field and lead
    are named in its text, and every reference resolves; only goals' targets are assigned to them."""
    section = mapping_of(data.get("working_groups"))
    groups = [g for g in list_of(section, "groups") if isinstance(g, dict)]
    measures = {text_of(m, "id"): m for _, m in records(data, "measures")}
    departments = {text_of(d, "id"): d for _, d in records(data, "departments")}
    chapters = {text_of(c, "id") for _, c in records(data, "chapters")}
    stated_in = text_of(section, "stated_in")
    basis = measures.get(stated_in) if stated_in else None
    if stated_in and basis is None:
        report(("working_groups", "stated_in"), _unknown("measures", stated_in, measures), "unknown-reference")
    basis_text = text_of(basis, "text") or "" if basis else ""
    seen: dict[str, int] = {}
    for index, group in enumerate(list_of(section, "groups")):
        if not isinstance(group, dict):
            continue
        path = ("working_groups", "groups", index)
        group_id, name, lead = text_of(group, "id"), text_of(group, "name"), text_of(group, "lead")
        if group_id in seen:
            report(path + ("id",), f"编号 '{group_id}' 重复（第{seen[group_id]}行已经用过）", "duplicate-id")
        elif group_id:
            seen[group_id] = report.line_of(path + ("id",))
        if lead and lead not in departments:
            report(path + ("lead",), _unknown("departments", lead, departments), "unknown-reference")
        elif lead and basis_text:
            spellings = [text_of(departments[lead], "name"), *list_of(departments[lead], "aliases")]
            if not any(isinstance(n, str) and n in basis_text for n in spellings):
                report(path + ("lead",), f"措施 {stated_in} 的正文中没有写到单位 '{lead}'：核对原文", "working-group")
        if name and basis_text and name not in basis_text:
            report(path + ("name",), f"'{name}' 不在措施 {stated_in} 的正文中：工作组的名称要照原文写", "working-group")
        for position, chapter in enumerate(list_of(group, "chapters")):
            if isinstance(chapter, str) and chapter not in chapters:
                report(path + ("chapters", position), _unknown("chapters", chapter, chapters), "unknown-reference")
        for position, measure in enumerate(list_of(group, "measures")):
            if isinstance(measure, str) and measure not in measures:
                report(path + ("measures", position), _unknown("measures", measure, measures), "unknown-reference")
    known = {text_of(g, "id") for g in groups}
    for target_path, target in targets_of(data):
        group = text_of(target, "working_group")
        if group is None:
            continue
        if target_path[0] == "measures":
            report(
                target_path + ("working_group",),
                "措施的目标由该措施的牵头单位负责，不能再指定工作组：working_group 只用于主要目标",
                "working-group",
            )
        elif group not in known:
            report(
                target_path + ("working_group",),
                f"没有编号为 '{group}' 的工作组：先在 working_groups 中添加它",
                "unknown-reference",
            )


RULES = (visible_characters, unique_ids, numbering, references, unit_roles, department_names, working_groups)

"""The plan's rules about who does what: each measure's units in their roles, departments' names
and aliases, and working groups. They read the data with ``fields``' helpers, since it may
still be malformed."""

from __future__ import annotations

from plansite.data.fields import UNIT_ROLES, list_of, mapping_of, records, targets_of, text_of, unknown
from plansite.data.reporter import Reporter


def unit_roles(report: Reporter, data: dict) -> None:
    for index, measure in records(data, "measures"):
        if any(role in measure and not isinstance(measure[role], list) for role in UNIT_ROLES):
            continue
        lead, supporting, responsible = (list_of(measure, role) for role in UNIT_ROLES)
        for department in _texts(lead) & _texts(supporting):
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
        names = (
            [("name", text_of(department, "name"))]
            + [(("aliases", position), alias) for position, alias in enumerate(list_of(department, "aliases"))]
            + [
                (("former_names", position, "name"), text_of(mapping_of(former), "name"))
                for position, former in enumerate(list_of(department, "former_names"))
            ]
        )
        # A rename may change the full name alone: a former short name may be the current one.
        short = {text_of(department, "name")}
        for field, name in names:
            if not isinstance(name, str):
                continue
            field_path = field if isinstance(field, tuple) else (field,)
            if field_path[0] == "former_names" and name in short:
                continue
            if field_path[0] == "former_names":
                short.add(name)
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


def spellings_of(department: dict) -> list[object]:
    """The short names a department goes or went by: its name, its aliases, its former names."""
    former = [mapping_of(f).get("name") for f in list_of(department, "former_names")]
    return [department.get("name"), *list_of(department, "aliases"), *former]


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
        report(("working_groups", "stated_in"), unknown("measures", stated_in, measures), "unknown-reference")
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
            report(path + ("lead",), unknown("departments", lead, departments), "unknown-reference")
        elif lead and basis_text:
            spellings = spellings_of(departments[lead])
            if not any(isinstance(n, str) and n in basis_text for n in spellings):
                named = departments[lead].get("name")
                report(
                    path + ("lead",),
                    f"措施 {stated_in} 的正文中没有写到单位 '{lead}'（{named}）：核对这里的牵头单位；"
                    f"如果是这个单位在方案印发后更名了，在单位 {lead} 下用 former_names 登记原文的名称和更名日期"
                    "（CONTRIBUTING.md「单位更名」）",
                    "working-group",
                )
        if name and basis_text and name not in basis_text:
            report(path + ("name",), f"'{name}' 不在措施 {stated_in} 的正文中：工作组的名称要照原文写", "working-group")
        for position, chapter in enumerate(list_of(group, "chapters")):
            if isinstance(chapter, str) and chapter not in chapters:
                report(path + ("chapters", position), unknown("chapters", chapter, chapters), "unknown-reference")
        for position, measure in enumerate(list_of(group, "measures")):
            if isinstance(measure, str) and measure not in measures:
                report(path + ("measures", position), unknown("measures", measure, measures), "unknown-reference")
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


RULES = (unit_roles, department_names, working_groups)


def _texts(items: list) -> set[str]:
    """The text items of a list the schema may still refuse (a pasted mapping is no id)."""
    return {item for item in items if isinstance(item, str)}

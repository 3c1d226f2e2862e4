"""The rules about what follows the plan's publication: the documents related to it, the
office's verification of reports, the plan's validity (``document.validity``) and the renaming
of its departments."""

from __future__ import annotations

import datetime

from plansite.data.dated_rules import existing_date, parsed_date
from plansite.data.fields import list_of, mapping_of, records, reported_of, text_of, unknown
from plansite.data.load import DataPath
from plansite.data.reporter import Reporter

IN_FORCE = "现行有效"


def _within_plan(
    report: Reporter, path: DataPath, value: object, data: dict, what: str, rule: str
) -> datetime.date | None:
    """The date at ``path`` if it falls within the plan's life up to the data's as-of date;
    otherwise report it (``what`` names the record in the message) and return None."""
    date = existing_date(report, path, value)
    if date is None:
        return None  # no date, or a malformed one the schema reported
    signed = parsed_date(mapping_of(data.get("document")).get("signed"))
    progress = mapping_of(data.get("progress"))
    as_of = parsed_date(progress.get("as_of"))
    if as_of and signed and as_of < signed:
        as_of = None  # progress_rules reports it; measuring against it would only echo that
    if signed and date < signed:
        report(path, f"{what}的日期 {date} 早于方案的成文日期（{signed}）", rule)
    elif "as_of" not in progress:
        report(path, f"有了{what}，就要写数据截至日期：在 progress 下加上 as_of", rule)
    elif as_of and date > as_of:
        report(
            path, f"{what}的日期 {date} 晚于数据截至日期 {as_of}：把 progress.as_of 改为最新的日期，或改正日期", rule
        )
    else:
        return date
    return None


def related_documents(report: Reporter, data: dict) -> None:
    """Each document names measures and an issuer that exist, and is dated within the plan's life."""
    measures = {text_of(m, "id") for _, m in records(data, "measures")}
    departments = {text_of(d, "id") for _, d in records(data, "departments")}
    issuer = text_of(mapping_of(data.get("document")), "issuer")
    for index, document in records(data, "documents"):
        path = ("documents", index)
        for position, measure in enumerate(list_of(document, "measures")):
            if isinstance(measure, str) and measure not in measures:
                report(path + ("measures", position), unknown("measures", measure, measures), "unknown-reference")
        named = text_of(document, "issuer")
        if named is not None and named.strip() and named not in departments and named != issuer:
            plan_issuer = f"；由方案的发文机关印发的，写“{issuer}”" if issuer else ""
            report(path + ("issuer",), unknown("departments", named, departments, plan_issuer), "unknown-reference")
        _within_plan(report, path + ("date",), document.get("date"), data, "相关文件", "document-date")


def verifications(report: Reporter, data: dict) -> None:
    """A report is given, and a verification made, by a department; a verification after the
    report it checks and by the as-of date; one that finds a report 不属实 says why."""
    departments = {text_of(d, "id") for _, d in records(data, "departments")}
    verifier = mapping_of(data.get("progress")).get("verifier")
    if isinstance(verifier, str) and verifier not in departments:
        report(("progress", "verifier"), unknown("departments", verifier, departments), "unknown-reference")
    for target_path, target in reported_of(data):
        for index, record in enumerate(list_of(target, "progress")):
            reporter = mapping_of(record).get("by")
            if isinstance(reporter, str) and reporter not in departments:
                report(
                    target_path + ("progress", index, "by"),
                    unknown("departments", reporter, departments),
                    "unknown-reference",
                )
            check = mapping_of(mapping_of(record).get("verification"))
            if not check:
                continue
            path = target_path + ("progress", index, "verification")
            by = check.get("by")
            if isinstance(by, str) and by not in departments:
                report(path + ("by",), unknown("departments", by, departments), "unknown-reference")
            date = _within_plan(report, path + ("date",), check.get("date"), data, "核实", "verification-date")
            reported = parsed_date(mapping_of(record).get("date"))
            if date and reported and date < reported:
                report(path + ("date",), f"核实日期 {date} 早于它核实的报告（{reported}）", "verification-date")
            if check.get("result") == "不属实" and "note" not in check:
                report(path, "核实结果是“不属实”，要在 note 中写明哪里不属实", "verification-note")


def validity(report: Reporter, data: dict) -> None:
    """现行有效 since a date in the plan's life; any other status names the amendment that made it."""
    stated = mapping_of(mapping_of(data.get("document")).get("validity"))
    if not stated:
        return
    path: DataPath = ("document", "validity")
    status, by = stated.get("status"), stated.get("by")
    since = _within_plan(report, path + ("since",), stated.get("since"), data, "有效性", "document-date")
    kinds = {text_of(d, "id"): (text_of(d, "kind"), parsed_date(d.get("date"))) for _, d in records(data, "documents")}
    if status == IN_FORCE and by is not None:
        report(path + ("by",), "现行有效的方案没有修订它的文件：删去 by", "validity", at_key=True)
    elif isinstance(status, str) and status != IN_FORCE and by is None:
        report(
            path,
            f"有效性是“{status}”，要用 by 写明修订、废止或替代它的文件（documents 中 amendment 类文件的编号）",
            "validity",
        )
    elif isinstance(by, str) and by not in kinds:
        report(path + ("by",), f"没有编号为 '{by}' 的相关文件：先在 documents 中添加它", "unknown-reference")
    elif isinstance(by, str) and kinds[by][0] != "amendment":
        report(path + ("by",), f"'{by}' 不是修订、废止或替代类文件（kind: amendment）", "validity")
    elif isinstance(by, str) and since and (issued := kinds[by][1]) and since < issued:
        report(path + ("since",), f"{status}的日期 {since} 早于文件 '{by}' 的日期（{issued}）", "validity")


def renames(report: Reporter, data: dict) -> None:
    """A department renamed after the plan was signed: each rename dated within the plan's life
    up to the as-of date, oldest first."""
    for index, department in records(data, "departments"):
        previous = None
        for position, former in enumerate(list_of(department, "former_names")):
            path = ("departments", index, "former_names", position, "date")
            date = _within_plan(report, path, mapping_of(former).get("date"), data, "更名", "rename-date")
            if date and previous and date <= previous:
                report(path, f"更名按日期从早到晚登记，每次一条：这一次不晚于上一次（{previous}）", "rename-date")
            previous = date or previous


RULES = (related_documents, verifications, validity, renames)

"""The plan's own rules about targets, dates and progress reports."""

from __future__ import annotations

import datetime
import re
import unicodedata

from plansite.data.fields import int_of, list_of, mapping_of, owner_of, records, reported_of, targets_of, text_of
from plansite.data.load import DataPath
from plansite.data.numerals import date_in_numerals
from plansite.data.reporter import Reporter


def target_rules(report: Reporter, data: dict) -> None:
    document = mapping_of(data.get("document"))
    span = mapping_of(document.get("target_years"))
    first, last = int_of(span, "from"), int_of(span, "to")
    if first is not None and last is not None and first > last:
        report(("document", "target_years"), f"起止年份颠倒了：{first} 晚于 {last}", "year-span")
        first = last = None
    for path, target in targets_of(data):
        owner = owner_of(data, path)
        year, baseline = int_of(target, "year"), int_of(target, "baseline_year")
        if year is not None and first is not None and last is not None and not first <= year <= last:
            report(path + ("year",), f"{year} 超出了方案的期限 {first}—{last} 年", "target-year")
        if path[0] == "chapters" and year is not None and int_of(owner, "year") not in (None, year):
            report(path + ("year",), f"{year} 与所在目标段落的年份 {owner['year']} 不一致", "target-year")
        if baseline is not None and year is not None and baseline >= year:
            report(
                path + ("baseline_year",),
                f"基准年份 {baseline} 不早于目标年份 {year}",
                "baseline-year",
            )
        owner_id, target_id = text_of(owner, "id"), text_of(target, "id")
        if owner_id and target_id and not target_id.startswith(f"{owner_id}-t"):
            report(
                path + ("id",),
                f"目标编号 '{target_id}' 应当以 '{owner_id}-t' 开头（{owner_id} 是它所属的措施或目标段落）",
                "target-id",
            )
        clause, owner_text = text_of(target, "text"), text_of(owner, "text")
        if clause and owner_text and clause.strip() and _nfkc(clause) not in _nfkc(owner_text):
            report(
                path + ("text",),
                "这段原文不在它所属的正文中：请从正文中原样复制",
                "target-clause",
            )


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def document_rules(report: Reporter, data: dict) -> None:
    document = data.get("document")
    if not isinstance(document, dict):
        return
    dates: dict[str, datetime.date | None] = {}
    for key in ("signed", "published"):
        value = text_of(document, key)
        try:
            dates[key] = datetime.date.fromisoformat(value) if value else None
        except ValueError:
            report(("document", key), f"'{value}' 不是一个存在的日期", "bad-date")
    signed, published = dates.get("signed"), dates.get("published")
    written = text_of(document, "signed_as_written")
    if written and signed and date_in_numerals(written) != signed:
        report(("document", "signed_as_written"), f"“{written}”读出来不是成文日期 {signed}：两处要一致", "bad-date")
    if signed and published and published < signed:
        report(("document", "published"), "发布日期不能早于成文日期", "bad-date")
    progress = mapping_of(data.get("progress"))
    as_of = parsed_date(progress.get("as_of"))  # progress_rules reports an as-of date that is wrong
    if as_of and signed and as_of < signed:
        as_of = None
    for index, measure in records(data, "measures"):
        previous = None
        for position, correction in enumerate(list_of(measure, "corrections")):
            value = text_of(correction, "date") if isinstance(correction, dict) else None
            path = ("measures", index, "corrections", position, "date")
            try:
                date = datetime.date.fromisoformat(value) if value else None
            except ValueError:
                report(path, f"'{value}' 不是一个存在的日期", "bad-date")
                continue
            if date and published and date < published:
                report(path, f"更正日期不能早于方案的发布日期（{published}）", "bad-date")
            elif date and "as_of" not in progress:
                report(path, "有了更正记录，就要写数据截至日期：在 progress 下加上 as_of", "bad-date")
            elif date and as_of and date > as_of:
                report(
                    path,
                    f"更正日期晚于数据截至日期 {as_of}：把 progress.as_of 改为最新的日期，或改正更正日期",
                    "bad-date",
                )
            elif date and previous and date < previous:
                report(path, "更正记录按日期从早到晚排列：这一条比上一条早", "bad-date")
            previous = date or previous
    preamble = text_of(document, "preamble") or ""
    for index, basis in enumerate(list_of(document, "bases")):
        number = text_of(basis, "number") if isinstance(basis, dict) else None
        if number and preamble and number not in preamble:
            report(("document", "bases", index, "number"), f"前言中没有引用 '{number}'", "basis")


def parsed_date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def existing_date(report: Reporter, path: DataPath, value: object) -> datetime.date | None:
    """The date at ``path``, or None (reported) if it does not exist; malformed text was reported by the schema."""
    date = parsed_date(value)
    if date is None and isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        report(path, f"'{value}' 不是一个存在的日期", "bad-date")
    return date


def progress_rules(report: Reporter, data: dict) -> None:
    """Reports, on targets and on measures, must be dated within the plan's life up to the data's
    as-of date, oldest first; a target can only be reported missed once its year is over, and a
    measure complete once every target of it is."""
    document = mapping_of(data.get("document"))
    progress = mapping_of(data.get("progress"))
    signed = parsed_date(document.get("signed"))  # document_rules reports a signing date that is wrong
    as_of = existing_date(report, ("progress", "as_of"), progress.get("as_of"))
    if as_of and signed and as_of < signed:
        report(("progress", "as_of"), f"数据截至日期不能早于方案的成文日期（{signed}）", "bad-date")
        as_of = None
    for owner_path, owner in reported_of(data):
        year, previous = int_of(owner, "year") if owner_path[-2] == "targets" else None, None
        for index, record in enumerate(list_of(owner, "progress")):
            if not isinstance(record, dict):
                continue
            path = owner_path + ("progress", index)
            date = existing_date(report, path + ("date",), record.get("date"))
            if date is None:
                continue
            if signed and date < signed:
                report(path + ("date",), f"进度报告的日期不能早于方案的成文日期（{signed}）", "progress-date")
            elif "as_of" not in progress:
                report(path + ("date",), "有了进度报告，就要写数据截至日期：在 progress 下加上 as_of", "progress-date")
            elif as_of and date > as_of:
                report(
                    path + ("date",),
                    f"这条报告的日期晚于数据截至日期 {as_of}：把 progress.as_of 改为最新的日期，或改正报告日期",
                    "progress-date",
                )
            elif previous and date <= previous:
                report(
                    path + ("date",),
                    f"进度记录按日期从早到晚排列，每个日期一条：这一条不晚于上一条（{previous}）",
                    "progress-date",
                )
            if record.get("status") == "未按期完成" and year is not None and date <= datetime.date(year, 12, 31):
                report(
                    path + ("status",),
                    f"{year}年到期的目标，在该年结束之前不能报告“未按期完成”（报告日期 {date}）",
                    "missed-early",
                )
            if owner_path[-2] == "measures" and record.get("status") == "已完成":
                _complete_with_targets(report, path, date, owner)
            previous = date


def _complete_with_targets(report: Reporter, path: DataPath, date: datetime.date, measure: dict) -> None:
    """A measure reported 已完成 on ``date``: each of its targets must have been reported 已完成 by then."""
    open_targets = []
    for target in list_of(measure, "targets"):
        reports = [r for r in list_of(mapping_of(target), "progress") if isinstance(r, dict)]
        done = any(r.get("status") == "已完成" and (parsed_date(r.get("date")) or date) <= date for r in reports)
        if not done and text_of(mapping_of(target), "id"):
            open_targets.append(target["id"])
    if open_targets:
        report(
            path + ("status",),
            f"本项措施的目标 {'、'.join(open_targets)} 到 {date} 还没有报告“已完成”："
            "有目标的措施，要等目标全部完成才能报告“已完成”，在此之前写“推进中”",
            "measure-completed",
        )


RULES = (target_rules, document_rules, progress_rules)

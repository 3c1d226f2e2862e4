"""Target deadlines as iCalendar files (RFC 5545): one per department, one for the whole plan.

A department subscribes to its own file's address in its calendar program and sees each of its
targets as an all-day event on its deadline and, where the data sets a reporting cycle, the days
its ledger is due as one recurring event. Events keep the target's id as their UID, so an
updated file changes events instead of duplicating them, and DTSTAMP is the data's as-of date,
so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from plansite import urls
from plansite.data.reporting import PERIOD_MONTHS
from plansite.site.catalog import Catalog
from plansite.site.entries import Commitment, DepartmentEntry

_LINE_OCTETS = 75


def files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """The plan's calendar and each department's: path → text."""
    out = {
        urls.source("plan-calendar"): _calendar(
            f"{catalog.plan.document.title}：全部目标任务", [(c, "") for c in catalog.commitments], catalog, site_url
        )
    }
    for entry in catalog.departments.values():
        out[urls.source("calendar", entry.department.id)] = department_calendar(entry, catalog, site_url)
    return out


def department_calendar(entry: DepartmentEntry, catalog: Catalog, site_url: str) -> str:
    """The targets it leads (or is responsible for), then those it supports, each marked with its
    role; then, with a reporting cycle, the days its ledger is due."""
    own = ((c, "【牵头】") for c in entry.own_commitments)
    supported = ((c, "【配合】") for c in entry.supported_commitments)
    name = f"{entry.department.name}：{catalog.plan.document.title}目标任务"
    return _calendar(name, (*own, *supported), catalog, site_url, _report_days(entry, catalog, site_url))


def _report_days(entry: DepartmentEntry, catalog: Catalog, site_url: str) -> list[str]:
    """The days the department's ledger is due, from the next one to the plan's last year, as one
    recurring event (RFC 5545 RRULE): none without a cycle or a measure it reports on."""
    reporting = catalog.reporting
    if reporting is None or not entry.reported_measures:
        return []
    office = catalog.plan.office
    months = PERIOD_MONTHS[reporting.cycle.period]
    description = (
        f"按报送周期（{reporting.cycle.text}），填好本单位的任务台账，交回{office}："
        f"牵头或负责的{len(entry.reported_measures)}项措施及其目标任务的进展。\n{site_url}{entry.url}"
    )
    return [
        "BEGIN:VEVENT",
        f"UID:report-{entry.department.id}@{urls.host(site_url)}",
        f"DTSTAMP:{_stamp(catalog)}",
        f"DTSTART;VALUE=DATE:{reporting.next_due.strftime('%Y%m%d')}",
        f"RRULE:FREQ=MONTHLY;INTERVAL={months};BYMONTHDAY={reporting.cycle.day};UNTIL={catalog.plan.document.last_year}1231",
        f"SUMMARY:{_text(f'【报送】{entry.department.name}任务台账')}",
        f"DESCRIPTION:{_text(description)}",
        f"URL:{site_url}{entry.url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _stamp(catalog: Catalog) -> str:
    """The data's date, not the build's, so a calendar rebuilds byte for byte."""
    return (catalog.plan.as_of or catalog.plan.document.signed).strftime("%Y%m%dT000000Z")


def _calendar(
    name: str,
    events: Iterable[tuple[Commitment, str]],
    catalog: Catalog,
    site_url: str,
    more: list[str] | None = None,
) -> str:
    plan = catalog.plan
    host = urls.host(site_url)
    stamp = _stamp(catalog)
    data_date = f"数据截至{plan.as_of.isoformat()}" if plan.as_of else "尚未开始收集进度"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//plansite//policy plan deadlines//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for commitment, role in events:
        target = commitment.target
        url = f"{site_url}{commitment.url}"
        report = target.latest
        status = target.status_label + (f"（{report.date.isoformat()}报告）" if report else "")
        description = "\n".join(
            [
                f"出处：{commitment.source_label}",
                f"原文：{target.text}",
                *([f"目标值：{target.value_text}"] if target.value_text else []),
                f"进度：{status}（{data_date}）",
                url,
            ]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{target.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{target.deadline.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(target.deadline + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_text(f'{role}{target.year}年到期：{target.indicator}')}",
            f"DESCRIPTION:{_text(description)}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines += more or []
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 requires: line breaks written as \\n, and no other
    control character, which TEXT may not hold (the validator refuses them in the data too)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROLS.sub("", escaped)


_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a character."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, _LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to the character's start
            end -= 1
        parts.append(data[start:end])
        start, limit = end, _LINE_OCTETS - 1  # continuation lines begin with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")

"""A date cell of a returned ledger, read as clerks type dates: a real Excel date, 2026-12-01,
2026/12/1, 2026.12.1, 2026年12月1日 (or 1号), 20261201, 二〇二六年十二月一日, in full-width
characters from a Chinese input method, with spaces around or a time after it.

A date that names no single day is refused with the text as it was typed and the form to write:
a two-digit year (26-12-1) or a month and day without a year (12月1日) could mean more than one
day, and a day that no calendar has (2026年2月30日) is said to be so.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from plansite.data.numerals import date_in_numerals

EXAMPLE = "2026-12-01"
# What openpyxl gives for a number in a date-formatted cell that is no date.
NOT_A_DATE = "#VALUE!"
ADVICE = f"请写成 {EXAMPLE} 这样的年-月-日"

# NFKC has made full-width digits, separators and spaces ASCII before these are tried.
_FORMS = (
    re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"),
    re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]?"),
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
)
_TWO_DIGIT_YEAR = re.compile(r"\d{2}([-/.])\d{1,2}\1\d{1,2}|\d{2}年\d{1,2}月\d{1,2}[日号]?")
_NO_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}|\d{1,2}月\d{1,2}[日号]?")
# A time typed after the date (2026-12-01 09:30, 2026-12-01T09:30:00), which the report does not keep.
_TIME = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
# Separators a Chinese input method gives for "." and "-" (。、—), and the spaces between numbers.
_SEPARATORS = re.compile(r"(?<=\d)(?:\s*[。、—–]\s*|\s+)(?=\d)")
# A weekday written after the date, in brackets or not (（星期二）, 周二): checked against the date.
_WEEKDAY = re.compile(r"[(（]?(?:星期|周|礼拜)(?P<day>[一二三四五六日天])[)）]?$")
_WEEKDAYS = "一二三四五六日"


class UnreadableDate(ValueError):
    """A date cell that names no single day; its message says why, in Chinese, after the column's name."""


def date_in(value: Any) -> datetime.date:
    """The day ``value`` names; raises UnreadableDate with the reason when it names none."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 20261201 typed into a number cell
    typed = "" if value is None else str(value).strip()
    if not typed:
        raise UnreadableDate(f"是空的：{ADVICE}")
    if typed == NOT_A_DATE:
        raise UnreadableDate(f"这一格是一个数字，不是日期（格子设成了日期格式，数字却不是任何一天）：{ADVICE}")
    text = _TIME.sub("", unicodedata.normalize("NFKC", typed).strip())
    text = _SEPARATORS.sub(".", text).rstrip("。.")
    weekday = _WEEKDAY.search(text.replace(" ", ""))
    text = re.sub(r"\s+", "", _WEEKDAY.sub("", text.replace(" ", "")) if weekday else text)
    for form in _FORMS:
        if match := form.fullmatch(text):
            return _on_weekday(_day(int(match["year"]), int(match["month"]), int(match["day"]), typed), weekday, typed)
    if date := date_in_numerals(text.removesuffix("号") + ("日" if text.endswith("号") else "")):
        return date
    if _TWO_DIGIT_YEAR.fullmatch(text):
        raise UnreadableDate(f"“{typed}”的年份只有两位，看不出是哪一年：{ADVICE}")
    if _NO_YEAR.fullmatch(text):
        raise UnreadableDate(f"“{typed}”没有写年份：{ADVICE}")
    raise UnreadableDate(f"“{typed}”看不出是哪一天：{ADVICE}")


def _on_weekday(date: datetime.date, weekday: re.Match[str] | None, typed: str) -> datetime.date:
    """``date``, if the weekday typed after it (if any) is its own."""
    if weekday and _WEEKDAYS[date.weekday()] != weekday["day"].replace("天", "日"):
        raise UnreadableDate(f"“{typed}”的日期和星期对不上（{date} 是星期{_WEEKDAYS[date.weekday()]}）：{ADVICE}")
    return date


def _day(year: int, month: int, day: int, typed: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise UnreadableDate(f"“{typed}”不是一个存在的日期：请核对月和日") from None


def read_date(value: Any, label: str, cell: str, problems: list[str]) -> datetime.date | None:
    """The date of a ledger's date cell, or None with the reason reported at ``cell``
    (``F7: 填报日期“12月初”看不出是哪一天：…``)."""
    try:
        return date_in(value)
    except UnreadableDate as error:
        problems.append(f"{cell}: {label}{error}")
        return None

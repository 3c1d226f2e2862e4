"""Reading the front of a plan's text: the covering notice (title, 文号, addressees, body,
issuer, date, disclosure) and a plan's title set over two lines. Part of the importer."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from plansite.data.numerals import date_in_numerals

_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# A line that names an issuer: an organ's name, no sentence punctuation.
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:政府|委员会|厅|局|部|委|署|院|办公室|行|会)$")
# A signing date that lost its 年月日 in the capture, such as 2024729.
_DIGITS_DATE = re.compile(r"^\d{4}\d{1,2}\d{1,2}$")
_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]+〔\d{4}〕\d+号$")
_DISCLOSURE = re.compile(r"^[(（](此件.+)[)）]$")


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    text: str


# How a plan's title ends: the kinds of document these plans are.
_TITLE_END = ("方案", "计划", "措施", "意见", "办法", "规划")


def first_line_of_title(lines: list[Line], index: int, rest: str) -> bool:
    """Whether line ``index`` is the first line of a title set over two: a line that ends no
    sentence and closes no notice, right after the notice's end (or at the very start), whose
    title, joined to ``rest``, ends as a plan's title does."""
    if index < 0:
        return False
    text = lines[index].text
    before = lines[index - 1].text if index else ""
    ends_notice = index == 0 or bool(_DISCLOSURE.match(before) or _DATE_LINE.match(before))
    return (
        ends_notice
        and not (_DISCLOSURE.match(text) or _DATE_LINE.match(text) or _NUMBER_LINE.match(text) or is_addressees(text))
        and not re.search(r"[。；;，,]", text)
        and not text.endswith(_TITLE_END)
        and len(text + rest) <= 60
        and (text + rest).endswith(_TITLE_END)
    )


def notice(lines: list[Line], problems: list[tuple[int, str]], title_line: int) -> dict[str, Any]:
    if not lines:
        # Without the notice the draft would have no issuer and no date, and could not be built.
        problems.append(
            (
                title_line,
                "原文应从印发通知开始（通知的标题或主送机关），通知末尾有发文机关和成文日期；"
                "这份文本从方案标题开始，找不到发文机关和成文日期。请从政府网站的文件页面复制全文",
            )
        )
        return {}
    notice: dict[str, Any] = {}
    rest = lines
    # Official pages begin at the addressees: the notice then has no title.
    if not is_addressees(rest[0].text):
        # When unsure, refuse: a news report's lead or half of a title would pass for the notice.
        if not rest[0].text.endswith("通知"):
            problems.append(
                (
                    rest[0].number,
                    "方案标题之前应是印发通知，第一行是通知的标题（以“通知”结尾）或主送机关（以“：”结尾）；"
                    "这一行都不是。如果前面是新闻导语，请在正文开始前加一行“全文如下：”",
                )
            )
            return {}
        notice["title"], rest = rest[0].text, rest[1:]
    # A 文号 line under the title: the document's number.
    if rest and _NUMBER_LINE.match(rest[0].text):
        notice["number"], notice["number_line"], rest = rest[0].text, True, rest[1:]
    if rest and is_addressees(rest[0].text):
        notice["addressees"] = rest[0].text
        rest = rest[1:]
    if rest and (found := _DISCLOSURE.match(rest[-1].text)):
        notice["disclosure"] = found.group(1)
        rest = rest[:-1]
    in_numerals = date_in_numerals(rest[-1].text) if len(rest) >= 2 else None
    if len(rest) >= 2 and ((date := _DATE_LINE.match(rest[-1].text)) or in_numerals):
        if date:
            year, month, day = (int(part) for part in date.groups())
            notice["signed"] = datetime.date(year, month, day)
        else:
            # 二〇二四年六月二十一日: the date, and the line as written, which the text rebuilds.
            notice["signed"], notice["signed_as_written"] = in_numerals, rest[-1].text
        notice["issuer"] = rest[-2].text
        rest = rest[:-2]
        # Several issuers sign on lines of their own: the one above would be read as the body.
        if rest and _ISSUER_LINE.match(rest[-1].text):
            problems.append(
                (
                    rest[-1].number,
                    f"发文机关好像分成了多行（“{rest[-1].text}”和“{notice['issuer']}”）：暂不支持多个发文机关联合印发的通知。"
                    "如果这一行其实是通知正文，请在句末加上“。”",
                )
            )
    elif rest and _DIGITS_DATE.match(rest[-1].text):
        problems.append(
            (
                rest[-1].number,
                f"成文日期“{rest[-1].text}”缺少“年”“月”“日”，读不准是哪一天：请按原件写成“2024年7月29日”的形式",
            )
        )
    else:
        last = rest[-1] if rest else lines[0]
        problems.append(
            (
                last.number,
                "通知的末尾应是发文机关一行和成文日期一行（如“2024年6月21日”），其后可有“（此件公开发布）”；"
                "这里没有找到",
            )
        )
    notice["body"] = "\n".join(line.text for line in rest)
    return notice


def is_addressees(text: str) -> bool:
    return text.endswith((":", "：")) and not text.startswith("全文如下")

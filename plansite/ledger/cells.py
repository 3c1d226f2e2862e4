"""Reading a returned ledger's cells, whichever ledger it is: where its header row is, the bounds
of a row, text, dates (``dates``), links."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from openpyxl.utils import get_column_letter

from plansite.ledger.dates import UnreadableDate, date_in

# What a ledger's sheet may hold, far beyond any real one (see ``read`` for the file's bounds).
MAX_ROWS = 20_000
MAX_COLUMNS = 30
# The longest text the data holds (a paragraph); a note's own limit is checked with the merged data.
MAX_CELL_CHARS = 2000
# The header row follows the notes on how to fill the ledger in and return it; a ledger
# downloaded before there were notes has it first.
HEADER_SEARCH_ROWS = 10
_URL = re.compile(r"https?://\S+")


def header_row(rows: Iterator[tuple[Any, ...]], accepted: Iterable[tuple[str, ...]]) -> int | None:
    """The number of the row among the first few of ``rows`` that holds one of the ``accepted``
    headers, ``rows`` left just after it; None if none does."""
    accepted = tuple(accepted)
    for number, row in enumerate(islice(rows, HEADER_SEARCH_ROWS), start=1):
        if any(tuple(text_of(value) for value in row[: len(headers)]) == headers for headers in accepted):
            return number
    return None


def filled_rows(
    rows: Iterable[tuple[Any, ...]], headers: tuple[str, ...], name: str, problems: list[str], start: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row within a ledger's bounds from row ``start`` on, by its number and its cells under
    ``headers``; a row beyond them is reported at its cell (``excess``), and reading stops past the last row."""
    for number, row in enumerate(rows, start=start):
        if excess(row, number, name, problems):
            if number > MAX_ROWS:
                return
            continue
        yield number, dict(zip(headers, row, strict=False))


def excess(row: tuple[Any, ...], number: int, name: str, problems: list[str]) -> bool:
    """Whether ``row`` goes beyond what a ledger holds: each excess reported at its cell."""
    if not any(value is not None for value in row):
        return False
    if number > MAX_ROWS:
        problems.append(f"{name}!A{number}: 台账最多 {MAX_ROWS} 行：这一行及以下没有读取，请删去多余的行")
        return True
    found = False
    if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
        column = get_column_letter(MAX_COLUMNS + 1)
        problems.append(f"{name}!{column}{number}: 台账最多 {MAX_COLUMNS} 列：请删去这一格，进度只填在四个黄色列中")
        found = True
    for index, value in enumerate(row[:MAX_COLUMNS]):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            column = get_column_letter(index + 1)
            problems.append(
                f"{name}!{column}{number}: 这一格有 {len(value)} 个字符，一格最多 {MAX_CELL_CHARS} 个："
                "进展说明请写要点，详细材料放在佐证材料链接中"
            )
            found = True
    return found


def url_problem(text: str) -> str | None:
    """Why a filled link cell is refused, if it is."""
    return "链接应是以 http:// 或 https:// 开头的网址" if text and not _URL.fullmatch(text) else None


# A note's limit in the data (schema/measures.schema.json, $defs/note).
MAX_NOTE_CHARS = 200


def note_problem(note: str) -> str | None:
    """Why a filled note is refused, in a clerk's words, before the merged data's check would say
    it in an editor's: a line break typed with Alt+Enter, or too long a text."""
    if "\n" in note or "\r" in note:
        return "中有换行：请写成一段，不要在格子里按 Alt+Enter 换行"
    if len(note) > MAX_NOTE_CHARS:
        return f"有 {len(note)} 个字，最多 {MAX_NOTE_CHARS} 个：请写要点，详细材料放在佐证材料链接中"
    return None


def evidence_title(url: str) -> str:
    """A link's words, where a ledger gives only its address: the site it is on, so that a page
    reads 佐证材料：www.example.gov.cn rather than the column's name twice."""
    return urlsplit(url).hostname or url


def text_of(value: Any) -> str:
    return "" if value is None else str(value).strip()


def date_of(value: Any) -> datetime.date | None:
    """The day a date cell names, however it was typed (``dates``); None if it names none."""
    try:
        return date_in(value)
    except UnreadableDate:
        return None

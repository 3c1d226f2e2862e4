"""The document itself, as the plan's model holds it: its official record, notice and bases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from plansite.data.follow_up import Validity


@dataclass(frozen=True, kw_only=True, slots=True)
class Basis:
    title: str
    number: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Notice:
    title: str | None = None
    addressees: str
    # Its paragraphs, one per line: the only text in the data that may hold line breaks.
    body: str
    # Whether the document's number stands on a line of its own under the title.
    number_line: bool = False

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.body.split("\n"))


@dataclass(frozen=True, kw_only=True, slots=True)
class LocalGovernments:
    name: str
    clause: str
    stated_in: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    title: str
    issuer: str
    signed: datetime.date
    # Where the text writes the date in Chinese numerals (二〇二四年六月二十一日): that line.
    signed_as_written: str | None = None
    # None in a first draft: the text never states when it was published.
    published: datetime.date | None
    # None where the text states no 公开方式.
    disclosure: str | None
    bases: tuple[Basis, ...]
    first_year: int
    last_year: int
    notice: Notice
    preamble: str
    local_governments: LocalGovernments | None
    # Where the text sets the title over two lines: the length of its first line.
    title_break: int | None = None
    # The official record, as the government's own page of the document gives it (where known).
    number: str | None = None
    index_number: str | None = None
    subject: str | None = None
    official_page: str | None = None
    # None where the data does not record it: the site then states no validity.
    validity: Validity | None = None

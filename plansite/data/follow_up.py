"""What follows a plan's publication: the documents issued about it, and whether it is still in
force. (A report's verification belongs to the report, in ``targets``.)"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from plansite import urls
from plansite.data.departments import Department
from plansite.data.measures import Measure
from plansite.data.numerals import zh_date

DocumentKind = Literal["interpretation", "implementing", "amendment"]
# Each kind of related document's label, in the order /documents/ lists them.
DOCUMENT_KINDS: Mapping[str, str] = MappingProxyType(
    {"interpretation": "政策解读", "implementing": "配套文件和实施细则", "amendment": "修订、废止和替代文件"}
)


@dataclass(frozen=True, kw_only=True, slots=True)
class RelatedDocument:
    """A document issued after the plan that explains it, carries it out or changes it."""

    id: str
    kind: DocumentKind
    title: str
    number: str | None
    # The department that issued it; None when the plan's own issuer did (issuer_name says who).
    issuer: Department | None
    issuer_name: str
    date: datetime.date
    url: str
    # The measures it concerns; empty for the whole plan.
    measures: tuple[Measure, ...]

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS[self.kind]

    @property
    def anchor(self) -> str:
        """Its place on the documents page."""
        return urls.source("documents") + "#" + self.id

    @property
    def cited(self) -> str:
        """Its title in 《》 (unless it opens with one already) and its number: how a sentence names it."""
        title = self.title if self.title.startswith("《") else f"《{self.title}》"
        return title + (f"（{self.number}）" if self.number else "")


ValidityStatus = Literal["现行有效", "已修订", "已废止", "已失效"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Validity:
    """Whether the plan is in force (有效性), since when, and the document that changed it."""

    status: ValidityStatus
    since: datetime.date
    by: RelatedDocument | None

    @property
    def in_force(self) -> bool:
        return self.status == "现行有效"

    @property
    def notice(self) -> str | None:
        """What every page says of a plan no longer in force; None while it is."""
        if self.in_force or self.by is None:
            return None
        return (
            f"本方案已于{zh_date(self.since)}{self.status.removeprefix('已')}。"
            f"依据：{self.by.issuer_name}印发的{self.by.cited}。本站所列是方案印发时的原文，仅供查阅。"
        )

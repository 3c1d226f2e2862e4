"""The date the data's progress is as of (数据截至), worded once for every page that states it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from plansite.data.numerals import zh_date


@dataclass(frozen=True, kw_only=True, slots=True)
class AsOf:
    """The date the data's progress is as of (数据截至), worded once for every page that states it."""

    date: datetime.date | None
    label: ClassVar[str] = "数据截至"

    @property
    def date_text(self) -> str:
        """The date in Chinese, or nothing without one."""
        return zh_date(self.date) if self.date else ""

    @property
    def text(self) -> str:
        """数据截至 and the date; while a first draft collects no progress, saying so."""
        return self.label + self.date_text if self.date else "尚未开始收集进度"

    @property
    def since(self) -> str:
        """截至 and the date, opening a sentence, or nothing without a date."""
        return f"截至{self.date_text}，" if self.date else ""

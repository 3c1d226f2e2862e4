"""The reporting cycle (``progress.cycle``): when departments report, and, by the data's as-of date,
which report was due last, which is due next, and from when a report counts as this cycle's.

Departments report every month or every quarter, by a day of the period: ``day: 25`` monthly is
the 25th of every month (每月25日前), ``day: 10`` quarterly the 10th of each quarter's first month,
January, April, July and October (每季度首月10日前). Only due dates after the plan was signed
count. Everything is judged against the as-of date, never the build date, so builds reproduce;
without a cycle nothing is late.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Period = Literal["monthly", "quarterly"]
PERIOD_MONTHS: Mapping[str, int] = MappingProxyType({"monthly": 1, "quarterly": 3})


@dataclass(frozen=True, kw_only=True, slots=True)
class Cycle:
    period: Period
    # The day of the period (of its first month) its report is due: 1 to 28, so every month has it.
    day: int

    @property
    def text(self) -> str:
        """How often and by when, as a notice words it: 每月25日前, 每年1月、4月、7月、10月的10日前."""
        return f"每月{self.day}日前" if self.period == "monthly" else f"每年1月、4月、7月、10月的{self.day}日前"

    def last_due(self, date: datetime.date) -> datetime.date:
        """The latest due date on or before ``date``."""
        months = PERIOD_MONTHS[self.period]
        index = date.year * 12 + date.month - 1
        index -= index % months
        due = _month(index, self.day)
        return due if due <= date else _month(index - months, self.day)

    def next_due(self, date: datetime.date) -> datetime.date:
        """The first due date after ``date``."""
        last = self.last_due(date)
        return _month(last.year * 12 + last.month - 1 + PERIOD_MONTHS[self.period], self.day)

    def previous_due(self, due: datetime.date) -> datetime.date:
        return _month(due.year * 12 + due.month - 1 - PERIOD_MONTHS[self.period], self.day)


def _month(index: int, day: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, day)


@dataclass(frozen=True, kw_only=True, slots=True)
class Standing:
    """The cycle seen from the as-of date."""

    cycle: Cycle
    # The report due last, on or before the as-of date; None while none has fallen due since signing.
    last_due: datetime.date | None
    next_due: datetime.date
    # A report dated on or after this counts for the cycle that ended at last_due (or any later).
    counts_from: datetime.date | None

    def is_current(self, reported: datetime.date | None) -> bool:
        """Whether a latest report of this date keeps its measure up to date: nothing is late before
        the first due date."""
        if self.counts_from is None:
            return True
        return reported is not None and reported >= self.counts_from


def standing(cycle: Cycle | None, as_of: datetime.date | None, signed: datetime.date) -> Standing | None:
    """Where the cycle stands at ``as_of``: None without a cycle or an as-of date (nothing is late)."""
    if cycle is None or as_of is None:
        return None
    last = cycle.last_due(as_of)
    if last <= signed:
        return Standing(cycle=cycle, last_due=None, next_due=cycle.next_due(as_of), counts_from=None)
    previous = cycle.previous_due(last)
    return Standing(
        cycle=cycle,
        last_due=last,
        next_due=cycle.next_due(as_of),
        counts_from=previous + datetime.timedelta(days=1) if previous > signed else signed,
    )

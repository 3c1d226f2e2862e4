"""A dated commitment of the plan, and the reports of progress that targets and measures carry."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from plansite.data import numerals
from plansite.data.departments import Department

Qualifier = Literal["左右", "以上", "超过", "约", "力争"]
# A delivery status: "unreported" until its department files a first report. A target may be
# "missed" once its year is over; a measure, which has no end date, may be "ongoing" (持续推进,
# a standing duty such as 加强组织领导, never done).
Status = Literal["unreported", "not-started", "in-progress", "ongoing", "completed", "missed"]


# In the order the dashboard counts them; the labels are what editors write in the data.
STATUS_LABELS: Mapping[Status, str] = MappingProxyType(
    {
        "unreported": "未填报",
        "not-started": "未启动",
        "in-progress": "推进中",
        "completed": "已完成",
        "missed": "未按期完成",
    }
)
# A measure's statuses, in the order the dashboard counts them.
MEASURE_STATUS_LABELS: Mapping[Status, str] = MappingProxyType(
    {
        "unreported": "未填报",
        "not-started": "未启动",
        "in-progress": "推进中",
        "ongoing": "持续推进",
        "completed": "已完成",
    }
)
# Every status's label, in one order: the icons and styles of both kinds.
ALL_STATUS_LABELS: Mapping[Status, str] = MappingProxyType({**STATUS_LABELS, "ongoing": "持续推进"})
_STATUS_BY_LABEL: Mapping[str, Status] = {label: status for status, label in ALL_STATUS_LABELS.items()}
# Qualifiers that read before the figure (约20公里) rather than after it (40%左右).
_LEADING_QUALIFIERS = frozenset({"约", "超过", "力争"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    url: str
    title: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Verification:
    """The check of a report by the office that supervises delivery."""

    date: datetime.date
    by: Department
    confirmed: bool  # 属实; False is 不属实
    note: str | None
    evidence: tuple[Evidence, ...]

    @property
    def result(self) -> str:
        return "属实" if self.confirmed else "不属实"

    @property
    def label(self) -> str:
        return "已核实" if self.confirmed else "核实不属实"


# A report's standing with the office, in the order the dashboard counts them.
CHECK_LABELS: Mapping[str, str] = MappingProxyType(
    {"verified": "已核实", "disputed": "核实不属实", "awaiting": "待核实"}
)


@dataclass(frozen=True, kw_only=True, slots=True)
class ProgressRecord:
    """One report of a target's status, dated as of the day it describes."""

    date: datetime.date
    status: Status
    note: str | None
    evidence: tuple[Evidence, ...]
    verification: Verification | None = None
    # The department that gave it, where the data records it (several may report on one item).
    by: Department | None = None

    @property
    def status_label(self) -> str:
        return ALL_STATUS_LABELS[self.status]

    @property
    def check(self) -> str:
        """verified, disputed or awaiting (a key of CHECK_LABELS)."""
        if self.verification is None:
            return "awaiting"
        return "verified" if self.verification.confirmed else "disputed"

    @property
    def check_label(self) -> str:
        return CHECK_LABELS[self.check]


class Reported:
    """What a record that carries progress reports (a target, a measure) says of them: the latest
    report is its status, and without any it is 未填报."""

    __slots__ = ()
    # Reports, oldest first.
    history: tuple[ProgressRecord, ...]

    @property
    def latest(self) -> ProgressRecord | None:
        return self.history[-1] if self.history else None

    @property
    def status(self) -> Status:
        return self.history[-1].status if self.history else "unreported"

    @property
    def status_label(self) -> str:
        return ALL_STATUS_LABELS[self.status]


@dataclass(frozen=True, kw_only=True, slots=True)
class Target(Reported):
    id: str
    year: int
    text: str
    indicator: str
    value: int | float | None
    unit: str | None
    qualifier: Qualifier | None
    baseline_year: int | None
    # Reports, oldest first; the last one is the current status.
    history: tuple[ProgressRecord, ...]
    # For a goal's target: the id of the working group of its field, which answers for it.
    working_group: str | None = None

    @property
    def deadline(self) -> datetime.date:
        """ "到2025年" means by the end of 2025."""
        return datetime.date(self.year, 12, 31)

    @property
    def value_text(self) -> str | None:
        """The committed figure as the plan words it: '40%左右', '约20公里'; None if qualitative."""
        if self.value is None:
            return None
        figure = numerals.figure(self.value) + (self.unit or "")
        if self.qualifier is None:
            return figure
        return self.qualifier + figure if self.qualifier in _LEADING_QUALIFIERS else figure + self.qualifier


def target_from(t: Mapping[str, Any], departments: Mapping[str, Department]) -> Target:
    return Target(
        id=t["id"],
        year=t["year"],
        text=t["text"],
        indicator=t["indicator"],
        value=t["value"],
        unit=t.get("unit"),
        qualifier=t.get("qualifier"),
        baseline_year=t.get("baseline_year"),
        history=progress_history(t, departments),
        working_group=t.get("working_group"),
    )


def progress_history(reported: Mapping[str, Any], departments: Mapping[str, Department]) -> tuple[ProgressRecord, ...]:
    """The reports a target's or a measure's ``progress`` holds, oldest first."""
    return tuple(_progress_record(r, departments) for r in reported.get("progress", ()))


def _progress_record(r: Mapping[str, Any], departments: Mapping[str, Department]) -> ProgressRecord:
    check = r.get("verification")
    return ProgressRecord(
        date=datetime.date.fromisoformat(r["date"]),
        status=_STATUS_BY_LABEL[r["status"]],
        note=r.get("note"),
        evidence=_evidence(r),
        by=departments[r["by"]] if "by" in r else None,
        verification=Verification(
            date=datetime.date.fromisoformat(check["date"]),
            by=departments[check["by"]],
            confirmed=check["result"] == "属实",
            note=check.get("note"),
            evidence=_evidence(check),
        )
        if check
        else None,
    )


def _evidence(r: Mapping[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence(url=e["url"], title=e["title"]) for e in r.get("evidence", ()))

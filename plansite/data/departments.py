"""A department of the plan's registry: its names and its kind.

A department has a short name (``name``, what the site calls it today), a full name, the other
spellings the text uses for it (``aliases``, which a measure picks with ``written_as``), and the
names it went by before a rename (``former_names``, each with the day it gave way). The plan's
text names a department as it was called when the plan was signed, so its unit clauses are
rebuilt from ``plan_name``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from plansite import urls

DepartmentKind = Literal[
    "government-office", "municipal-department", "public-institution", "central-branch", "cooperative"
]
# Each kind's label and the order kinds are listed in; a plan's data may word a label its own
# way (department_kinds: central-branch: 中央和省驻长单位, say).
KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "government-office": "市政府办事机构",
        "municipal-department": "市政府工作部门",
        "public-institution": "事业单位",
        "central-branch": "中央和省驻市单位",
        "cooperative": "合作经济组织",
    }
)
# A first draft's departments have no kind until an editor sorts them.
UNSORTED_LABEL = "尚未归类的单位"


@dataclass(frozen=True, kw_only=True, slots=True)
class FormerName:
    """A name the department went by until ``date``, the day it took its next one."""

    name: str
    full_name: str | None
    date: datetime.date


@dataclass(frozen=True, kw_only=True, slots=True)
class Rename:
    """A department's change of name, as its page and the changes page tell it."""

    date: datetime.date
    former: FormerName
    # The short and full names it took that day.
    to: str
    to_full: str | None

    @property
    def told(self) -> tuple[str, str]:
        """The names it is told by, old and new: the short ones, or the full ones where only they changed."""
        if self.former.name == self.to and self.former.full_name and self.to_full:
            return self.former.full_name, self.to_full
        return self.former.name, self.to


@dataclass(frozen=True, kw_only=True, slots=True)
class Department:
    id: str
    name: str
    # None in a first draft, until an editor curates it.
    full_name: str | None
    aliases: tuple[str, ...]
    kind: DepartmentKind | None
    kind_label: str
    # Where residents reach it, where the data records it.
    website: str | None = None
    phone: str | None = None
    # Names it went by after the plan was signed and before its current one, oldest first.
    former_names: tuple[FormerName, ...] = ()

    @property
    def page(self) -> str:
        return urls.source("department", self.id)

    @property
    def title(self) -> str:
        """The full name, or the short one while a draft has none."""
        return self.full_name or self.name

    @property
    def plan_name(self) -> str:
        """The short name the plan's text gives it: the name it had when the plan was signed."""
        return self.former_names[0].name if self.former_names else self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the department goes or went by: short, full, aliases, former names."""
        former = (n for f in self.former_names for n in (f.name, *((f.full_name,) if f.full_name else ())))
        return (self.name, *((self.full_name,) if self.full_name else ()), *self.aliases, *former)

    @property
    def renames(self) -> tuple[Rename, ...]:
        """Each change of its name, oldest first."""
        if not self.former_names:
            return ()
        following = [(f.name, f.full_name) for f in self.former_names[1:]] + [(self.name, self.full_name)]
        return tuple(
            Rename(date=f.date, former=f, to=to, to_full=to_full)
            for f, (to, to_full) in zip(self.former_names, following, strict=True)
        )

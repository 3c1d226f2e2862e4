"""Problems found in the data, reported compiler-style so an editor can fix them all at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str
    rule: str

    def __str__(self) -> str:
        prefix = f"{self.path}:{self.line}:{self.column}:"
        return f"{prefix} {self.where}: {self.message}" if self.where else f"{prefix} {self.message}"


class DataError(Exception):
    """Raised when a stage found problems; carries all of them, sorted by position."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''}")
        return "\n".join(lines)

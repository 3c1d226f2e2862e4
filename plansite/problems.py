"""Problems found in the data, reported compiler-style so an editor can fix them all at once."""

from __future__ import annotations

from dataclasses import dataclass

from plansite.data import characters
from plansite.problem_rules import RULES, Rule  # noqa: F401  (what every problem refers to)


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str
    rule: str
    # Where in the data the problem lies, for a command that reports it elsewhere: the ledger
    # importer at a workbook's cell, adoption at a line of the plan's text.
    data_path: tuple[str | int, ...] = ()

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}: add it to RULES with a fixture")

    def __str__(self) -> str:
        prefix = f"{self.path}:{self.line}:{self.column}:"
        text = f"{prefix} {self.where}：{self.message}" if self.where else f"{prefix} {self.message}"
        # One line per problem, and nothing a value holds reaches the terminal as a control.
        return characters.visible(f"{text} [{self.rule}]")


# Problems of one rule shown in full, as clang's default error limit: the same mistake repeated
# (a pasted block, a renamed id) reads the same the 21st time, and the other rules' still show.
SHOWN_PER_RULE = 20


class DataError(Exception):
    """Raised when a stage found problems; carries all of them, sorted by position."""

    def __init__(self, problems: list[Problem], outcome: str = ""):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
        # One more line after the count: what the command that stopped left as it was.
        self.outcome = outcome
        super().__init__(f"{len(self.problems)} problems")

    def __str__(self) -> str:
        return self.report()

    def report(self) -> str:
        """The first problems of each rule in full, in file order, and how many more there are;
        then what each rule means and how to fix it, then the count."""
        counts: dict[str, int] = {}
        lines: list[str] = []
        unlisted: dict[str, Problem] = {}
        for problem in self.problems:
            counts[problem.rule] = counts.get(problem.rule, 0) + 1
            if counts[problem.rule] <= SHOWN_PER_RULE:
                lines.append(str(problem))
            else:
                unlisted.setdefault(problem.rule, problem)
        for rule, first in unlisted.items():
            where = characters.visible(f"{first.path}:{first.line}:{first.column}")
            lines.append(f"另有 {counts[rule] - SHOWN_PER_RULE:,} 个 [{rule}] 问题未列出，第一个在 {where}")
        lines += ["", "怎么改（详见 CONTRIBUTING.md「错误信息」）："]
        lines += [f"  [{rule}] {RULES[rule].advice}" for rule in counts]
        lines.append(f"共 {len(self.problems):,} 个问题")
        if self.outcome:
            lines.append(self.outcome)
        return "\n".join(lines)

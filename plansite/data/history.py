"""When each line of the data file last changed, from git, where the history is there to ask.

A shallow clone (as CI checkouts often are) would date every line to its one commit, and a
copy outside git has no history at all: both give None, and pages fall back to the data's
own dates, so builds never fail for want of history. Lines not yet committed are left out,
so that two runs on the same tree always give the same dates.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

_UNCOMMITTED = "0" * 40
# Dates are as the plan's readers count them, in China Standard Time.
CHINA = datetime.timezone(datetime.timedelta(hours=8))


def line_dates(path: Path) -> dict[int, datetime.date] | None:
    """Line number (1-based) → date of the commit that last changed it; None without full history."""
    folder = path.resolve().parent
    try:
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").strip()
        if shallow != "false":
            return None
        porcelain = _git(folder, "blame", "--porcelain", "--", path.resolve().name)
    except (OSError, subprocess.CalledProcessError):
        return None
    return _parse_blame(porcelain)


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def _parse_blame(porcelain: str) -> dict[int, datetime.date]:
    dates: dict[int, datetime.date] = {}
    commit_times: dict[str, int] = {}
    commit, line = "", 0
    for row in porcelain.splitlines():
        if row.startswith("\t"):
            if commit != _UNCOMMITTED and commit in commit_times:
                dates[line] = datetime.datetime.fromtimestamp(commit_times[commit], CHINA).date()
            continue
        fields = row.split(" ")
        if len(fields) >= 3 and len(fields[0]) == 40 and all(c in "0123456789abcdef" for c in fields[0]):
            commit, line = fields[0], int(fields[2])
        elif fields[0] == "committer-time":
            commit_times[commit] = int(fields[1])
    return dates

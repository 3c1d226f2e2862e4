"""Check benchmark: how long `--check` takes on a data file flooded with one mistake.

    make bench-check                                  # 30,000 of each mistake in data/measures.yaml
    .venv/bin/python scripts/bench_check.py --count 3000 --floods wrong-kind

Each flood (``FLOODS``) writes ``count`` records or values into the plan's own data, each with
one mistake, as a careless paste or a hostile file would; the check is then run as an editor runs
it. It prints each file's size, the seconds the check took, the lines it printed and the problems
it counted. Nothing here is asserted: tests/test_flood.py checks what the check prints.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from plansite.repository import ROOT

HEADER = "| flood | MB | check (s) | lines printed | problems |\n|---|---|---|---|---|"


def _departments(count: int, **fields: str) -> list[dict[str, str]]:
    return [
        {"id": f"flood-{n}", "name": f"洪水单位{n}", "full_name": f"洪水市洪水单位{n}", "kind": "municipal-department"}
        | fields
        for n in range(count)
    ]


def _wrong_kind(data: dict[str, Any], count: int) -> None:
    data["departments"][:0] = _departments(count, kind="wrong-kind")


def _unknown_key(data: dict[str, Any], count: int) -> None:
    data["departments"][:0] = _departments(count, colour="red")


def _repeated_id(data: dict[str, Any], count: int) -> None:
    data["departments"][:0] = _departments(count, id=data["departments"][0]["id"])


def _unknown_department(data: dict[str, Any], count: int) -> None:
    data["measures"][0]["supporting"] = [f"nobody-{n}" for n in range(count)]


def _unknown_among_many(data: dict[str, Any], count: int) -> None:
    """As many unknown departments as there are departments: a suggestion for each would compare
    every one with every other."""
    data["departments"] += _departments(count)
    _unknown_department(data, count)


def _impossible_date(data: dict[str, Any], count: int) -> None:
    goal_targets = [t for c in data["chapters"] for g in c.get("goals", []) for t in g.get("targets", [])]
    target = (goal_targets or [t for m in data["measures"] for t in m.get("targets", [])])[0]
    target["progress"] = [{"date": f"2025-02-{30 + n % 2}", "status": "推进中"} for n in range(count)]


# Each flood's name and how it changes the plan's data.
FLOODS: dict[str, Callable[[dict[str, Any], int], None]] = {
    "wrong-kind": _wrong_kind,
    "unknown-key": _unknown_key,
    "repeated-id": _repeated_id,
    "unknown-department": _unknown_department,
    "unknown-among-many": _unknown_among_many,
    "impossible-date": _impossible_date,
}


def flooded(text: str, flood: str, count: int) -> str:
    """The data file ``text`` with ``count`` mistakes of the kind ``flood`` names."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    FLOODS[flood](data, count)
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def check(data: Path) -> tuple[float, list[str]]:
    """Seconds the check of ``data`` took, and the lines it printed."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "scripts/generate.py", "--check", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, (result.stdout + result.stderr).splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_check.py", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=30_000, help="mistakes in each flooded file")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml", help="the plan to flood")
    parser.add_argument("--floods", default=",".join(FLOODS), help=f"which, comma-separated: {', '.join(FLOODS)}")
    args = parser.parse_args(argv)
    text = args.data.read_text(encoding="utf-8")
    print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        for flood in args.floods.split(","):
            file = Path(folder) / f"{flood}.yaml"
            file.write_text(flooded(text, flood, args.count), encoding="utf-8")
            seconds, lines = check(file)
            size = file.stat().st_size / 1024 / 1024
            print(f"| {flood} | {size:.1f} | {seconds:.1f} | {len(lines)} | {lines[-1] if lines else ''} |", flush=True)
    return 0

"""``scripts/import_progress.py LEDGER.xlsx … [--as-of YYYY-MM-DD]``: merge the departments'
filled task ledgers into the data as progress records, and the office's filled ledger as their
verifications."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from plansite import repository
from plansite.commands.errors import guarded
from plansite.commands.generate import display_path
from plansite.data import characters
from plansite.ledger import merge
from plansite.problems import DataError


def main(argv: list[str] | None = None) -> int:
    return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_progress.py",
        description="Merge filled ledgers (.xlsx) into the data: the departments' reports and the office's checks.",
    )
    parser.add_argument("ledgers", type=Path, nargs="+", help="the filled ledgers: the departments' and the office's")
    parser.add_argument("--data", type=Path, default=repository.DATA, help="the data file")
    parser.add_argument(
        "--as-of",
        type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="move progress.as_of (数据截至) forward to this date",
    )
    args = parser.parse_args(argv)
    try:
        merged = merge.merge(args.data, args.ledgers, args.as_of)
    except merge.LedgerProblems as failure:
        for problem in failure.problems:
            print(f"{characters.visible(problem)}", file=sys.stderr)
        print(f"共 {len(failure.problems)} 个问题，数据没有改动", file=sys.stderr)
        return 1
    except DataError as error:
        raise DataError(error.problems, outcome="导入后的数据没有通过检查，数据没有改动") from None
    merge.write_merge(args.data, merged)
    print(
        f"{display_path(args.data)}：导入 {len(merged.added)} 条进度记录、{len(merged.checked)} 条核实结果；"
        f"{merged.unchanged} 行与数据中已有的报告或核实相同，没有重复导入"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

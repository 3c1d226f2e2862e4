"""The command line: ``python scripts/generate.py [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import export, load, model, validate, write
from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent
PLAN_SCHEMA = ROOT / "schema" / "plan.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generate.py", description="Validate the plan data and export plan.json.")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml", help="the YAML data file")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="the site's docs folder to write into")
    args = parser.parse_args(argv)

    display = _display_path(args.data)
    try:
        plan = read_plan(args.data, display)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    summary = (f"{display}: OK: {len(plan.measures)} measures in {len(plan.chapters)} chapters, "
               f"{len(plan.departments)} departments, {len(plan.targets)} targets, {len(plan.topics)} topics")
    if args.check:
        print(summary)
        return 0
    changed = write.write_files(args.out, {
        "downloads/plan.json": export.plan_json(plan).encode("utf-8"),
        "downloads/plan.schema.json": PLAN_SCHEMA.read_bytes(),
    })
    print(summary)
    print(f"wrote {len(changed)} changed file(s) under {_display_path(args.out)}")
    return 0


def read_plan(data: Path, display: str) -> model.Plan:
    """Load, validate and build the plan; raise ``DataError`` with every problem found."""
    return model.build(read_valid_data(data, display))


def read_valid_data(data: Path, display: str) -> dict:
    """The data file's content, once it has passed every check."""
    loaded = load.load(data, display)
    problems = validate.validate(loaded)
    if problems:
        raise DataError(problems)
    return loaded.data


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


DRAFT_HEADER = """\
# yaml-language-server: $schema=../schema/measures.schema.json
#
# A first draft of a plan's data, written by scripts/import_plan.py from {source}.
# Still to curate by hand: departments' full names and kinds, document.published,
# chapter ids, topics and targets. Then check it: python scripts/generate.py --check --data <this file>
#
"""


def import_main(argv: list[str] | None = None) -> int:
    from . import importer

    parser = argparse.ArgumentParser(prog="import_plan.py",
                                     description="Draft the YAML data from a plan's text in the standard format.")
    parser.add_argument("source", type=Path, help="the plan's text (UTF-8)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the draft (default: standard output)")
    parser.add_argument("--departments", type=Path,
                        help="an existing data file whose department registry (ids, names, aliases) to reuse")
    args = parser.parse_args(argv)
    known = []
    if args.departments:
        try:
            known = read_valid_data(args.departments, _display_path(args.departments))["departments"]
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
    try:
        data = importer.draft(args.source.read_text(encoding="utf-8"), known_departments=known)
    except importer.ImportFailure as failure:
        print(f"{_display_path(args.source)}:{failure.line}: {failure}", file=sys.stderr)
        return 1
    text = importer.to_yaml(data, DRAFT_HEADER.format(source=_display_path(args.source)))
    if args.output:
        write.write_files(args.output.parent, {args.output.name: text.encode("utf-8")})
    else:
        sys.stdout.write(text)
    return 0

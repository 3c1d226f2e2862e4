"""The command line: ``python scripts/generate.py [--check]``."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gc
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from . import catalog, history, load, model, render, search, validate, write
from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ROOT / "docs" / "pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generate.py", description="Validate the plan data and export plan.json.")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml", help="the YAML data file")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "generated",
                        help="the folder of generated pages MkDocs builds from (written only by this script)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's MkDocs configuration")
    args = parser.parse_args(argv)

    display = display_path(args.data)
    with _long_lived_objects():
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
        search.require_jieba()
        try:
            files = prepare(plan, args.data, args.config)
        except GENERATION_ERRORS as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    try:
        published = write.publish_rendered(args.out, files, processes=processes_for(len(files)))
    except GENERATION_ERRORS as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary)
    print(f"{display_path(args.out)}: {len(published.changed)} files written, "
          f"{len(published.removed)} removed, the rest unchanged")
    return 0


@contextlib.contextmanager
def _long_lived_objects() -> Iterator[None]:
    """Reading, checking and cataloguing a large plan make a million objects that live to the end
    of the run and no garbage cycles: the cycle collector, off meanwhile, would only walk them
    again and again. Then they are frozen: left alone by the collector while pages are rendered,
    and by forked processes, whose memory they share."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def publish(plan: model.Plan, data: Path, out: Path, config: Path) -> write.Publication:
    """Render the site of a validated plan and put it in place at ``out``."""
    files = prepare(plan, data, config)
    return write.publish_rendered(out, files, processes=processes_for(len(files)))


def prepare(plan: model.Plan, data: Path, config: Path) -> dict[str, write.Content]:
    """The site's files, each still to be rendered, as the bytes to write."""
    renderers = site_renderers(plan, render.read_site_config(config, display_path(data)), history.line_dates(data))
    return {path: functools.partial(_utf8, text) for path, text in renderers.items()}


# A plan of thousands of files is rendered and written by as many processes as there are cores
# (on two cores, 5,000 measures regenerate in 4.3 s instead of 6.3 to 8.3 s). Forking is safe only
# where no thread runs, as in this command; the preview server, which runs threads, renders alone.
PARALLEL_FROM_FILES = 2000
MAX_PROCESSES = 4


def processes_for(file_count: int) -> int:
    if file_count < PARALLEL_FROM_FILES or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), MAX_PROCESSES))


def _utf8(text: render.Render) -> bytes:
    return text().encode("utf-8")


class PageConflict(Exception):
    """A hand-written page and a generated one want the same path."""


# What can stop a run after the data passed validation.
GENERATION_ERRORS = (PageConflict, write.NotGeneratedFolder, search.ThemeChanged, write.WorkerFailed)


def site_files(plan: model.Plan, site: render.SiteConfig,
               line_dates: Mapping[int, datetime.date] | None = None) -> dict[str, str]:
    """Everything MkDocs builds from: generated pages and data, then the hand-written pages."""
    return {path: render_file() for path, render_file in site_renderers(plan, site, line_dates).items()}


def site_renderers(plan: model.Plan, site: render.SiteConfig,
                   line_dates: Mapping[int, datetime.date] | None = None) -> dict[str, render.Render]:
    """``site_files``, each file still to be rendered."""
    files = render.site_renderers(catalog.build(plan, line_dates), site)
    files[".search-dictionary.txt"] = functools.partial(search.user_dictionary, plan)
    files[search.WORKER] = functools.partial(str, search.fixed_search_worker())  # fails early if the theme changed
    for source in sorted(HAND_WRITTEN.rglob("*.md")) if HAND_WRITTEN.is_dir() else ():
        relative = source.relative_to(HAND_WRITTEN).as_posix()
        if source.is_file():
            if relative in files:
                raise PageConflict(f"{source} and a generated page are both {relative}; "
                                   "rename the hand-written page")
            files[relative] = functools.partial(source.read_text, encoding="utf-8")
    return files


def read_plan(data: Path, display: str) -> model.Plan:
    """Load, validate and build the plan; raise ``DataError`` with every problem found."""
    loaded = read_valid(data, display)
    lines = {m["id"]: loaded.position(("measures", index)).line for index, m in enumerate(loaded.data["measures"])}
    return model.build(loaded.data, measure_lines=lines)


def read_valid(data: Path, display: str) -> load.LoadedYaml:
    """The data file, once it has passed every check."""
    loaded = load.load(data, display)
    problems = validate.validate(loaded)
    if problems:
        raise DataError(problems)
    return loaded


def display_path(path: Path) -> str:
    """How to show ``path`` in messages: relative to the working folder where it can be."""
    # absolute(), not resolve(): the output is a link whose own name is the one to show.
    try:
        return str(path.absolute().relative_to(Path.cwd()))
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
            known = read_valid(args.departments, display_path(args.departments)).data["departments"]
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
    try:
        data = importer.draft(args.source.read_text(encoding="utf-8"), known_departments=known)
    except importer.ImportFailure as failure:
        print(f"{display_path(args.source)}:{failure.line}: {failure}", file=sys.stderr)
        return 1
    text = importer.to_yaml(data, DRAFT_HEADER.format(source=display_path(args.source)))
    if args.output:
        write.write_file(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0

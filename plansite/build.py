"""The whole pipeline in one function: the data file and the site's configuration in, every
generated file out. Nothing is written here; ``write.publish`` puts the result in place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import calendars, catalog, config, export, history, load, model, pages, search, tables, urls, validate
from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ROOT / "docs" / "pages"
PLAN_SCHEMA = ROOT / "schema" / "plan.schema.json"


class PageConflict(Exception):
    """A hand-written page and a generated one want the same path."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Output:
    plan: model.Plan
    # Which search the site needs: 'material' (the theme's own) or 'pagefind' (see ``search``).
    search_engine: str
    # The docs folder MkDocs builds from: relative path → content.
    files: dict[str, bytes]


def read_valid(data: Path, display: str) -> load.LoadedYaml:
    """Stages 1–2, load → validate; raise ``DataError`` with every problem found."""
    loaded = load.load(data, display)
    problems = validate.validate(loaded)
    if problems:
        raise DataError(problems)
    return loaded


def read_plan(data: Path, display: str) -> model.Plan:
    """Stages 1–3, load → validate → model."""
    loaded = read_valid(data, display)
    lines = {m["id"]: loaded.position(("measures", index)).line for index, m in enumerate(loaded.data["measures"])}
    return model.build(loaded.data, measure_lines=lines)


def build(data: Path, mkdocs_yml: Path, display: str, hand_written: Path = HAND_WRITTEN) -> Output:
    """Every file of the docs folder, from the data file (shown as ``display`` in messages)."""
    plan = read_plan(data, display)
    indexes = catalog.build(plan, history.line_dates(data))
    text = site_files(indexes, config.read_site_config(mkdocs_yml, display))
    text[search.DICTIONARY] = search.user_dictionary(plan)
    text[search.WORKER] = search.fixed_search_worker()
    files = {path: content.encode("utf-8") for path, content in text.items()}
    for path, content in _hand_written(hand_written):
        if path in files:
            raise PageConflict(
                f"{hand_written / path} and a generated page are both {path}; rename the hand-written page"
            )
        files[path] = content
    return Output(plan=plan, search_engine=search.engine(plan), files=files)


def site_files(indexes: catalog.Catalog, site: config.SiteConfig) -> dict[str, str]:
    """Stages 5–6, pages and exports: every page, table, calendar and data file, by path."""
    plan = indexes.plan
    text = pages.render(indexes, site, search.engine(plan))
    text |= tables.files(indexes, site.site_url)
    text |= calendars.files(indexes, site.site_url)
    text[urls.source("plan-json")] = export.plan_json(plan)
    text[urls.source("plan-schema")] = PLAN_SCHEMA.read_text(encoding="utf-8")
    return text


def _hand_written(folder: Path) -> list[tuple[str, bytes]]:
    """The hand-written pages of ``folder``: relative path → content."""
    if not folder.is_dir():
        return []
    return [
        (source.relative_to(folder).as_posix(), source.read_bytes())
        for source in sorted(folder.rglob("*.md"))
        if source.is_file()
    ]

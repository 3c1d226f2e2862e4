"""Stage 5: the site's pages, rendered from the catalog with Jinja2 templates.

Templates live in ``templates/`` (apart from the theme's ``overrides/``, which MkDocs renders).
Every page is a Markdown file whose data-bearing parts are HTML escaped by Jinja's autoescaping,
and written as inert Markdown where Markdown is parsed (``markup``), so whatever an editor types
is shown as typed. Each page's path comes from the URL map (``urls``); links are Markdown links
to other pages' sources, which the builder resolves and checks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import jinja2
import markupsafe
import yaml

from plansite import repository, urls
from plansite.data.model import Measure
from plansite.data.numerals import zh_date
from plansite.data.targets import MEASURE_STATUS_LABELS, STATUS_LABELS
from plansite.site import charts, help, markup, progress, tables
from plansite.site.catalog import Catalog
from plansite.site.config import SiteConfig
from plansite.site.entries import Commitment

TEMPLATES = repository.TEMPLATES


def render(catalog: Catalog, site: SiteConfig, engine: str) -> Iterator[tuple[str, str]]:
    """Every page the output table (``urls.OUTPUTS``) gives a template, and the navigation, as
    (source path, Markdown). A page per record gets its record as ``entry``."""
    environment = _environment()
    shared = {
        "catalog": catalog,
        "plan": catalog.plan,
        "site": site,
        "dashboard": progress.build(catalog),
        "help": help.build(catalog),
        "statuses": STATUS_LABELS,
        "measure_statuses": MEASURE_STATUS_LABELS,
        "tables": tables.TABLES,
    }
    for kind, output in urls.OUTPUTS.items():
        if not output.template or output.engine not in ("", engine):
            continue
        template = environment.get_template(output.template)
        for record in _records(catalog, output.records) if output.per_record else [None]:
            path = urls.source(kind, record.id if record is not None else None)
            yield path, template.render({**shared, "page": path, "output": output, "entry": record})
    yield INHERITED_CONFIG, _inherited_config(catalog, engine)


def _records(catalog: Catalog, records: str) -> Iterable[Any]:
    """The records of ``catalog`` an output makes one page each from."""
    found = getattr(catalog, records)
    return found.values() if isinstance(found, Mapping) else found


# One environment per process: it keeps the compiled templates between builds (the preview, the
# tests) and reloads a template whose file changed. Compiled templates are also kept on disk for
# the next process (`make site`, each script a test runs), which otherwise compiles them all
# again; Jinja checks each against its template's source.
@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_compiled_templates(),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ({#anchor}) would read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters.update(_FILTERS)
    return environment


def _compiled_templates() -> jinja2.BytecodeCache | None:
    folder = repository.CACHE / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    # A project that cannot be written to compiles in memory only.
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> str:
    """A raw relative link, for the few that cannot be Markdown (a script's address)."""
    return urls.link(target, context["page"])


@jinja2.pass_context
def _md_link(
    context: jinja2.runtime.Context, text: object, target: str, *classes: str, **attributes: str
) -> markupsafe.Markup:
    return markup.md_link(text, target, context["page"], classes, **attributes)


@jinja2.pass_context
def _units(context: jinja2.runtime.Context, departments: Any, lead: bool = False) -> markupsafe.Markup:
    """Departments as links to their pages, separated by 、; a lead department's name in bold."""
    page = context["page"]
    return markupsafe.Markup(
        "、".join(
            markup.md_link(
                markupsafe.Markup(f"<strong>{markup.md(d.name)}</strong>"),
                d.page,
                page,
                ("plan-unit", "plan-unit--lead"),
            )
            if lead
            else markup.md_link(d.name, d.page, page, ("plan-unit",))
            for d in departments
        )
    )


@jinja2.pass_context
def _citation(context: jinja2.runtime.Context, cited: Measure | Commitment) -> str:
    """A Chinese citation of a measure or of one target, ending with its permanent address."""
    plan, site = context["plan"], context["site"]
    source = f"{plan.document.issuer}：《{plan.document.title}》（{zh_date(plan.document.signed)}）"
    if isinstance(cited, Measure):
        return f"{source}，第{cited.label}项“{cited.title}”。{site.site_url}{cited.url}"
    where = (
        f"第{cited.measure.label}项“{cited.measure.title}”"
        if cited.measure
        else f"{cited.chapter.heading}·{cited.source_label}"
    )
    return f"{source}，{where}，{cited.target.year}年目标任务“{cited.target.indicator}”。{site.site_url}{cited.url}"


_FILTERS: Mapping[str, Callable[..., Any]] = {
    "link": _link,
    "md_link": _md_link,
    "md": markup.md,
    "yaml_string": markup.yaml_string,
    "zh_date": zh_date,
    "citation": _citation,
    "status_icon": charts.status_icon,
    "units": _units,
    "source": urls.source,
    "status_bars": charts.status_bars,
    "timeline": charts.timeline,
    "responsibility_matrix": charts.responsibility_matrix,
}


# Material renders the whole navigation into every page, so a build grows with pages × nav
# entries. Up to these sizes the nav lists every measure under its chapter (the real plan:
# 53 in 13); beyond them, the chapter and index pages lead to the measures instead.
NAV_MEASURES = 200
NAV_CHAPTERS = 60


# The part of the site's configuration that comes from the data; mkdocs.yml inherits it.
INHERITED_CONFIG = ".config.yml"


def _inherited_config(catalog: Catalog, engine: str) -> str:
    """The site's name and description, the nav grouped by chapter, the search engine and the
    paths the theme links to: the config file mkdocs.yml inherits, so that nothing in mkdocs.yml
    names a plan and nothing in overrides/ writes a path by hand."""
    plan = catalog.plan
    extra: dict[str, Any] = {"search_engine": engine, "paths": urls.theme_paths()}
    # Every printed page says what it is from and as of when (overrides/main.html).
    extra["printed"] = {
        "plan": markup.for_theme(
            f"《{plan.document.title}》" + (f"（{plan.document.number}）" if plan.document.number else "")
        ),
        "as_of": markup.for_theme(catalog.as_of.text),
    }
    validity = plan.document.validity
    if validity and validity.notice:
        # Every page, hand-written ones too, says that the plan is no longer in force (overrides/main.html).
        extra["validity_notice"] = markup.for_theme(validity.notice)
    config = {
        "site_name": markup.for_theme(plan.site_name),
        "site_description": markup.for_theme(f"《{plan.document.title}》全文、分项措施、责任单位和目标任务。"),
        "nav": [
            {output.title: _nav_entry(catalog, kind, output)}
            for kind, output in urls.OUTPUTS.items()
            if output.nav and output.engine in ("", engine)
        ],
        "extra": extra,
    }
    header = "# Written by scripts/generate.py from data/measures.yaml; mkdocs.yml inherits it. Do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)


def _nav_entry(catalog: Catalog, kind: str, output: urls.Output) -> Any:
    """A page of the navigation, with the pages listed under it: a chapter's under the sectors
    (and its measures under it, while the plan is small enough), a year's under the years.

    Every page is listed with its title: MkDocs otherwise takes a title from the page itself,
    which a preview's incremental build has not read for a page it did not rebuild."""
    page = urls.source(kind)
    if output.nav_children == "sector":
        if len(catalog.chapters) > NAV_CHAPTERS:
            return [{output.title: page}]
        with_measures = len(catalog.plan.measures) <= NAV_MEASURES
        children: list[Any] = [{output.title: page}]
        for entry in catalog.chapters.values():
            title = markup.for_theme(entry.chapter.heading)
            measures = [{markup.for_theme(m.heading): m.page} for m in entry.measures] if with_measures else []
            children.append({title: [{title: entry.page}, *measures]} if measures else {title: entry.page})
        return children
    if output.nav_children == "year":
        return [{output.title: page}, *({f"{group.year}年": group.page} for group in catalog.years)]
    return page

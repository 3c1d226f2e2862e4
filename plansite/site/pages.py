"""Stage 5: the site's pages, rendered from the catalog with Jinja2 templates.

Templates live in ``templates/`` (apart from the theme's ``overrides/``, which MkDocs renders).
Every page is a Markdown file whose data-bearing parts are HTML escaped by Jinja's autoescaping,
and written as inert Markdown where Markdown is parsed (``markup``), so whatever an editor types
is shown as typed. Each page's path comes from the URL map (``urls``); links are Markdown links
to other pages' sources, which the builder resolves and checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
import markupsafe
import yaml

from plansite import repository, urls
from plansite.data.model import Measure
from plansite.data.numerals import zh_date
from plansite.data.targets import STATUS_LABELS
from plansite.site import changes, charts, markup, progress, search_index, tables
from plansite.site.catalog import Catalog, Commitment
from plansite.site.config import SiteConfig

TEMPLATES = repository.TEMPLATES


def render(catalog: Catalog, site: SiteConfig, engine: str) -> dict[str, str]:
    """Every page and the navigation: source path → Markdown."""
    environment = _environment()
    dashboard = progress.build(catalog)
    everything = changes.changes(catalog)
    files: dict[str, str] = {}

    def page(kind: str, template: str, id: object = None, **context: Any) -> None:
        path = urls.source(kind, id)
        if path in files:
            raise ValueError(f"two pages render to {path}")
        files[path] = environment.get_template(template).render(
            {
                "page": path,
                "catalog": catalog,
                "plan": catalog.plan,
                "site": site,
                "dashboard": dashboard,
                "statuses": STATUS_LABELS,
                **context,
            }
        )

    page("home", "home.md.j2")
    page("full-text", "full-text.md.j2")
    page("measures", "measures.md.j2")
    for entry in catalog.measures.values():
        measure_changes = changes.of_measure(everything, entry.measure)
        page("measure", "measure.md.j2", entry.measure.id, entry=entry, measure=entry.measure, changes=measure_changes)
    page("departments", "departments.md.j2")
    for department in catalog.departments.values():
        feed = urls.source("department-feed", department.department.id)
        page("department", "department.md.j2", department.department.id, entry=department, feed=feed)
        page("department-ledger", "ledger.md.j2", department.department.id, entry=department)
    page("sectors", "sectors.md.j2")
    for chapter in catalog.chapters.values():
        page("sector", "sector.md.j2", chapter.chapter.id, entry=chapter, chapter=chapter.chapter)
    page("topics", "topics.md.j2")
    for topic in catalog.topics.values():
        page("topic", "topic.md.j2", topic.topic.id, entry=topic)
    page("years", "years.md.j2")
    for group in catalog.years:
        page("year", "year.md.j2", group.year, group=group)
    page("progress", "progress.md.j2")
    page("changes", "changes.md.j2", changes=everything)
    page("downloads", "downloads.md.j2", tables=tables.TABLES)
    page("help", "help.md.j2", help_title=search_index.HELP_TITLE)
    if engine == "pagefind":
        page("search", "search.md.j2")
    files[INHERITED_CONFIG] = _inherited_config(catalog, engine)
    return files


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
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


def _as_of(date: datetime.date | None) -> str:
    """数据截至 and the data's date, or, while a first draft collects no progress, saying so."""
    return f"数据截至{zh_date(date)}" if date else "尚未开始收集进度"


_FILTERS: Mapping[str, Callable[..., Any]] = {
    "link": _link,
    "md_link": _md_link,
    "md": markup.md,
    "yaml_string": markup.yaml_string,
    "zh_date": zh_date,
    "as_of": _as_of,
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
    """The site's name and description, and the nav grouped by chapter: the config file mkdocs.yml
    inherits, so that nothing in mkdocs.yml names a plan."""
    plan = catalog.plan
    sectors: list[Any] = ["sectors/index.md"]
    with_measures = len(catalog.plan.measures) <= NAV_MEASURES
    for entry in catalog.chapters.values() if len(catalog.chapters) <= NAV_CHAPTERS else ():
        chapter_page = entry.page
        title = markup.for_theme(entry.chapter.heading)
        if entry.measures and with_measures:
            sectors.append({title: [chapter_page, *(m.page for m in entry.measures)]})
        else:
            sectors.append({title: chapter_page})
    nav = [
        {"首页": urls.source("home")},
        {"方案全文": urls.source("full-text")},
        {"分领域措施": sectors},
        {"责任单位": urls.source("departments")},
        {"目标年份": [urls.source("years"), *({f"{g.year}年": g.page} for g in catalog.years)]},
        {"专题": urls.source("topics")},
        {"措施一览": urls.source("measures")},
        {"落实进度": urls.source("progress")},
        {"变更记录": urls.source("changes")},
        {"数据下载": urls.source("downloads")},
    ]
    if engine == "pagefind":
        nav.insert(1, {"搜索": urls.source("search")})
    config = {
        "site_name": markup.for_theme(plan.site_name),
        "site_description": markup.for_theme(f"《{plan.document.title}》全文、分项措施、责任单位和目标任务。"),
        "nav": nav,
    }
    header = "# Written by scripts/generate.py from data/measures.yaml; mkdocs.yml inherits it. Do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)

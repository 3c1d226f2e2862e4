"""Stage 4b: the site's pages, rendered from the catalog with Jinja2 templates.

Templates live in ``templates/`` (apart from the theme's ``overrides/``, which MkDocs renders).
Every page is a Markdown file whose data-bearing parts are HTML escaped by Jinja's
autoescaping, so whatever an editor types is shown as typed and can never become markup.
Links are written as relative URLs computed here, and checked in the built site by the tests.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from . import calendars, charts, export, progress, search, tables
from .catalog import Catalog, Commitment
from .model import Measure

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PLAN_SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "plan.schema.json"
BYTECODE_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "jinja"


@dataclass(frozen=True, kw_only=True, slots=True)
class SiteConfig:
    """What pages need to know about where the site and its data are published."""

    site_url: str
    data_edit_url: str
    data_path: str
    # The licence the downloads are published under: its name and the address of its text.
    data_licence: str = ""
    data_licence_url: str = ""


def read_site_config(mkdocs_yml: Path, data_path: str) -> SiteConfig:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}
    extra = config.get("extra") or {}
    licence = extra.get("data_licence") or {}
    return SiteConfig(site_url=config.get("site_url") or "", data_path=data_path,
                      data_edit_url=extra.get("data_edit_url") or "",
                      data_licence=licence.get("name") or "", data_licence_url=licence.get("url") or "")


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python/ and !ENV tags only MkDocs itself resolves."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def page_url(path: str) -> str:
    """'measures/m12.md' → 'measures/m12/'; 'sectors/x/index.md' → 'sectors/x/'; 'index.md' → ''."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """``target`` (site-relative, may carry '#anchor') as a link from the page at ``current``."""
    path, hash_mark, anchor = target.partition("#")
    if path == current and hash_mark:
        return "#" + anchor
    if current.endswith("/") and not (path + "/").startswith(current):
        # Every page is a folder ('measures/m12/'), so a link to anything outside the page is the
        # same from all the pages beside it: worked out once for them all. A large plan has
        # hundreds of thousands of links.
        return _link_from_beside(path, current.rstrip("/").rpartition("/")[0]) + hash_mark + anchor
    return _link_from(path, current) + hash_mark + anchor


def _link_from(path: str, current: str) -> str:
    relative = _relative_path(path, current)
    if path.endswith("/") or not path:
        relative = "./" if relative == "." else relative + "/"
    return relative


@functools.lru_cache(maxsize=2**18)
def _link_from_beside(path: str, folder: str) -> str:
    """The link to ``path`` from a page in ``folder`` that ``path`` is not inside."""
    inner = _relative_path(path, folder)
    relative = ".." if inner == "." else "../" + inner
    return relative + "/" if path.endswith("/") or not path else relative


@functools.lru_cache(maxsize=65536)
def _relative_path(path: str, current: str) -> str:
    """posixpath.relpath for site-relative paths, which never hold '..' or '.': by far the most
    called helper of a large plan, so it works on the parts instead of the file system's rules."""
    target_parts = [part for part in path.split("/") if part]
    base_parts = [part for part in current.split("/") if part]
    common = 0
    for mine, theirs in zip(target_parts, base_parts):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


# Renders one file of the docs folder when called.
Render = Callable[[], str]


def render_site(catalog: Catalog, site: SiteConfig) -> dict[str, str]:
    """Every generated file of the docs folder: relative path → text."""
    return {path: render() for path, render in site_renderers(catalog, site).items()}


def site_renderers(catalog: Catalog, site: SiteConfig) -> dict[str, Render]:
    """Every generated file of the docs folder: relative path → what renders it. Nothing is
    rendered yet, so that a large plan's files can be shared out between processes."""
    environment = _environment()
    files: dict[str, Render] = {}
    dashboard = progress.build(catalog)

    def page(path: str, template: str, **context: Any) -> None:
        if path in files:
            raise ValueError(f"two pages render to {path}")
        files[path] = functools.partial(environment.get_template(template).render, {
            "page_url": page_url(path), "catalog": catalog, "plan": catalog.plan, "site": site,
            "dashboard": dashboard, **context})

    plan = catalog.plan
    page("index.md", "home.md.j2")
    page("full-text/index.md", "full-text.md.j2")
    page("measures/index.md", "measures.md.j2")
    for entry in catalog.measures.values():
        page(f"measures/{entry.measure.id}.md", "measure.md.j2", entry=entry, measure=entry.measure)
    page("departments/index.md", "departments.md.j2")
    for entry in catalog.departments.values():
        page(f"departments/{entry.department.id}.md", "department.md.j2", entry=entry)
    page("sectors/index.md", "sectors.md.j2")
    for entry in catalog.chapters.values():
        page(f"sectors/{entry.chapter.id}/index.md", "sector.md.j2", entry=entry, chapter=entry.chapter)
    page("topics/index.md", "topics.md.j2")
    for entry in catalog.topics.values():
        page(f"topics/{entry.topic.id}.md", "topic.md.j2", entry=entry)
    page("years/index.md", "years.md.j2")
    for group in catalog.years:
        page(f"years/{group.year}.md", "year.md.j2", group=group)
    page("progress/index.md", "progress.md.j2")
    page("downloads/index.md", "downloads.md.j2", tables=tables.TABLES)
    if search.engine(plan) == "pagefind":
        page("search/index.md", "search.md.j2")
    files.update(tables.files(catalog, site.site_url))
    files.update(calendars.files(catalog, site.site_url))
    files["downloads/plan.json"] = functools.partial(export.plan_json, plan)
    files["downloads/plan.schema.json"] = functools.partial(PLAN_SCHEMA.read_text, encoding="utf-8")
    files[".nav.yml"] = functools.partial(_navigation, catalog)
    return files


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment for the process: templates compile once, and reload when their file changes."""
    BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Compiling the templates is half of generating the real plan; the cache is keyed by
        # each template's source, so an edited template compiles afresh.
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(BYTECODE_CACHE)),
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
    return relative_url(target, context["page_url"])


def _yaml_string(value: str) -> markupsafe.Markup:
    """A front-matter value, HTML-escaped before it is quoted: MkDocs' templates print page
    titles and descriptions without escaping them. JSON is valid YAML."""
    return markupsafe.Markup(json.dumps(str(markupsafe.escape(value)), ensure_ascii=False))


# Characters Python-Markdown gives a meaning to, escaped where data stands in Markdown syntax.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!")


def _markdown_inline(value: str) -> markupsafe.Markup:
    """Data inside a Markdown heading: Markdown specials backslash-escaped, HTML characters escaped."""
    return markupsafe.Markup("".join(
        "\\" + char if char in _MARKDOWN_SPECIALS else str(markupsafe.escape(char)) for char in value))


def _date(value: Any) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@jinja2.pass_context
def _units(context: jinja2.runtime.Context, departments: Any, lead: bool = False) -> markupsafe.Markup:
    """Departments as links to their pages, separated by 、; a lead department's name in bold."""
    page, links = context["page_url"], []
    for department in departments:
        name = markupsafe.escape(department.name)
        href = relative_url(f"departments/{department.id}/", page)
        links.append(f'<a class="plan-unit plan-unit--lead" href="{href}"><strong>{name}</strong></a>' if lead
                     else f'<a class="plan-unit" href="{href}">{name}</a>')
    return markupsafe.Markup("、".join(links))


@jinja2.pass_context
def _citation(context: jinja2.runtime.Context, cited: Measure | Commitment) -> str:
    """A Chinese citation of a measure or of one target, ending with its permanent address."""
    plan, site = context["plan"], context["site"]
    source = f"{plan.document.issuer}：《{plan.document.title}》（{_date(plan.document.signed)}）"
    if isinstance(cited, Measure):
        return f"{source}，第{cited.label}项“{cited.title}”。{site.site_url}{cited.url}"
    where = (f"第{cited.measure.label}项“{cited.measure.title}”" if cited.measure
             else f"{cited.chapter.heading}·{cited.source_label}")
    return (f"{source}，{where}，{cited.target.year}年目标任务“{cited.target.indicator}”。"
            f"{site.site_url}{cited.url}")


_FILTERS: Mapping[str, Callable[..., Any]] = {
    "link": _link, "yaml_string": _yaml_string, "zh_date": _date, "md_inline": _markdown_inline,
    "citation": _citation, "status_icon": charts.status_icon, "units": _units,
    "status_bars": charts.status_bars, "timeline": charts.timeline, "responsibility_matrix": charts.responsibility_matrix,
    "matrix_fits": charts.matrix_fits,
    "calendar_path": tables.calendar_path, "department_targets_path": tables.department_targets_path,
    "year_targets_path": tables.year_targets_path,
}


# Material renders the whole navigation into every page, so a build grows with pages × nav
# entries. Up to these sizes the nav lists every measure under its chapter (the real plan:
# 53 in 13); beyond them, the chapter and index pages lead to the measures instead.
NAV_MEASURES = 200
NAV_CHAPTERS = 60


def _navigation(catalog: Catalog) -> str:
    """The nav, grouped by chapter, as the config file mkdocs.yml inherits from."""
    sectors: list[Any] = ["sectors/index.md"]
    with_measures = len(catalog.plan.measures) <= NAV_MEASURES
    for entry in catalog.chapters.values() if len(catalog.chapters) <= NAV_CHAPTERS else ():
        chapter_page = f"sectors/{entry.chapter.id}/index.md"
        # Escaped for the same reason as front matter: the theme prints nav titles as they are.
        title = str(markupsafe.escape(entry.chapter.heading))
        if entry.measures and with_measures:
            sectors.append({title: [chapter_page, *(f"measures/{m.id}.md" for m in entry.measures)]})
        else:
            sectors.append({title: chapter_page})
    nav = [
        {"首页": "index.md"},
        {"方案全文": "full-text/index.md"},
        {"分领域措施": sectors},
        {"责任单位": "departments/index.md"},
        {"目标年份": ["years/index.md", *({f"{g.year}年": f"years/{g.year}.md"} for g in catalog.years)]},
        {"专题": "topics/index.md"},
        {"措施一览": "measures/index.md"},
        {"落实进度": "progress/index.md"},
        {"数据下载": "downloads/index.md"},
    ]
    engine = search.engine(catalog.plan)
    if engine == "pagefind":
        nav.insert(1, {"搜索": "search/index.md"})
    header = "# Written by scripts/generate.py from data/measures.yaml; mkdocs.yml inherits it. Do not edit.\n"
    # extra.search_engine merges into mkdocs.yml's extra: the theme and build_site.py read it.
    return header + yaml.safe_dump({"nav": nav, "extra": {"search_engine": engine}}, allow_unicode=True,
                                   sort_keys=False, width=10**6)

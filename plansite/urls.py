"""The site's address scheme, declared once: every kind of page or file → its path in the docs folder.

A page's published URL follows from its source path (MkDocs' and Zensical's directory URLs:
``measures/m12.md`` → ``measures/m12/``), and an id in a path is the record's permanent id in
the data, so a URL never changes when a title does. Pages link to each other by source path
(``link``), which each builder turns into its own URL and checks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import urlsplit

PATHS: Mapping[str, str] = MappingProxyType(
    {
        "home": "index.md",
        "full-text": "full-text/index.md",
        "measures": "measures/index.md",
        "measure": "measures/{id}.md",
        "departments": "departments/index.md",
        "department": "departments/{id}.md",
        "department-ledger": "ledgers/{id}.md",
        "sectors": "sectors/index.md",
        "sector": "sectors/{id}/index.md",
        "topics": "topics/index.md",
        "topic": "topics/{id}.md",
        "years": "years/index.md",
        "year": "years/{id}.md",
        "progress": "progress/index.md",
        "downloads": "downloads/index.md",
        "search": "search/index.md",
        "search-index": "search.json",
        "help": "help/index.md",
        "changes": "changes/index.md",
        # At the site's root: the theme looks for a sitemap beside every rel="alternate" link,
        # and there is one here (in a folder of their own, each page would log a 404).
        "feed": "changes.xml",
        "department-feed": "changes-{id}.xml",
        "plan-json": "downloads/plan.json",
        "plan-schema": "downloads/plan.schema.json",
        "table": "downloads/{id}",
        "department-targets": "downloads/departments/{id}-targets.csv",
        "department-ledger-book": "downloads/departments/{id}-ledger.xlsx",
        "year-targets": "downloads/years/{id}-targets.csv",
        "calendar": "downloads/calendars/{id}.ics",
        "plan-calendar": "downloads/calendars/all.ics",
    }
)


# The kinds of path each kind of record in the data lends its id to.
RECORD_PATHS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "departments": ("department", "department-ledger", "department-targets", "calendar"),
        "topics": ("topic",),
        "chapters": ("sector",),
        "measures": ("measure",),
    }
)
# The anchors templates write themselves (tests/test_hostile_inputs.py finds every one): a
# chapter, goal, measure or target, which are anchors too, may not take one of them.
ANCHORS = frozenset(
    {
        "by-chapter", "by-lead", "by-year", "calendars", "changes", "chapters", "cite", "contact", "corrections",
        "docmeta", "due", "fields", "files", "goals", "licence", "matrix", "measures", "notice", "overall",
        "plan", "plan-chart-by-chapter", "plan-chart-by-lead", "plan-chart-by-year", "plan-chart-overall",
        "plan-department-filter", "plan-search", "plan-search-results", "related", "supported-targets",
        "targets", "text", "topics", "units",
    }
)  # fmt: skip
# File names Windows reserves for devices: a clone there could not hold such a file.
_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}


def taken(records: str, id: str) -> str | None:
    """Why ``id`` cannot name a record of ``records`` (a key of RECORD_PATHS): the path it would
    give a page or file that is already another's, or a name Windows reserves; None if it can."""
    if id in _DEVICE_NAMES:
        return f"{id} 是 Windows 保留的设备名，这样命名的文件在 Windows 上无法存在"
    fixed = [pattern for pattern in PATHS.values() if "{id}" not in pattern]
    for kind in RECORD_PATHS[records]:
        path = source(kind, id)
        for other in fixed:
            if path == other or published(path) == published(other):
                return f"用它生成的 {path} 会与网站自己的 {other} 冲突"
    return None


def source(kind: str, id: object = None) -> str:
    """The path in the docs folder of the page or file of ``kind`` (and ``id``)."""
    pattern = PATHS[kind]
    return pattern.format(id=id) if "{id}" in pattern else pattern


def published(path: str) -> str:
    """The site-relative URL a source path is published at: 'measures/m12.md' → 'measures/m12/',
    'sectors/x/index.md' → 'sectors/x/', 'index.md' → ''; other files keep their path."""
    page, hash_mark, anchor = path.partition("#")
    if page.endswith(".md"):
        stem = page.removesuffix(".md")
        page = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return page + hash_mark + anchor


def url(kind: str, id: object = None) -> str:
    """The site-relative URL of the page or file of ``kind``."""
    return published(source(kind, id))


def link(target: str, current: str) -> str:
    """The link to ``target`` (a source path, perhaps with '#anchor') from the page whose source is ``current``."""
    path, hash_mark, anchor = target.partition("#")
    if path == current and hash_mark:
        return hash_mark + anchor
    if not path:  # the site's root folder
        return posixpath.relpath(".", posixpath.dirname(current) or ".") + "/"
    return posixpath.relpath(path, posixpath.dirname(current) or ".") + hash_mark + anchor


def host(site_url: str) -> str:
    """The published site's host name, for ids that must be globally unique (calendar UIDs, feed entry ids)."""
    return urlsplit(site_url).hostname or "plan.invalid"

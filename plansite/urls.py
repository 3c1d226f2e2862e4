"""Every kind of page and file the site publishes, declared once in one table (``OUTPUTS``): its
path, what makes it, and whether the navigation lists it, search finds it and which feed it
announces. The pages, the navigation, the search index, the clash check of everything built
and the paths the theme and search.js read (``theme_paths``) all come from it, so adding a
kind of page touches the table and its template, nothing else.

A page's published URL follows from its source path (MkDocs' and Zensical's directory URLs:
``measures/m12.md`` → ``measures/m12/``), and an id in a path is the record's permanent id in
the data, so a URL never changes when a title does. Pages link to each other by source path
(``link``), which each builder turns into its own URL and checks.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit


@dataclass(frozen=True, kw_only=True, slots=True)
class Output:
    """One kind of page or file."""

    # Its path in the docs folder; {id} stands for a record's permanent id.
    path: str
    # The template in templates/ that renders it; a file without one is written by a module of
    # plansite/site (a table, a calendar, a feed, the data) or, for a workbook, plansite/ledger.
    template: str = ""
    # For a page per record: the catalog's records it is made from (catalog.<records>).
    records: str = ""
    # Its name in the navigation and in the site's search.
    title: str = ""
    # Listed in the site's navigation, in the table's order, with the pages of ``nav_children``
    # (a kind of page per record) under it.
    nav: bool = False
    nav_children: str = ""
    # Words the site's search finds this index page by; an index page without them has no entry.
    search_words: str = ""
    # The kind of the Atom feed the page announces, besides the plan's.
    feed: str = ""
    # Made only with this search engine (see site/search.py); "" always.
    engine: str = ""

    @property
    def per_record(self) -> bool:
        return "{id}" in self.path

    @property
    def in_sitemap(self) -> bool:
        """MkDocs lists every page in sitemap.xml, and no other file."""
        return self.path.endswith(".md")


OUTPUTS: Mapping[str, Output] = MappingProxyType(
    {
        # The navigation, in order.
        "home": Output(path="index.md", template="home.md.j2", title="首页", nav=True),
        "search": Output(path="search/index.md", template="search.md.j2", title="搜索", nav=True, engine="pagefind"),
        "full-text": Output(path="full-text/index.md", template="full-text.md.j2", title="方案全文", nav=True),
        "documents": Output(
            path="documents/index.md",
            template="documents.md.j2",
            title="相关文件",
            nav=True,
            search_words="政策解读 配套文件 实施细则 修订 废止 有效性",
        ),
        "sectors": Output(
            path="sectors/index.md",
            template="sectors.md.j2",
            title="分领域措施",
            nav=True,
            nav_children="sector",
            search_words="领域 部分 章节",
        ),
        "departments": Output(
            path="departments/index.md",
            template="departments.md.j2",
            title="责任单位",
            nav=True,
            search_words="牵头单位 配合单位 部门",
        ),
        "years": Output(
            path="years/index.md",
            template="years.md.j2",
            title="目标年份",
            nav=True,
            nav_children="year",
            search_words="目标任务 年份 期限 截止日期",
        ),
        "topics": Output(
            path="topics/index.md", template="topics.md.j2", title="专题", nav=True, search_words="专题 跨领域"
        ),
        "measures": Output(
            path="measures/index.md",
            template="measures.md.j2",
            title="措施一览",
            nav=True,
            search_words="全部措施 序号 标题 牵头单位",
        ),
        "progress": Output(
            path="progress/index.md",
            template="progress.md.j2",
            title="落实进度",
            nav=True,
            search_words="进度 填报 完成 推进中 未启动 到期",
        ),
        "changes": Output(path="changes/index.md", template="changes.md.j2", title="变更记录", nav=True),
        "downloads": Output(
            path="downloads/index.md",
            template="downloads.md.j2",
            title="数据下载",
            nav=True,
            search_words="下载 数据 表格 CSV JSON 日历 开放数据",
        ),
        "help": Output(path="help/index.md", template="help.md.j2", title="怎么申请补贴、到哪里办理"),
        # A page per record.
        "measure": Output(path="measures/{id}.md", template="measure.md.j2", records="measures"),
        "department": Output(
            path="departments/{id}.md", template="department.md.j2", records="departments", feed="department-feed"
        ),
        "department-ledger": Output(path="ledgers/{id}.md", template="ledger.md.j2", records="departments"),
        "sector": Output(path="sectors/{id}/index.md", template="sector.md.j2", records="chapters"),
        "topic": Output(path="topics/{id}.md", template="topic.md.j2", records="topics"),
        "year": Output(path="years/{id}.md", template="year.md.j2", records="years"),
        # Files: the search index, feeds, data, tables, calendars and workbooks.
        "search-index": Output(path="search.json", engine="own"),
        # At the site's root: the theme looks for a sitemap beside every rel="alternate" link,
        # and there is one here (in a folder of their own, each page would log a 404).
        "feed": Output(path="changes.xml"),
        "department-feed": Output(path="changes-{id}.xml"),
        "plan-json": Output(path="downloads/plan.json"),
        "plan-schema": Output(path="downloads/plan.schema.json"),
        "table": Output(path="downloads/{id}"),
        "department-targets": Output(path="downloads/departments/{id}-targets.csv"),
        "department-ledger-book": Output(path="downloads/departments/{id}-ledger.xlsx"),
        "verification-ledger-book": Output(path="downloads/verification-ledger.xlsx"),
        "year-targets": Output(path="downloads/years/{id}-targets.csv"),
        "calendar": Output(path="downloads/calendars/{id}.ics"),
        "plan-calendar": Output(path="downloads/calendars/all.ics"),
        # The picture a chat app shows beside a shared link (site/card.py).
        "card": Output(path="plan-card.png"),
    }
)
PATHS: Mapping[str, str] = MappingProxyType({kind: output.path for kind, output in OUTPUTS.items()})


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
        "amended", "amendment", "by-chapter", "by-lead", "by-year", "calendars", "changes", "chapters", "cite",
        "contact", "corrections", "docmeta", "documents", "due", "elsewhere", "fields", "files", "goals", "history",
        "implementing", "interpretation", "late", "licence", "matrix", "measures", "notice", "overall", "plan",
        "plan-chart-by-chapter", "plan-chart-by-lead", "plan-chart-by-year", "plan-chart-measures-by-lead",
        "plan-chart-overall", "plan-content", "plan-department-filter", "plan-search", "plan-search-results",
        "plan-title", "progress", "related", "supported-targets", "targets", "text", "topics", "units",
        "verification",
    }
)  # fmt: skip
# File names Windows reserves for devices: a clone there could not hold such a file.
_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}


def taken(records: str, id: str) -> str | None:
    """Why ``id`` cannot name a record of ``records`` (a key of RECORD_PATHS): the path it would
    give a page or file that is already another's, or a name Windows reserves; None if it can."""
    if id in _DEVICE_NAMES:
        return f"{id} 是 Windows 保留的设备名，这样命名的文件在 Windows 上无法存在"
    for kind in RECORD_PATHS[records]:
        path = source(kind, id)
        other = _FIXED_BY_URL.get(published(path))
        if other is not None:
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


# The pages and files of a fixed path by the URL they are published at: every record is checked
# against them, so a plan of thousands of records looks each up instead of comparing with all.
_FIXED_BY_URL: Mapping[str, str] = MappingProxyType(
    {published(path): path for path in reversed(list(PATHS.values())) if "{id}" not in path}
)


def url(kind: str, id: object = None) -> str:
    """The site-relative URL of the page or file of ``kind``."""
    return published(source(kind, id))


def link(target: str, current: str) -> str:
    """The link to ``target`` (a source path, perhaps with '#anchor') from the page whose source is ``current``."""
    path, hash_mark, anchor = target.partition("#")
    if path == current and hash_mark:
        return hash_mark + anchor
    if not path:  # the site's root folder
        return _relative(".", current) + "/"
    return _relative(path, current) + hash_mark + anchor


@functools.lru_cache(maxsize=1 << 16)
def _relative(path: str, current: str) -> str:
    # A generation links the same few hundred paths thousands of times.
    return posixpath.relpath(path, posixpath.dirname(current) or ".")


def host(site_url: str) -> str:
    """The published site's host name, for ids that must be globally unique (calendar UIDs, feed entry ids)."""
    return urlsplit(site_url).hostname or "plan.invalid"


def theme_paths() -> dict[str, str]:
    """The URL of each page or file of a fixed path, for the theme (extra.paths in the generated
    configuration) and search.js: no path is written by hand in overrides/."""
    return {kind.replace("-", "_"): url(kind) for kind, output in OUTPUTS.items() if not output.per_record}

"""The whole pipeline in one function: the data file and the site's configuration in, every
generated file out. Nothing is written here; ``write.publish`` puts the result in place."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from plansite import repository, urls
from plansite.data import history, model, read
from plansite.ledger import book as ledger_book
from plansite.ledger import office
from plansite.site import calendars, card, catalog, config, export, feeds, pages, search, search_index, tables

ROOT = repository.ROOT
HAND_WRITTEN = repository.HAND_WRITTEN
PLAN_SCHEMA = repository.PLAN_SCHEMA


class PageConflict(Exception):
    """Two pages would be published at the same URL, or a hand-written page is not a plain file
    of the pages folder."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Output:
    plan: model.Plan
    # Which search the site needs: 'own' (the header's search box) or 'pagefind' (see ``search``).
    search_engine: str
    # The docs folder MkDocs builds from: relative path → content.
    files: dict[str, bytes]


def build(
    data: Path,
    mkdocs_yml: Path,
    display: str,
    hand_written: Path = HAND_WRITTEN,
    editing: bool = False,
    read_plan: Callable[[Path, str], model.Plan] = read.read_plan,
) -> Output:
    """Every file of the docs folder, from the data file (shown as ``display`` in messages);
    ``editing``: pages for the live preview, linking each measure's place in the data;
    ``read_plan``: stages 1–3 (the preview's keeps the last plan while its inputs are unchanged)."""
    plan = read_plan(data, display)
    indexes = catalog.build(plan, history.line_dates(data))
    own_pages = hand_written_pages(hand_written)
    site = config.read_site_config(mkdocs_yml, display, editing)
    published = _Published()
    _generate_text(published, indexes, site, own_pages)
    published.add(ledger_book.files(indexes, site.site_url).items())
    published.add([(urls.source("card"), card.png(plan))])
    if plan.verifier:
        published.add([(urls.source("verification-ledger-book"), office.workbook(indexes, site.site_url))])
    published.add(own_pages, lambda path: f"手写页面 {hand_written / path}")
    files = {path: content.encode("utf-8") if isinstance(content, str) else content for path, content in published}
    return Output(plan=plan, search_engine=search.engine(plan), files=files)


def site_files(
    indexes: catalog.Catalog, site: config.SiteConfig, hand_written: Sequence[tuple[str, bytes]] = ()
) -> dict[str, str]:
    """Every generated text file (pages, tables, calendars, feeds, data), by path; the hand-written
    pages, by path and content, only join the search index. ``build`` adds the workbooks."""
    published = _Published()
    _generate_text(published, indexes, site, hand_written)
    return {path: content for path, content in published if isinstance(content, str)}


def _generate_text(
    published: _Published,
    indexes: catalog.Catalog,
    site: config.SiteConfig,
    hand_written: Sequence[tuple[str, bytes]],
) -> None:
    """Stage 5, pages and the other files, each kind at the path the output table gives it."""
    plan = indexes.plan
    engine = search.engine(plan)
    published.add(pages.render(indexes, site, engine), "生成的页面 {}".format)
    if engine == "own":
        published.add([(urls.source("search-index"), search_index.index_json(indexes, hand_written))])
    for part in (
        tables.files(indexes, site.site_url),
        calendars.files(indexes, site.site_url),
        feeds.files(indexes, site.site_url),
        {urls.source("plan-json"): export.plan_json(plan)},
        {urls.source("plan-schema"): PLAN_SCHEMA.read_text(encoding="utf-8")},
    ):
        published.add(part.items())


class _Published:
    """The docs folder as it is filled: every file at its path, and the one check that no two
    files, generated or hand-written, are published at one address."""

    def __init__(self) -> None:
        self._files: dict[str, str | bytes] = {}
        self._named: dict[str, str] = {}

    def add(
        self, files: Iterable[tuple[str, str | bytes]], name: Callable[[str], str] = "生成的文件 {}".format
    ) -> None:
        """Add ``files``; ``name`` says in messages what a file is, from its path."""
        for path, content in files:
            key = _url_key(path)
            if key in self._named:
                hand_written = "：请给手写页面换一个文件名" if name(path).startswith("手写页面") else ""
                raise PageConflict(
                    f"{name(path)} 与{self._named[key]}会发布在同一个网址 /{urls.published(_index(path))}{hand_written}"
                )
            self._named[key] = name(path)
            self._files[path] = content

    def __iter__(self) -> Iterator[tuple[str, str | bytes]]:
        return iter(self._files.items())


def _url_key(path: str) -> str:
    """Where a file is published, as a case-insensitive file system would tell: README.md is a
    folder's index page to MkDocs, and M01.md and m01.md are one file on Windows and macOS."""
    return urls.published(_index(path)).casefold()


def _index(path: str) -> str:
    return path.removesuffix("README.md") + "index.md" if path.rpartition("/")[2] == "README.md" else path


def hand_written_pages(folder: Path) -> list[tuple[str, bytes]]:
    """The hand-written pages of ``folder``, relative path → content: plain files only, so that
    a link or a second name for a file elsewhere (/proc/self/environ, .git/config) is never published."""
    if folder.is_symlink():
        raise PageConflict(f"{folder} 是符号链接：手写页面的文件夹必须是仓库中的普通文件夹")
    if not folder.is_dir():
        return []
    pages = []
    for place, folders, names in os.walk(folder):
        for name in sorted(folders) + sorted(names):
            entry = Path(place, name)
            status = entry.lstat()
            if stat.S_ISLNK(status.st_mode):
                raise PageConflict(f"{entry} 是符号链接：手写页面必须是普通文件，不能指向别处；删除它，或换成文件本身")
            if stat.S_ISREG(status.st_mode) and status.st_nlink > 1:
                raise PageConflict(f"{entry} 是另一个文件的硬链接：手写页面必须是普通文件；删除它，或换成文件的副本")
            if name.endswith(".md") and stat.S_ISREG(status.st_mode):
                pages.append((entry.relative_to(folder).as_posix(), entry.read_bytes()))
    return sorted(pages)

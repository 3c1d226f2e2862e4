"""MkDocs' side of the live preview (``serve``): its live-reload server, its builds, and a plugin
that keeps the theme's compiled templates and the pages' converted Markdown from one build to the
next.

MkDocs makes a new Jinja environment for the theme on every build, so each save compiled
Material's templates again; and a page is rendered only with its Markdown converted again, so a
change to the navigation, which every page shows, converted every page. ``PreviewPlugin`` keeps
both through MkDocs' documented plugin API (a plugin that defines ``on_startup`` is kept across
the builds of one serve): ``on_env`` gives each build's environment a bytecode cache kept in
memory, and the page events hand back what a page's Markdown gave before (its HTML, table of
contents and anchors) when it has not changed, instead of converting it again. It is registered
as the ``plansite-preview`` entry point of ``mkdocs.plugins`` (pyproject.toml) and added to the
configuration here only: ``mkdocs.yml`` does not name it, so ``mkdocs build``,
``make site`` and Zensical never load it.

The configuration is loaded once and kept for the next build, loaded again only when
``mkdocs.yml``, ``overrides/`` or the generated configuration it inherits (the navigation)
changed (``Site._config``): MkDocs' own ``serve`` reads it again for every build.

The server does not watch the generated folder: the generator publishes each version whole and
then touches one file the server watches, so MkDocs builds once per save, never while the
generator writes, and does not poll hundreds of files.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, NamedTuple

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugins

from plansite.commands import watching

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents

PLUGIN = "plansite-preview"
POLL_SECONDS = 0.02
log = logging.getLogger("mkdocs.plansite")


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by template name and file. Jinja compares each entry
    with its template's source and compiles the template again if the source changed."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self._code.get(bucket.key, ("", None))
        if code is not None and checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()


class Converted(NamedTuple):
    """What converting a page's Markdown gave: MkDocs checks links between pages' anchors with the
    last two after the build."""

    html: str
    toc: TableOfContents
    anchors: set[str] | None
    links_to_anchors: dict | None


class PreviewPlugin(BasePlugin):
    """The preview's plugin: the theme's templates are compiled once per serve, and a page's
    Markdown is converted once per version of it, not once per save."""

    def __init__(self) -> None:
        self.templates = TemplateCache()
        # By page: its last Markdown and what converting it gave, valid while ``_context`` holds.
        self.converted: dict[str, tuple[str, Converted]] = {}
        self._context: tuple = ()
        self._reused: dict[str, Converted] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this event is what keeps the plugin, and its caches, across builds.
        self.templates.clear()
        self.converted.clear()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Converting Markdown reads the configuration's extensions and resolves links against
        # the site's files: a change to either converts every page again.
        context = (
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            config.use_directory_urls,
            tuple((file.src_uri, file.dest_uri) for file in files),
        )
        if context != self._context:
            self.converted.clear()
            self._context = context
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Only a page whose title its front matter gives: MkDocs takes another's from the conversion.
        last = self.converted.get(page.file.src_uri) if "title" in page.meta else None
        if last is None or last[0] != markdown:
            self._reused.pop(page.file.src_uri, None)
            return markdown
        self._reused[page.file.src_uri] = last[1]
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        before = self._reused.pop(page.file.src_uri, None)
        if before is not None:
            page.toc, page.present_anchor_ids, page.links_to_anchors = before[1:]
            return before.html
        if page.markdown is not None:
            converted = Converted(html, page.toc, page.present_anchor_ids, page.links_to_anchors)
            self.converted[page.file.src_uri] = (page.markdown, converted)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # MkDocs loads no template before this event: every one a build renders goes through the cache.
        env.bytecode_cache = self.templates
        return env


def installed() -> bool:
    """Whether the plugin is registered: ``make`` installs the package (pyproject.toml) with it."""
    return PLUGIN in get_plugins()


def load_config(config_file: Path, **options: Any) -> MkDocsConfig:
    """The configuration ``mkdocs.config.load_config`` reads from ``config_file`` with ``options``,
    with this plugin added to the plugins the file names."""
    config = MkDocsConfig(config_file_path=str(config_file))
    with config_file.open("rb") as file:
        config.load_file(file)
    named = config["plugins"]
    plugins = {**named, PLUGIN: {}} if isinstance(named, dict) else [*named, PLUGIN]
    config.load_dict({**options, "plugins": plugins})
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, error in errors:
        log.error(f"Config value '{name}': {error}")
    if errors:
        raise Abort("Aborted with a configuration error!")
    return config


class Site:
    """MkDocs' live-reload server, building the site incrementally into a temporary folder.

    It runs in the preview's process rather than as ``mkdocs serve`` so that the generator's
    watcher drives it: ``rebuild`` after each publication.
    """

    def __init__(
        self, config_file: Path, address: str, watched: tuple[Path, ...], inherited: tuple[Path, ...] = ()
    ) -> None:
        """``watched``: the theme's overrides, which the server watches with ``config_file``;
        ``inherited``: the generated configuration ``config_file`` inherits. A change to any of
        them loads the configuration again."""
        host, port = address.rsplit(":", 1)
        self._folder = Path(tempfile.mkdtemp(prefix="plansite-preview-"))
        self._site_dir = self._folder / "site"
        # Touched by ``rebuild``: the one file of the generator's output the server watches.
        self._published = self._folder / "published"
        self._published.touch()
        self._config_file = config_file
        self._address = address
        self._config_inputs = (config_file, *watched, *inherited)
        self.serve_url = f"http://{address}/"
        first = self._load()
        first.plugins.on_startup(command="serve", dirty=True)
        server = LiveReloadServer(
            builder=self._build, host=host, port=int(port), root=str(self._site_dir), polling_interval=POLL_SECONDS
        )
        # One touch per publication, made once it is whole: nothing more to wait for.
        server.build_delay = 0
        server.error_handler = self._error_page
        self._loaded = (watching.stamps(self._config_inputs), first)
        self._build(first)
        for path in (self._published, config_file, *watched):
            server.watch(str(path))
        self.server = first.plugins.on_serve(server, config=first, builder=self._build)
        self._first = first

    def rebuild(self) -> None:
        """Have the server build the site again and reload the browsers showing it."""
        os.utime(self._published)

    def shutdown(self) -> None:
        self.server.shutdown()
        self._first.plugins.on_shutdown()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _load(self) -> MkDocsConfig:
        loaded = load_config(self._config_file, site_dir=str(self._site_dir), dev_addr=self._address)
        loaded.site_url = self.serve_url
        return loaded

    def _config(self) -> MkDocsConfig:
        """The configuration of the last build, or loaded again if what it reads changed."""
        stamps, loaded = self._loaded
        now = watching.stamps(self._config_inputs)
        if now != stamps:
            self._loaded = (now, loaded := self._load())
        return loaded

    def _build(self, loaded: MkDocsConfig | None = None) -> None:
        mkdocs_build(loaded or self._config(), serve_url=self.serve_url, dirty=True)

    def _error_page(self, code: int) -> bytes | None:
        page = self._site_dir / f"{code}.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

"""Live preview for editors: ``make serve``.

Generates the site, serves it with MkDocs' live-reload server and watches the data, the
templates, the schema and the hand-written pages. A save regenerates the site; only the files
whose content changed get a new timestamp, and MkDocs, building incrementally, rebuilds just
those pages and reloads the browser. A save that fails validation prints every problem and leaves the
last good site in place, so the browser keeps showing it until the next good save.

This watcher is the generator's own, not an MkDocs hook, so it survives a move to Zensical.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import build, repository, write
from plansite.commands import errors
from plansite.commands.generate import display_path
from plansite.problems import DataError
from plansite.site import pages

POLL_SECONDS = 0.05
# An editor may save in several writes (empty the file, then fill it): a change is read once the
# watched files have stayed the same this long.
SETTLE_SECONDS = 0.15
NAVIGATION = pages.INHERITED_CONFIG


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    data: Path
    out: Path
    config: Path
    address: str
    watched: tuple[Path, ...]


def settings(data: Path, address: str) -> Settings:
    return Settings(
        data=data,
        out=repository.GENERATED,
        config=repository.MKDOCS_YML,
        address=address,
        watched=(data, repository.TEMPLATES, repository.DATA_SCHEMA.parent, repository.HAND_WRITTEN),
    )


def regenerate(config: Settings) -> write.Publication | None:
    """One generation; prints what happened. None if it could not publish."""
    started = time.monotonic()
    try:
        output = build.build(config.data, config.config, display_path(config.data), editing=True)
        published = write.publish(config.out, output.files)
    except Exception as error:  # the preview keeps running and showing the last good site
        message, _ = errors.explain(error)
        if isinstance(error, DataError):
            print(f"\n[preview] {display_path(config.data)} 有问题，网页仍显示上一个正确的版本：", file=sys.stderr)
        else:
            message += "网页仍显示上一个正确的版本。"
        print(message, file=sys.stderr, flush=True)
        return None
    if NAVIGATION in published.changed:
        # Titles or chapters changed: every page's navigation must be rebuilt, not just the edited ones.
        _touch(config.out.resolve().rglob("*.md"))
    elapsed = (time.monotonic() - started) * 1000
    print(
        f"[preview] regenerated in {elapsed:.0f} ms: {len(published.changed)} file(s) changed, "
        f"{len(published.removed)} removed",
        flush=True,
    )
    return published


def _touch(paths: Iterable[Path]) -> None:
    now = time.time()
    for path in paths:
        os.utime(path, (now, now))


def _stamps(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every watched file."""
    found: dict[Path, tuple[int, int]] = {}
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        for candidate in candidates:
            try:
                status = candidate.stat()
            except FileNotFoundError:
                continue
            if candidate.is_file():
                found[candidate] = (status.st_mtime_ns, status.st_size)
    return found


def run(config: Settings) -> int:
    stamps = _stamps(config.watched)
    while regenerate(config) is None and not config.out.exists():
        # No good version to show yet: wait for a save that fixes the data.
        stamps = _wait_for_change(config, stamps)
    server, shutdown = _mkdocs_server(config)

    def watch_data() -> None:
        current = stamps
        while True:
            current = _wait_for_change(config, current)
            regenerate(config)

    threading.Thread(target=watch_data, daemon=True).start()
    print(
        f"[preview] serving http://{config.address}/ ; watching {display_path(config.data)}, "
        "templates/, schema/, docs/pages/ and overrides/ (Ctrl-C stops)",
        flush=True,
    )
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        shutdown()
    return 0


def _mkdocs_server(config: Settings):
    """MkDocs' own live-reload server, building incrementally and polling every 50 ms.

    It runs in this process rather than as ``mkdocs serve`` so that the generator's watcher,
    which publishes all changed files in one switch, drives it.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    host, port = config.address.rsplit(":", 1)
    site_dir = tempfile.mkdtemp(prefix="plansite-preview-")
    serve_url = f"http://{config.address}/"

    def load() -> Any:
        loaded = load_config(str(config.config), site_dir=site_dir, dev_addr=config.address)
        loaded.site_url = serve_url
        return loaded

    def builder(loaded: Any = None) -> None:
        mkdocs_build(loaded or load(), serve_url=serve_url, dirty=True)

    first = load()
    first.plugins.on_startup(command="serve", dirty=True)
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=site_dir, polling_interval=POLL_SECONDS)
    # The generator publishes all changed files in one switch: no need to wait for more to arrive.
    server.build_delay = POLL_SECONDS
    server.error_handler = lambda code: _error_page(site_dir, code)
    builder(first)
    for path in (first.docs_dir, str(config.config), str(repository.OVERRIDES)):
        server.watch(path)
    server = first.plugins.on_serve(server, config=first, builder=builder)

    def shutdown() -> None:
        server.shutdown()
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)

    return server, shutdown


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code == 404 and page.is_file() else None


def _wait_for_change(config: Settings, stamps: dict) -> dict:
    while True:
        time.sleep(POLL_SECONDS)
        current = _stamps(config.watched)
        if current != stamps:
            return _settled(config, current)


def _settled(config: Settings, current: dict) -> dict:
    while True:
        time.sleep(SETTLE_SECONDS)
        again = _stamps(config.watched)
        if again == current:
            return current
        current = again


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="serve.py", description="Preview the site, regenerating on every save.")
    parser.add_argument("--data", type=Path, default=repository.DATA)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (host:port)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_log()
    return run(settings(args.data, args.dev_addr))


# MkDocs' messages an editor does not need to see on every save.
_QUIET = ("A 'dirty' build is being performed", "The following pages exist in the docs directory")


def _show_mkdocs_log() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[mkdocs] %(message)s"))
    handler.addFilter(lambda record: not record.getMessage().startswith(_QUIET))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False

"""Serve the built site on 127.0.0.1 and drive Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The flags this machine needs: no sandbox as root, and no background traffic to Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Compressed as the README's nginx configuration compresses them.
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _SiteHandler(SimpleHTTPRequestHandler):
    """A static server like the production one: index.html for folders, gzip for text."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - the base class's contract
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # A browser that closes a page mid-download is not an error of the site's.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The site at http://127.0.0.1:<free port>/ for the duration of the block."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_chromium() -> str:
    """The browser's path; without one the browser tests fail loudly unless told to skip."""
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    message = (
        f"No Chromium at {CHROMIUM}: the browser tests cannot run. Install it "
        "(apt-get install chromium; .ci/run does) or set SKIP_BROWSER_TESTS=1 to skip them knowingly."
    )
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip(message)
    pytest.fail(message)


class SearchBox:
    """The site's search box in a Chromium page, used as a reader uses it: type, read the results."""

    def __init__(self, page, site_url: str) -> None:  # noqa: ANN001 - a Playwright page
        self.page = page
        page.goto(site_url)

    def results(self, query: str) -> list[str]:
        """The pages of the results shown, as site-relative URLs, in the order shown."""
        page = self.page
        box = page.locator("input.md-search__input")
        if box.input_value() == query:
            # The same query again would not search again: start from an empty box.
            box.fill("")
            box.press("End")
        # Mark the results shown now, so the wait below sees this query's results, not the last.
        page.evaluate(_MARK_STALE)
        box.click()
        box.fill(query)
        # Material searches on keyup, as when an input method commits the typed words.
        box.press("End")
        page.wait_for_function(_RESULTS_WRITTEN, arg=query, timeout=15000)
        # One item per page; its first link is the page itself, the others its sections.
        return page.eval_on_selector_all(
            ".md-search-result__item",
            "items => items.map(li => new URL(li.querySelector('a').href).pathname.replace(/^\\//, ''))",
        )


_MARK_STALE = """() => {
    document.querySelectorAll('.md-search-result__item').forEach(item => item.dataset.stale = '1');
    // "Nothing found" counts only once the theme has written it for this query.
    window.planMetaWritten = false;
    new MutationObserver(() => { window.planMetaWritten = true; }).observe(
        document.querySelector('.md-search-result__meta'),
        {childList: true, characterData: true, subtree: true});
}"""
# This query's results: a render of the one before may still arrive (each key schedules one).
_RESULTS_WRITTEN = """query => {
    const list = document.querySelector('.md-search-result__list');
    if (list.getAttribute('data-plan-query') !== query) return false;
    const meta = document.querySelector('.md-search-result__meta');
    const first = document.querySelector('.md-search-result__item');
    return first ? !first.dataset.stale : window.planMetaWritten && /没有/.test(meta.textContent);
}"""

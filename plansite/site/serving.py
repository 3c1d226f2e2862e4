"""What a web server needs from a built site, written into it by `make site`: each text file
beside its gzip copy, so that nginx sends it compressed without compressing it (``gzip_static``),
and the Content-Security-Policy for it, as an nginx directive (``POLICY_FILE``, which
deploy/nginx.conf includes): scripts from the site itself, and of the inline ones only those the
built pages hold, each allowed by its hash; never 'unsafe-inline' or 'unsafe-eval'."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path

# The kinds of text the site publishes: sent compressed. (Source maps, which only a browser's
# developer tools fetch, are sent as they are.)
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".ics", ".txt")
# In the site folder, where a deployment copies it with the pages it belongs to; nginx serves no
# file whose name starts with a dot.
POLICY_FILE = ".csp.conf"
# Script types a browser runs: a JSON data block (Material's __config) is never executed.
_RUN = {"", "text/javascript", "application/javascript", "module"}


def prepare(site: Path) -> None:
    """Write the gzip copies and the policy into the built ``site``."""
    compress(site)
    (site / POLICY_FILE).write_text(f'add_header Content-Security-Policy "{policy(site)}" always;\n', encoding="utf-8")


def compress(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED and path.is_file():
            # Level 6: within 2 % of the smallest, in under half the time of level 9.
            packed = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(packed)


def policy(site: Path) -> str:
    """The policy for every page of ``site``. Pagefind, the search of a large plan, compiles
    WebAssembly, which needs 'wasm-unsafe-eval' (WebAssembly only, never JavaScript's eval)."""
    hashes = sorted({_hash(script) for page in site.rglob("*.html") for script in inline_scripts(page)})
    scripts = ["'self'", *hashes, *(["'wasm-unsafe-eval'"] if (site / "pagefind").is_dir() else [])]
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "style-src 'self'",
            # The theme's icons are SVG written into its style sheet as data: addresses.
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'self'",
            "form-action 'self'",
        ]
    )


def inline_scripts(page: Path) -> list[str]:
    """The text of each inline script ``page`` runs, exactly as written (a script's text cannot
    hold "</script>", so the first one ends it)."""
    found = []
    for attributes, text in _SCRIPT.findall(page.read_text(encoding="utf-8")):
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind.group(1) if kind else "").lower() in _RUN:
            found.append(text)
    return found


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)

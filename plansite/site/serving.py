"""What a web server needs from a built site, written into it by `make site`: each text file
beside its gzip copy, so that nginx sends it compressed without compressing it (``gzip_static``),
and the Content-Security-Policy for it, as an nginx directive (``POLICY_FILE``, which
deploy/nginx.conf includes): scripts from the site itself, and inline only the theme's own,
each allowed by its hash; never 'unsafe-inline' or 'unsafe-eval'.

An inline script is allowed when a template (Material's, or ours in overrides/ and templates/)
writes it, its template expressions filled with text that stays inside their quotes. Any other
inline script in a page is a defect (text from the data turned into markup): it stops the build."""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.resources
import re
from pathlib import Path

from plansite import repository

# The kinds of text the site publishes: sent compressed. (Source maps, which only a browser's
# developer tools fetch, are sent as they are.)
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".ics", ".txt")
# In the site folder, where a deployment copies it with the pages it belongs to; nginx serves no
# file whose name starts with a dot.
POLICY_FILE = ".csp.conf"
# Script types a browser runs: a JSON data block (Material's __config) is never executed.
_RUN = {"", "text/javascript", "application/javascript", "module"}
# Where the scripts a page may hold are written: Material's templates, ours for the theme, and
# ours for the pages (the search page of a plan searched with Pagefind starts it).
TEMPLATES = (
    Path(str(importlib.resources.files("material"))) / "templates",
    repository.ROOT / "overrides",
    repository.TEMPLATES,
)


class ForeignScript(Exception):
    """A built page holds an inline script no template writes."""


def prepare(site: Path) -> None:
    """Write the gzip copies and the policy into the built ``site``; raises ``ForeignScript``."""
    allowed = policy(site)
    compress(site)
    (site / POLICY_FILE).write_text(f'add_header Content-Security-Policy "{allowed}" always;\n', encoding="utf-8")


def compress(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED and path.is_file():
            # Level 6: within 2 % of the smallest, in under half the time of level 9.
            packed = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(packed)


def policy(site: Path, templates: tuple[Path, ...] = TEMPLATES) -> str:
    """The policy for every page of ``site``. Pagefind, the search of a large plan, compiles
    WebAssembly, which needs 'wasm-unsafe-eval' (WebAssembly only, never JavaScript's eval)."""
    theirs = template_scripts(templates)
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for script in inline_scripts(page):
            if not any(pattern.fullmatch(script) for pattern in theirs):
                raise ForeignScript(f"{page.relative_to(site)} 中有一段内联脚本不是模板写的：{script[:80]!r}")
            hashes.add(_hash(script))
    scripts = ["'self'", *sorted(hashes), *(["'wasm-unsafe-eval'"] if (site / "pagefind").is_dir() else [])]
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
    """The text of each inline script ``page`` runs, exactly as written."""
    return _inline(page.read_text(encoding="utf-8"))


def template_scripts(folders: tuple[Path, ...]) -> list[re.Pattern[str]]:
    """The inline scripts the templates in ``folders`` write, each as the pattern of its text:
    a template expression ({{ … }}) may hold anything but a quote, a backslash or a bracket."""
    patterns = []
    for folder in folders:
        for template in sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".j2")):
            for text in _inline(template.read_text(encoding="utf-8")):
                if "{%" not in text:
                    parts = re.split(r"\{\{.*?\}\}", text)
                    patterns.append(re.compile(r'[^"\\<>]*'.join(map(re.escape, parts))))
    return patterns


def _inline(html: str) -> list[str]:
    """Inline scripts a browser runs (a script's text cannot hold "</script>": the first ends it)."""
    found = []
    for attributes, text in _SCRIPT.findall(html):
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

"""Build the real site once for the tests that read it, and parse its pages."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path) -> subprocess.CompletedProcess:
    """Build the real site into ``site_dir`` from a copy of the project, so that its generated
    pages are its own while other tests (in other workers) generate theirs."""
    from tests.conftest import project_copy

    project = project_copy(project_of(site_dir))
    return subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
    )


def project_of(site_dir: Path) -> Path:
    """The copy of the project ``build_site`` built ``site_dir`` from, its generated pages included."""
    return site_dir.parent / f"{site_dir.name}-project"


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    # (tag, attribute, value) of everything the browser would fetch.
    resources: list[tuple[str, str, str]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        for attribute in ("src", "srcset", "poster", "data"):
            if attribute in values:
                self.page.resources.append((tag, attribute, values[attribute]))
        if tag == "link" and "href" in values and values.get("rel") not in ("canonical", "alternate"):
            self.page.resources.append((tag, "href", values["href"]))


def parse(html: str) -> ParsedPage:
    parser = _PageParser()
    parser.feed(html)
    return parser.page


def section(html: str, heading_id: str) -> str:
    """The HTML from the heading with ``heading_id`` to the next heading of level 2."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:] if end < 0 else html[start:end]


def measure_ids(html: str) -> list[str]:
    return re.findall(r'data-measure="(m\d+)"', html)

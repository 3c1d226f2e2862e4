"""The same sources built with Zensical, Material's successor: every internal link resolves."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site_build import parse, project_of

# Builds the site with MkDocs: not in make quick.
pytestmark = pytest.mark.site

ZENSICAL = Path(sys.executable).with_name("zensical")


def test_every_internal_href_and_src_of_a_zensical_build_resolves_to_a_file(built_site, tmp_path):
    # The very sources the real site was built from, in a folder of its own.
    built_from, project = project_of(built_site), tmp_path / "project"
    shutil.copytree(built_from / "docs" / "generated", project / "docs" / "generated", symlinks=False)
    for name in ("mkdocs.yml", "overrides"):
        (shutil.copytree if (built_from / name).is_dir() else shutil.copy)(built_from / name, project / name)
    # mkdocs.yml names the project's own Markdown extension (plansite.site.markdown_tables), which
    # Zensical imports from the installed package, as MkDocs does: no PYTHONPATH.
    result = subprocess.run(
        [str(ZENSICAL), "build", "-f", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    site = project / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > len(list((project / "docs" / "generated").rglob("*.md")))  # every page, and the 404
    broken = []
    for page in pages:
        parsed = parse(page.read_text(encoding="utf-8"))
        for reference in parsed.links + [value for _, _, value in parsed.resources]:
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or an anchor on this page
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {reference}")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"

#!/usr/bin/env python3
"""Build the static site from the generated pages: `mkdocs build`, then the search index.

    .venv/bin/python scripts/build_site.py [--generate [--data FILE]] [--config-file mkdocs.yml]
                                           [--site-dir site] [--quiet]

With --generate (what `make site` runs) it first generates the pages into the config's docs_dir,
in this same process: one interpreter start and one import of YAML and Jinja fewer.

The generator records in the generated nav which search the plan needs (plansite/search.py):
Material's own for a plan of a few hundred measures, Pagefind beyond. For Pagefind this turns
Material's search off (PLAN_MATERIAL_SEARCH=false, read by mkdocs.yml) and indexes the built
site with Pagefind's extended build, which segments Chinese, into site/pagefind/.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.render import ConfigLoader  # noqa: E402



def read_config(config_file: Path) -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


def docs_dir(config_file: Path) -> Path:
    return config_file.resolve().parent / read_config(config_file).get("docs_dir", "docs")


def search_engine(config_file: Path) -> tuple[str, Path]:
    """The engine the generated nav asks for, and the site folder the config builds into."""
    config = read_config(config_file)
    base = config_file.resolve().parent
    nav_file = base / config.get("INHERIT", "docs/generated/.nav.yml")
    generated = yaml.load(nav_file.read_text(encoding="utf-8"), Loader=ConfigLoader) if nav_file.is_file() else {}
    engine = ((generated or {}).get("extra") or {}).get("search_engine", "material")
    return engine, base / config.get("site_dir", "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mkdocs build --strict, then Pagefind if the plan needs it")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, help="build into this folder instead of the config's")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--generate", action="store_true", help="generate the pages first (scripts/generate.py)")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "measures.yaml",
                        help="with --generate: the YAML data file")
    args = parser.parse_args(argv)
    if args.generate and generate(args.data, args.config_file):
        return 1
    engine, site_dir = search_engine(args.config_file)
    site_dir = args.site_dir or site_dir
    # Read by mkdocs.yml's !ENV tag when MkDocs loads it, below.
    os.environ["PLAN_MATERIAL_SEARCH"] = "false" if engine == "pagefind" else "true"
    if build(args.config_file, site_dir, args.quiet):
        return 1
    if engine != "pagefind":
        return 0
    # The article is the page's own content; crumbs, charts' data and citations stay out of results.
    return subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
                           "--root-selector", "article", "--force-language", "zh",
                           "--exclude-selectors", "[data-search-exclude], .plan-crumbs, .headerlink, .plan-anchor"],
                          cwd=ROOT).returncode


def generate(data: Path, config_file: Path) -> bool:
    """scripts/generate.py into the config's docs_dir; True if it failed (it has said why)."""
    from plansite import cli

    return cli.main(["--data", str(data), "--config", str(config_file), "--out", str(docs_dir(config_file))]) != 0


THEME_BYTECODE = ROOT / ".cache" / "jinja-theme"


@contextlib.contextmanager
def _theme_templates_compiled_once() -> Iterator[None]:
    """Material's templates compiled once and kept (MkDocs compiles them afresh every build: 0.13 s
    of the real plan's 2.9 s). Jinja keys the cache by each template's source, so an
    upgraded theme compiles afresh."""
    import jinja2
    from mkdocs.theme import Theme

    plain = Theme.get_env

    def with_cache(theme: Theme) -> jinja2.Environment:
        environment = plain(theme)
        THEME_BYTECODE.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(THEME_BYTECODE))
        return environment

    Theme.get_env = with_cache  # type: ignore[method-assign]
    try:
        yield
    finally:
        Theme.get_env = plain  # type: ignore[method-assign]


def build(config_file: Path, site_dir: Path, quiet: bool) -> bool:
    """`mkdocs build --strict` in this process (one interpreter start fewer); True if it failed."""
    from mkdocs import config, exceptions
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands import build as mkdocs_build

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    # Warnings always pass: strict mode counts them on this logger (quiet at ERROR would hide them).
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    try:
        with _theme_templates_compiled_once():
            mkdocs_build.build(config.load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True))
    except (exceptions.MkDocsException, exceptions.Abort) as error:
        log.error(str(error))
        return True
    return False


if __name__ == "__main__":
    sys.exit(main())

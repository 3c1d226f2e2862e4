"""`make site`: generate the pages, build the static site with `mkdocs build --strict`, index
it with Pagefind if the plan is too large for the site's own search, and write what the web
server needs into it (``serving``: gzip copies, the content policy).

    .venv/bin/python scripts/build_site.py [--data FILE] [--config-file mkdocs.yml] [--site-dir site] [--quiet]
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

from plansite import repository, write
from plansite.commands.errors import guarded
from plansite.commands.generate import generate
from plansite.site import config, serving


def main(argv: list[str] | None = None) -> int:
    return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description="generate, mkdocs build --strict, then Pagefind if the plan needs it")
    parser.add_argument("--data", type=Path, default=repository.DATA, help="the YAML data file")
    parser.add_argument("--config-file", type=Path, default=repository.MKDOCS_YML)
    parser.add_argument("--site-dir", type=Path, help="build into this folder instead of the config's")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    settings = config.read_mkdocs_yml(args.config_file)
    base = args.config_file.resolve().parent
    docs_dir = base / settings.get("docs_dir", "docs")
    site_dir = args.site_dir or base / settings.get("site_dir", "site")
    # The docs folder stays locked until MkDocs has read it: no other run may replace it meanwhile.
    with write.exclusive(docs_dir):
        output = generate(args.data, args.config_file, docs_dir)
        pagefind = output.search_engine == "pagefind"

        def build_into(folder: Path) -> bool:
            if not mkdocs_build(args.config_file, folder, args.quiet):
                return False
            if pagefind and not index_with_pagefind(folder):
                return False
            try:
                serving.prepare(folder)
            except serving.ForeignScript as error:
                print(
                    f"{error}\n数据中的文字本应原样显示，却成了脚本：网站没有更新，请把这条信息报告给网站的维护者",
                    file=sys.stderr,
                )
                return False
            return True

        # Built into a new folder, then switched: a failed or killed build leaves the previous site.
        return 0 if write.build_folder(site_dir, build_into) else 1


def index_with_pagefind(site_dir: Path) -> bool:
    # The article is the page's own content; crumbs, charts' data and citations stay out of results.
    return (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(site_dir),
                "--silent",
                "--root-selector",
                "article",
                "--force-language",
                "zh",
                "--exclude-selectors",
                "[data-search-exclude], .plan-crumbs, .headerlink, .plan-anchor",
            ],
            cwd=repository.ROOT,
        ).returncode
        == 0
    )


def mkdocs_build(config_file: Path, site_dir: Path, quiet: bool) -> bool:
    """`mkdocs build --strict` in this process; False if it failed (MkDocs has said why). The
    generated configuration tells the theme which search the plan has (extra.search_engine)."""
    from mkdocs import config as mkdocs_config
    from mkdocs import exceptions
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands import build

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    # Warnings always pass: strict mode counts them on this logger (quiet at ERROR would hide them).
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    try:
        build.build(mkdocs_config.load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True))
    except (exceptions.MkDocsException, exceptions.Abort) as error:
        log.error(str(error))
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())

"""Every page of the built site validates with the W3C Nu HTML Checker (vnu-jar, `make test`
installs it; Debian's Java runs it): no error in markup we write. The few errors that come only
from Material's own templates, which the site does not override, are listed here and in
docs/ARCHITECTURE.md ("Valid HTML") with the reason; each must still occur, so the list cannot
outlive its cause."""

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site

VNU = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's base.html and partials/toc.html, as the theme ships them: (message, markup) patterns.
THEME_ONLY = {
    # base.html: its drawer and search toggles are checkboxes with autocomplete="off" (for
    # Firefox, which would otherwise restore their state on reload).
    "toggle-autocomplete": (
        r"^Attribute “autocomplete” is only allowed when",
        r'class="md-toggle".*autocomplete="off"',
    ),
    # partials/toc.html: the table of contents' title labels the toc toggle, which base.html only
    # writes on pages that show a table of contents.
    "toc-label": (
        r"^The value of the “for” attribute of the “label” element",
        r'<label class="md-nav__title" for="__toc">',
    ),
}


def test_every_page_validates_apart_from_the_themes_own_listed_errors(built_site, plan):
    java = shutil.which("java")
    assert java, "No Java: apt-get install default-jre-headless (.ci/run does)"
    assert VNU.is_file(), f"No {VNU}: make test installs it (npm vnu-jar)"
    # A run of seconds: Java's quick compiler alone checks the same pages with half the processors'
    # time (the optimising one compiles for longer than it saves here), on a deeper stack.
    quick = ["-Xss4m", "-XX:TieredStopAtLevel=1"]
    result = subprocess.run(
        [
            java,
            *quick,
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(built_site.resolve()),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [message for message in messages if message.get("type") in ("error", "non-document-error")]
    pages = len(list(built_site.rglob("*.html")))
    # The site was there to check: a page for each measure and each department, at least.
    assert pages >= len(plan.measures) + len(plan.departments)
    seen = dict.fromkeys(THEME_ONLY, 0)
    ours = []
    where = "file:" + str(built_site.resolve())
    for error in errors:
        cause = next(
            (
                name
                for name, (message, markup) in THEME_ONLY.items()
                if re.search(message, error["message"]) and re.search(markup, error.get("extract", ""))
            ),
            None,
        )
        if cause:
            seen[cause] += 1
        else:
            ours.append(f"{error.get('url', '').removeprefix(where)}:{error.get('lastLine')}: {error['message']}")
    assert ours == []
    assert all(seen.values()), f"a listed theme error no longer occurs, take it off the list: {seen}"

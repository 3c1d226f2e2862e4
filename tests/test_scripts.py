"""The site's own JavaScript parses as ES2017, so older phones' browsers (and in-app browsers)
run it: no Unicode property escapes, no optional chaining, no object spread. One syntax error
would stop a whole file. Parsed with acorn (`make` installs it), which knows each edition."""

import re
import subprocess

import pytest

from tests.conftest import ROOT

ACORN = ROOT / ".cache" / "acorn" / "node_modules" / "acorn"
SCRIPTS = sorted((ROOT / "overrides" / "assets" / "javascripts").glob("*.js"))
TEMPLATES = sorted((ROOT / "overrides").rglob("*.html"))
_PARSE = """
const acorn = require(process.argv[1]);
let source = "";
process.stdin.on("data", chunk => source += chunk).on("end", () => {
  try { acorn.parse(source, {ecmaVersion: 2017, sourceType: "script"}); }
  catch (error) { console.log(error.message); process.exit(1); }
});
"""


def es2017_error(source: str) -> str:
    """acorn's message for ``source`` as an ES2017 script, or '' if it parses."""
    result = subprocess.run(["node", "-e", _PARSE, str(ACORN)], input=source, capture_output=True, text=True)
    # Without acorn (make installs it) node fails too, with status 1: its message is on stderr.
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_each_script_parses_as_es2017(script):
    assert es2017_error(script.read_text(encoding="utf-8")) == ""


def test_each_inline_script_of_the_theme_parses_as_es2017():
    inline = [
        found
        for template in TEMPLATES
        for found in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S)
    ]
    assert inline, "the theme's inline scripts were not found"
    for source in inline:
        assert es2017_error(source) == "", source


@pytest.mark.parametrize(
    "newer",
    ["var word = /[^\\p{L}]+/gu;", "var name = a?.b;", "var copy = {...a};", "var n = a ?? 1;", "var r = /(?<y>\\d)/;"],
)
def test_the_parser_refuses_what_es2017_lacks(newer):
    assert es2017_error(newer)

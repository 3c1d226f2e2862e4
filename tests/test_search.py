"""Search as a reader uses it: queries typed into the site's search box in Chromium."""

import pytest

from tests.browser import CHROMIUM_ARGS, require_chromium, serve
from tests.site_build import build_site

# (query, the page that must be among the first three results)
QUERIES = [
    ("焚烧", "measures/m17/"),
    ("公交", "measures/m18/"),
    ("电梯", "measures/m15/"),
    ("病房", "measures/m25/"),
    ("二手车", "measures/m39/"),
    ("环卫", "measures/m16/"),
    ("污水", "measures/m12/"),
    ("供热", "measures/m13/"),
    ("煤矿", "measures/m08/"),
    ("生命线", "measures/m14/"),
    ("适老化", "measures/m36/"),
    ("实验室", "measures/m29/"),
    ("家装", "measures/m35/"),
    ("体育", "measures/m30/"),
    ("光伏", "measures/m02/"),
    ("税收", "measures/m47/"),
    ("市税务局", "departments/taxation/"),
    ("国家税务总局长治市税务局", "departments/taxation/"),
    ("市工信局", "departments/industry-it/"),
    ("工业和信息化局", "departments/industry-it/"),
]
# Measures led by 市工信局: its short and full names must find them too.
INDUSTRY_IT_LEADS = {f"measures/m{n:02d}/" for n in (1, 2, 3, 4, 5, 6, 7, 10, 40, 41)}


@pytest.fixture(scope="module")
def search(tmp_path_factory):
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)

        def run(query: str) -> list[str]:
            """The pages of the first results, as site-relative URLs, in the order shown."""
            box = page.locator("input.md-search__input")
            # Mark the results shown now, so the wait below sees this query's results, not the last.
            page.evaluate("""() => document.querySelectorAll('.md-search-result__item')
                                 .forEach(item => item.dataset.stale = '1')""")
            box.click()
            box.fill(query)
            # Material searches on keyup, as when an input method commits the typed words.
            box.press("End")
            page.wait_for_function(
                """() => {
                    const meta = document.querySelector('.md-search-result__meta');
                    const first = document.querySelector('.md-search-result__item');
                    return first ? !first.dataset.stale : /没有/.test(meta.textContent);
                }""", timeout=15000)
            # One item per page; its first link is the page itself, the others its sections.
            links = page.eval_on_selector_all(
                ".md-search-result__item",
                "items => items.map(li => new URL(li.querySelector('a').href).pathname.replace(/^\\//, ''))")
            return links

        yield run
        browser.close()


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_page_in_the_first_three_results(search, query, expected):
    results = search(query)
    assert expected in results[:3], f"{query}: first results {results[:5]}"


@pytest.mark.parametrize("query", ["市工信局", "工业和信息化局"])
def test_department_names_find_the_measures_it_leads(search, query):
    results = search(query)
    assert INDUSTRY_IT_LEADS & set(results[:5]), f"{query}: first results {results[:5]}"

"""Search as a reader uses it: queries typed into the site's search box in Chromium."""

import pytest

# (query, the page that must be among the first three results)
QUERIES = [
    # Sub-words of the plan's text.
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
    # Departments by short name, full name, alias and the body's own name.
    ("市税务局", "departments/taxation/"),
    ("国家税务总局长治市税务局", "departments/taxation/"),
    ("市工信局", "departments/industry-it/"),
    ("工业和信息化局", "departments/industry-it/"),
    ("市住建局", "departments/housing/"),
    ("长治市住房和城乡建设局", "departments/housing/"),
    ("人行长治市中心支行", "departments/pboc/"),
    ("中国人民银行长治市分行", "departments/pboc/"),
    ("市政府办", "departments/general-office/"),
    # Measure numbers as people write them.
    ("（十七）", "measures/m17/"),
    ("第十七项", "measures/m17/"),
    ("17", "measures/m17/"),
    # A year with a topic.
    ("2025 环卫", "measures/m16/"),
    ("2025 环卫", "years/2025/"),
    ("2027 焚烧", "measures/m17/"),
    # A topic's name.
    ("新能源汽车", "topics/new-energy-vehicles/"),
]
# Measures led by 市工信局: its short and full names must find them too.
INDUSTRY_IT_LEADS = {f"measures/m{n:02d}/" for n in (1, 2, 3, 4, 5, 6, 7, 10, 40, 41)}


@pytest.fixture(scope="module")
def search(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)

    def run(query: str) -> list[str]:
        """The pages of the results shown, as site-relative URLs, in the order shown."""
        box = page.locator("input.md-search__input")
        if box.input_value() == query:
            # The same query again would not search again: start from an empty box.
            box.fill("")
            box.press("End")
        # Mark the results shown now, so the wait below sees this query's results, not the last.
        page.evaluate("""() => {
            document.querySelectorAll('.md-search-result__item').forEach(item => item.dataset.stale = '1');
            // "Nothing found" counts only once the theme has written it for this query.
            window.planMetaWritten = false;
            new MutationObserver(() => { window.planMetaWritten = true; }).observe(
                document.querySelector('.md-search-result__meta'),
                {childList: true, characterData: true, subtree: true});
        }""")
        box.click()
        box.fill(query)
        # Material searches on keyup, as when an input method commits the typed words.
        box.press("End")
        page.wait_for_function(
            """() => {
                const meta = document.querySelector('.md-search-result__meta');
                const first = document.querySelector('.md-search-result__item');
                return first ? !first.dataset.stale : window.planMetaWritten && /没有/.test(meta.textContent);
            }""",
            timeout=15000,
        )
        # One item per page; its first link is the page itself, the others its sections.
        return page.eval_on_selector_all(
            ".md-search-result__item",
            "items => items.map(li => new URL(li.querySelector('a').href).pathname.replace(/^\\//, ''))",
        )

    run.page = page
    yield run
    page.close()


@pytest.mark.parametrize("query,expected", QUERIES, ids=[f"{q}→{e}" for q, e in QUERIES])
def test_query_finds_its_page_in_the_first_three_results(search, query, expected):
    results = search(query)
    assert expected in results[:3], f"{query}: first results {results[:5]}"


@pytest.mark.parametrize("query", ["市工信局", "工业和信息化局"])
def test_department_names_find_the_measures_it_leads(search, query):
    results = search(query)
    assert INDUSTRY_IT_LEADS & set(results[:5]), f"{query}: first results {results[:5]}"


def test_a_query_with_no_match_says_what_to_try_instead(search):
    assert search("火箭") == []
    page = search.page
    assert page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"
    help_text = page.inner_text(".plan-search-help")
    assert "市工信局" in help_text and "17" in help_text and "2025 环卫" in help_text
    assert page.eval_on_selector_all(".plan-search-help a", "links => links.map(a => a.textContent)") == [
        "责任单位",
        "目标年份",
        "方案全文",
    ]
    search("电梯")
    assert page.locator(".plan-search-help").count() == 0

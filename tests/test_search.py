"""Search as a reader uses it: queries typed into the site's search box in Chromium.

The queries are the evaluation set `make bench-search` scores (this plan's, in
tests/this_plan.yaml), and phrases drawn from the text of whatever plan data/ holds: each must
find one of its pages among the first three results, and a drawn phrase its measure first.
"""

import pytest

from plansite.build import read_plan
from plansite.site import catalog, search_index
from plansite.tools.browser import SearchBox
from plansite.tools.search_eval import drawn_phrases, written_queries
from tests.conftest import DATA

WRITTEN = written_queries()
PLAN = read_plan(DATA, "data/measures.yaml")
DRAWN = drawn_phrases(PLAN)
CATALOG = catalog.build(PLAN)
# The department that leads most measures: its short name and its full name without the city's
# must find it first, then measures it leads.
BUSIEST = max(CATALOG.departments.values(), key=lambda entry: len(entry.leads))
CITY = PLAN.document.issuer.removesuffix("人民政府")
DEPARTMENT_NAMES = sorted({BUSIEST.department.name, BUSIEST.department.title.removeprefix(CITY)})


@pytest.fixture(scope="module")
def search(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    box = SearchBox(page, site_url)
    yield box
    page.close()


@pytest.mark.parametrize("query", WRITTEN, ids=[f"{q.kind}:{q.text}" for q in WRITTEN])
def test_a_query_finds_one_of_its_pages_in_the_first_three_results(search, query):
    results = search.results(query.text)
    assert set(query.expected) & set(results[:3]), f"{query.text}: first results {results[:5]}"


@pytest.mark.parametrize("query", DRAWN, ids=[q.text for q in DRAWN])
def test_a_phrase_found_once_in_a_measure_finds_that_measure_first(search, query):
    results = search.results(query.text)
    assert results[:1] == list(query.expected), f"{query.text}: first results {results[:5]}"


def test_the_drawn_phrases_reach_most_measures():
    assert len({q.expected for q in DRAWN}) >= len(PLAN.measures) // 2


@pytest.mark.parametrize("query", DEPARTMENT_NAMES)
def test_department_names_find_the_department_then_the_measures_it_leads(search, query):
    results = search.results(query)
    assert results[0] == BUSIEST.url
    leads = {m.url for m in BUSIEST.leads}
    assert set(results[1 : 1 + len(leads)]) <= leads, f"{query}: first results {results[:6]}"


def test_a_result_shows_its_kind_and_a_short_excerpt_with_the_match_marked(search):
    phrase = DRAWN[0]
    measure = next(m for m in PLAN.measures if m.url == phrase.expected[0])
    search.results(phrase.text)
    page = search.page
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == measure.heading
    assert first.locator(".plan-search-result__kind").inner_text() == f"措施 · {measure.chapter.heading}"
    excerpt = first.locator("article > p").last.inner_text()
    assert phrase.text in excerpt and len(excerpt) <= 80
    assert first.locator("mark").all_inner_texts() == [phrase.text]
    assert "#" not in first.locator("h1").inner_text()


def test_text_in_a_query_is_never_markup(search):
    assert search.results("<img src=x onerror=alert(1)>") == []
    assert search.page.locator(".md-search-result img").count() == 0


def test_a_question_the_plan_does_not_answer_leads_to_the_help_page(search):
    assert search.results("怎么申请补贴")[0] == "help/"
    page = search.page
    page.goto(page.url.split("#")[0].rsplit("/", 1)[0] + "/help/")
    text = page.inner_text("article")
    assert "不是补贴申领或办事指南" in text
    assert all(group.lead.name in text for group in PLAN.working_groups)
    search.page.goto(search.page.url.rsplit("/help/", 1)[0] + "/")


def test_a_query_with_no_match_says_what_to_try_instead(search):
    assert search.results("火箭") == []
    page = search.page
    assert page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"
    help_text = page.inner_text(".plan-search-help")
    # Its examples are this plan's own.
    examples = search_index.examples(CATALOG)
    assert examples["unit"] in help_text and f"“{examples['number']}”或“{examples['label']}”" in help_text
    assert examples.get("year_query", "") in help_text
    assert page.eval_on_selector_all(".plan-search-help a", "links => links.map(a => a.textContent)") == [
        "责任单位",
        "目标年份",
        "方案全文",
        "怎么申请补贴、到哪里办理",
    ]
    search.results(PLAN.measures[0].title)
    assert page.locator(".plan-search-help").count() == 0

"""Search as a reader uses it: queries typed into the site's search box in Chromium.

The queries are the evaluation set `make bench-search` scores (tests/search_queries.yaml), and
phrases drawn from the plan's own text: each must find one of its pages among the first three
results, and a drawn phrase its measure first.
"""

import pytest

from scripts.browser import SearchBox
from scripts.search_eval import drawn_phrases, written_queries
from tests.conftest import DATA

WRITTEN = written_queries()
# Measures led by 市工信局: its short and full names must find them too.
INDUSTRY_IT_LEADS = {f"measures/m{n:02d}/" for n in (1, 2, 3, 4, 5, 6, 7, 10, 40, 41)}


def drawn():
    from plansite.build import read_plan

    return drawn_phrases(read_plan(DATA, "data/measures.yaml"))


DRAWN = drawn()


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


def test_the_evaluation_set_is_large_and_covers_how_people_ask():
    kinds = {q.kind for q in WRITTEN}
    assert len(WRITTEN) >= 100 and {"citizen", "clerk", "phrase", "help"} <= kinds
    assert len(DRAWN) >= 40


@pytest.mark.parametrize("query", ["市工信局", "工业和信息化局"])
def test_department_names_find_the_department_then_the_measures_it_leads(search, query):
    results = search.results(query)
    assert results[0] == "departments/industry-it/"
    assert set(results[1:6]) <= INDUSTRY_IT_LEADS, f"{query}: first results {results[:6]}"


def test_a_result_shows_its_kind_and_a_short_excerpt_with_the_match_marked(search):
    search.results("平层入户")
    page = search.page
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "（十五）加快推进老旧小区改造"
    assert first.locator(".plan-search-result__kind").inner_text() == "措施 · 四、实施建筑和市政基础设施设备更新行动"
    excerpt = first.locator("article > p").last.inner_text()
    assert "平层入户" in excerpt and len(excerpt) <= 80
    assert first.locator("mark").all_inner_texts() == ["平层入户"]
    assert "#" not in first.locator("h1").inner_text()


def test_text_in_a_query_is_never_markup(search):
    assert search.results("<img src=x onerror=alert(1)>") == []
    assert search.page.locator(".md-search-result img").count() == 0


def test_a_question_the_plan_does_not_answer_leads_to_the_help_page(search):
    assert search.results("怎么申请补贴")[0] == "help/"
    page = search.page
    page.goto(page.url.split("#")[0].rsplit("/", 1)[0] + "/help/")
    text = page.inner_text("article")
    assert "不是补贴申领或办事指南" in text and "市商务局" in text
    search.page.goto(search.page.url.rsplit("/help/", 1)[0] + "/")


def test_a_query_with_no_match_says_what_to_try_instead(search):
    assert search.results("火箭") == []
    page = search.page
    assert page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"
    help_text = page.inner_text(".plan-search-help")
    assert "市工信局" in help_text and "17" in help_text and "2025 环卫" in help_text
    assert page.eval_on_selector_all(".plan-search-help a", "links => links.map(a => a.textContent)") == [
        "责任单位",
        "目标年份",
        "方案全文",
        "怎么申请补贴、到哪里办理",
    ]
    search.results("电梯")
    assert page.locator(".plan-search-help").count() == 0

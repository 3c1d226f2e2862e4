"""Search: how it ranks, for every query of the evaluation set, and the box a reader types in.

Ranking is tested without typing: the scoring the box uses (overrides/assets/javascripts/
search-rank.js) runs once in Chromium over this plan's index, for every query at once. The
queries are the evaluation set `make bench-search` scores (this plan's, in tests/this_plan.yaml)
and phrases drawn from the text of whatever plan data/ holds: each must find one of its pages
among the first three results, and a drawn phrase its measure first. A few queries are then
typed into the built site's box, to prove the box itself shows what the ranking found.
"""

import json

import pytest

from plansite import build, repository
from plansite.site import search_index
from plansite.tools.browser import SearchBox
from plansite.tools.search_eval import drawn_phrases, mistyped, reciprocal_rank, written_queries
from tests.conftest import ROOT
from tests.plan_pages import CATALOG, PLAN

# Every test here reads the plan in data/ (its index, its facts).
pytestmark = pytest.mark.plan

RANKING = ROOT / "overrides" / "assets" / "javascripts" / "search-rank.js"
WRITTEN = written_queries()
# The department that leads most measures: its short name and its full name without the city's
# must find it first, then measures it leads.
BUSIEST = max(CATALOG.departments.values(), key=lambda entry: len(entry.leads))
CITY = PLAN.document.issuer.removesuffix("人民政府")
DEPARTMENT_NAMES = sorted({BUSIEST.department.name, BUSIEST.department.title.removeprefix(CITY)})
# Abbreviations only departments go by (住建, 发改): each finds its department first.
_STEMS = search_index.department_stems(CATALOG)
ABBREVIATED = {
    stem: entry.url for entry in CATALOG.departments.values() for stem in _STEMS.get(entry.department.name, ())
}
UNANSWERED = "怎么申请补贴"
NOTHING = "火箭"
MARKUP = "<img src=x onerror=alert(1)>"
_RANK_ALL = """([index, queries]) => {
    const pages = index.pages.map(PlanSearch.prepare);
    return queries.map(query => PlanSearch.search(pages, query, index.terms, index.readings)
        .map(result => result.page.entry.url));
}"""


@pytest.fixture(scope="module")
def drawn():
    """Phrases drawn from the plan's text (segmented when the tests run, not when they are collected)."""
    return drawn_phrases(PLAN)


@pytest.fixture(scope="module")
def index():
    return json.loads(search_index.index_json(CATALOG, build.hand_written_pages(repository.HAND_WRITTEN)))


@pytest.fixture(scope="module")
def misspelt(index):
    """The residents' queries with a character of what they ask about mistyped (search_eval.mistyped)."""
    return mistyped(WRITTEN, index)


@pytest.fixture(scope="module")
def ranking(browser):
    """A blank tab holding the box's scoring (PlanSearch), shared by the tests that rank without
    typing: each tab costs a renderer process of its own."""
    page = browser.new_page()
    page.add_script_tag(content=RANKING.read_text(encoding="utf-8"))
    yield page
    page.close()


@pytest.fixture(scope="module")
def ranked(ranking, drawn, index, misspelt):
    """Every query → the URLs of its results, best first, as the box would list them."""
    queries = sorted(
        {q.text for q in [*WRITTEN, *drawn, *misspelt]} | {*DEPARTMENT_NAMES, *ABBREVIATED, UNANSWERED, NOTHING, MARKUP}
    )
    results = ranking.evaluate(_RANK_ALL, [index, queries])
    return dict(zip(queries, results, strict=True))


@pytest.fixture(scope="module")
def search(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    box = SearchBox(page, site_url)
    yield box
    page.close()


# Held as a set: residents' whole questions, answered by the measure they concern, each set at its
# floors (MRR, share in the first three, share finding anything), the levels measured.
RESIDENTS_FLOORS = {
    # Written before
    # the ranking changed (2026-12-07): the substring ranking found 102 of 159 in the first three (MRR
    # 0.573, 42 finding nothing); BM25 over two-character pieces found 151 (MRR 0.895, none finding
    # nothing), with the everyday words written from speech 154 (MRR 0.916), with BM25+'s lower bound
    # and question words left out 155 (MRR 0.920), with a second writer's everyday words 156 (MRR
    # 0.923); with a third writer's words, taken whole, 155 (MRR 0.924: 水管漏 now also means heating's
    # pipes, and a leak underground ranks the water and heating measures above the monitoring one);
    # with the words written for the sixth and seventh writers' misses, 155 (MRR 0.924); with the
    # eighth's (开票 as 反向开票 among them) and measure words read inside split words, 156 (MRR 0.926).
    "questions": (0.92, 0.98, 1.0),
    # Questions written apart (this_plan.yaml says how): 85 of 90 before the everyday words written
    # from speech (MRR 0.874), 86 after (MRR 0.883). The ranking change after that (BM25+, question
    # words) was chosen among variants measured on every set, this one included: 87 (MRR 0.882); a
    # second writer's everyday words, taken whole, 86 (MRR 0.880: a question on a county's ledger
    # now ranks the county's working group above it); with the words written for the kinds of
    # question the sets written apart missed, and mistyped pieces read by their sound, 88 (MRR 0.922);
    # with the third writer's words 88 (MRR 0.924); with the words for the sixth and seventh writers'
    # misses, 88 (MRR 0.930); with the eighth's, 89 (MRR 0.938).
    "unseen": (0.93, 0.985, 1.0),
    # Questions written after that change, measured once (this_plan.yaml): 93 of 100 (MRR 0.882; the
    # ranking before the change found 92, MRR 0.890); then once more, after the second writer's
    # everyday words: 95 (MRR 0.891). The words written for the kinds of question missed since (and
    # the mistyped pieces read by their sound) found 98 (MRR 0.909): it is tuned on now. With the
    # third writer's words, 98 (MRR 0.916), as after the words for the sixth and seventh writers' misses.
    "fresh": (0.91, 0.98, 1.0),
    # Questions written after all of that, measured once as written (2026-12-07): 115 of 120 (MRR
    # 0.876); with mistyped pieces read by their sound, which its 点梯 prompted, 116 (MRR 0.893); with
    # a third writer's words, whose brief named three of its missed words (地板, 橱柜, 播种机), 118 (MRR
    # 0.903): it is tuned on now. After the words for the sixth and seventh writers' misses, 118 (MRR
    # 0.904); with the eighth's, 119 (MRR 0.911).
    "heldout": (0.91, 0.99, 1.0),
    # Questions written after all of that by a fifth writer, measured once as written (2026-12-07):
    # 113 of 120 (MRR 0.889; 112 and 0.876 without mistyped pieces read by their sound). Then split
    # words joined (贷到款) and words written for how the plan is run (没听说, 不落实, 谁出钱), the
    # kind every set written apart missed: 116 (MRR 0.904). It is tuned on since. The words for the
    # sixth and seventh writers' misses (机关, 谁出的, 哪里收 among them) found 119 (MRR 0.927).
    "untouched": (0.92, 0.99, 1.0),
    # Questions written after every change above by a sixth writer, measured once as written
    # (2026-12-07): 109 of 120 (MRR 0.861; 0.851 without mistypes read by sound). Then everyday words
    # for the kinds of thing its misses and the seventh writer's named (篮球, 柜子, 利息, 督办, 钱从哪,
    # 机关, 费电; 漏水 now any pipe's): 117 (MRR 0.911). It is tuned on since. With the eighth writer's
    # words and 换辆新的 read as 换新 (not 两新), 119 (MRR 0.922).
    "blind": (0.92, 0.99, 1.0),
    # Questions written after that by a seventh writer, measured once as written (2026-12-07, later,
    # after the pieces counted per query and letters and traditional characters read): 115 of 120 (MRR
    # 0.913); after the words above, 117 (MRR 0.927). The sets written blind measured 95.8, 94.2,
    # 90.8 and 95.8 % when first run.
    "seventh": (0.92, 0.975, 1.0),
    # Questions written after that by an eighth writer, measured once as written (2026-12-07, later):
    # 114 of 120 (MRR 0.905); after words for its misses' kinds and measure words in split words, 119
    # (MRR 0.941). The five sets written blind measured 95.8, 94.2, 90.8, 95.8 and 95.0 % first.
    "eighth": (0.94, 0.99, 1.0),
    # Queries written after that by a ninth writer, as typed in a hurry (keywords, half-sentences,
    # mistypes, numbers), measured once as written (2026-12-07, later): 117 of 120 (MRR 0.900), the
    # first set written blind at 97 % the first time; after words for its misses' kinds, 120 (MRR
    # 0.924).
    "ninth": (0.92, 1.0, 1.0),
}
# Held query by query: the plan's own words, numbers, names and copied phrases.
EXACT = [q for q in WRITTEN if q.kind not in ("everyday", *RESIDENTS_FLOORS)]
# Held as a set: everyday speech, which reaches the plan through the data's search_terms and the
# reading of questions. The floors are the levels measured when questions were read (2026-12-03:
# MRR 0.935, 101 of 102 in the first three).
EVERYDAY = [q for q in WRITTEN if q.kind == "everyday"]
EVERYDAY_MRR, EVERYDAY_TOP_THREE = 0.93, 0.98


@pytest.mark.parametrize("query", EXACT, ids=[f"{q.kind}:{q.text}" for q in EXACT])
def test_a_query_finds_one_of_its_pages_in_the_first_three_results(ranked, query):
    results = ranked[query.text]
    assert set(query.expected) & set(results[:3]), f"{query.text}: first results {results[:5]}"


def test_everyday_words_find_what_the_plan_calls_otherwise(ranked):
    if not EVERYDAY:
        pytest.skip("this plan's facts hold no everyday queries yet (docs/ADOPTING.md: write them)")
    held_as_a_set(ranked, EVERYDAY, EVERYDAY_MRR, EVERYDAY_TOP_THREE)


def held_as_a_set(ranked, queries, mrr, top_three, found=0.0):
    """A set's mean reciprocal rank, share in the first three and share finding anything, at
    least the floors given; the queries missed are named."""
    ranks = [reciprocal_rank(ranked[q.text], q.expected) for q in queries]
    missed = [f"{q.text}: {ranked[q.text][:3]}" for q, rank in zip(queries, ranks, strict=True) if rank < 1 / 3]
    assert sum(ranks) / len(ranks) >= mrr, missed
    assert sum(rank >= 1 / 3 for rank in ranks) / len(ranks) >= top_three, missed
    assert sum(bool(ranked[q.text]) for q in queries) / len(queries) >= found, missed


# The residents' queries, each with a character of what it asks about swapped for another typed
# with the same syllable: 497 of 602 in the first three (MRR 0.746, 36 finding nothing) before the
# search read a piece by its sound, 583 (MRR 0.908, none) after; with the third writer's words and
# the fifth writer's questions, 695 of 721 (MRR 0.907; 603 and 0.764 without the reading); with
# split words joined and the words for how the plan is run, 698 (MRR 0.910); with the sixth
# writer's questions too, 804 of 838 (MRR 0.902, one finding nothing; 700 and 0.763 without); with
# the seventh writer's questions and the words written for the sixth's and seventh's misses, 928 of
# 957 (MRR 0.909, one finding nothing); with the eighth's, 1,049 of 1,076 (MRR 0.914, one); with the
# ninth's, 1,166 of 1,196 (MRR 0.913, one).
MISTYPED_MRR, MISTYPED_TOP_THREE, MISTYPED_FOUND = 0.91, 0.97, 0.995


@pytest.mark.parametrize(
    "kind",
    RESIDENTS_FLOORS,
    ids=[
        "questions",
        "written apart",
        "written after",
        "written later",
        "fifth writer",
        "sixth writer",
        "seventh writer",
        "eighth writer",
        "ninth writer",
    ],
)
def test_residents_questions_find_the_measure_they_concern(ranked, kind):
    queries = [q for q in WRITTEN if q.kind == kind]
    if not queries:
        pytest.skip("this plan's facts hold no residents' questions yet (docs/ADOPTING.md: write them)")
    held_as_a_set(ranked, queries, *RESIDENTS_FLOORS[kind])


def test_a_character_a_pinyin_keyboard_mistyped_is_read_as_the_plan_writes_it(ranked, misspelt):
    """点梯 for 电梯, 以旧换心 for 以旧换新: the residents' queries, each with the character of what it
    asks about mistyped, still find their pages, as a set."""
    if not misspelt:
        pytest.skip("this plan's facts hold no residents' questions yet (docs/ADOPTING.md: write them)")
    assert len(misspelt) >= len([q for q in WRITTEN if q.kind in ("questions", "fresh")])
    held_as_a_set(ranked, misspelt, MISTYPED_MRR, MISTYPED_TOP_THREE, MISTYPED_FOUND)


def _page(url, title, text):
    return {"url": url, "title": title, "kind": "措施", "keys": [], "text": text, "lead": [], "units": [], "weight": 1}


def _ranked(ranking, pages, queries, terms=(), readings=None):
    """Each query → the URLs PlanSearch ranks for it over ``pages``, best first."""
    return ranking.evaluate(
        """([pages, queries, terms, readings]) => queries.map(query => PlanSearch.search(
            pages.map(PlanSearch.prepare), query, terms, readings).map(result => result.page.entry.url))""",
        [pages, queries, list(terms), readings],
    )


def test_an_everyday_word_reaches_the_plans_words_below_a_literal_match(ranking):
    """Through search_terms (暖气 → 供热), ranked below a page that holds the reader's word itself;
    in a sentence (暖气不热) the plan's words, which hold more of it, come first and the page with
    the everyday word alone after; the plan's word finds only its own pages, never the everyday word's."""
    pages = [_page("heating/", "更新供热管网", "改造供热支线管网。"), _page("radiators/", "维修暖气片", "更换暖气片。")]
    terms = [["暖气", ["供热"]]]
    found = _ranked(ranking, pages, ["暖气", "暖气不热", "供热", "暖气 管网"], terms)
    assert found == [["radiators/", "heating/"], ["heating/", "radiators/"], ["heating/"], ["heating/", "radiators/"]]


def test_a_question_is_read_as_what_it_asks_about_and_a_word_the_plan_holds_is_never_cut(ranking):
    """A part no page holds is read as the words between the asking words in it (怎么, 多少, 吗,
    我家 …); a part a page holds (节能, though 能 is an asking word) stays as typed."""
    pages = [_page("lifts/", "更新老旧电梯", "加装电梯。"), _page("saving/", "推广节能产品", "节能降碳。")]
    found = _ranked(ranking, pages, ["我家电梯能换吗", "电梯怎么办", "节能", "节能产品多少钱", "怎么办", "能"])
    assert found == [["lifts/"], ["lifts/"], ["saving/"], ["saving/"], [], ["saving/"]]


def test_a_mistyped_character_or_a_split_word_is_read_as_the_plan_writes_it(ranking):
    """点梯 (typed diàn tī, the wrong one picked) finds 电梯 as 电梯 does, and 贷到款 finds 贷款; a
    piece the plan holds is never read otherwise (店面 stays 店面), nor a character a split word
    explains (换辆新的 is 换新, not 两新)."""
    pages = [_page("lifts/", "加装电梯", "加装电梯。"), _page("loans/", "金融支持", "扩大贷款。")]
    pages += [
        _page("shops/", "店面", "店面。"),
        _page("both/", "两新", "推动两新。"),
        _page("renew/", "换新", "换新。"),
    ]
    queries = ["装个点梯", "电梯", "贷到款", "店面", "点面", "代款", "换辆新的", "两新"]
    found = _ranked(
        ranking, pages, queries, readings={"sounds": {"dian": "点电店", "dai": "代贷带", "liang": "两辆亮"}}
    )
    assert found == [["lifts/"], ["lifts/"], ["loans/"], ["shops/"], ["shops/"], ["loans/"], ["renew/"], ["both/"]]


def test_pinyin_left_as_letters_and_traditional_characters_are_read_as_the_plan_writes_them(ranking):
    """An input method left on letters (dianti, jia zhuang dian ti) or switched to 繁體 (電梯, 補貼)
    finds what the plan's characters find; letters a page holds (wifi) or one syllable alone
    (dian: 电, 点 or 店?) are searched as typed, and an everyday word is spelt too (shouji: 手机)."""
    pages = [_page("lifts/", "加装电梯", "加装电梯。"), _page("money/", "发放补贴", "发放补贴，提升网速。")]
    pages.append(_page("net/", "网络", "覆盖wifi。"))
    readings = {
        "sounds": {
            "dian": "点电店",
            "ti": "体梯提",
            "jia": "加家",
            "zhuang": "装壮",
            "bu": "不补部",
            "tie": "贴铁",
            "shou": "手收",
            "ji": "机及",
            "wang": "网往",
            "su": "速苏",
        },
        "simplified": "電电補补貼贴網网",
    }
    queries = ["dianti", "DianTi", "jia zhuang dian ti", "電梯", "補貼", "wifi", "dian", "shouji"]
    found = _ranked(ranking, pages, queries, [["手机", ["网速"]]], readings)
    assert found == [["lifts/"], ["lifts/"], ["lifts/"], ["lifts/"], ["money/"], ["net/"], [], ["money/"]]


def test_a_departments_name_inside_a_question_asks_for_the_department_but_a_year_does_not(ranking):
    """工信局负责哪些事 finds the department above a measure that names it and says 负责; 2027年要做哪些事 finds the
    measure that says so above the year's page, whose key 2027年 stands inside it too."""
    pages = [_page("duty/", "明确责任", "市工信局等部门负责落实，2027年要做的事都列明。")]
    pages.append({**_page("industry/", "长治市工业和信息化局", ""), "kind": "单位", "keys": ["工信局", "市工信局"]})
    pages.append({**_page("2027/", "2027年目标任务", "完成改造。"), "kind": "年份", "keys": ["2027", "2027年"]})
    found = _ranked(ranking, pages, ["工信局负责哪些事", "2027年要做哪些事"])
    assert found[0][0] == "industry/"
    assert found[1][0] == "duty/"


def test_a_phrase_found_once_in_a_measure_finds_that_measure_first(ranked, drawn):
    missed = [f"{q.text}: first results {ranked[q.text][:5]}" for q in drawn if ranked[q.text][:1] != list(q.expected)]
    assert missed == []


def test_the_drawn_phrases_reach_most_measures(drawn):
    assert len({q.expected for q in drawn}) >= len(PLAN.measures) // 2


@pytest.mark.parametrize("query", DEPARTMENT_NAMES)
def test_department_names_find_the_department_then_the_measures_it_leads(ranked, query):
    results = ranked[query]
    assert results[0] == BUSIEST.url
    leads = {m.url for m in BUSIEST.leads}
    assert set(results[1 : 1 + len(leads)]) <= leads, f"{query}: first results {results[:6]}"


def test_a_departments_abbreviation_finds_the_department_first(ranked):
    """住建 for 市住建局 (a stem the plan's text uses as a word of its own, as 教育 or 财政, is none)."""
    assert {stem: ranked[stem][:1] for stem in ABBREVIATED} == {stem: [url] for stem, url in ABBREVIATED.items()}


def test_the_box_lists_what_the_ranking_found_for_typed_queries(search, ranked, drawn):
    for query in (WRITTEN[0].text, DEPARTMENT_NAMES[0], drawn[-1].text):
        shown = search.results(query)
        assert shown and shown == ranked[query], query


def test_a_result_shows_its_kind_and_a_short_excerpt_with_the_match_marked(search, drawn):
    phrase = drawn[0]
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


def test_a_department_is_shown_by_what_it_does_not_by_its_names_again(search):
    """Its result says how many measures it leads and supports; no run of its names as an excerpt."""
    search.results(BUSIEST.department.name)
    first = search.page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == BUSIEST.department.title
    assert f"牵头{len(BUSIEST.leads)}项" in first.locator(".plan-search-result__kind").inner_text()
    assert first.locator("article > p").count() == 1


def test_a_title_shows_its_match_marked_and_a_cut_list_says_so(search):
    """A measure's title typed finds it with the title marked; a list at the most results shown
    says it lists the most relevant."""
    measure = PLAN.measures[0]
    shown = search.results(measure.title)
    page = search.page
    assert measure.title in page.locator(".md-search-result__item").first.locator("h1 mark").all_inner_texts()
    if len(shown) == 12:
        assert page.locator(".md-search-result__meta").inner_text() == "列出最相关的 12 个结果"


def test_a_lone_character_counted_is_not_marked(search):
    """2025年 marks 2025 (or all of it), never each lone 年."""
    if not CATALOG.years:
        pytest.skip("this plan's data holds no target years yet")
    year = min(group.year for group in CATALOG.years)
    search.results(f"{year}年")
    marks = search.page.locator(".md-search-result__item mark").all_inner_texts()
    assert marks and "年" not in marks


def _common_then_rare(plan):
    """A measure, a word found early in its text and in most measures, and a word found only in it,
    well past the excerpt's length from the first."""
    texts = [m.text for m in plan.measures]

    def holding(word):
        return sum(word in t for t in texts)

    for measure in plan.measures:
        text = measure.text
        common = next((text[i : i + 2] for i in range(20) if holding(text[i : i + 2]) > len(texts) // 3), None)
        if common is None:
            continue
        for i in range(text.index(common) + 100, len(text) - 2):
            rare = text[i : i + 2]
            if rare.isalpha() and holding(rare) == 1 and common not in text[i - 40 : i + 40]:
                return measure, common, rare
    return None


def test_an_excerpt_shows_the_match_that_counts_most_and_marks_overlapping_matches_as_one(search):
    """A common word found early in a measure's text and a rare one found late, typed together:
    the excerpt is around the rare one (the first match would show only the common word); two
    matches that overlap are one mark."""
    found = _common_then_rare(PLAN)
    if found is None:
        pytest.skip("no measure of this plan holds a rare word far past a common one")
    measure, common, rare = found
    search.results(common + rare)
    result = search.page.locator(".md-search-result__item", has=search.page.locator(f"h1:text-is('{measure.heading}')"))
    excerpt = result.locator("article > p").last
    assert rare in excerpt.inner_text()
    assert rare in "".join(excerpt.locator("mark").all_inner_texts())
    # The rare word and the character before it, after one no text holds: two pieces that overlap.
    at = measure.text.index(rare)
    three = measure.text[at - 1 : at + 2]
    search.results("嗯" + three)
    marks = result.locator("article > p mark").all_inner_texts()
    assert three in marks, marks


def test_a_measure_found_by_its_departments_name_shows_the_start_of_its_text(search):
    """Its text holds no match (the name is its department's), so the excerpt is the text's start,
    not nothing."""
    name = DEPARTMENT_NAMES[0]
    pieces = {name[i : i + 2] for i in range(len(name) - 1)}
    quiet = {m.heading: m for m in BUSIEST.leads if not any(piece in m.text for piece in pieces)}
    search.results(name)
    items = search.page.locator(".md-search-result__item")
    shown = [items.nth(i) for i in range(items.count()) if items.nth(i).locator("h1").inner_text() in quiet]
    if not shown:
        pytest.skip("every measure the busiest department leads names it in its text")
    measure = quiet[shown[0].locator("h1").inner_text()]
    assert shown[0].locator("article > p").last.inner_text().startswith(measure.text[:20])


def test_text_in_a_query_is_never_markup(search, ranked):
    assert ranked[MARKUP] == []
    assert search.results(MARKUP) == []
    assert search.page.locator(".md-search-result img").count() == 0


def test_a_question_the_plan_does_not_answer_leads_to_the_help_page(search, ranked):
    assert ranked[UNANSWERED][0] == "help/"
    assert search.results(UNANSWERED)[0] == "help/"
    page = search.page
    page.goto(page.url.split("#")[0].rsplit("/", 1)[0] + "/help/")
    text = page.inner_text("article")
    assert "不是补贴申领或办事指南" in text
    assert all(group.lead.name in text for group in PLAN.working_groups)
    search.page.goto(search.page.url.rsplit("/help/", 1)[0] + "/")


def test_a_query_with_no_match_says_what_to_try_instead(search, ranked):
    assert ranked[NOTHING] == []
    assert search.results(NOTHING) == []
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

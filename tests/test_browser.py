"""The built site in real Chromium, as the public uses it: journeys, traffic, phones,
accessibility (axe-core, WCAG 2.1 AA), the keyboard, and the reading mode (长辈模式)."""

import re
from pathlib import Path
from urllib.parse import quote

import axe_playwright_python
import pytest

from plansite import urls
from tests.conftest import listening, refused
from tests.plan_pages import (
    BUSIEST,
    CATALOG,
    LEAD,
    LONGEST,
    MEASURE,
    MOST_TARGETS,
    PAGE_KINDS,
    PLAN,
    TARGET,
    TARGET_TABLES,
    YEAR,
    YEAR_URL,
    unique_part_of_a_name,
)

needs_targets = pytest.mark.skipif(TARGET is None, reason="the plan in data/ has no targets yet (a first draft)")

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}


def turn_on_reading_mode(page):
    page.click("[data-plan-elder-toggle]")
    assert page.evaluate("document.documentElement.getAttribute('data-plan-elder')") == "on"


# ---- journeys ---------------------------------------------------------------------------------


def test_home_to_sector_to_measure_to_department_to_year_and_back_by_anchor(tab, site_url):
    page = tab()
    page.goto(site_url)
    page.click(".plan-entries >> text=按领域")
    assert page.url == site_url + "sectors/"
    page.click(f"article >> text={MEASURE.chapter.heading}")
    assert page.url == site_url + PAGE_KINDS["sector"]
    page.click(f"#measures ~ ul.plan-measures >> text={MEASURE.heading}")
    assert page.url == site_url + MEASURE.url
    page.click(".plan-units .plan-unit--lead")
    assert page.url == site_url + LEAD.url
    if TARGET is None:
        return
    # The department's targets are grouped by year, each year behind a disclosure.
    page.click(f"#targets-{TARGET.year} > summary")
    page.click(f"text=查看{TARGET.year}年全市的全部目标任务")
    assert page.url == site_url + f"years/{TARGET.year}/"
    # A year's targets are grouped by chapter, each group behind a disclosure: open the measure's.
    page.click(f"#chapter-{MEASURE.chapter.id} > summary")
    page.click(f"a[href$='{MEASURE.url}#{TARGET.id}']")
    assert page.url == site_url + f"{MEASURE.url}#{TARGET.id}"
    page.wait_for_load_state("load")
    # The browser scrolled the target's own row into view.
    top = page.evaluate(f"document.getElementById('{TARGET.id}').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_full_text_links_each_measure_to_its_page(tab, site_url):
    page = tab()
    page.goto(site_url + "full-text/")
    links = page.eval_on_selector_all("article p a[href*='measures/m']", "links => links.map(a => a.href)")
    assert links == [site_url + m.url for m in PLAN.measures]
    page.click(f"article #{MEASURE.id} a")
    assert page.url == site_url + MEASURE.url


def test_previous_and_next_walk_the_measures_in_order(tab, site_url):
    page = tab()
    index = PLAN.measures.index(MEASURE)
    page.goto(site_url + MEASURE.url)
    page.click(".plan-pager__next")
    assert page.url == site_url + PLAN.measures[index + 1].url
    page.click(".plan-pager__previous")
    page.click(".plan-pager__previous")
    assert page.url == site_url + PLAN.measures[index - 1].url
    page.goto(site_url + PLAN.measures[0].url)
    assert page.locator(".plan-pager__previous").count() == 0
    page.goto(site_url + PLAN.measures[-1].url)
    assert page.locator(".plan-pager__next").count() == 0


def test_a_measure_page_offers_readers_a_correction_link_and_no_editors_internals(tab, site_url):
    page = tab()
    page.goto(site_url + MEASURE.url)
    href = page.get_attribute(".plan-edit a", "href")
    assert "/issues/new?title=" in href and quote(MEASURE.label) in href
    assert "data/measures.yaml" not in page.content() and not re.search(r"第\d+行", page.inner_text("article"))


# ---- traffic and errors -----------------------------------------------------------------------


# ---- phones -----------------------------------------------------------------------------------


def tap_targets_too_small(page):
    """Links and buttons under 44 px, leaving out links inside running text, which WCAG exempts."""
    return page.evaluate("""() => [...document.querySelectorAll(
            '.md-banner a, .md-banner button, .md-header a, .md-header label, .md-header button, '
            + '.md-main a, .md-main button, .md-footer a')]
        .filter(el => {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') return false;
            if (el.closest('p, .md-nav, .md-sidebar, .headerlink, td.plan-clause')) return false;
            // The search form's own controls only count once search is open.
            if (el.closest('.md-search') && !document.getElementById('__search').checked) return false;
            return box.height < 44 && box.width < 44;
        })
        .map(el => el.outerHTML.slice(0, 120))""")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_phone_pages_never_scroll_sideways_and_tap_targets_are_large(tab, site_url, kind):
    page = tab(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site_url + PAGE_KINDS[kind])
    for mode in ("normal", "长辈模式"):
        if mode == "长辈模式":
            turn_on_reading_mode(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{kind} in {mode} is {width} px wide"
        assert tap_targets_too_small(page) == [], mode


@needs_targets
@pytest.mark.parametrize("path", [PAGE_KINDS["sector"], *TARGET_TABLES])
def test_target_tables_reflow_to_fit_a_phone(tab, site_url, path):
    page = tab(viewport=PHONE, is_mobile=True)
    page.goto(site_url + path)
    widths = page.eval_on_selector_all(
        ".plan-targets table", "tables => tables.map(t => t.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= PHONE["width"]
    labels = page.eval_on_selector_all(
        ".plan-targets td", "cells => cells.slice(0, 3).map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels[0] in ('"年份："', '"指标："')


# ---- accessibility ------------------------------------------------------------------------------


# The rules whose outcome a colour scheme can change; every other rule reads the same markup and
# layout in both schemes, and runs in the light one.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Reading mode changes sizes and colours only (html[data-plan-elder] in plan.css): larger text
# changes which contrast a text needs, and may make a region scroll.
READING_RULES = [*COLOUR_RULES, "scrollable-region-focusable"]
# Reading mode in the dark scheme, on the kinds that hold every component (text, lists, tables,
# target cards, charts): its colours are the light one's inverted, on the same markup.
DARK_READING_KINDS = ("home", "measure", "year")


def axe_violations(page, rules=None):
    """axe-core's WCAG 2.1 A and AA rules on ``page``, or only ``rules``."""
    # Evaluated as the browser's tools evaluate: not a script of the page's, so the site's
    # content policy (which allows none but its own) stays on.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_21_AA}
    result = page.evaluate("only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def colour_scheme(page):
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_page_fetches_only_from_the_site_passes_axe_and_reads_larger(tab, site_url, kind):
    """Each page kind, loaded once through nginx: axe finds no WCAG 2.1 A or AA violation in the light scheme,
    and none of the rules a scheme or reading mode can change in reading mode and in the dark
    scheme (and, for some kinds, in both); reading mode grows its text; every request (search's
    index included) goes to the site itself, nothing logs an error, and the site's content policy
    (site_url is nginx, with the policy make site wrote) refuses nothing."""
    page = tab(color_scheme="light", refusals=True)
    requests, errors = [], []
    with listening(
        page,
        request=lambda request: requests.append(request.url),
        console=lambda message: message.type == "error" and errors.append(message.text),
        pageerror=lambda error: errors.append(str(error)),
    ):
        page.goto(site_url + PAGE_KINDS[kind])
        assert colour_scheme(page) == "default"
        assert axe_violations(page) == []

        before = text_metrics(page)
        turn_on_reading_mode(page)
        after = text_metrics(page)
        assert after["size"] / before["size"] >= 1.3
        assert after["line"] / after["size"] >= 1.5
        assert page.get_attribute("[data-plan-elder-toggle]", "aria-pressed") == "true"
        assert axe_violations(page, READING_RULES) == []
        # The header's toggle, as a reader switches: the same styles as a system set to dark.
        page.locator("label.md-header__button[for^='__palette']:visible").click()
        assert colour_scheme(page) == "slate"
        if kind in DARK_READING_KINDS:
            assert axe_violations(page, READING_RULES) == [], "长辈模式, dark"
        page.click("[data-plan-elder-toggle]")
        assert page.evaluate("document.documentElement.getAttribute('data-plan-elder')") != "on"
        assert axe_violations(page, COLOUR_RULES) == [], "dark"

        # Open search too, so that its index loads.
        page.locator("input.md-search__input").click()
        page.keyboard.type(BUSIEST.department.name)
        page.keyboard.press("End")  # the keyup an input method sends when it commits the words
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith((site_url, "data:", "blob:"))]
    assert foreign == [] and errors == [] and refused(page) == []
    assert any(url.endswith("/search.json") for url in requests)


def test_a_reader_whose_system_prefers_dark_gets_the_dark_scheme(tab, site_url):
    page = tab(color_scheme="dark")
    page.goto(site_url + MEASURE.url)
    assert colour_scheme(page) == "slate"
    assert page.locator("label.md-header__button[for^='__palette']:visible").get_attribute("title") == "切换到浅色模式"


def test_the_keyboard_reaches_everything_with_a_visible_focus(tab, site_url):
    page = tab()
    page.goto(site_url + MEASURE.url)
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 20),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
        }""")
        seen.append(focused)
        assert focused["outline"], f"no visible focus on {focused}"
    texts = [item["text"] for item in seen]
    assert texts[0] == "跳转至"  # the skip link comes first (overrides/main.html)
    assert "长辈模式" in texts


def test_keyboard_alone_switches_reading_mode_and_searches(tab, site_url):
    page = tab()
    page.goto(site_url)
    page.focus("[data-plan-elder-toggle]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.getAttribute('data-plan-elder')") == "on"
    page.keyboard.press("Escape")
    page.keyboard.press("/")  # the shortcut that opens search, as in the theme
    # Digits, typed key by key: Playwright types Chinese as an unfinished input-method composition.
    page.keyboard.type(str(MEASURE.number))
    # The list for the whole query (each key renders it anew), its first result the measure.
    page.wait_for_function(
        "url => (document.querySelector('.md-search-result__item a') || {getAttribute: () => ''})"
        ".getAttribute('href').endsWith(url)",
        arg=MEASURE.url,
    )
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(MEASURE.url)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f".*/{MEASURE.url}.*"))


def test_a_result_reached_by_arrow_keeps_the_focus_when_the_search_runs_again(tab, site_url):
    """A search run again for the same words once the results are shown (a late answer, a key an
    input method releases) leaves the list as it is: the result the reader moved to keeps the
    focus, so that Enter opens it."""
    page = tab()
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type(str(MEASURE.number))
    page.wait_for_function(
        "query => document.querySelector('.md-search-result__item a') &&"
        " document.querySelector('[data-plan-query]').getAttribute('data-plan-query') === query",
        arg=str(MEASURE.number),
    )
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    # What the box hears when a search it started before the index came in answers late, or an
    # input method releases a key in it: the search runs again after its pause.
    page.eval_on_selector(
        "input.md-search__input", "box => box.dispatchEvent(new KeyboardEvent('keyup', {key: 'Shift'}))"
    )
    # Longer than the pause the box waits for before it searches.
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.getAttribute('href')") == focused


def test_the_lead_department_is_marked_by_more_than_colour(tab, site_url):
    page = tab()
    page.goto(site_url + MEASURE.url)
    lead = page.locator(".plan-units .plan-unit--lead").first
    supporting = page.locator(".plan-units .plan-unit:not(.plan-unit--lead)").first
    weight = "el => parseInt(getComputedStyle(el.querySelector('strong') || el).fontWeight)"
    assert lead.evaluate(weight) >= 700 and supporting.evaluate(weight) < 600
    assert page.locator(".plan-units .plan-badge").first.inner_text() == "牵头"


# ---- reading mode (长辈模式) ----------------------------------------------------------------


def text_metrics(page):
    return page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('article p'));
        return {size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight)};
    }""")


def test_reading_mode_persists_across_pages_and_visits_and_uses_stronger_contrast(context_factory, site_url):
    context = context_factory()
    page = context.new_page()
    page.goto(site_url + MEASURE.url)
    normal = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim()")
    turn_on_reading_mode(page)
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim()") == "#000"
    assert normal != "#000"
    # Read the next page only once it is the one shown: under load, evaluate could reach the old one.
    first = page.url
    page.click(".plan-pager__next")
    page.wait_for_url(lambda url: url != first, wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.getAttribute('data-plan-elder')") == "on"
    assert page.inner_text("[data-plan-elder-toggle]") == "退出长辈模式"
    later = context.new_page()  # a later visit in the same browser
    later.goto(site_url)
    assert later.evaluate("document.documentElement.getAttribute('data-plan-elder')") == "on"
    later.click("[data-plan-elder-toggle]")
    later.reload()
    assert later.evaluate("document.documentElement.getAttribute('data-plan-elder')") is None
    elsewhere = context_factory().new_page()  # another browser: its own choice
    elsewhere.goto(site_url)
    assert elsewhere.evaluate("document.documentElement.getAttribute('data-plan-elder')") is None


def test_the_desktop_header_shows_one_scheme_toggle_and_no_menu_button(tab, site_url):
    page = tab(viewport={"width": 1280, "height": 900})
    page.goto(site_url + MEASURE.url)
    visible = page.eval_on_selector_all(
        ".md-header__button",
        "els => els.filter(el => el.getBoundingClientRect().width > 0)"
        ".map(el => el.getAttribute('for') || el.className)",
    )
    assert visible.count("__drawer") == 0
    assert sum(1 for item in visible if item.startswith("__palette")) == 1


# ---- delivery tracking ----------------------------------------------------------------------


@needs_targets
def test_a_citation_is_readable_without_script_and_copied_with_it(context_factory, site_url):
    still = context_factory(java_script_enabled=False).new_page()
    still.goto(site_url + MEASURE.url)
    # One tap away: behind the target's 引用 disclosure, which opens without script.
    cite = f"#{TARGET.id} ~ .plan-target__cite"
    text = still.locator(f"{cite} .plan-citation__text")
    assert not text.is_visible()
    still.locator(f"{cite} summary").click()
    assert text.is_visible()
    assert text.inner_text().endswith(f"/{MEASURE.url}#{TARGET.id}") and f"第{MEASURE.label}项" in text.inner_text()
    assert still.locator(".plan-citation__copy").count() == 0

    context = context_factory()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + MEASURE.url)
    page.locator(f"{cite} summary").click()
    citation = page.locator(f"{cite} .plan-citation")
    citation.get_by_role("button", name="复制引用本目标").click()
    expect_status = citation.get_by_role("status")
    expect_status.filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation.locator(".plan-citation__text").inner_text()
    page.get_by_role("button", name="复制引用本项措施").click()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/{MEASURE.url}")


@pytest.mark.parametrize("path", ["progress/", "years/", "departments/"])
def test_charts_show_without_script_with_their_numbers_behind_a_disclosure(tab, site_url, path):
    if TARGET is None and path != "departments/":
        pytest.skip("the plan in data/ has no targets yet (a first draft): no chart of them")
    page = tab(java_script_enabled=False)
    page.goto(site_url + path)
    charts = page.locator("svg.plan-chart")
    assert charts.count() >= 1
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 60
    disclosure = page.locator("details.plan-figure__data").first
    assert not disclosure.locator("table").is_visible()
    disclosure.locator("summary").click()
    assert disclosure.locator("table").is_visible()


def test_the_dashboard_states_its_as_of_date_and_lists_what_is_due(tab, site_url, plan):
    page = tab()
    page.goto(site_url + "progress/")
    if plan.as_of is None:
        assert page.locator(".plan-asof").inner_text() == "尚未开始收集进度"
        return
    assert (
        page.locator(".plan-asof").inner_text() == f"数据截至{plan.as_of.year}年{plan.as_of.month}月{plan.as_of.day}日"
    )
    due = [t for t in plan.targets if t.deadline <= plan.as_of and t.status != "completed"]
    # Grouped by lead department behind disclosures, a target with several leads under each.
    groups = "details.plan-group[id^='due-']"
    listed = page.eval_on_selector_all(
        f"{groups} td[data-label='出处'] a", "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    assert sorted(href.rsplit("#", 1)[1] for href in listed) == sorted(t.id for t in due)
    # Every target listed is marked 已到期, as wherever a target shows, reported on or not.
    marked = page.locator(f"{groups} .plan-due").count()
    assert marked >= len(due)


@needs_targets
def test_status_is_told_by_words_and_icon_wherever_a_target_shows(tab, site_url):
    page = tab()
    for path in (MEASURE.url, LEAD.url, PAGE_KINDS["sector"], YEAR_URL):
        page.goto(site_url + path)
        badges = page.locator(".plan-status")
        assert badges.count() > 0, path
        first = badges.first
        assert first.text_content().strip() in {"未填报", "未启动", "推进中", "已完成", "未按期完成"}
        assert first.locator("svg.plan-status-icon").count() == 1


# ---- what a reader comes for --------------------------------------------------------------------


def test_while_nothing_is_reported_the_home_page_says_so_once_and_marks_no_goal(tab, site_url, plan):
    if any(t.status != "unreported" for t in plan.targets) or not plan.targets:
        pytest.skip("departments have reported, or no targets are curated yet: the notice is not shown")
    page = tab()
    page.goto(site_url)
    assert page.locator(".plan-note--unreported").count() == 1
    assert ("数据截至" if plan.as_of else "尚未开始收集进度") in page.inner_text(".plan-note--unreported")
    assert page.locator(".plan-goals .plan-due, .plan-goals .plan-status").count() == 0


def test_the_official_record_heads_the_home_page_with_a_link_to_the_original(tab, site_url, plan):
    page = tab()
    page.goto(site_url)
    names, values = (
        page.locator(".plan-docmeta dt").all_inner_texts(),
        page.locator(".plan-docmeta dd").all_inner_texts(),
    )
    fields = dict(zip(names, values, strict=True))
    document = plan.document
    for label, value in (
        ("索引号", document.index_number),
        ("发文字号", document.number),
        ("主题分类", document.subject),
    ):
        assert fields.get(label) == value
    assert fields["发文机关"] == document.issuer and fields["标题"] == document.title
    assert {"成文日期", *(["发布日期"] if document.published else [])} <= fields.keys()
    if document.official_page:
        assert page.get_attribute(".plan-docmeta__original a", "href") == document.official_page


@pytest.mark.parametrize("viewport", [None, PHONE])
def test_the_footer_states_who_runs_the_site_and_links_about_and_corrections(tab, site_url, viewport):
    page = tab(viewport=viewport or {"width": 1366, "height": 900})
    page.goto(site_url + MEASURE.url)
    footer = page.locator(".plan-footer")
    text = footer.inner_text()
    for label in ("主办单位", "联系方式", "网站标识码", "ICP备案号"):
        assert label in text
    assert footer.locator("a", has_text="纠错").count() == 1
    footer.locator("a", has_text="关于本站").click()
    assert "以原文为准" in page.inner_text("article") or "原文为准" in page.inner_text("article")
    assert footer.bounding_box()["width"] <= page.viewport_size["width"]


def test_a_department_serves_its_csv_calendar_subscription_and_ledger(tab, site_url):
    """One department through the server; test_site checks every department's links in its HTML."""
    page = tab()
    page.goto(site_url + BUSIEST.url)
    links = dict(
        page.eval_on_selector_all(".plan-files a", "links => links.map(a => [a.innerText, a.getAttribute('href')])")
    )
    assert links["在日历软件中订阅"].startswith("webcal://")
    for name in ("任务台账", "填报台账（Excel）", "目标任务表（CSV）", "截止日期日历（.ics）"):
        response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + links[name])
        assert response.ok, name
    assert page.locator(".plan-citation__text", has_text=".ics").count() == 1


def test_a_ledger_is_one_table_that_prints_on_a4_landscape(context_factory, site_url):
    page = context_factory().new_page()
    page.goto(site_url + PAGE_KINDS["ledger"])
    assert page.locator(".md-sidebar--primary").is_hidden() or page.locator(".md-sidebar--primary").count() == 0
    assert page.locator(".plan-ledger tbody tr").count() == len(MOST_TARGETS.ledger) > 0
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    # Every page of it A4 landscape: 842 × 595 points.
    boxes = {tuple(round(float(n)) for n in box.split()) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)}
    assert boxes == {(0, 0, 842, 595)}


@pytest.mark.parametrize("path", [*TARGET_TABLES, PAGE_KINDS["ledger"]])
def test_table_captions_keep_the_tables_width_on_a_phone(tab, site_url, path):
    page = tab(viewport=PHONE, is_mobile=True)
    page.goto(site_url + path)
    sizes = page.eval_on_selector_all(
        ".plan-targets caption, .plan-ledger caption",
        "cs => cs.map(c => [c.getBoundingClientRect().width, c.closest('table').getBoundingClientRect().width])",
    )
    assert sizes and all(caption >= 0.9 * table for caption, table in sizes), sizes


def test_the_departments_are_grouped_compact_and_found_by_typing(tab, site_url, plan):
    page = tab(viewport=PHONE, is_mobile=True)
    page.goto(site_url + "departments/")
    assert page.evaluate("document.documentElement.scrollHeight") <= 6000
    assert page.locator(".plan-department-list li").count() == len(plan.departments)
    part, name = unique_part_of_a_name()
    page.fill("#plan-department-filter", part)
    visible = [li.inner_text() for li in page.locator(".plan-department-list li").all() if li.is_visible()]
    assert len(visible) == 1 and visible[0].startswith(name)


# A measure page on a 375 px phone: the frame (its standing, units, related measures, changes,
# citation, pager, footer) within 3,300 px, each character of its text within 3 px (about 17 a
# line), each target's card within 400 px, each report on the whole measure within 150 px. A budget
# of the page's own contents, so it holds for any plan's measures.
def phone_height_budget(measure):
    return 3300 + 3 * len(measure.text) + 400 * len(measure.targets) + 150 * len(measure.history)


@pytest.mark.parametrize("measure", [LONGEST, max(PLAN.measures, key=lambda m: len(m.text))], ids=["targets", "text"])
def test_a_long_measure_stays_within_a_phones_height_budget(tab, site_url, measure):
    page = tab(viewport=PHONE, is_mobile=True)
    page.goto(site_url + measure.url)
    assert page.locator(".plan-target").count() == len(measure.targets)
    assert page.evaluate("document.documentElement.scrollHeight") <= phone_height_budget(measure)


# The pages a reader comes to for a summary, and how far each may run on a 375 px phone: about
# nine screens, the long lists behind disclosures. 长辈模式 may take twice as far.
SUMMARY_BUDGETS = {"": 7000, "progress/": 8000, **{urls.published(g.page): 8000 for g in CATALOG.years}}


@pytest.mark.parametrize("reading", [False, True], ids=["normal", "长辈模式"])
def test_the_summary_pages_end_within_a_phones_height_budget(tab, site_url, reading):
    page = tab(elder=reading, viewport=PHONE, is_mobile=True)
    heights = {}
    for path in SUMMARY_BUDGETS:
        page.goto(site_url + path)
        heights[path] = page.evaluate("document.documentElement.scrollHeight")
    limit = 2 if reading else 1
    assert {path: h for path, h in heights.items() if h > SUMMARY_BUDGETS[path] * limit} == {}, heights


@needs_targets
def test_a_link_opens_its_disclosure_and_printing_opens_every_one(tab, site_url):
    page = tab(viewport=PHONE)
    (first, _), (second, _) = YEAR.by_chapter[:2] if len(YEAR.by_chapter) > 1 else (YEAR.by_chapter[0],) * 2
    page.goto(f"{site_url}{YEAR_URL}#chapter-{first.id}")
    is_open = "id => document.getElementById(id).open"
    assert page.evaluate(is_open, f"chapter-{first.id}")
    page.evaluate("id => { location.hash = id; }", f"chapter-{second.id}")
    page.wait_for_function(is_open, arg=f"chapter-{second.id}")
    closed = "() => document.querySelectorAll('article details:not([open])').length"
    before = page.evaluate(closed)
    assert before > 0
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) == before


@pytest.mark.parametrize("viewport, smallest", [({"width": 1366, "height": 900}, 14), (PHONE, 16)])
def test_table_text_is_large_enough_to_read(tab, site_url, viewport, smallest):
    page = tab(viewport=viewport)
    for path in (*TARGET_TABLES, "downloads/"):
        page.goto(site_url + path)
        sizes = page.eval_on_selector_all(
            "article td", "cells => cells.map(c => parseFloat(getComputedStyle(c).fontSize))"
        )
        assert sizes and min(sizes) >= smallest, (path, min(sizes))


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE])
@needs_targets
def test_bar_charts_name_each_row_whole_and_legibly(tab, site_url, viewport):
    page = tab(viewport=viewport)
    page.goto(site_url + "progress/")
    labels = page.evaluate(
        """[...document.querySelectorAll('svg.plan-chart--bars')].flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('.plan-chart__label')].map(t => [
                t.textContent, t.closest('[data-label]').dataset.label,
                parseFloat(getComputedStyle(t).fontSize) * scale, t.getBBox().x + t.getBBox().width,
                svg.viewBox.baseVal.width]);
        })"""
    )
    assert labels
    for shown, whole, size, right, width in labels:
        assert shown == whole and size >= 12 and right <= width, (shown, size)


def test_the_matrix_keeps_legible_numbers_on_a_phone_and_scrolls_in_its_own_region(tab, site_url):
    page = tab(viewport=PHONE, is_mobile=True)
    page.goto(site_url + "departments/")
    sizes = page.evaluate(
        """(() => {
            const svg = document.querySelector('svg.plan-chart--matrix');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        })()"""
    )
    assert sizes and min(sizes) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_the_header_fits_a_phone_with_search_and_reading_mode(tab, site_url, elder):
    page = tab(elder=elder, viewport={"width": 375, "height": 812})
    page.goto(site_url + MEASURE.url)
    header = page.locator(".md-header").bounding_box()
    title = page.locator(".md-header__title")
    for control in ("[data-plan-elder-toggle]", "label.md-header__button[for=__search]"):
        box = page.locator(control).bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 375, control
    if title.is_visible():
        box = title.bounding_box()
        assert box["width"] >= 100 and box["y"] + box["height"] <= header["y"] + header["height"]
        assert title.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    else:
        assert elder
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

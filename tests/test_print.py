"""A measure page prints on A4 with its content only, its folded parts open, and a line saying
what plan it is from, as of when and where it is online."""

import pytest

from tests.plan_pages import LONGEST as MEASURE


@pytest.fixture(scope="module")
def printed_page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + MEASURE.url)
    page.emulate_media(media="print")
    yield page
    page.close()


@pytest.mark.parametrize(
    "selector",
    [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".plan-pager",
        ".plan-crumbs",
        ".plan-edit",
    ],
)
def test_navigation_is_not_printed(printed_page, selector):
    displays = printed_page.eval_on_selector_all(selector, "els => els.map(el => getComputedStyle(el).display)")
    assert displays and set(displays) == {"none"}


def test_the_content_and_its_targets_are_printed(printed_page):
    assert printed_page.locator("h1").is_visible()
    assert all(printed_page.locator(f"#{target.id}").is_visible() for target in MEASURE.targets)
    pdf = printed_page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_a_printed_page_says_what_plan_it_is_from_as_of_when_and_where_it_is_online(printed_page, plan):
    line = printed_page.locator(".plan-printed")
    assert line.is_visible()
    text = line.inner_text()
    assert plan.document.title in text and (plan.document.number or "") in text
    assert ("数据截至" in text) == (plan.as_of is not None) and text.rstrip().endswith(MEASURE.url)


def test_folded_parts_print_open_without_a_script_opening_them(browser, site_url):
    # emulate_media fires no beforeprint: what shows is the style sheet's doing alone. The home
    # page folds its table of chapters on any plan; a measure page, each target's citation.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    folded = 0
    for path in ("", MEASURE.url):
        page.emulate_media(media="screen")
        page.goto(site_url + path)
        page.emulate_media(media="print")
        closed = page.locator("details:not([open])")
        for index in range(closed.count()):
            inside = closed.nth(index).locator(":scope > :not(summary)")
            folded += inside.count()
            assert all(inside.nth(i).is_visible() for i in range(inside.count())), path
    page.close()
    assert folded > 0


def test_the_printed_line_is_not_on_screen(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + MEASURE.url)
    assert not page.locator(".plan-printed").is_visible()
    page.close()

"""A measure page prints on A4 with its content only."""

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

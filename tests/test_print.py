"""A measure page prints on A4 with its content only."""

import pytest

from tests.browser import CHROMIUM_ARGS, require_chromium, serve
from tests.site_build import build_site


@pytest.fixture(scope="module")
def printed_page(tmp_path_factory):
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "measures/m16/")
        page.emulate_media(media="print")
        yield page
        browser.close()


@pytest.mark.parametrize("selector", [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                                      ".plan-pager", ".plan-crumbs", ".plan-edit"])
def test_navigation_is_not_printed(printed_page, selector):
    assert printed_page.eval_on_selector_all(
        selector, "els => els.every(el => getComputedStyle(el).display === 'none')")


def test_the_content_and_its_targets_are_printed(printed_page):
    assert printed_page.locator("h1").is_visible()
    assert printed_page.locator("#m16-t6").is_visible()
    pdf = printed_page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

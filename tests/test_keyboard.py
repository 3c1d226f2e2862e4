"""The keyboard alone, as a resident without a mouse uses the site: the first Tab reaches a skip
link that lands on the page's title, the navigation is passed in one key, and search closes with
Escape or by tabbing out of it, giving focus back to the box. On a measure page and the home page,
at 1366 px and on a 375 px phone, in Debian's Chromium."""

import pytest

from tests.plan_pages import LONGEST, MEASURE, PAGE_KINDS

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 812}}
PAGES = {"home": PAGE_KINDS["home"], "measure": LONGEST.url}

every_page_and_width = pytest.mark.parametrize(
    "path, viewport",
    [(path, size) for path in PAGES.values() for size in VIEWPORTS.values()],
    ids=[f"{kind}-{width}" for kind in PAGES for width in VIEWPORTS],
)

# The focused element, and whether it shows: inside the window, opaque, with a focus ring.
FOCUSED = """() => {
    const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return {
        text: (el.textContent || '').trim(),
        skip: el.matches('.md-skip'),
        link: el.tagName === 'A' && !!el.closest('article.md-content__inner'),
        inSearch: !!el.closest('.plan-search-box'),
        input: el.matches('.md-search__input'),
        result: el.matches('.md-search-result__link'),
        shown: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= innerHeight && box.right <= innerWidth
            && style.visibility === 'visible' && style.opacity === '1',
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
}"""

# The page's title (its first heading) holds the focus, below the header and within the window.
TITLE_FOCUSED = """() => {
    const title = document.querySelector('.md-content h1');
    const box = title.getBoundingClientRect(), header = document.querySelector('.md-header').getBoundingClientRect();
    return title.contains(document.activeElement) && box.top >= header.bottom - 1 && box.bottom <= innerHeight;
}"""

# Search is open (Material's toggle) or still dims the page (its overlay not yet faded out).
SEARCH_SHOWN = """() => {
    const overlay = document.querySelector('.md-search__overlay'), box = overlay.getBoundingClientRect();
    return document.getElementById('__search').checked
        || (parseFloat(getComputedStyle(overlay).opacity) > 0 && box.width * box.height > 0);
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def fresh_page(tab, site_url, path, viewport, **options):
    page = tab(viewport=viewport, **options)
    page.goto(site_url + path)
    return page


def tabs_until(page, condition: str, limit: int) -> int | None:
    """Tab presses until ``condition`` (a key of FOCUSED) holds for the focused element, or None."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page)[condition]:
            return count
    return None


def assert_focus_shows(page, what: str) -> None:
    # The skip links fade in as they take the focus.
    page.wait_for_function(f"() => ({FOCUSED})().shown")
    assert focused(page)["ring"], f"{what} has no focus ring"


def assert_title_focused(page) -> None:
    page.wait_for_function(TITLE_FOCUSED, timeout=3000)


# ---- the skip links ---------------------------------------------------------------------------


@every_page_and_width
def test_the_first_tab_reaches_a_skip_link_that_lands_on_the_title(tab, site_url, path, viewport):
    page = fresh_page(tab, site_url, path, viewport)
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["skip"] and first["text"] == "跳转至", first
    assert_focus_shows(page, "the skip link")
    page.keyboard.press("Enter")
    assert_title_focused(page)
    # One more Tab reaches the first link of the content: two presses from the page's load, where
    # without the skip link the header, the navigation and the table of contents come first.
    assert tabs_until(page, "link", 1) == 1


@every_page_and_width
def test_a_link_before_the_navigation_passes_it_in_one_key(tab, site_url, path, viewport):
    page = fresh_page(tab, site_url, path, viewport)
    # The header's last control, as a reader who has used search or reading mode stands there.
    page.focus("[data-plan-elder-toggle]")
    page.keyboard.press("Tab")
    assert focused(page)["skip"] and focused(page)["text"] == "跳过导航", focused(page)
    assert_focus_shows(page, "跳过导航")
    page.keyboard.press("Enter")
    assert_title_focused(page)
    assert tabs_until(page, "link", 1) == 1


# The 404 page lists no headings, where Material writes no skip link at all.
WITHOUT_SCRIPT = {**PAGES, "not-found": PAGE_KINDS["not-found"]}


@pytest.mark.parametrize("path", WITHOUT_SCRIPT.values(), ids=WITHOUT_SCRIPT.keys())
def test_without_script_the_skip_link_still_passes_the_navigation(tab, site_url, path):
    page = fresh_page(tab, site_url, path, VIEWPORTS["desktop"], java_script_enabled=False)
    page.keyboard.press("Tab")
    assert focused(page)["skip"] and focused(page)["text"] == "跳转至", focused(page)
    page.keyboard.press("Enter")
    # The content's start: the next Tab is inside it, whatever stands before its title.
    assert tabs_until(page, "link", 1) == 1


# ---- search -----------------------------------------------------------------------------------


def search_shown(page) -> bool:
    return page.evaluate(SEARCH_SHOWN)


def assert_search_closed(page) -> None:
    page.wait_for_function(f"() => !({SEARCH_SHOWN})()", timeout=3000)


def open_search_by_keyboard(page) -> None:
    assert tabs_until(page, "input", 8), "Tab never reached the search box"
    # Digits, typed key by key: Playwright types Chinese as an unfinished input-method composition.
    page.keyboard.type(str(MEASURE.number))
    page.wait_for_selector(".md-search-result__link")
    assert search_shown(page)


@every_page_and_width
def test_escape_closes_search_and_gives_the_focus_back_to_the_box(tab, site_url, path, viewport):
    page = fresh_page(tab, site_url, path, viewport)
    open_search_by_keyboard(page)
    page.keyboard.press("Escape")
    assert_search_closed(page)
    assert focused(page)["input"]
    if viewport == VIEWPORTS["phone"]:
        # A phone folds the closed box into its magnifier button, which then shows the focus.
        ring = page.eval_on_selector("label.md-header__button[for=__search]", "el => getComputedStyle(el).outlineStyle")
        assert ring != "none"
    # Tab then moves on at once: the closed box's hidden parts take no focus and open nothing.
    page.keyboard.press("Tab")
    assert not focused(page)["inSearch"] and focused(page)["shown"], focused(page)
    assert not search_shown(page)
    # Back into the box, search opens again with the same query.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["input"] and search_shown(page)
    page.wait_for_selector(".md-search-result__link")


@every_page_and_width
def test_tabbing_out_of_search_closes_it(tab, site_url, path, viewport):
    page = fresh_page(tab, site_url, path, viewport)
    open_search_by_keyboard(page)
    # Through the box's button and results, and out.
    for _ in range(40):
        page.keyboard.press("Tab")
        if not focused(page)["inSearch"]:
            break
    assert not focused(page)["inSearch"], "Tab never left the search box"
    assert_search_closed(page)
    assert focused(page)["shown"], focused(page)
    # And backwards, from the results to the box's input and on to the header before it.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["input"] and search_shown(page)
    page.keyboard.press("Shift+Tab")
    assert not focused(page)["inSearch"]
    assert_search_closed(page)


@every_page_and_width
def test_escape_from_a_result_closes_search(tab, site_url, path, viewport):
    page = fresh_page(tab, site_url, path, viewport)
    open_search_by_keyboard(page)
    assert tabs_until(page, "result", 6), "Tab never reached a result"
    page.keyboard.press("Escape")
    assert_search_closed(page)
    assert focused(page)["input"]

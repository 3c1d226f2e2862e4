"""Every page kind on a phone, measured box by box: nothing runs past its card or the screen, and in
长辈模式 (text 1.36 times larger) a card's label stands above its value instead of squeezing it into a
column a few characters wide. Found by an older reader on a 375 px phone; 320 px is the narrowest
width phones commonly have (CSS pixels)."""

import pytest

from tests.plan_pages import BUSIEST, LONGEST, MEASURE, MOST_TARGETS, PAGE_KINDS

# Every page kind, the help page, and the pages whose cards are the longest or the most numerous.
PAGES = {
    **PAGE_KINDS,
    "help": "help/",
    **({"measure-targets": LONGEST.url} if LONGEST != MEASURE else {}),
    **({"department-targets": MOST_TARGETS.url} if MOST_TARGETS != BUSIEST else {}),
}

# (mode, viewport): what an older reader's phone shows.
SCREENS = {
    "elder-375": (True, {"width": 375, "height": 812}),
    "elder-320": (True, {"width": 320, "height": 640}),
    "normal-320": (False, {"width": 320, "height": 640}),
}

# A box with a border or a background of its own: what it holds must stay inside it. A table row
# is one when a phone's layout makes it a card (display: block).
CARDS = (
    ".plan-target, .plan-docmeta, .plan-docmeta__field, .plan-standing, .plan-note, .plan-official, "
    ".plan-citation, .plan-facts, .plan-ledger__facts, ul.plan-documents > li, .plan-entries a, "
    ".plan-chips a, .plan-asof, .admonition"
)

# Walks .md-content once. Each element (and each text, whose glyphs can run past an element that
# stays in place) is held to the nearest card around it and to the screen. What lies inside a box
# that scrolls sideways (a wide table's or a chart's region, role="region") may run past the screen:
# the region itself is measured instead, unless a card inside it holds it (a table row in card
# layout). A box that clips (overflow: hidden) holds its contents as a card does.
OVERFLOWS = """([width, cards]) => {
    const problems = [];
    const name = el => {
        const parts = [];
        for (let e = el; e && parts.length < 3 && !e.classList?.contains('md-content'); e = e.parentElement) {
            const classes = [...e.classList].filter(c => !c.startsWith('md-typeset')).slice(0, 2);
            parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + classes.map(c => '.' + c).join(''));
        }
        return parts.join(' > ');
    };
    const isCard = (el, style) => el.matches(cards) || (el.tagName === 'TR' && style.display === 'block');
    const check = (what, label, right, card, region) => {
        let bound = width, against = 'screen';
        if (card && (!region || region.contains(card))) {
            const cardRight = card.getBoundingClientRect().right;
            if (cardRight < bound || region) { bound = cardRight; against = 'card ' + name(card); }
        } else if (region) {
            return;
        }
        if (right > bound + 1) {
            problems.push({what: name(what) + label, right: Math.round(right), against, bound: Math.round(bound)});
        }
    };
    const walk = (el, card, region) => {
        const style = getComputedStyle(el);
        if (style.display === 'none') return;
        const box = el.getBoundingClientRect();
        // Words for screen readers only (a card layout's table head): clipped to a pixel, never seen.
        if (style.position === 'absolute' && style.overflowX !== 'visible' && box.width <= 1) return;
        if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden') check(el, '', box.right, card, region);
        // A box that clips what runs past it hides it from the reader: it holds its contents as a card does.
        const inner = isCard(el, style) || ['hidden', 'clip'].includes(style.overflowX) ? el : card;
        const within = ['auto', 'scroll'].includes(style.overflowX) ? el : region;
        for (const child of el.childNodes) {
            if (child.nodeType === Node.ELEMENT_NODE) {
                walk(child, inner, within);
            } else if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()
                       && style.visibility !== 'hidden') {
                const range = document.createRange();
                range.selectNodeContents(child);
                const rights = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.right);
                if (rights.length) {
                    check(el, ' "' + child.textContent.trim().slice(0, 16) + '"', Math.max(...rights), inner, within);
                }
            }
        }
    };
    const content = document.querySelector('.md-content');
    if (content) walk(content, null, null);
    return {scrollWidth: document.documentElement.scrollWidth, problems};
}"""

# Each label above its value, and each value at least 60 % of its card's width: the target cards'
# facts, the document record's fields, a department's and a ledger's facts. A table row in card
# layout sets its label (td::before) on a line of its own.
LABELS = """() => {
    const problems = [];
    const pairs = [];
    for (const dl of document.querySelectorAll('.md-content dl.plan-target__facts, .md-content dl.plan-facts, '
                                               + '.md-content dl.plan-ledger__facts')) {
        const card = dl.closest('.plan-target') || dl;
        for (const dt of dl.querySelectorAll(':scope > dt')) pairs.push([dt, dt.nextElementSibling, card]);
    }
    for (const field of document.querySelectorAll('.md-content .plan-docmeta__field')) {
        pairs.push([field.querySelector('dt'), field.querySelector('dd'), field.closest('.plan-docmeta')]);
    }
    for (const [dt, dd, card] of pairs) {
        const label = dt.getBoundingClientRect(), value = dd.getBoundingClientRect();
        const cardWidth = card.getBoundingClientRect().width;
        if (!label.height || !value.height) continue;
        const where = card.className.split(' ')[0] + ' ' + dt.textContent.trim();
        if (label.bottom > value.top + 1) {
            problems.push(`${where}: label bottom ${Math.round(label.bottom)} > value top ${Math.round(value.top)}`);
        }
        if (value.width < 0.6 * cardWidth) {
            const wide = Math.round(value.width), whole = Math.round(cardWidth);
            problems.push(`${where}: value ${wide} px wide < 60 % of card ${whole} px`);
        }
    }
    for (const td of document.querySelectorAll('.md-content tr td[data-label]')) {
        if (getComputedStyle(td.parentElement).display !== 'block' || !td.getBoundingClientRect().height) continue;
        const before = getComputedStyle(td, '::before');
        if (before.content !== 'none' && before.display !== 'block') {
            const table = td.closest('.plan-ledger') ? 'plan-ledger' : 'plan-targets';
            problems.push(`${table} td "${td.dataset.label}": label is ${before.display}, beside its value`);
        }
    }
    return [...new Set(problems)];
}"""


def open_page(tab, site_url, path, elder, viewport):
    page = tab(elder=elder, viewport=viewport, is_mobile=True, has_touch=True)
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.getAttribute('data-plan-elder')") == ("on" if elder else None)
    return page


def overflows(page, width):
    """What runs past its card or the screen, in words: the page, the element, the numbers."""
    found = page.evaluate(OVERFLOWS, [width, CARDS])
    problems = [f"{p['what']}: right {p['right']} > {p['against']} {p['bound']}" for p in found["problems"]]
    if found["scrollWidth"] > width:
        problems.insert(0, f"the page scrolls sideways: {found['scrollWidth']} px wide")
    return problems


def listed(problems, path, kind, screen):
    shown = "\n  ".join(problems[:20]) + (f"\n  … {len(problems) - 20} more" if len(problems) > 20 else "")
    return f"{path or '/'} ({kind}, {screen}):\n  {shown}"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", PAGES)
def test_nothing_runs_past_its_card_or_the_screen_and_in_reading_mode_labels_stand_above(tab, site_url, kind, screen):
    """One load of each page on each screen: nothing runs past its card or the screen, and in
    长辈模式 each label stands above its value."""
    elder, viewport = SCREENS[screen]
    page = open_page(tab, site_url, PAGES[kind], elder, viewport)
    problems = overflows(page, viewport["width"]) + (page.evaluate(LABELS) if elder else [])
    assert not problems, listed(problems, PAGES[kind], kind, screen)


# Values another plan's data may hold with nowhere to break: an index number, an address, an id.
UNBREAKABLE = "11140400MB1963108X/2024-06284_https://www.changzhi.gov.cn/zwgk/zfxxgk/fdzdgknr/lzyj/gfxwj/"
# Where a data value shows in a card: each card's value (the document record's, a target's, a
# department's, a ledger's), a table row in card layout, a citation, a measure's standing.
VALUES = ".md-content dd, .md-content td[data-label], .plan-citation__text, .plan-standing p"
# The pages that show them.
UNBREAKABLE_PAGES = [k for k in ("home", "full-text", "measure", "department", "ledger", "year") if k in PAGES]


@pytest.mark.parametrize("screen", ["elder-320", "normal-320"])
@pytest.mark.parametrize("kind", UNBREAKABLE_PAGES)
def test_a_value_with_nowhere_to_break_wraps_inside_its_card(tab, site_url, kind, screen):
    elder, viewport = SCREENS[screen]
    page = open_page(tab, site_url, PAGES[kind], elder, viewport)
    filled = page.evaluate(
        """([selector, text]) => {
            const chosen = [...document.querySelectorAll(selector)].filter(el => el.getBoundingClientRect().height);
            chosen.forEach(el => { el.textContent = text; });
            return chosen.length;
        }""",
        [VALUES, UNBREAKABLE],
    )
    assert filled, f"{kind}: no value to fill"
    problems = overflows(page, viewport["width"])
    assert not problems, listed(problems, PAGES[kind], kind, screen)

"""What a reader sees first on a cheap phone (360 × 800), in English and Arabic.

On each key page the page's heading starts in the top third of the screen, and
the page's first item (the featured statement, the first card of a listing, the
first paragraph of a statement, an event's time and place, the first member
organization) starts on the first screen, with at least its first line showing.
The header and breadcrumbs must not push them away.

A screenshot of each first screen is kept in ``test-artifacts/e2e/first-screen-*.png``
(full pages at 360 and 1280 px are kept by test_layout.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_accessibility import prepared_pages

WIDTH, HEIGHT = 360, 800
# Where each page's first item is. The home page's heading is for screen readers only
# (the header shows the name), so its first visible heading is the featured statement's.
FIRST_ITEM = {
    "home": ".featured",
    "statements": "main .cards > li",
    "statement": "main article.statement > header ~ * p, main article.statement > header ~ p",
    "events": "main .cards > li",
    "event": "main .event-facts",
    "members": "main .cards > li",
}
HEADING = {"home": "main .featured h2"}
LANGUAGES = ("en", "ar")
LINE = 24  # px: the first line of the item must show, not only its top edge

POSITION_JS = """
([heading, item]) => {
  const top = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const box = el.getBoundingClientRect();
    return {top: box.top + window.scrollY, height: box.height,
            text: el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)};
  };
  return {heading: top(heading), item: top(item), scrolled: window.scrollY};
}
"""


@pytest.fixture(scope="module")
def site_pages(live_site) -> Iterator:
    yield from prepared_pages(live_site)


@pytest.fixture(scope="module")
def phone(browser, live_site):
    context = browser.new_context(
        base_url=live_site.url, viewport={"width": WIDTH, "height": HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(FIRST_ITEM))
def test_heading_in_top_third_and_first_item_on_first_screen(
    phone, site_pages, artefacts, kind, lang
):
    response = phone.goto(site_pages.url(kind, lang))
    assert response.status == 200, f"{phone.url} answered {response.status}"
    assert phone.locator("html").get_attribute("lang") == lang
    found = phone.evaluate(POSITION_JS, [HEADING.get(kind, "main h1"), FIRST_ITEM[kind]])
    phone.screenshot(path=str(artefacts / f"first-screen-{kind}-{lang}.png"))
    heading, item = found["heading"], found["item"]
    assert heading is not None, f"{phone.url}: no heading"
    assert item is not None, f"{phone.url}: no first item ({FIRST_ITEM[kind]})"
    assert heading["top"] < HEIGHT / 3, (
        f"{phone.url}: the heading “{heading['text']}” starts at {heading['top']:.0f} px, "
        f"below the top third ({HEIGHT / 3:.0f} px)"
    )
    shown = min(LINE, item["height"])
    assert item["top"] + shown <= HEIGHT, (
        f"{phone.url}: the first item “{item['text']}” starts at {item['top']:.0f} px, "
        f"off the first screen ({HEIGHT} px)"
    )


def test_the_menu_opens_without_javascript(no_js_page, site_pages):
    """On a phone the menu is folded behind a button that works with scripts turned off."""
    no_js_page.goto(site_pages.url("home", "ar"))
    menu = no_js_page.locator(".site-menu nav[aria-label]").first
    assert not menu.is_visible()
    no_js_page.locator(".site-menu summary").click()
    assert menu.is_visible()
    assert no_js_page.locator(".site-menu .menu a").count() >= 3

"""Pleasant on a phone and on a laptop: the key pages at 360 and 1280 px, English and Arabic.

For each key page (home, statements and a statement, events, an event and a
day of action, the member directory and a member, the join, contact, search
and sign-in pages), in a 360 px and a 1280 px wide window:

- nothing scrolls sideways (``scrollWidth <= clientWidth``);
- every control, navigation link and link standing on its own is a target of
  at least 24 × 24 CSS pixels (WCAG 2.2, 2.5.8), or one of the criterion's
  exceptions applies: a link inline in a sentence; an undersized target whose
  24 px circle touches no other target ("spacing"); a target whose address
  another, passing link on the page also opens ("equivalent": the map's dots
  and the complete list of local actions below it);
- text in the main content and the footer is at least 16 px, measured as
  drawn (text inside an SVG drawing at the drawing's scale); short labels
  (kickers, flags, the headings of fact lists, the month grid) are exempt;
- blocks of running text are at most 80 characters wide, in ``ch`` of their
  own font (WCAG 1.4.8 asks for 80).

The demo content translates only a few pages into Arabic, so the page types
are copied into Arabic for the duration of this module (``prepared_pages`` of
test_accessibility.py, undone at the end). A full-page screenshot of every
case is kept in ``test-artifacts/e2e/layout-*.png`` for people to look at;
screenshots are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_accessibility import prepared_pages

KEY_PAGES = (
    "home",
    "statements",
    "statement",
    "events",
    "event",
    "day-of-action",
    "members",
    "organization",
    "join",
    "contact",
    "search",
    "login",
)
LANGUAGES = ("en", "ar")
WIDTHS = (360, 1280)
MIN_TARGET = 24  # CSS px, WCAG 2.2 2.5.8
MIN_TEXT = 16  # CSS px
MAX_LINE = 80  # characters ("ch")
# Short labels next to what they name, and the month grid (its events are all
# in the listings as well): not running text.
LABELS = ".kicker, .example-flag, .status-flag, .event-facts dt, .facts dt, .month, .attribution"

MEASURE_JS = """
({minTarget, minText, maxCh, labels}) => {
  const result = {overflow: 0, targets: [], text: [], lines: []};
  const root = document.documentElement;
  result.overflow = Math.max(0, root.scrollWidth - root.clientWidth);
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none'
      && box.width > 0 && box.height > 0 && !el.closest('.hp, .visually-hidden')
      // Inside a closed disclosure (the phone's menu and filters): not drawn.
      && !el.closest('details:not([open]) > :not(summary)');
  };
  const describe = (el) => {
    const name = (el.textContent || el.getAttribute('aria-label') || el.name || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    const cls = el.getAttribute('class');
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls.replace(/ +/g, '.') : ''} "${name}"`;
  };

  // -- targets: controls, navigation links and links standing on their own.
  // A link is inline in a sentence when its block holds other words than its own.
  const inSentence = (a) => {
    if (a.closest('nav') || a.classList.contains('button')) return false;
    let block = a.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    const rest = block ? block.textContent.replace(a.textContent, '') : '';
    return /[\\p{L}\\p{N}]/u.test(rest.replace(/[·|,:;()\\[\\]]/g, ''));
  };
  const candidates = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'
  )].filter(shown);
  const targets = candidates.filter((el) => el.tagName !== 'A' || !inSentence(el));
  const boxes = targets.map((el) => el.getBoundingClientRect());
  const small = (b) => b.width < minTarget - 0.5 || b.height < minTarget - 0.5;
  const centre = (b) => [b.left + b.width / 2, b.top + b.height / 2];
  const distance = ([x, y], b) => Math.hypot(
    Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  // 2.5.8's "equivalent" exception: another link to the same address that passes
  // (big enough, or inline in a sentence).
  const hrefOf = (el) => {
    const raw = el.href && (el.href.baseVal ?? el.href);
    return raw ? new URL(raw, location.href).href : null;
  };
  const passing = new Set(candidates.filter((el) => {
    const i = targets.indexOf(el);
    return i < 0 || !small(boxes[i]);
  }).map(hrefOf).filter(Boolean));
  targets.forEach((el, i) => {
    const box = boxes[i];
    if (!small(box) || passing.has(hrefOf(el))) return;
    const c = centre(box);
    const apart = (other) => Math.hypot(c[0] - centre(other)[0], c[1] - centre(other)[1]);
    const crowded = boxes.some((other, j) => j !== i && !targets[j].contains(el)
      && !el.contains(targets[j])
      && (distance(c, other) < minTarget / 2 || (small(other) && apart(other) < minTarget)));
    if (crowded) {
      result.targets.push(`${describe(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  });

  // -- text: every element holding words in the main content, labels apart.
  const main = document.querySelector('main');
  const checked = new Set();
  for (const region of document.querySelectorAll('main, body > footer')) {
    const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || checked.has(el)) continue;
      checked.add(el);
      if (!shown(el) || el.closest(labels)) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        // Text in a drawing is as large as the drawing is scaled on screen.
        const m = el.getScreenCTM();
        size *= Math.hypot(m.a, m.b);
      }
      if (size < minText - 0.01) {
        result.text.push(`${describe(el)} ${Math.round(size * 10) / 10}px`);
      }
    }
  }

  // -- line length: blocks of running text, in "ch" (the width of "0") of their font.
  for (const el of main.querySelectorAll('p, li, dd, blockquote, figcaption')) {
    if (!shown(el) || el.textContent.replace(/\\s+/g, ' ').trim().length < maxCh) continue;
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(10);
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    el.append(probe);
    const ch = probe.getBoundingClientRect().width / 10;
    probe.remove();
    const style = getComputedStyle(el);
    const inner = el.getBoundingClientRect().width
      - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const width = inner / ch;
    if (width > maxCh + 0.5) result.lines.push(`${describe(el)} ${Math.round(width)}ch`);
  }
  return result;
}
"""


@pytest.fixture(scope="module")
def site_pages(live_site) -> Iterator:
    yield from prepared_pages(live_site)


@pytest.fixture(scope="module")
def windows(browser, live_site) -> Iterator[dict]:
    """One browser window per width, reused by the module's tests."""
    contexts = {
        width: browser.new_context(base_url=live_site.url, viewport={"width": width, "height": 800})
        for width in WIDTHS
    }
    pages = {width: context.new_page() for width, context in contexts.items()}
    for page in pages.values():
        page.set_default_timeout(15_000)
    yield pages
    for context in contexts.values():
        context.close()


CASES = [
    pytest.param(kind, lang, width, id=f"{kind}-{lang}-{width}")
    for kind in KEY_PAGES
    for lang in LANGUAGES
    for width in WIDTHS
]


@pytest.mark.parametrize(("kind", "lang", "width"), CASES)
def test_page_fits_and_is_easy_to_read_and_tap(windows, site_pages, artefacts, kind, lang, width):
    page = windows[width]
    response = page.goto(site_pages.url(kind, lang))
    assert response.status == 200, f"{page.url} answered {response.status}"
    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    found = page.evaluate(
        MEASURE_JS,
        {"minTarget": MIN_TARGET, "minText": MIN_TEXT, "maxCh": MAX_LINE, "labels": LABELS},
    )
    page.screenshot(path=str(artefacts / f"layout-{kind}-{lang}-{width}.png"), full_page=True)
    problems = []
    if found["overflow"]:
        problems.append(f"scrolls sideways by {found['overflow']} px")
    if found["targets"]:
        problems.append("targets under 24 × 24 px, crowded:\n  " + "\n  ".join(found["targets"]))
    if found["text"]:
        problems.append("text under 16 px:\n  " + "\n  ".join(found["text"]))
    if found["lines"]:
        problems.append("lines over 80 characters:\n  " + "\n  ".join(found["lines"]))
    assert not problems, f"{page.url} at {width} px:\n" + "\n".join(problems)

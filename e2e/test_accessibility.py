"""axe-core in Chromium on every public page type and form, in English and Arabic.

Each page type × language is one test. The addresses are not written down:
``discover_english`` reads ``/sitemap.xml`` and the pages it lists and tells
the page types apart by their markup; ``discover_pages`` follows the site's
own links (the language switcher, "Forgotten your password?", "Sign this
statement", the footer's sign-in link) to the rest. A test fails on any axe
violation of impact serious or critical; minor and moderate ones are collected
in ``test-artifacts/e2e/axe-findings.json``, and each rule among them must be
explained under "Remaining findings" in docs/accessibility.md.

The demo content translates only four pages into Arabic. So that the Arabic
interface (right to left, Arabic labels, messages and errors) is checked on
every page type, ``prepared_pages`` copies the other chosen pages into Arabic,
as an editor's "Translate" does, for the duration of one module, and deletes
the copies afterwards; a statement is opened for endorsement the same way, so
the public endorsement form can be checked, and the test replies to an RSVP
are cancelled and removed. Other modules see the demo content unchanged.

Beyond axe, checks axe cannot make: form errors tied to their fields, the skip
link, a visible focus indicator, reduced motion, reflow at 320 px and line
length. test_html_validity.py uses the same page list.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest

from conftest import ARTEFACTS, E2E, LiveSite

AXE_JS = E2E / "node_modules" / "axe-core" / "axe.min.js"
DOCS = "docs/accessibility.md"
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ("en", "ar")
TRANSLATED_LANGUAGE = "ar"  # the right-to-left language the temporary copies are made in
RSVP_NAME = "Accessibility check"  # the replies the tests send, cancel and remove

# Every public page type and form state, in the order a reader meets them.
PAGE_TYPES = (
    "home",
    "statements",
    "statement",
    "joint-statement",
    "call-to-action",
    "endorse",
    "endorse-errors",
    "events",
    "events-past",
    "events-month",
    "event",
    "day-of-action",
    "propose-action",
    "propose-action-errors",
    "rsvp-form",
    "rsvp-errors",
    "rsvp-reply",
    "members",
    "organization",
    "join",
    "join-errors",
    "contact",
    "contact-errors",
    "about",
    "standard-page",
    "search",
    "login",
    "login-errors",
    "password-reset",
    "password-reset-errors",
    "not-found",
    "not-translated",
)
# A page missing in the default language is simply not found; only the other
# languages have the "not translated yet" page.
CASES = [
    pytest.param(kind, lang, id=f"{kind}-{lang}")
    for kind in PAGE_TYPES
    for lang in LANGUAGES
    if not (kind == "not-translated" and lang == "en")
]

# Which page a form state starts from.
FORM_PAGES = {
    "endorse-errors": "endorse",
    "propose-action-errors": "propose-action",
    "rsvp-form": "event-rsvp",
    "rsvp-errors": "event-rsvp",
    "rsvp-reply": "event-rsvp",
    "join-errors": "join",
    "contact-errors": "contact",
    "login-errors": "login",
    "password-reset-errors": "password-reset",
}

# Wagtail pages the temporary translations are made of (with their ancestors).
TRANSLATE = (
    "statement",
    "joint-statement",
    "call-to-action",
    "events",
    "event",
    "day-of-action",
    "event-rsvp",
    "members",
    "join",
    "contact",
    "about",
    "standard-page",
)

# -- discovering the pages -------------------------------------------------------


def fetch(url: str) -> tuple[int, str, str]:
    """Status, final address and HTML of a GET, following redirects."""
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


def links(html: str) -> list[str]:
    return re.findall(r'<a\b[^>]*\bhref="([^"]+)"', html)


def language_link(html: str, lang: str) -> str:
    """Where the language switcher leads in ``lang``."""
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S)
    assert switcher, "no language switcher"
    found = re.search(rf'<a href="([^"]+)"\s+hreflang="{lang}"', switcher.group(0))
    assert found, f"the language switcher has no {lang}"
    return found.group(1)


def classify(path: str, html: str) -> str | None:
    """The page type of a page the sitemap lists, from its markup."""
    if '<body class="home">' in html:
        return "home"
    if 'class="prose statement"' in html:
        return "statement"
    if 'class="day-of-action"' in html:
        return "day-of-action"
    if 'class="prose event' in html:
        return "event-rsvp" if 'id="rsvp"' in html and 'method="post"' in html else "event"
    if f'href="{path}past/"' in html and f'href="{path}month/"' in html:
        return "events"
    if 'name="agrees_basis_of_unity"' in html:
        return "join"
    if 'name="message"' in html and 'method="post"' in html:
        return "contact"
    if 'id="regions-title"' in html:
        return "about"
    if 'name="topic"' in html and f'href="{path}feed/"' in html:
        return "statements"
    if 'class="form filters"' in html and 'name="q"' in html:
        return "members"
    return None


@dataclass
class SitePages:
    base: str
    urls: dict[tuple[str, str], str] = field(default_factory=dict)

    def url(self, kind: str, lang: str) -> str:
        try:
            return self.urls[kind, lang]
        except KeyError:
            pytest.fail(f"No {kind} page in {lang} was found from the sitemap and links.")


def discover_english(base: str) -> dict[str, str]:
    """One address per page type in the default language, from the sitemap and links."""
    _status, _url, sitemap = fetch(base + "/sitemap.xml")
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    found: dict[str, str] = {}
    leftovers = []
    html_of = {}
    for path in paths:
        status, _final, html = fetch(base + path)
        if status != 200:
            continue
        html_of[path] = html
        kind = classify(path, html)
        if kind is None:
            leftovers.append(path)
        else:
            found.setdefault(kind, path)
    # Organization profiles are routes under the directory, listed by the sitemap too.
    if "members" in found:
        profiles = [p for p in paths if p.startswith(found["members"]) and p != found["members"]]
        if profiles:
            found["organization"] = profiles[0]
        leftovers = [p for p in leftovers if p not in profiles]
    if leftovers:
        found["standard-page"] = leftovers[0]
    # One statement of each kind, through the listing's own filter.
    if "statements" in found:
        for kind, value in (
            ("statement", "statement"),
            ("joint-statement", "joint_statement"),
            ("call-to-action", "call_to_action"),
        ):
            _s, _u, listing = fetch(f"{base}{found['statements']}?kind={value}")
            cards = re.findall(r'<h2 class="card-title"><a href="([^"]+)"', listing)
            if cards:
                found[kind] = cards[0]
    # The last event of the sitemap that is not otherwise used: not translated.
    used = set(found.values())
    events = [p for p in paths if classify(p, html_of.get(p, "")) in ("event", "event-rsvp")]
    spare = [p for p in events if p not in used]
    if spare:
        found["untranslated"] = spare[-1]
    return found


def discover_pages(base: str, english: dict[str, str]) -> SitePages:
    pages = SitePages(base)
    homes = {}
    _s, _u, home = fetch(base + english["home"])
    for lang in LANGUAGES:
        homes[lang] = language_link(home, lang)
    for lang in LANGUAGES:
        for kind, path in english.items():
            if kind == "untranslated":
                continue
            if lang == "en":
                pages.urls[kind, lang] = path
                continue
            _s, _u, html = fetch(base + path)
            target = language_link(html, lang)
            if kind != "home" and target == homes[lang]:
                continue  # not translated: no such page type in this language
            pages.urls[kind, lang] = target
        events = pages.urls.get(("events", lang))
        if events:
            pages.urls["events-past", lang] = events + "past/"
            pages.urls["events-month", lang] = events + "month/"
        day = pages.urls.get(("day-of-action", lang))
        if day:
            _s, _u, html = fetch(base + day)
            propose = [href for href in links(html) if href.startswith(day + "propose")]
            if propose:
                pages.urls["propose-action", lang] = propose[0]
        members, profile = pages.urls.get(("members", lang)), english.get("organization")
        if members and profile:
            pages.urls["organization", lang] = members + profile.rstrip("/").split("/")[-1] + "/"
        statement = pages.urls.get(("statement", lang))
        if statement:
            _s, _u, html = fetch(base + statement)
            endorse = [href for href in links(html) if "/endorse/" in href]
            if endorse:
                pages.urls["endorse", lang] = endorse[0]
        root = homes[lang]
        # The footer's sign-in link leads, signed out, to the sign-in page.
        _s, _u, html = fetch(base + root)
        account = [href for href in links(html) if href.startswith(root + "account/")]
        if account:
            _s, login, html = fetch(base + account[0])
            pages.urls["login", lang] = urlsplit(login).path
            reset = [href for href in links(html) if "password_reset" in href]
            if reset:
                pages.urls["password-reset", lang] = reset[0]
        # Search for a word of a statement's title, in that language.
        if statement:
            _s, _u, html = fetch(base + statement)
            title = re.search(r"<h1>([^<]+)</h1>", html).group(1)
            word = max(re.findall(r"\w+", title), key=len)
            pages.urls["search", lang] = f"{root}search/?q={quote(word)}"
        pages.urls["not-found", lang] = f"{root}no-such-page-{lang}/"
        if lang != "en" and "untranslated" in english:
            rest = english["untranslated"].split("/", 2)[2]  # the address after /en/
            pages.urls["not-translated", lang] = f"/{lang}/{rest}"
    return pages


# -- temporary translations ------------------------------------------------------

_TRANSLATE_SCRIPT = """
import json
from django.db import transaction
from wagtail.models import Locale, Site
from alliance.core import generation
from alliance.newsroom.models import StatementPage

wanted = json.loads({paths!r})
endorse = json.loads({endorse!r})
locale = Locale.objects.get(language_code={lang!r})
root = Site.objects.get(is_default_site=True).root_page
pages = {{p.url: p for p in root.get_descendants(inclusive=True).live().specific()}}
created, opened = [], []
with transaction.atomic():  # all or nothing: a failure leaves nothing to undo
    for path in wanted:
        for page in pages[path].get_ancestors(inclusive=True).specific():
            if page.depth <= root.depth or page.has_translation(locale):
                continue
            copy = page.copy_for_translation(locale)
            copy.save_revision().publish()
            created.append(copy.pk)
    for path in endorse:
        for page in pages[path].get_translations(inclusive=True).specific():
            if isinstance(page, StatementPage) and not page.endorsements_open:
                StatementPage.objects.filter(pk=page.pk).update(endorsements_open=True)
                opened.append(page.pk)
generation.pages_changed()
print("CHANGED", json.dumps({{"created": created, "opened": opened}}))
"""

_UNDO_SCRIPT = """
import json
from wagtail.models import Page
from alliance.core import generation
from alliance.events.models import Rsvp, RsvpStatus
from alliance.newsroom.models import StatementPage

changed = json.loads({changed!r})
for pk in reversed(changed["created"]):
    page = Page.objects.filter(pk=pk).first()
    if page is not None:
        page.specific.delete()
StatementPage.objects.filter(pk__in=changed["opened"]).update(endorsements_open=False)
Rsvp.objects.filter(name={rsvp_name!r}, status=RsvpStatus.CANCELLED).delete()
generation.pages_changed()
"""


@dataclass
class Translations:
    """Arabic copies made for one module, undone at its end."""

    live_site: LiveSite
    changed: dict = field(default_factory=lambda: {"created": [], "opened": []})

    def make(self, english: dict[str, str]) -> None:
        paths = sorted({english[kind] for kind in TRANSLATE if kind in english})
        endorse = [english["statement"]] if "statement" in english else []
        printed = self.live_site.manage(
            "shell",
            "-c",
            _TRANSLATE_SCRIPT.format(
                paths=json.dumps(paths), endorse=json.dumps(endorse), lang=TRANSLATED_LANGUAGE
            ),
        )
        line = next(ln for ln in printed.splitlines() if ln.startswith("CHANGED "))
        self.changed = json.loads(line.split(" ", 1)[1])

    def undo(self) -> None:
        self.live_site.manage(
            "shell",
            "-c",
            _UNDO_SCRIPT.format(changed=json.dumps(self.changed), rsvp_name=RSVP_NAME),
        )


def prepared_pages(live_site: LiveSite) -> Iterator[SitePages]:
    """One address per page type and language, with the temporary translations in place."""
    english = discover_english(live_site.url)
    translations = Translations(live_site)
    try:
        translations.make(english)
        yield discover_pages(live_site.url, english)
    finally:
        translations.undo()


@pytest.fixture(scope="module")
def site_pages(live_site) -> Iterator[SitePages]:
    yield from prepared_pages(live_site)


# -- running axe -----------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_page(browser, live_site):
    """A phone-sized page whose context ignores the site's Content-Security-Policy.

    The public pages send ``script-src 'self'``, which (rightly) refuses the
    inline script Playwright adds to inject axe-core. ``bypass_csp`` lifts that
    for this test browser only; the policy itself is tested elsewhere and the
    site's own scripts run as they do for readers.
    """
    context = browser.new_context(
        base_url=live_site.url, viewport={"width": 360, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def findings() -> Iterator[dict]:
    """Minor and moderate axe findings, kept for people to read after the run."""
    collected: dict[str, list] = {}
    yield collected
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "axe-findings.json").write_text(json.dumps(collected, indent=2) + "\n")


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


# -- reaching each page state ------------------------------------------------------


def submit_empty(page, form: str = "main form[method=post]"):
    """Send a form as it is, to see its errors; the answer's response."""
    with page.expect_navigation() as navigation:
        page.locator(form).last.locator("button[type=submit]").first.click()
    return navigation.value


def assert_errors_tied_to_fields(page) -> None:
    """Every field in error says so, and names the message that says why."""
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() > 0, "no field is marked aria-invalid after sending an empty form"
    for i in range(invalid.count()):
        field_ = invalid.nth(i)
        name = field_.get_attribute("name")
        described = (field_.get_attribute("aria-describedby") or "").split()
        messages = [
            page.locator(f"[id='{ident}']").inner_text().strip()
            for ident in described
            if page.locator(f"[id='{ident}'].error").count()
        ]
        assert any(messages), f"the error of field {name} is not tied to it (aria-describedby)"
        ident = field_.get_attribute("id")
        assert page.locator(f"label[for='{ident}']").count() == 1, f"{name} has no label"


def reach(page, pages: SitePages, kind: str, lang: str):
    """Go to the page type, bring a form into the state the test is about; the last response."""
    start = FORM_PAGES.get(kind, kind)
    response = page.goto(pages.url(start, lang))
    expected = 404 if kind in ("not-found", "not-translated") else 200
    assert response.status == expected, f"{page.url} answered {response.status}"
    if kind.endswith("-errors"):
        form = "#rsvp form" if kind == "rsvp-errors" else "main form[method=post]"
        response = submit_empty(page, form)
        assert_errors_tied_to_fields(page)
    return response


def rsvp_fill(page, pages: SitePages, lang: str) -> float:
    """Open the event's RSVP form and fill it in; when it was shown."""
    page.goto(pages.url("event-rsvp", lang))
    shown = time.monotonic()
    page.locator("#rsvp form input[name=name]").fill(RSVP_NAME)
    return shown


def rsvp_send(page, shown: float):
    """Send the filled-in reply; the response of the reply's private page."""
    # The form refuses replies sent faster than a person types (3 s).
    time.sleep(max(0.0, 3.5 - (time.monotonic() - shown)))
    with page.expect_navigation() as navigation:
        page.locator("#rsvp form button[type=submit]").click()
    assert "/rsvp/" in page.url, "the reply was not accepted"
    return navigation.value


def rsvp_reply(page, pages: SitePages, lang: str):
    """Reply to the event with its RSVP form; the response of the reply's private page."""
    return rsvp_send(page, rsvp_fill(page, pages, lang))


def rsvp_cancel(page):
    """Cancel the reply on its private page, which gives the place back; the response."""
    with page.expect_navigation() as navigation:
        page.locator("button[name=cancel]").click()
    assert navigation.value.status == 200, f"cancelling answered {navigation.value.status}"
    return navigation.value


# -- the tests ---------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_no_serious_axe_violations(axe_page, site_pages, findings, kind, lang):
    page = axe_page
    if kind == "rsvp-reply":
        # The reply's private page, then the same page once the reply is cancelled.
        rsvp_reply(page, site_pages, lang)
        check_page(page, f"{kind}-{lang}", lang, findings)
        rsvp_cancel(page)
        check_page(page, f"rsvp-cancelled-{lang}", lang, findings)
        return
    reach(page, site_pages, kind, lang)
    check_page(page, f"{kind}-{lang}", lang, findings)


def check_page(page, name: str, lang: str, findings: dict) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    violations = run_axe(page)["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    others = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if others:
        findings[name] = [
            {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]]}
            for v in others
        ]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(axe_page, site_pages):
    page = axe_page
    for lang in LANGUAGES:
        page.goto(site_pages.url("statement", lang))
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.get_attribute("href") == "#main", "the first tab stop is not the skip link"
        box = skip.bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is off screen"
        assert box["x"] + box["width"] <= 360
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('main')")
        assert inside, "after the skip link, the next tab stop is not in the content"


def test_focus_is_always_visible(axe_page, site_pages):
    """Every tab stop of a page with a form shows a focus ring of 2 px or more."""
    page = axe_page
    page.goto(site_pages.url("contact", "en"))
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return {what: null};
                const style = getComputedStyle(el);
                return {
                    what: el.outerHTML.slice(0, 80),
                    outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
                    shadow: style.boxShadow !== "none",
                };
            }"""
        )
        if state["what"] is None or state["what"] in seen:
            break
        seen.add(state["what"])
        assert state["outline"] >= 2 or state["shadow"], f"no visible focus on {state['what']}"
    assert len(seen) > 10


def test_reduced_motion_is_respected(browser, live_site, site_pages):
    context = browser.new_context(base_url=live_site.url, reduced_motion="reduce")
    page = context.new_page()
    try:
        for kind in ("home", "day-of-action", "events-month"):
            page.goto(site_pages.url(kind, "en"))
            moving = page.evaluate(
                """() => [...document.querySelectorAll("*")].filter(el => {
                    const s = getComputedStyle(el);
                    const long = v => v.split(",").some(t => parseFloat(t) > 0.01);
                    return (s.animationName !== "none" && long(s.animationDuration))
                        || long(s.transitionDuration) || s.scrollBehavior === "smooth";
                }).map(el => el.tagName + "." + el.className)"""
            )
            assert not moving, f"still moving with reduced motion on {page.url}: {moving}"
    finally:
        context.close()


REFLOW_KINDS = (
    "home",
    "statement",
    "events",
    "events-month",
    "day-of-action",
    "rsvp-form",
    "members",
    "organization",
    "join",
    "contact",
    "search",
    "login",
)


def test_pages_reflow_at_320_px(browser, live_site, site_pages):
    """At 320 px wide (400 % zoom of 1280 px) nothing makes the page scroll sideways (1.4.10)."""
    context = browser.new_context(base_url=live_site.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for kind in REFLOW_KINDS:
            for lang in LANGUAGES:
                page.goto(site_pages.url(FORM_PAGES.get(kind, kind), lang))
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, f"{page.url} is {width} px wide at 320 px"
    finally:
        context.close()


# Blocks of running text, measured in "ch" (the width of "0") of their own font.
_TOO_WIDE = """() => [...document.querySelectorAll(
    "main p, main li, main dd, main figcaption, main blockquote")]
    .filter(el => el.offsetParent && el.textContent.replace(/\\s+/g, " ").trim().length > 80)
    .map(el => {
        const probe = document.createElement("span");
        probe.textContent = "0".repeat(10);
        el.append(probe);
        const ch = probe.getBoundingClientRect().width / 10;
        probe.remove();
        return [el.outerHTML.slice(0, 60), Math.round(el.getBoundingClientRect().width / ch)];
    })
    .filter(([_, width]) => width > 80)"""


def test_lines_of_text_stay_readable(desktop_page, site_pages):
    """No line of running text is wider than 80 characters on a wide screen (WCAG 1.4.8)."""
    for kind in ("home", "statement", "events", "day-of-action", "members", "search", "not-found"):
        for lang in LANGUAGES:
            desktop_page.goto(site_pages.url(kind, lang))
            too_wide = desktop_page.evaluate(_TOO_WIDE)
            assert not too_wide, f"lines wider than 80 characters on {desktop_page.url}: {too_wide}"


def test_remaining_findings_are_justified(findings):
    """Each minor or moderate axe rule still reported is explained in docs/accessibility.md."""
    text = (E2E.parent / DOCS).read_text()
    section = re.search(r"^## Remaining findings$(.*?)^## ", text, re.M | re.S)
    assert section, f"{DOCS} has no section '## Remaining findings'"
    documented = set(re.findall(r"`([a-z0-9-]+)`:", section.group(1)))
    reported = {finding["id"] for found in findings.values() for finding in found}
    assert reported <= documented, (
        f"explain {sorted(reported - documented)} in {DOCS} or fix them: {json.dumps(findings)}"
    )

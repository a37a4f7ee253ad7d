"""User journeys of readers without an account: reading and sharing a statement,
reading it in Arabic, coming to an event, and applying to join the alliance.

Each test starts on the home page and goes by the links a person would follow.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from urllib.parse import unquote

import icalendar
from playwright.sync_api import expect

# Public forms refuse what is sent less than 3 seconds after they were shown.
HUMAN_PAUSE_MS = 3_200


def meta(page, selector: str) -> str | None:
    return page.locator(f"head {selector}").first.get_attribute("content")


def open_menu(page) -> None:
    """Open the header's menu where it is folded (a phone), without a script."""
    menu = page.locator("details.site-menu")
    if menu.locator("summary").is_visible() and menu.get_attribute("open") is None:
        menu.locator("summary").click()


def card_date(card) -> dt.date:
    return dt.date.fromisoformat(card.locator("time").first.get_attribute("datetime"))


# -- a statement: reading and sharing it --------------------------------------------


def test_reader_finds_the_latest_statement_and_shares_its_link(page, live_site, artefacts):
    page.goto("/en/")
    # The home page leads with the latest statement, the next ones below.
    featured = page.locator("main .featured")
    expect(featured).to_be_visible()
    more = page.get_by_role("region", name="More statements").get_by_role("listitem")
    dates = [card_date(featured)] + [card_date(item) for item in more.all()]
    assert dates[0] == max(dates), f"the featured statement is not the latest: {dates}"
    title = featured.get_by_role("heading").inner_text()
    featured.get_by_role("link", name=title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    path = page.url.removeprefix(live_site.url)
    assert re.fullmatch(r"/en/statements/[\w-]+/", path), page.url
    absolute = live_site.url + path

    # What a link preview (and a search engine) reads.
    canonical = page.locator("head link[rel='canonical']").get_attribute("href")
    assert canonical == absolute
    assert meta(page, "meta[property='og:url']") == absolute
    assert meta(page, "meta[property='og:title']") == title
    assert meta(page, "meta[property='og:type']") == "article"
    description = meta(page, "meta[property='og:description']")
    assert description
    assert description == meta(page, "meta[name='description']")
    assert meta(page, "meta[property='og:site_name']")

    # The share links: every app's link carries the statement's address; the fediverse
    # link leads to the site's own page that asks for the reader's server.
    share = page.locator(".share").first
    expect(share.get_by_role("heading", name="Share")).to_be_visible()
    targets = [link.get_attribute("href") for link in share.get_by_role("link").all()]
    assert len(targets) == 5
    for target in targets:
        assert absolute in unquote(target) or re.match(r"^/en/share/\d+/$", target), target
    expect(share.get_by_role("link", name=absolute)).to_be_visible()

    # A copy button, where the page has one, puts the address on the clipboard. (The
    # system share sheet's button opens a dialog of the browser, out of a test's reach.)
    button = page.get_by_role("button", name=re.compile(r"copy", re.IGNORECASE))
    if button.count():
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        button.first.click()
        assert absolute in page.evaluate("navigator.clipboard.readText()")

    # Someone opening the shared link gets the same statement.
    shared = page.context.new_page()
    shared.goto(absolute)
    expect(shared.get_by_role("heading", level=1)).to_have_text(title)
    shared.close()
    page.screenshot(path=artefacts / "journey-share.png", full_page=True)


# -- the same statement in Arabic, and back ---------------------------------------------


def test_reader_switches_to_arabic_and_back(page, live_site, artefacts):
    page.goto("/en/")
    # A statement the secretariat has translated: its Arabic link leads to the
    # translation, not to the Arabic home page.
    titles = page.locator("main .featured h2 a, main .headline-list h3 a")
    for href in [link.get_attribute("href") for link in titles.all()]:
        page.goto(href)
        # On a phone the switcher is in the menu, folded behind its button.
        open_menu(page)
        arabic_link = page.get_by_role("navigation", name="Language").get_by_role(
            "link", name="العربيّة"
        )
        if arabic_link.get_attribute("href") != "/ar/":
            break
    else:
        raise AssertionError("No statement on the home page has an Arabic translation.")
    english_url = page.url
    english_title = page.get_by_role("heading", level=1).inner_text()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    # Related statements are for the same reader: in English, not the translations.
    related = page.get_by_role("complementary", name="Related statements")
    for href in [link.get_attribute("href") for link in related.get_by_role("link").all()]:
        assert href.startswith("/en/"), f"a related statement in another language: {href}"

    arabic_link.click()
    expect(page).to_have_url(english_url.replace("/en/", "/ar/", 1))
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    arabic_title = page.get_by_role("heading", level=1).inner_text()
    assert arabic_title and arabic_title != english_title
    assert re.search(r"[\u0600-\u06ff]", arabic_title), arabic_title
    # The switcher's name is in Arabic too, for screen readers.
    open_menu(page)
    switcher = page.get_by_role("navigation", name="اللغة")
    expect(switcher.get_by_role("link", name="العربيّة")).to_have_attribute("aria-current", "true")
    page.screenshot(path=artefacts / "journey-arabic.png", full_page=True)

    switcher.get_by_role("link", name="English").click()
    expect(page).to_have_url(english_url)
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(english_title)
    page.screenshot(path=artefacts / "journey-language-back.png", full_page=True)


# -- an event: its calendar file, and replying to it ----------------------------------


def open_event_taking_replies(page) -> str:
    """From the home page's upcoming events, the first one that takes replies."""
    page.goto("/en/")
    events = page.get_by_role("region", name="Coming events")
    titles = events.get_by_role("listitem").get_by_role("heading").get_by_role("link")
    hrefs = [link.get_attribute("href") for link in titles.all()]
    assert hrefs, "The home page lists no upcoming event."
    for href in hrefs:
        page.goto(href)
        if page.get_by_role("region", name="Say you are coming").count():
            return href
    raise AssertionError("No upcoming event on the home page takes replies.")


def places_left(page) -> int:
    text = page.get_by_role("region", name="Say you are coming").inner_text()
    found = re.search(r"(\d+) places? left", text)
    assert found, text
    return int(found.group(1))


def reply_then_cancel(page, name: str) -> None:
    event_url = page.url
    before = places_left(page)
    reply = page.get_by_role("region", name="Say you are coming")
    reply.get_by_label("Name or nickname").fill(name)
    reply.get_by_label("How many people, including you?").select_option("2")
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    reply.get_by_role("button", name="Send my reply").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your reply")
    expect(page.locator(".rsvp-status")).to_have_text("You have places for 2 people.")
    # The private link is given on the page (replies ask for no e-mail address).
    private = page.get_by_role("region", name="Your private link").get_by_role("link")
    link = private.get_attribute("href")
    assert link.startswith(event_url + "rsvp/"), link
    expect(private).to_have_text(link)
    assert "?" not in link
    page.goto(event_url)
    assert places_left(page) == before - 2

    # Later, from the kept link: cancel.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reply")
    expect(page.locator(".rsvp-status")).to_have_text("You have places for 2 people.")
    page.get_by_role("button", name="Cancel my reply").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Your reply is cancelled. Thank you for letting us know."
    )
    expect(page.locator(".rsvp-status")).to_have_text("This reply is cancelled.")
    expect(page.get_by_role("button", name="Cancel my reply")).to_have_count(0)
    # The cancellation holds, and the places are free again.
    page.goto(link)
    expect(page.locator(".rsvp-status")).to_have_text("This reply is cancelled.")
    page.goto(event_url)
    assert places_left(page) == before


def test_reader_downloads_an_event_calendar_file_and_replies_with_javascript(
    page, live_site, artefacts, tmp_path: Path
):
    open_event_taking_replies(page)
    title = page.get_by_role("heading", level=1).inner_text()
    starts = page.locator(".event-facts time").first.get_attribute("datetime")

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    assert download.value.suggested_filename.endswith(".ics")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert event.decoded("DTSTART") == dt.datetime.fromisoformat(starts)
    assert str(event["URL"]) == page.url
    assert event.get("UID")

    reply_then_cancel(page, "Ana (with JavaScript)")
    page.screenshot(path=artefacts / "journey-rsvp.png", full_page=True)


def test_reader_replies_to_an_event_without_javascript(no_js_page, live_site, artefacts):
    page = no_js_page
    open_event_taking_replies(page)
    reply_then_cancel(page, "Ben (no JavaScript)")
    page.screenshot(path=artefacts / "journey-rsvp-no-js.png", full_page=True)


# -- an organization applies to join -------------------------------------------------


def test_organization_applies_to_join(page, live_site, artefacts):
    page.goto("/en/")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    page.get_by_role("link", name="Apply to join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the alliance")

    organization = f"Returned Migrants Collective {uuid.uuid4().hex[:6]}"
    email = "maria.santos@example.org"
    form = page.get_by_role("main")
    form.get_by_label("Organization", exact=True).fill(organization)
    form.get_by_label("Acronym").fill("RMC")
    form.get_by_label("Kind").select_option(label="Grassroots migrant organization")
    form.get_by_label("Country").select_option(label="Philippines")
    form.get_by_label("City").fill("Manila")
    form.get_by_label("Whom it organizes").fill("Returned domestic workers")
    form.get_by_label("About the organization").fill(
        "We organize domestic workers who came home, for their rights and livelihoods."
    )
    form.get_by_label("Contact person", exact=True).fill("Maria Santos")
    form.get_by_label("Contact e-mail").fill(email)
    form.get_by_label("Our organization agrees with the alliance's Basis of Unity.").check()
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    form.get_by_role("button", name="Send the application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("status")).to_contain_text("reached the secretariat")
    # The contact person is told by e-mail; nothing is published.
    log = live_site.server_output()
    assert f"To: {email}" in log
    assert organization in log
    page.goto("/en/members/")
    expect(page.get_by_role("main")).not_to_contain_text(organization)
    page.screenshot(path=artefacts / "journey-join.png", full_page=True)

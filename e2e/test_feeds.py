"""Every feed and calendar the site publishes parses cleanly with the standard libraries.

Feeds are found the way feed readers and calendar apps find them: the
``<link rel="alternate" type="…">`` of each page's head, and the links a reader
clicks ("Statements feed", "Add to calendar", "Subscribe in your calendar
app"). The pages looked at are every page of the sitemap in every language it
is translated into (the ``hreflang`` alternates), and the statement and event
listings filtered by each topic, region and organizer their forms offer, since
those announce the topic feeds and the region and organizer calendars.

Atom and RSS are read with feedparser (no ``bozo``: well-formed, nothing it had
to guess), iCalendar with icalendar. Where the page that announces a feed or a
calendar shows content (statements, events), the feed must hold entries too.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import icalendar
import pytest

FEED_TYPES = ("application/atom+xml", "application/rss+xml")
CALENDAR_TYPE = "text/calendar"
LANGUAGES = ("en", "es", "ar")
FILTERS = ("topic", "region", "organizer")  # the choices that have feeds of their own
MAX_PAGES = 250


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf"\s{name}=\"([^\"]*)\"", tag)
    return unescape(found.group(1)) if found else None


@dataclass
class Published:
    """Feeds and calendars → the pages announcing them; which must hold entries."""

    feeds: dict[str, set[str]] = field(default_factory=dict)
    calendars: dict[str, set[str]] = field(default_factory=dict)
    with_content: set[str] = field(default_factory=set)
    announced_in_head: set[str] = field(default_factory=set)
    event_pages: dict[str, str] = field(default_factory=dict)  # page → its calendar
    pages: set[str] = field(default_factory=set)

    def add(self, kind: str, url: str, page: str, content: bool) -> None:
        found = self.feeds if kind in FEED_TYPES else self.calendars
        found.setdefault(url, set()).add(page)
        if content:
            self.with_content.add(url)


def read_page(base: str, path: str, html: str, published: Published) -> list[str]:
    """Record what the page publishes; return the further pages it leads to."""
    page_url = base + path
    is_statement = 'class="prose statement"' in html
    is_event = 'class="prose event' in html
    cards = 'class="card-title"' in html
    # Pages that show content, and which kind of feed must then hold entries.
    shows_statements = is_statement or (cards and 'name="topic"' in html)
    shows_upcoming_events = cards and 'name="region"' in html and "/past/" not in path
    shows_upcoming_events = shows_upcoming_events and 'name="organizer"' in html
    further = []
    for tag in re.findall(r"<link\b[^>]*>", html):
        rel = (attribute(tag, "rel") or "").split()
        href = attribute(tag, "href")
        if "alternate" not in rel or not href:
            continue
        kind = attribute(tag, "type")
        url = urljoin(page_url, href)
        if kind in (*FEED_TYPES, CALENDAR_TYPE):
            own = is_event and url == page_url + "calendar.ics"
            if kind == CALENDAR_TYPE:
                content = own or shows_upcoming_events
            else:
                content = shows_statements
            published.add(kind, url, path, content)
            published.announced_in_head.add(url)
            if own:
                published.event_pages[path] = url
        elif attribute(tag, "hreflang") and urlsplit(url).netloc == urlsplit(base).netloc:
            further.append(urlsplit(url).path)  # the page in another language
    for href in re.findall(r"<a\b[^>]*?\shref=\"([^\"]+)\"", html):
        url = urljoin(page_url, unescape(href))
        if urlsplit(url).netloc != urlsplit(base).netloc:
            continue
        target = urlsplit(url).path
        if target.endswith(".ics"):
            published.add(CALENDAR_TYPE, url, path, is_event and url == page_url + "calendar.ics")
        elif re.search(r"/feed/(rss/)?$", target):
            kind = FEED_TYPES[1] if target.endswith("/rss/") else FEED_TYPES[0]
            published.add(kind, url, path, False)
    # A listing's form: one visit per topic, region and organizer it offers.
    if "?" not in path:
        for name in FILTERS:
            select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
            if select:
                for value in re.findall(r'<option value="([^"]+)"', select.group(1)):
                    further.append(f"{path}?{name}={quote(unescape(value))}")
    return further


@pytest.fixture(scope="module")
def published(live_site) -> Published:
    base = live_site.url
    _status, _type, sitemap = fetch(base + "/sitemap.xml")
    listed = [
        urlsplit(unescape(loc)).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())
    ]
    assert listed, "the sitemap lists no page"
    found = Published()
    queue = deque(listed)
    seen = set(listed)
    while queue and len(found.pages) < MAX_PAGES:
        path = queue.popleft()
        status, content_type, body = fetch(base + path)
        if status != 200 or not content_type.startswith("text/html"):
            continue
        found.pages.add(path)
        for further in read_page(base, path, body.decode(), found):
            if further not in seen:
                seen.add(further)
                queue.append(further)
    return found


def language_of(url: str) -> str:
    return urlsplit(url).path.split("/")[1]


def test_the_site_announces_feeds_and_calendars_in_every_language(published):
    """Atom and RSS in every language's head; site-wide, region, event calendars."""
    for lang in LANGUAGES:
        home = f"/{lang}/"
        assert home in published.pages, f"the {lang} home page was not reached"
        heads = {
            url
            for url, pages in {**published.feeds, **published.calendars}.items()
            if home in pages and url in published.announced_in_head
        }
        kinds = set()
        for url in heads:
            if url in published.calendars:
                kinds.add(CALENDAR_TYPE)
            elif url.endswith("/rss/"):
                kinds.add("application/rss+xml")
            else:
                kinds.add("application/atom+xml")
        assert kinds == {*FEED_TYPES, CALENDAR_TYPE}, f"{home} announces only {kinds}"
        own_feeds = [url for url in heads if url in published.feeds and language_of(url) == lang]
        assert len(own_feeds) == 2, f"{home} does not announce its own language's feeds"
    calendars = published.calendars
    assert any(url.endswith("/events/calendar.ics") for url in calendars), "no site-wide calendar"
    assert any("/regions/" in url for url in calendars), "no region calendar announced"
    assert any("/topics/" in url for url in published.feeds), "no topic feed announced"
    assert published.event_pages, "no event page announces its own calendar"


def test_every_feed_parses_without_errors_and_has_entries(published):
    problems = []
    for url in sorted(published.feeds):
        status, content_type, body = fetch(url)
        where = f"{url} (announced by {sorted(published.feeds[url])[0]})"
        if status != 200:
            problems.append(f"{where}: {status}")
            continue
        parsed = feedparser.parse(body)
        if parsed.bozo:
            problems.append(f"{where}: {parsed.get('bozo_exception')!r}")
            continue
        expected = "atom" if content_type.startswith("application/atom+xml") else "rss"
        if not content_type.startswith(FEED_TYPES) or not parsed.version.startswith(expected):
            problems.append(f"{where}: served as {content_type}, read as {parsed.version}")
        language = parsed.feed.get("language", "")
        if language.split("-")[0] != language_of(url):
            problems.append(f"{where}: language {language!r}, not {language_of(url)}")
        if not parsed.feed.get("title"):
            problems.append(f"{where}: no title")
        if url in published.with_content and not parsed.entries:
            problems.append(f"{where}: no entries, though the page shows statements")
        ids = [entry.get("id") or entry.get("link") for entry in parsed.entries]
        if len(set(ids)) != len(ids):
            problems.append(f"{where}: entries share an id")
        for entry in parsed.entries:
            link = entry.get("link", "")
            if not entry.get("title") or not link.startswith(("http://", "https://")):
                problems.append(f"{where}: an entry without a title or an absolute link")
            elif not entry.get("published_parsed") and not entry.get("updated_parsed"):
                problems.append(f"{where}: {link} has no date")
    assert not problems, "\n".join(problems)


def test_every_feed_entry_leads_to_its_page(published):
    """The links of the entries open the statements, in the feed's language."""
    links = set()
    for url in published.feeds:
        for entry in feedparser.parse(fetch(url)[2]).entries:
            links.add((url, entry.link))
    assert links
    problems = []
    for feed, link in sorted(links):
        status, _type, _body = fetch(link)
        if status != 200 or language_of(link) != language_of(feed):
            problems.append(f"{feed}: entry {link} answers {status}")
    assert not problems, "\n".join(problems)


def test_every_calendar_parses_and_its_events_have_uid_and_start(published):
    problems = []
    for url in sorted(published.calendars):
        status, content_type, body = fetch(url)
        where = f"{url} (linked from {sorted(published.calendars[url])[0]})"
        if status != 200 or not content_type.startswith(CALENDAR_TYPE):
            problems.append(f"{where}: {status} {content_type}")
            continue
        try:
            calendar = icalendar.Calendar.from_ical(body)
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
            problems.append(f"{where}: no VERSION 2.0 or no PRODID")
        events = calendar.walk("VEVENT")
        if url in published.with_content and not events:
            problems.append(f"{where}: no event, though the page shows events")
        uids = [str(event.get("UID", "")) for event in events]
        if len(set(uids)) != len(uids):
            problems.append(f"{where}: events share a UID")
        for event in events:
            if not event.get("UID") or not event.get("DTSTART") or not event.get("DTSTAMP"):
                problems.append(f"{where}: {event.get('SUMMARY')} lacks UID, DTSTART or DTSTAMP")
            elif event.get("DTEND") and event.decoded("DTEND") < event.decoded("DTSTART"):
                problems.append(f"{where}: {event.get('SUMMARY')} ends before it starts")
    assert not problems, "\n".join(problems)


def test_each_event_calendar_holds_that_event(live_site, published):
    problems = []
    for page, url in sorted(published.event_pages.items()):
        events = icalendar.Calendar.from_ical(fetch(url)[2]).walk("VEVENT")
        addresses = [str(event.get("URL", "")) for event in events]
        if addresses != [live_site.url + page]:
            problems.append(f"{url}: events {addresses}, expected only {page}")
    assert not problems, "\n".join(problems)


def test_the_site_wide_calendar_lists_every_upcoming_event(live_site, published):
    """Each event the listing shows as upcoming is in the calendar people subscribe to."""
    site_wide = sorted(url for url in published.calendars if url.endswith("/events/calendar.ics"))
    english = [url for url in site_wide if language_of(url) == "en"]
    assert english, site_wide
    listing = english[0].removeprefix(live_site.url).removesuffix("calendar.ics")
    _status, _type, html = fetch(live_site.url + listing)
    upcoming = re.findall(r'class="card-title"><a href="([^"]+)"', html.decode())
    assert upcoming, f"no upcoming event on {listing}"
    events = icalendar.Calendar.from_ical(fetch(english[0])[2]).walk("VEVENT")
    listed = {str(event.get("URL", "")) for event in events}
    missing = [path for path in upcoming if live_site.url + path not in listed]
    assert not missing, f"{english[0]} leaves out {missing}"


def test_organizer_calendars_parse(live_site, published):
    """Each member organization's calendar, announced once it organizes an event, is valid.

    The listing's organizer filter offers only organizations with events, so the
    calendars of the others are built from the directory's profile addresses.
    """
    events_listing = next(
        url.removeprefix(live_site.url).removesuffix("calendar.ics")
        for url in sorted(published.calendars)
        if url.endswith("/events/calendar.ics") and language_of(url) == "en"
    )
    profiles = {
        path.rstrip("/").rsplit("/", 1)[1]
        for path in published.pages
        if re.fullmatch(r"/en/members/[\w-]+/", path)
    }
    assert profiles, "no organization profile reached"
    urls = {url for url in published.calendars if "/organizers/" in url}
    urls |= {f"{live_site.url}{events_listing}organizers/{slug}/calendar.ics" for slug in profiles}
    problems = []
    for url in sorted(urls):
        status, content_type, body = fetch(url)
        if status != 200 or not content_type.startswith(CALENDAR_TYPE):
            problems.append(f"{url}: {status} {content_type}")
            continue
        calendar = icalendar.Calendar.from_ical(body)
        for event in calendar.walk("VEVENT"):
            if not event.get("UID") or not event.get("DTSTART"):
                problems.append(f"{url}: {event.get('SUMMARY')} lacks UID or DTSTART")
    assert not problems, "\n".join(problems)

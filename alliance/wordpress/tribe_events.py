"""The Events Calendar's events (``tribe_events``), with their venues and organizers, as events.

Events are few; they go through Wagtail's own page saving (``EventPage.save``
keeps the event's instants in step), not the bulk writer.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django_countries import countries
from wagtail.models import Page

from alliance.events.models import EventIndexPage, EventPage, EventStatus

from . import content, wxr
from .pages import summary, title

# Country names as WordPress plugins write them where ISO's official name differs.
COUNTRY_ALIASES = {
    "united states": "US",
    "usa": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "russia": "RU",
    "south korea": "KR",
    "vietnam": "VN",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "taiwan": "TW",
    "palestine": "PS",
}


def event_index(home: Page) -> EventIndexPage:
    index = EventIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = EventIndexPage(title="Events", slug="events")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def country_code(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    if len(name) == 2 and name.upper() in dict(countries):
        return name.upper()
    return countries.by_name(name) or COUNTRY_ALIASES.get(name.casefold(), "")


def date_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            # The event's local wall-clock time, read with its _EventTimezone.
            return dt.datetime.strptime(value, pattern)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def as_int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def fill_event(
    page: EventPage,
    item: wxr.Item,
    conversion: content.Conversion,
    venues: dict[int, wxr.Item],
    organizers: dict[int, str],
) -> EventPage:
    meta = item.meta
    zone = meta.get("_EventTimezone") or "UTC"
    if zone not in zoneinfo.available_timezones():
        zone = "UTC"
    start = date_time(meta.get("_EventStartDate")) or item.date_local
    end = date_time(meta.get("_EventEndDate"))
    if start is None:
        raise ValueError("the event has no start date (_EventStartDate)")
    all_day = meta.get("_EventAllDay", "").lower() in ("yes", "1", "true")
    page.title = title(item)
    page.summary = summary(item, conversion)
    page.body = conversion.blocks
    page.time_zone = zone
    page.start_date = start.date()
    page.start_time = None if all_day else start.time()
    page.end_date = end.date() if end else None
    page.end_time = None if all_day or end is None else end.time()
    if end and not all_day and end <= start:
        page.end_time = None
    page.status = EventStatus.SCHEDULED
    _place(page, item, venues.get(as_int(meta.get("_EventVenueID", ""))))
    page.organizer_name = organizers.get(as_int(meta.get("_EventOrganizerID", "")), "")[:255]
    return page


def _place(page: EventPage, item: wxr.Item, venue: wxr.Item | None) -> None:
    if venue is not None:
        page.venue_name = title(venue)
        page.street_address = venue.meta.get("_VenueAddress", "")[:255]
        page.city = venue.meta.get("_VenueCity", "")[:100]
        page.postal_code = venue.meta.get("_VenueZip", "")[:20]
        page.country = country_code(venue.meta.get("_VenueCountry", ""))
    if not (page.venue_name or page.city or page.online_url):
        page.online_url = item.meta.get("_EventURL", "")[:200] or item.link[:200]

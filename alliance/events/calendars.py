"""iCalendar (RFC 5545) files: one event, or a subscribable feed of many.

Each event keeps one UID for life (its page id under the site's host), carries
its local time zone with a VTIMEZONE, a SEQUENCE that grows with every
republication, and STATUS:CANCELLED once cancelled: calendars that subscribed
update the entry instead of losing or duplicating it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from alliance.core.fields import one_line
from alliance.core.structured_data import site_host, site_url

from .models import EventPage, EventStatus

PRODID = "-//alliance//events//EN"
_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_uid(event: EventPage, host: str) -> str:
    return f"event-{event.pk}@{host}"


def location_text(event: EventPage) -> str:
    parts = [
        event.venue_name,
        event.street_address,
        " ".join(part for part in (event.city, event.postal_code) if part),
        event.country.name if event.country else "",
    ]
    text = ", ".join(part for part in parts if part)
    return one_line(text or event.online_url)


def vevent(event: EventPage, request: HttpRequest) -> icalendar.Event:
    host = site_host(request)
    url = site_url(request, event.get_url(request))
    component = icalendar.Event()
    component.add("uid", event_uid(event, host))
    component.add("dtstamp", event.last_published_at or timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    component.add("sequence", event.sequence)
    component.add("summary", one_line(event.title))
    description = event.summary
    if event.meeting_point:
        description += "\n\n" + event.meeting_point
    if event.status_note:
        description = event.status_note + "\n\n" + description
    component.add("description", description + "\n\n" + url)
    component.add("url", url)
    component.add("status", _STATUS[event.status])
    if event.is_all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.last_day + dt.timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        if event.has_end:
            component.add("dtend", event.local_end)
    location = location_text(event)
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    organizer = event.organizer_display
    if organizer:
        component.add("organizer", url, parameters={"cn": one_line(organizer)})
    return component


def calendar(events: Iterable[EventPage], request: HttpRequest, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # Titles are one line since the forms refuse line breaks; older ones are made so here,
    # or a single one would break the whole file.
    cal.add("x-wr-calname", one_line(name))
    first = last = None
    for event in events:
        cal.add_component(vevent(event, request))
        first = min(first or event.start_date, event.start_date)
        last = max(last or event.last_day, event.last_day)
    if first is not None:
        # VTIMEZONE rules for the years the events span, not the default 1970-2038.
        cal.add_missing_timezones(
            first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
        )
    return cal


def calendar_response(cal: icalendar.Calendar, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{slugify(filename) or "events"}.ics"'
    )
    return response

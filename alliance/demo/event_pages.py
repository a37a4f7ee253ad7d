"""The demo's events: two past events in New York and an example day of action."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from alliance.events.models import (
    DayOfActionPage,
    EventContact,
    EventIndexPage,
    EventPage,
    EventStatement,
)
from alliance.newsroom.models import StatementPage

from . import content
from .pictures import placard_words, poster
from .publishing import publish


def next_migrants_day(today: dt.date) -> dt.date:
    """The next International Migrants Day (18 December), today included."""
    this_year = dt.date(today.year, 12, 18)
    return this_year if today <= this_year else dt.date(today.year + 1, 12, 18)


def events_load(home: Page, statements: dict[str, StatementPage]) -> None:
    index = publish(
        home,
        EventIndexPage(
            title="Events",
            slug="events",
            show_in_menus=True,
            intro=(
                "Info-sessions, forums, marches and days of action of the alliance and its members."
            ),
        ),
    )
    people = {p["key"]: p for p in content.PEOPLE}
    for data in content.EVENTS:
        publish(index, _event(data, people, statements))
    _day_of_action(index)


def _event(data: dict, people: dict[str, dict], statements: dict[str, StatementPage]) -> EventPage:
    event = EventPage(
        title=data["title"],
        slug=data["slug"],
        kind=data["kind"],
        summary=data["summary"],
        start_date=data["start_date"],
        start_time=data["start_time"],
        end_time=data["end_time"],
        time_zone=data["time_zone"],
        venue_name=data["venue_name"],
        street_address=data["street_address"],
        city=data["city"],
        postal_code=data["postal_code"],
        country=data["country"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        meeting_point=data["meeting_point"],
    )
    event.contacts = [
        EventContact(
            name=people[key]["name"],
            role=people[key].get("role", ""),
            phone=people[key]["phone"],
        )
        for key in data["contacts"]
    ]
    event.related_statements = [
        EventStatement(statement=statements[slug]) for slug in data["related"]
    ]
    return event


def _day_of_action(index: EventIndexPage) -> None:
    """An example day of action on the next Migrants Day, with example local actions."""
    day = next_migrants_day(timezone.localdate())
    image, description = poster(placard_words(content.DAY_OF_ACTION["slug"], ""), 0)
    doa = publish(
        index,
        DayOfActionPage(
            title=content.DAY_OF_ACTION["title"],
            slug=content.DAY_OF_ACTION["slug"],
            date=day,
            summary=content.DAY_OF_ACTION["summary"],
            demands=list(content.DAY_OF_ACTION["demands"]),
            is_example=True,
            lead_image=image,
            lead_image_alt=description,
        ),
    )
    for data in content.LOCAL_ACTIONS:
        rsvp = data.get("rsvp")
        publish(
            doa,
            EventPage(
                title=data["title"],
                kind=data["kind"],
                summary="Example local action for the example day of action; not a real event.",
                start_date=day,
                start_time=data["start_time"],
                end_time=data["end_time"],
                time_zone=data["time_zone"],
                venue_name=data["venue_name"],
                city=data["city"],
                country=data["country"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                organizer_name="Example local organizers",
                rsvp_enabled=bool(rsvp),
                capacity=rsvp["capacity"] if rsvp else None,
                waiting_list=rsvp["waiting_list"] if rsvp else True,
            ),
        )

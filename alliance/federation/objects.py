"""Statements and events as ActivityStreams objects, one object per item.

A statement and its translations are one ``Article``: ``name``, ``summary`` and
``content`` in the item's main language (the site's default when it is
published in it), and ``nameMap``, ``summaryMap`` and ``contentMap`` with every
published translation keyed by its language. Servers that read only the plain
fields still get a whole text; those that read the maps choose. An event is an
``Event`` as FEP-8a8e describes it, with the same maps; its ``summary`` states
when and where in words, because Mastodon shows an Article or an Event as its
``name``, ``summary`` and link only (``docs/federation.md``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import QuerySet
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from alliance.core import visibility
from alliance.events.models import EventPage, EventStatus
from alliance.newsroom.models import StatementPage

from . import addresses

#: Page types published on the fediverse.
KINDS = (StatementPage, EventPage)
_RELATIVE = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*)"')
_ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def federated(page: Page) -> bool:
    return isinstance(page, KINDS)


def translations(translation_key, model: type[Page]) -> list[Page]:
    """The item's live, public pages in every language, the main language first."""
    pages: QuerySet = (
        model.objects.live()
        .filter(translation_key=translation_key)
        .filter(visibility.public_q())
        .select_related("locale", "lead_image")
        .prefetch_related("topics" if model is StatementPage else "locale")
        .order_by("pk")
    )
    found = list(pages)
    found.sort(key=lambda page: page.locale.language_code != settings.LANGUAGE_CODE)
    return found


def _absolute_links(html: str) -> str:
    return _RELATIVE.sub(lambda m: f'{m.group(1)}{addresses.absolute(m.group(2))}"', html)


def _body_html(page: Page) -> str:
    return _absolute_links(str(page.body.render_as_block()))


def _hashtag(name: str) -> str:
    return "#" + re.sub(r"\W+", "", name.title())


def _image(page: Page) -> list[dict]:
    image = page.lead_image
    if image is None:
        return []
    rendition = image.get_rendition("width-1200|format-jpeg")
    return [
        {
            "type": "Image",
            "mediaType": "image/jpeg",
            "url": addresses.absolute(rendition.url),
            "name": page.lead_image_alt,
            "width": rendition.width,
            "height": rendition.height,
        }
    ]


def _common(main: Page, pages: list[Page]) -> dict:
    updated = max((page.last_published_at or page.first_published_at) for page in pages)
    published = min(page.first_published_at or updated for page in pages)
    return {
        "@context": addresses.CONTEXT,
        "id": addresses.object_id(main.translation_key),
        "attributedTo": addresses.actor_id(),
        "to": [addresses.PUBLIC],
        "cc": [addresses.followers_id()],
        "url": addresses.page_url(main),
        "published": published.isoformat(timespec="seconds"),
        "updated": updated.isoformat(timespec="seconds"),
        "name": main.title,
        "nameMap": {page.locale.language_code: page.title for page in pages},
        "attachment": _image(main),
    }


def article(pages: list[StatementPage]) -> dict:
    main = pages[0]
    data = _common(main, pages)
    summaries = {page.locale.language_code: page.deck or page.summary for page in pages}
    contents = {
        page.locale.language_code: f"<p>{escape(page.summary)}</p>{_body_html(page)}"
        for page in pages
    }
    language = main.locale.language_code
    data.update(
        {
            "type": "Article",
            "summary": summaries[language],
            "summaryMap": summaries,
            "content": contents[language],
            "contentMap": contents,
            "tag": [
                {
                    "type": "Hashtag",
                    "name": _hashtag(topic.name),
                    "href": addresses.absolute(main.index_url) + f"?topic={topic.slug}",
                }
                for topic in main.topics.all()
            ],
        }
    )
    return data


def _when_and_where(event: EventPage) -> list[str]:
    """The event's time and place in words, in the page's language."""
    with translation.override(event.locale.language_code):
        start = event.local_start
        if event.is_all_day:
            when = formats.date_format(event.start_date, "DATE_FORMAT")
        else:
            when = "{} {} ({})".format(
                formats.date_format(start, "DATE_FORMAT"),
                formats.time_format(start, "TIME_FORMAT"),
                event.zone_abbreviation,
            )
        place = ", ".join(
            part for part in (event.venue_name, event.street_address, event.city) if part
        )
        lines = [_("When: %(when)s") % {"when": when}]
        if place:
            lines.append(_("Where: %(place)s") % {"place": place})
        if event.is_online:
            lines.append(_("Online: %(url)s") % {"url": event.online_url})
        if event.organizer_display:
            lines.append(_("Organized by %(name)s") % {"name": event.organizer_display})
        if event.status != EventStatus.SCHEDULED:
            lines.append(str(event.get_status_display()))
    return lines


def _event_summary(event: EventPage) -> str:
    # Mastodon shows an Event as its name, its summary and its link, not its content:
    # the summary carries the time and place, as plain text.
    return "\n".join([event.summary, "", *_when_and_where(event)])


def _event_content(event: EventPage) -> str:
    text = "<br>".join(escape(line) for line in _when_and_where(event))
    return f"<p>{escape(event.summary)}</p><p>{text}</p>{_body_html(event)}"


def _place(event: EventPage) -> dict | None:
    if not (event.venue_name or event.street_address or event.city):
        if event.is_online:
            return {"type": "VirtualLocation", "url": event.online_url}
        return None
    place: dict = {
        "type": "Place",
        "name": event.venue_name or event.city,
        "address": {
            "type": "PostalAddress",
            "streetAddress": event.street_address,
            "addressLocality": event.city,
            "postalCode": event.postal_code,
            "addressCountry": str(event.country),
        },
    }
    if event.latitude is not None and event.longitude is not None:
        place["latitude"] = float(event.latitude)
        place["longitude"] = float(event.longitude)
    return place


def event(pages: list[EventPage]) -> dict:
    main = pages[0]
    data = _common(main, pages)
    contents = {page.locale.language_code: _event_content(page) for page in pages}
    summaries = {page.locale.language_code: _event_summary(page) for page in pages}
    language = main.locale.language_code
    data.update(
        {
            "type": "Event",
            "summary": summaries[language],
            "summaryMap": summaries,
            "content": contents[language],
            "contentMap": contents,
            "startTime": main.local_start.isoformat(timespec="seconds"),
            "timezone": main.time_zone,
            "ical:status": _ICAL_STATUS.get(main.status, "CONFIRMED"),
        }
    )
    if main.has_end:
        data["endTime"] = main.local_end.isoformat(timespec="seconds")
    place = _place(main)
    if place is not None:
        data["location"] = place
    return data


def document(page: Page) -> dict | None:
    """The object for a page's item, or None when no translation of it is public."""
    model = type(page)
    pages = translations(page.translation_key, model)
    if not pages:
        return None
    return article(pages) if model is StatementPage else event(pages)


def tombstone(translation_key, former_type: str, deleted) -> dict:
    return {
        "@context": addresses.CONTEXT,
        "id": addresses.object_id(translation_key),
        "type": "Tombstone",
        "formerType": former_type,
        "deleted": deleted.isoformat(timespec="seconds"),
    }

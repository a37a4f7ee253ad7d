"""schema.org Event for an event page."""

from __future__ import annotations

from django.http import HttpRequest

from alliance.core import structured_data
from alliance.core.models import AllianceSettings

from .models import EventPage, EventStatus

_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def event(page: EventPage, request: HttpRequest) -> dict:
    alliance = AllianceSettings.for_request(request)
    url = structured_data.site_url(request, page.get_url(request))
    if page.is_all_day:
        start, end = page.start_date.isoformat(), page.last_day.isoformat()
    else:
        start, end = page.local_start.isoformat(), page.local_end.isoformat()
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": start,
        "eventStatus": _STATUS[page.status],
        "url": url,
    }
    if page.has_end:
        data["endDate"] = end
    places = []
    if page.venue_name or page.city:
        address = {"@type": "PostalAddress"}
        for key, value in (
            ("streetAddress", page.street_address),
            ("addressLocality", page.city),
            ("postalCode", page.postal_code),
            ("addressCountry", page.country.code if page.country else ""),
        ):
            if value:
                address[key] = value
        place = {"@type": "Place", "name": page.venue_name or page.city, "address": address}
        if page.latitude is not None and page.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(page.latitude),
                "longitude": float(page.longitude),
            }
        places.append(place)
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    data["location"] = places[0] if len(places) == 1 else places
    if page.online_url and places and len(places) > 1:
        mode = "MixedEventAttendanceMode"
    elif page.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if page.organizer_is_named:
        organizer = {"@type": "Organization", "name": page.organizer.name}
        if page.organizer.website:
            organizer["url"] = page.organizer.website
    elif page.organizer_display:
        organizer = {"@type": "Organization", "name": page.organizer_display}
    else:
        organizer = structured_data.publisher(alliance, request)
        organizer["url"] = structured_data.site_url(request, "/")
    data["organizer"] = organizer
    image = page.lead_image or page.flyer_image
    if image:
        rendition = image.get_rendition("max-1200x1200|format-jpeg")
        data["image"] = [structured_data.site_url(request, rendition.url)]
    data["inLanguage"] = page.locale.language_code
    return data

"""What the events app shows on pages of the apps below it (``core.panels``).

An organization's profile (members) lists the events it organizes.
"""

from __future__ import annotations

from django.template import Context

from alliance.core import panels

from .models import EventPage

ORGANIZATION_PROFILE = "organization-profile"
SHOWN = 10


def organization_events(page_context: Context, organization) -> dict:
    events = EventPage.objects.published().filter(organizer=organization).for_listing()
    return {
        "upcoming_events": list(events.upcoming()[:SHOWN]),
        "past_events": list(events.past()[:SHOWN]),
    }


def register() -> None:
    panels.register(
        ORGANIZATION_PROFILE, "events/panels/organization_events.html", organization_events
    )

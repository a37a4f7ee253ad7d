"""Who may see the people who replied to an event. One place, tested."""

from __future__ import annotations

from .models import EventPage


def can_see_rsvps(user, event: EventPage) -> bool:
    """Organizers only: the RSVP permission and the right to edit this very event."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not user.has_perm("events.export_rsvp"):
        return False
    return event.permissions_for_user(user).can_edit()

"""Who may see the people who replied to an event, and who decides on local actions.
One place, tested."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import DayOfActionPage, EventIndexPage, EventPage


def can_see_rsvps(user, event: EventPage) -> bool:
    """Organizers only: the RSVP permission and the right to edit this very event."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not user.has_perm("events.export_rsvp"):
        return False
    return event.permissions_for_user(user).can_edit()


def can_moderate_local_actions(user, day: DayOfActionPage | EventIndexPage) -> bool:
    """Editors who may publish under the day of action decide on its local actions."""
    return bool(user.is_authenticated and day.permissions_for_user(user).can_publish_subpage())


def local_actions_moderated_by(user, proposals: QuerySet) -> QuerySet:
    """``proposals`` narrowed to those ``can_moderate_local_actions`` lets ``user`` decide,
    in the same query: the user may publish on the page above the draft event or higher."""
    if not user.is_authenticated or not user.is_active:
        return proposals.none()
    if user.is_superuser:
        return proposals
    publishable = PagePermissionPolicy().instances_user_has_permission_for(user, "publish")
    return proposals.annotate(
        _parent_path=Substr("event__path", 1, Length("event__path") - Page.steplen)
    ).filter(_parent_path__in=publishable.values("path"))

"""Who sees what of the subscribers. One place, tested."""

from __future__ import annotations


def can_see_subscriber_counts(user) -> bool:
    """Anyone allowed into the admin: counts name nobody."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


def can_export_subscribers(user) -> bool:
    """Administrators only: the export is the list of addresses."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)

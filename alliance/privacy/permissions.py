"""Who may answer requests about personal data. One place, tested."""

from __future__ import annotations


def can_handle_personal_data(user) -> bool:
    """Superusers only.

    The screens gather what the site keeps about anyone, across every app, and
    can erase it; no group permission is narrow enough to stand for that.
    """
    return bool(user.is_authenticated and user.is_active and user.is_superuser)

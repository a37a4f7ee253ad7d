"""Entries in Wagtail's audit log about people, made with the real user object."""

from __future__ import annotations

from wagtail.log_actions import log

from alliance.core.history import unwrapped


def log_about_person(person, action: str, *, by, data: dict | None = None) -> None:
    """Record ``action`` about ``person`` (a user), done by ``by``."""
    log(instance=unwrapped(person), action=action, user=unwrapped(by), data=data or {})

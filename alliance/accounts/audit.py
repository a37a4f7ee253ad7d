"""Entries in Wagtail's audit log about people, made with the real user object."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log


def unwrapped(user) -> AbstractBaseUser:
    """``request.user`` is a lazy object, wrapped once by Django and again by
    django-otp; Wagtail's log looks through one layer only and would silently
    record nothing about it."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def log_about_person(person, action: str, *, by, data: dict | None = None) -> None:
    """Record ``action`` about ``person`` (a user), done by ``by``."""
    log(instance=unwrapped(person), action=action, user=unwrapped(by), data=data or {})

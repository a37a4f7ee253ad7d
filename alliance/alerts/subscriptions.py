"""Subscribing, confirming, changing one's choices and leaving: the named actions.

Whatever is typed into the subscribe form, the answer is the same ("check your
mailbox"), so the form tells nobody whether an address is subscribed; and an
address receives at most one mail from the form a day, so nobody can flood
someone else's mailbox through it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from alliance.core.personal_data import deleted_count

from . import tokens
from .models import Subscriber
from .sending import send_confirmation

CONFIRMATION_INTERVAL = dt.timedelta(days=1)
UNCONFIRMED_DAYS = 7
# Longer than any secret of ours: anything longer is refused before hashing.
MAX_TOKEN_LENGTH = 128

CHOICE_FIELDS = ("wants_statements", "wants_events", "wants_days_of_action", "frequency")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _set_choices(subscriber: Subscriber, choices: dict[str, Any]) -> None:
    for field in CHOICE_FIELDS:
        if field in choices:
            setattr(subscriber, field, choices[field])
    if "language" in choices:
        subscriber.language = choices["language"]
    subscriber.save()
    if "topics" in choices:
        subscriber.topics.set(choices["topics"])
    if "regions" in choices:
        subscriber.regions.set(choices["regions"])


def _mark_mail_sent(subscriber: Subscriber, now: dt.datetime) -> None:
    subscriber.confirmation_sent_at = now
    if subscriber.confirmed_at is None:
        subscriber.confirm_token_hash = tokens.fingerprint(tokens.confirmation_token(subscriber))


@transaction.atomic
def subscribe(email: str, choices: dict[str, Any], now: dt.datetime | None = None) -> bool:
    """Record a subscription request; True when a mail is to go out (at most one a day).

    A new address gets a confirmation mail. An unconfirmed one takes the new
    choices and gets a new confirmation mail if the last is a day old. A
    confirmed one keeps its choices (the form may have been filled in by
    someone else) and is sent its manage link, at most once a day.
    """
    now = now or timezone.now()
    email = normalize_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        salt = tokens.new_salt()
        subscriber = Subscriber(
            email=email, link_salt=salt, token_hash=tokens.fingerprint(tokens.manage_token(salt))
        )
        _mark_mail_sent(subscriber, now)
        _set_choices(subscriber, choices)
    else:
        recent = subscriber.confirmation_sent_at and (
            now - subscriber.confirmation_sent_at < CONFIRMATION_INTERVAL
        )
        if subscriber.confirmed_at is None:
            _set_choices(subscriber, choices)
        if recent:
            return False
        _mark_mail_sent(subscriber, now)
        subscriber.save(update_fields=["confirmation_sent_at", "confirm_token_hash"])
    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk))
    return True


def _valid(token: str) -> bool:
    return 0 < len(token) <= MAX_TOKEN_LENGTH


def pending_confirmation(token: str) -> Subscriber | None:
    """The unconfirmed subscriber a confirmation link is for, or None; changes nothing."""
    if not _valid(token):
        return None
    return Subscriber.objects.filter(
        confirmed_at__isnull=True, confirm_token_hash=tokens.fingerprint(token)
    ).first()


@transaction.atomic
def confirm(token: str, now: dt.datetime | None = None) -> Subscriber | None:
    """Confirm the address a confirmation link is for; None for a bad or used link."""
    subscriber = pending_confirmation(token)
    if subscriber is None:
        return None
    subscriber.confirmed_at = now or timezone.now()
    subscriber.confirm_token_hash = ""
    subscriber.save(update_fields=["confirmed_at", "confirm_token_hash"])
    return subscriber


def by_manage_token(token: str) -> Subscriber | None:
    if not _valid(token):
        return None
    return Subscriber.objects.filter(token_hash=tokens.fingerprint(token)).first()


def change_choices(subscriber: Subscriber, choices: dict[str, Any]) -> None:
    _set_choices(subscriber, choices)


def unsubscribe(token: str) -> bool:
    """Delete the address a manage link is for: only the mailings' counts remain."""
    subscriber = by_manage_token(token)
    if subscriber is None:
        return False
    subscriber.delete()
    return True


def delete_unconfirmed(now: dt.datetime, days: int = UNCONFIRMED_DAYS) -> int:
    return deleted_count(Subscriber.objects.unconfirmed_before(now - dt.timedelta(days=days)))

"""The private links of a subscriber: to confirm, and to manage or leave.

A link's secret is an HMAC of a random per-subscriber salt under the site's
SECRET_KEY; the database keeps the salt and the SHA-256 of the secret, never
the secret. So the sending worker can write each mail's links again, while the
database alone (a leaked backup) opens none of them.
"""

from __future__ import annotations

import secrets
from typing import Protocol

from django.utils.crypto import salted_hmac

from alliance.core.spam import secret_fingerprint

_MANAGE = "alliance.alerts.manage"
_CONFIRM = "alliance.alerts.confirm"


def new_salt() -> str:
    return secrets.token_hex(16)


def _secret(purpose: str, salt: str) -> str:
    return salted_hmac(purpose, salt, algorithm="sha256").hexdigest()


def manage_token(link_salt: str) -> str:
    """The secret of the manage and unsubscribe links."""
    return _secret(_MANAGE, link_salt)


def confirm_token(link_salt: str, confirm_salt: str) -> str:
    """The secret of one confirmation mail's link; a new mail makes a new one."""
    return _secret(_CONFIRM, f"{link_salt}:{confirm_salt}")


class HasLinks(Protocol):
    link_salt: str
    confirmation_sent_at: object


def confirmation_token(subscriber: HasLinks) -> str:
    """The secret of the confirmation mail last sent: the worker writes the mail with it."""
    sent_at = subscriber.confirmation_sent_at
    return confirm_token(subscriber.link_salt, sent_at.isoformat() if sent_at else "")


def subscriber_token(subscriber: HasLinks) -> str:
    return manage_token(subscriber.link_salt)


def fingerprint(token: str) -> str:
    return secret_fingerprint(token)

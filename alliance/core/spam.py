"""Telling people from bots on public forms, without any third party.

A hidden honeypot field that people never fill in; a signed record of when
the form was shown, refusing forms sent back faster than a person can type or
long after they were shown; and a per-form nonce that lets a service spot the
same form sent twice.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import throttle
from .fields import plain_text_fields

MIN_SECONDS_TO_FILL = 3
MAX_AGE_SECONDS = 60 * 60 * 24
TOKEN_SALT = "alliance.core.spam"  # noqa: S105 (a namespace, not a secret)
HONEYPOT = "fax"
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def form_token(shown_at: float | None = None) -> str:
    """A signed record of when a form was shown, with a nonce of its own."""
    shown_at = time.time() if shown_at is None else shown_at
    return signing.dumps({"t": shown_at, "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


def secret_fingerprint(token: str) -> str:
    """What is stored of a private link's secret: the database alone never opens the link."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_count(text: str) -> int:
    return len(_LINK.findall(text))


class HumanCheckForm(forms.Form):
    """A form that refuses bots and floods. After validation, ``is_spam`` says
    whether the honeypot was filled (then pretend success and keep nothing) and
    ``nonce`` identifies this copy of the form; a valid copy is accepted once.

    Given the ``request``, every submission also counts against the sender's
    rate limit for ``throttle_scope`` (see ``core.throttle``). Every text field
    refuses control characters, and single-line ones line breaks (``core.fields``).
    """

    throttle_scope = "default"
    # A valid copy of the form is accepted once. A form whose service spends the nonce
    # itself, with a message of its own (RSVPs), turns this off.
    one_time_token = True

    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    fax = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, request: HttpRequest | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The honeypot takes anything: a bot that fills it is dropped without a word.
        plain_text_fields(self, exclude=(HONEYPOT, "token"))
        self.request = request
        self.is_spam = False
        self.nonce = ""
        if not self.is_bound:
            self.fields["token"].initial = form_token()
        else:
            # A re-rendered form (after an error) gets a fresh token, so a
            # person correcting a mistake is never told the form expired.
            self._submitted_token = self.data.get("token", "")
            self.data = self.data.copy()
            self.data["token"] = form_token()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            self.is_spam = True
            return cleaned
        if self.request is not None and throttle.over_limit(self.request, self.throttle_scope):
            raise forms.ValidationError(
                _(
                    "Too many forms were sent from your connection. What you typed is kept: "
                    "please try again later."
                ),
                code="rate_limited",
            )
        try:
            payload = signing.loads(self._submitted_token, salt=TOKEN_SALT)
            shown_at = float(payload["t"])
            self.nonce = str(payload["n"])
        except (signing.BadSignature, TypeError, ValueError, KeyError):
            raise forms.ValidationError(
                _("The form could not be checked. What you typed is kept: please send it again.")
            ) from None
        age = time.time() - shown_at
        if age > MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _("This form was open for too long. What you typed is kept: please send it again.")
            )
        if age < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(
                _("That was quicker than a person can type. Please wait a moment, then send it.")
            )
        if self.one_time_token and not self.errors and not _first_use(self.nonce):
            raise forms.ValidationError(
                _("This form was already sent. To send another, open the form again."),
                code="already_sent",
            )
        return cleaned


def _first_use(nonce: str) -> bool:
    """Spend a form's one-time token: True the first time a valid form comes back with it.

    A copy of a form, replayed, must not be able to send the same proposal thirty
    times. When the cache is down the check fails open, like the rate limits.
    """
    try:
        return bool(cache.add(f"form-token-used:{nonce}", 1, MAX_AGE_SECONDS))
    except Exception:  # noqa: BLE001 (any cache failure: let people through)
        return True

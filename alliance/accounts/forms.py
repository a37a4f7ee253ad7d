"""Sign-in with a password and a second factor."""

from __future__ import annotations

import logging

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from alliance.core import throttle

from .second_factor import has_second_factor, second_factor_match

logger = logging.getLogger(__name__)


class SignInForm(AuthenticationForm):
    """Username, password and the code from an authenticator app (or a recovery code).

    A wrong password and a wrong or missing code get the same answer, so the
    form never tells an attacker that a stolen password was right. Both count
    as failed sign-ins for django-axes.
    """

    code = forms.CharField(
        label=_("Security code"),
        required=False,
        max_length=32,
        strip=True,
        help_text=_(
            "The six digits your authenticator app shows, or one of your recovery codes. "
            "Leave it empty if you have not set up a second factor yet."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That username, password and security code do not match an account. "
            "Passwords and codes are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = None

    def clean(self) -> dict:
        cleaned = super().clean()
        user = self.user_cache
        if user is not None and has_second_factor(user):
            self.device = second_factor_match(user, cleaned.get("code", ""))
            if self.device is None:
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": cleaned.get("username")},
                    request=self.request,
                )
                self.user_cache = None
                raise self.get_invalid_login_error()
        return cleaned


class AuthenticatorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("The six-digit code your app shows now"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class _ResetLimits:
    """"Forgotten password", on the site and in the admin, with a limit on the mails it sends.

    Each request counts against the connection it comes from and against the address typed,
    known or not (so the answer still says nothing about which addresses have accounts).
    Past either limit (``FORM_RATE_LIMITS``) no mail goes, and the page answers as always.
    """

    def save(self, *args, request=None, **kwargs) -> None:
        email = self.cleaned_data["email"].strip().lower()
        by_connection = request is not None and throttle.over_limit(request, "password_reset")
        by_account = throttle.over_limit_for("password_reset_account", email)
        if by_connection or by_account:
            logger.warning("A password reset mail was not sent: too many were asked for.")
            return
        super().save(*args, request=request, **kwargs)


class PasswordResetForm(_ResetLimits, DjangoPasswordResetForm):
    pass


class AdminPasswordResetForm(_ResetLimits, WagtailPasswordResetForm):
    pass

"""Sign-in with a password and a second factor."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from .second_factor import has_second_factor, second_factor_match


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

"""The contact form and what happens to a message.

Spam protection needs no third party: a hidden honeypot field that people
never fill in, a signed timestamp that rejects forms sent back faster than a
person can type or long after they were shown, and a cap on links.
"""

from __future__ import annotations

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .models import AllianceSettings, ContactMessage

MIN_SECONDS_TO_FILL = 3
MAX_AGE_SECONDS = 60 * 60 * 24
MAX_LINKS = 3
_TOKEN_SALT = "alliance.core.contact"  # noqa: S105 (a namespace, not a secret)
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def form_token(shown_at: float | None = None) -> str:
    """A signed record of when the form was shown."""
    return signing.dumps(time.time() if shown_at is None else shown_at, salt=_TOKEN_SALT)


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name or nickname"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We use it only to reply."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.is_spam = False
        if not self.is_bound:
            self.fields["token"].initial = form_token()
        else:
            # A re-rendered form (after an error) gets a fresh token, so a
            # person correcting a mistake is never told the form expired.
            self._submitted_token = self.data.get("token", "")
            self.data = self.data.copy()
            self.data["token"] = form_token()

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if len(_LINK.findall(message)) > MAX_LINKS:
            raise forms.ValidationError(
                _("Please include at most %(count)d links."), params={"count": MAX_LINKS}
            )
        return message

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_spam = True
            return cleaned
        try:
            shown_at = float(signing.loads(self._submitted_token, salt=_TOKEN_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("The form could not be checked. Your text is kept below: please send it again.")
            ) from None
        age = time.time() - shown_at
        if age > MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _("This form was open for too long. Your text is kept below: please send it again.")
            )
        if age < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(
                _("That was quicker than a person can type. Please wait a moment, then send it.")
            )
        return cleaned


def contact_message_create(data: dict, site: Site | None = None) -> ContactMessage:
    """Store a message from the contact form and tell the staff it arrived."""
    message = ContactMessage.objects.create(
        name=data["name"],
        email=data["email"],
        subject=data.get("subject", ""),
        message=data["message"],
    )
    recipients = contact_recipients(site)
    if recipients:
        alliance = AllianceSettings.for_site(site) if site else None
        body = render_to_string(
            "core/email/contact_message.txt", {"message": message, "alliance": alliance}
        )
        subject = _("Contact form: %(subject)s") % {"subject": message.subject or message.name}
        send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, recipients)
    return message


def contact_recipients(site: Site | None) -> list[str]:
    """The alliance's public address if set, plus staff listed in MANAGERS."""
    recipients = [email for _name, email in settings.MANAGERS]
    if site is not None:
        contact_email = AllianceSettings.for_site(site).contact_email
        if contact_email and contact_email not in recipients:
            recipients.insert(0, contact_email)
    return recipients

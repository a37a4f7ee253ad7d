"""The contact form and what happens to a message."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django import forms
from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .fields import one_line
from .models import AllianceSettings, ContactMessage
from .spam import HumanCheckForm, link_count

logger = logging.getLogger(__name__)

MAX_LINKS = 3


class ContactForm(HumanCheckForm):
    throttle_scope = "contact"
    name = forms.CharField(
        label=_("Your name or nickname"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        max_length=254,
        label=_("Your e-mail address"),
        help_text=_("We use it only to reply."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    field_order = ["name", "email", "subject", "message", "fax", "token"]

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if link_count(message) > MAX_LINKS:
            raise forms.ValidationError(
                _("Please include at most %(count)d links."), params={"count": MAX_LINKS}
            )
        return message


class MessageNotSent(Exception):
    """The staff could not be told of a message, so it was not kept either."""


def contact_message_create(data: dict, site: Site | None = None) -> ContactMessage:
    """Tell the staff a message arrived, then keep it.

    The mail goes first: a message whose mail fails is not kept (``MessageNotSent``; the
    sender is asked to try again), so no message waits unseen in the admin, and no write
    lock is held while the mail server answers. The mail's headers hold only checked
    values: the form's fields refuse line breaks, and the subject is made one line again.
    """
    message = ContactMessage(
        name=data["name"],
        email=data["email"],
        subject=data.get("subject", ""),
        message=data["message"],
    )
    recipients = contact_recipients(site)
    if recipients:
        try:
            _staff_mail(message, recipients, site).send()
        except (BadHeaderError, SMTPException, OSError) as error:
            reason = type(error).__name__
            logger.warning("A contact message was not kept: its mail failed (%s).", reason)
            raise MessageNotSent from error
    message.save()
    return message


def _staff_mail(message: ContactMessage, recipients: list[str], site: Site | None):
    alliance = AllianceSettings.for_site(site) if site else None
    body = render_to_string(
        "core/email/contact_message.txt", {"message": message, "alliance": alliance}
    )
    subject = _("Contact form: %(subject)s") % {"subject": message.subject or message.name}
    return EmailMessage(
        one_line(str(subject)),
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        reply_to=[message.email],
    )


def contact_recipients(site: Site | None) -> list[str]:
    """The alliance's public address if set, plus staff listed in MANAGERS."""
    recipients = [email for _name, email in settings.MANAGERS]
    if site is not None:
        contact_email = AllianceSettings.for_site(site).contact_email
        if contact_email and contact_email not in recipients:
            recipients.insert(0, contact_email)
    return recipients

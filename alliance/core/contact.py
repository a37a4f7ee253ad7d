"""The contact form and what happens to a message."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .models import AllianceSettings, ContactMessage
from .spam import HumanCheckForm, link_count

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

"""The alerts' mails: multipart text and HTML, with the mailing-list headers.

Nothing in a mail loads from anywhere (no images, no tracking pixel) and every
link goes straight to the site. Headers are written only from values checked
here: control characters (CR, LF among them) are removed from anything that
comes from content or settings, so no field can add a header of its own.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from email.utils import format_datetime, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from alliance.core.texts import texts_in

from . import tokens
from .models import Subscriber


def single_line(value: str) -> str:
    """The text without control characters, whitespace runs made one space."""
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in value
    )
    return " ".join(cleaned.split())


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def mail_domain() -> str:
    return urlsplit(base_url()).hostname or "localhost"


def site_name(language: str) -> str:
    """The alliance's name in ``language`` (Settings › Name and tagline), for mails readers
    read; ``WAGTAIL_SITE_NAME`` before anyone has named it. Kept until content changes."""
    return texts_in(None, language)["name"] or settings.WAGTAIL_SITE_NAME


def list_id() -> str:
    """RFC 2919: a phrase and a unique identifier under the site's own domain."""
    name = single_line(settings.WAGTAIL_SITE_NAME).replace('"', "").replace("<", "")
    return f'"{name} alerts" <alerts.{mail_domain()}>'


def personal_links(subscriber: Subscriber) -> dict[str, str]:
    """The subscriber's manage and unsubscribe addresses, in their language."""
    token = tokens.subscriber_token(subscriber)
    with translation.override(subscriber.language):
        return {
            "manage_url": base_url() + reverse("alerts_manage", args=[token]),
            "unsubscribe_url": base_url() + reverse("alerts_unsubscribe", args=[token]),
        }


def _message(
    subscriber: Subscriber, subject: str, template: str, context: dict, list_headers: bool
) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        context = {
            **context,
            "language": subscriber.language,
            "bidi": get_language_bidi(),
            "site_name": site_name(subscriber.language),
            "base_url": base_url(),
        }
        text = render_to_string(f"alerts/email/{template}.txt", context)
        html = render_to_string(f"alerts/email/{template}.html", context)
    headers = {
        "Message-ID": make_msgid(domain=mail_domain()),
        "Date": format_datetime(timezone.now()),
        "Auto-Submitted": "auto-generated",
    }
    if list_headers:
        headers |= {
            "List-Id": list_id(),
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        subject=single_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The double opt-in mail, or for a confirmed address its manage link."""
    links = personal_links(subscriber)
    with translation.override(subscriber.language):
        if subscriber.confirmed_at is None:
            token = tokens.confirmation_token(subscriber)
            confirm_url = base_url() + reverse("alerts_confirm", args=[token])
            subject = _("Please confirm your subscription to %(site)s alerts")
            template = "confirm"
        else:
            confirm_url = ""
            subject = _("Your subscription to %(site)s alerts")
            template = "already_subscribed"
        subject = subject % {"site": site_name(subscriber.language)}
    context = {**links, "confirm_url": confirm_url}
    # A confirmation is no list mail: without List-Unsubscribe, nothing leaves
    # an address subscribed that never was.
    return _message(subscriber, subject, template, context, list_headers=confirmed(subscriber))


def confirmed(subscriber: Subscriber) -> bool:
    return subscriber.confirmed_at is not None


@dataclass(frozen=True)
class Item:
    """What a mail says of one page, read once per language for a whole fan-out."""

    title: str
    summary: str
    url: str
    language: str
    kind_label: str
    when: str = ""


def item_message(subscriber: Subscriber, item: Item) -> EmailMultiAlternatives:
    links = personal_links(subscriber)
    context = {
        **links,
        "item": item,
        "item_bidi": item.language in settings.LANGUAGES_BIDI,
    }
    return _message(subscriber, item.title, "item", context, list_headers=True)


def digest_message(
    subscriber: Subscriber, items: list[Item], week: dt.date
) -> EmailMultiAlternatives:
    """The week's items in one mail, each in the language it was chosen in."""
    links = personal_links(subscriber)
    last_day = week + dt.timedelta(days=6)
    with translation.override(subscriber.language):
        first = formats.date_format(week, "DATE_FORMAT")
        last = formats.date_format(last_day, "DATE_FORMAT")
        subject = _("%(site)s: the week of %(first)s to %(last)s") % {
            "site": site_name(subscriber.language),
            "first": first,
            "last": last,
        }
    entries = [
        {"item": item, "item_bidi": item.language in settings.LANGUAGES_BIDI} for item in items
    ]
    context = {**links, "entries": entries, "first": first, "last": last}
    return _message(subscriber, subject, "digest", context, list_headers=True)

"""Sharing a page without trackers: plain links to apps, and a way to the reader's server.

Nothing here loads anything from another host: the links are ordinary addresses the
reader follows by choice, and they carry the page's own address with no tracking
parameter. The fediverse has no one address to share to, so the site asks for the
reader's server (``fediverse_share_url``) and sends them to its ``/share`` page.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# One label of a host name: letters, digits and inner hyphens, at most 63 of them.
LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
# The last label names a top-level domain: letters, or an internationalized one.
TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def server_hostname(typed: str) -> str:
    """The host name in what a reader typed, or ValidationError.

    Readers may paste an address (``https://social.example/``) or their handle
    (``@name@social.example``); both are read for the server alone. Anything that is
    not a plain public host name (a path, a port, an address in digits) is refused,
    so the site only ever sends a reader to ``https://<host>/share``.
    """
    value = SCHEME.sub("", typed.strip()).rstrip("/")
    if value.count("@") in (1, 2) and not value.startswith("/"):
        value = value.rsplit("@", 1)[-1]
    try:
        host = value.encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = ""
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(LABEL.fullmatch(label) for label in labels)
        or not TOP_LEVEL.fullmatch(labels[-1])
    ):
        raise ValidationError(
            _("Type the name of your server, such as mastodon.social, with no spaces or slashes."),
            code="hostname",
        )
    return host


class FediverseServerForm(forms.Form):
    server = forms.CharField(
        label=_("Your server"),
        max_length=300,
        help_text=_(
            "The server where you have your account, such as mastodon.social. "
            "Your full handle works too, such as @name@mastodon.social."
        ),
    )

    def clean_server(self) -> str:
        return server_hostname(self.cleaned_data["server"])


def share_text(title: str, url: str) -> str:
    return f"{title} {url}"


def fediverse_share_url(host: str, title: str, url: str) -> str:
    """The address of the share form on a fediverse server (Mastodon and most others)."""
    return f"https://{host}/share?{urlencode({'text': share_text(title, url)}, quote_via=quote)}"


def share_links(title: str, url: str) -> dict[str, str]:
    """Plain addresses that open each app with the page's title and address filled in."""
    text = quote(share_text(title, url), safe="")
    telegram = urlencode({"url": url, "text": title}, quote_via=quote)
    email = urlencode({"subject": title, "body": url}, quote_via=quote)
    return {
        "whatsapp": f"https://wa.me/?text={text}",
        "telegram": f"https://t.me/share/url?{telegram}",
        "email": f"mailto:?{email}",
    }

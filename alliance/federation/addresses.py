"""The fediverse addresses of the alliance's actor and objects, on the host of BASE_URL.

Everything we publish names itself with these, whichever host a request came
in on, so that an id never changes with the address a reader used.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "Hashtag": "as:Hashtag",
        "sensitive": "as:sensitive",
        "toot": "http://joinmastodon.org/ns#",
        "discoverable": "toot:discoverable",
        "indexable": "toot:indexable",
        "schema": "http://schema.org#",
        "PostalAddress": "schema:PostalAddress",
        "streetAddress": "schema:streetAddress",
        "addressLocality": "schema:addressLocality",
        "postalCode": "schema:postalCode",
        "addressCountry": "schema:addressCountry",
        "VirtualLocation": "schema:VirtualLocation",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "mz": "https://joinmobilizon.org/ns#",
        "timezone": {"@id": "mz:timezone", "@type": "schema:Text"},
    },
]


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def host() -> str:
    """The host of BASE_URL, with its port when it is not the scheme's default."""
    parts = urlsplit(base_url())
    default = {"http": 80, "https": 443}.get(parts.scheme)
    name = parts.hostname or ""
    return f"{name}:{parts.port}" if parts.port and parts.port != default else name


def handle() -> str:
    return f"@{settings.FEDERATION_USERNAME}@{host()}"


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + path


def actor_id() -> str:
    return absolute(reverse("federation_actor"))


def key_id() -> str:
    return actor_id() + "#main-key"


def followers_id() -> str:
    return absolute(reverse("federation_followers"))


def object_id(translation_key) -> str:
    return absolute(reverse("federation_object", args=[translation_key]))


def activity_id(uuid) -> str:
    return absolute(reverse("federation_activity", args=[uuid]))


def page_url(page: Page) -> str:
    """A page's address on BASE_URL (Wagtail's own is relative on a single site)."""
    parts = page.get_url_parts()
    return absolute(parts[2]) if parts else ""

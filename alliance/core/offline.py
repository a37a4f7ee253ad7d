"""Installable and readable offline: the web app manifest and the service worker's rules.

The service worker (``core/sw.js``, served from the site's root by ``views.service_worker``
so that its scope is the whole site) is progressive enhancement: without it, nothing
changes. It keeps the pages a reader opened, to read again without a network, and a
few pages fetched when it installs: each language's offline page and whatever the
apps name in ``offline_urls()`` on their AppConfig (the events app: its listings of
coming events). Core does not know the other apps, so it asks them this way.

What it never keeps is decided twice: here, by address (``NEVER_KEPT``), and in the
worker, by answer (anything marked ``private`` or ``no-store``, which covers signed-in
readers and private reply links, and every answer to a POST, which it never handles).
"""

from __future__ import annotations

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

#: Address prefixes and parts whose pages are never kept: the editors' admin, accounts,
#: endorsements, alerts sign-ups, share and search forms, private reply links.
NEVER_KEPT = {
    "prefixes": ["/admin/", "/django-admin/", "/documents/", "/api/"],
    "after_language": ["account/", "endorse/", "alerts/", "share/", "search/"],
    "parts": ["/rsvp/"],
}
#: How many opened pages the worker keeps; the oldest go first.
KEPT_PAGES = 60
ICONS = [
    ("core/icons/icon-192.png", "192x192", "any"),
    ("core/icons/icon-512.png", "512x512", "any"),
    ("core/icons/maskable-512.png", "512x512", "maskable"),
]
THEME_COLOUR = "#9e1b32"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def offline_pages() -> dict[str, str]:
    """Each language's offline page, by language code."""
    pages = {}
    for code in language_codes():
        with translation.override(code):
            pages[code] = reverse("offline")
    return pages


def apps_offline_urls() -> list[str]:
    """The addresses the apps want ready offline (AppConfig.offline_urls), in their order."""
    urls: list[str] = []
    for config in apps.get_app_configs():
        offline_urls = getattr(config, "offline_urls", None)
        if offline_urls is not None:
            urls.extend(url for url in offline_urls() if url not in urls)
    return urls


def worker_config() -> dict:
    """What sw.js is told; its version changes whenever any of it does."""
    pages = offline_pages()
    config = {
        "offline": pages,
        "default_language": settings.LANGUAGE_CODE,
        "precache": [
            *pages.values(),
            *apps_offline_urls(),
            static("core/site.css"),
            static("core/favicon.svg"),
        ],
        "never": NEVER_KEPT,
        "kept_pages": KEPT_PAGES,
        "static_prefix": settings.STATIC_URL,
    }
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()
    config["version"] = digest[:12]
    return config


def manifest(name: str, short_name: str, description: str) -> dict:
    """The web app manifest in the active language: a home-screen app that opens the site."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    start = reverse("offline").rsplit("offline/", 1)[0]
    return {
        "id": "/",
        "name": name,
        "short_name": short_name or name,
        "description": description,
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": start,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }

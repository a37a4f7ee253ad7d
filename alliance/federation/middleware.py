"""Content negotiation on statement and event addresses.

An ActivityPub reader (Mastodon looking up a pasted link) asks the page's own
address for ``application/activity+json`` or ``application/ld+json; profile=
"https://www.w3.org/ns/activitystreams"``; it gets the item's object instead of
the HTML. Both answers carry ``Vary: Accept``, and the page cache's front never
answers such a request (``alliance.core.pagecache.wsgi.eligible``), so neither
kind of reader is ever served the other's answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Page

from . import objects
from .views import activity_response

_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def wants_activity(accept: str) -> bool:
    """Does this Accept header ask for ActivityStreams rather than a web page?"""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media == "application/activity+json":
            return True
        if media == "application/ld+json":
            return True
        if media in ("text/html", "application/xhtml+xml", "*/*"):
            return False
    return False


def _page(request: HttpRequest) -> Page | None:
    parts = request.path_info.split("/", 2)
    if len(parts) < 3 or parts[1] not in _LANGUAGES:
        return None
    with translation.override(parts[1]):
        page = Page.find_for_request(request, "/" + parts[2])
    return page.specific if page is not None else None


class ContentNegotiationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and wants_activity(request.headers.get("Accept", "")):
            page = _page(request)
            if page is not None and objects.federated(page) and page.live:
                found = objects.document(page)
                if found is not None:
                    return activity_response(found)
        response = self.get_response(request)
        if _negotiated(response):
            patch_vary_headers(response, ("Accept",))
        return response


def _negotiated(response: HttpResponse) -> bool:
    """Is this the HTML of a page that also has an object (so shared caches must vary)?"""
    context = getattr(response, "context_data", None) or {}
    return objects.federated(context.get("page"))

"""The middleware: what shared caches may keep, and what the page cache stores.

It sits outermost of Django's middleware (``settings.MIDDLEWARE``), so a page
is stored with every header the others add (security headers included), and
it stores only what the front marked as asked for by nobody in particular.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import stores, tags
from .wsgi import ENVIRON_KEY, STORE_LATER, eligible

CACHEABLE_TYPES = (
    "text/html",
    "application/json",  # the read API (alliance.api), keyed by Accept too (stores.entry_key)
    "application/vnd.oai.openapi+json",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
    "text/calendar",
    "text/plain",
)


def _private(response: HttpResponse) -> bool:
    directives = response.get("Cache-Control", "").lower()
    return any(word in directives for word in ("private", "no-store", "no-cache"))


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Nothing in this response belongs to one reader.

    A GET answered 200, for nobody signed in, that set no cookie, used no CSRF
    token (so no page with a form is stored) and is not marked private.
    """
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "user", None) is not None
        and not request.user.is_authenticated
        and not _private(response)
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


class PageCacheMiddleware:
    """Marks what shared caches may keep, and stores what the page cache may serve."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not eligible(request.environ) or not storable(request, response):
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                response.headers.setdefault("Cache-Control", "private, no-cache")
            return response
        # Shared caches (Varnish, a CDN) keep the page briefly and are purged on
        # publish; a browser cannot be purged, so it asks again each time and
        # gets a 304 when nothing changed: a reader never sees an older page.
        response.headers.setdefault(
            "Cache-Control",
            f"public, max-age=0, s-maxage={settings.HTTP_CACHE_SECONDS}, "
            f"stale-while-revalidate={settings.HTTP_CACHE_STALE_SECONDS}",
        )
        marker = request.environ.get(ENVIRON_KEY)
        if marker is not None:
            key, current, started = marker
            shows = tags.of_response(request.environ)
            entry = stores.entry_for(response, current, started, shows)
            # Compressed and stored by the front once the server has sent the answer
            # (for a 200 KB API answer, 5 ms the reader need not wait for).
            request.environ[STORE_LATER] = lambda: stores.save(key, stores.compressed(entry))
        return response

"""The front: a WSGI application that answers stored pages before Django runs.

It runs before any middleware, template or query, which is what makes a stored
page cheap (bench/README.md). So it may read only the request's environ and the
store, and it is imported by ``alliance.wsgi`` before Django is set up: nothing
here, or in what it imports, may load models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings

from alliance.core import generation

from . import tags
from .stores import RecentPages, entry_key

logger = logging.getLogger(__name__)

# Where the front leaves (key, generation, start) for the middleware to store the page under.
ENVIRON_KEY = "alliance.pagecache"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")


def _cookie_names(header: str) -> Iterable[str]:
    for part in header.split(";"):
        name = part.split("=", 1)[0].strip()
        if name:
            yield name


def eligible(environ: dict) -> bool:
    """May this request be answered from, or stored in, the page cache?"""
    if not settings.PAGE_CACHE_SECONDS:
        return False
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("PATH_INFO", "").startswith(EXCLUDED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    if _asks_for_linked_data(environ):
        return False
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return all(name in harmless for name in _cookie_names(environ.get("HTTP_COOKIE", "")))


def _asks_for_linked_data(environ: dict) -> bool:
    """A request for a page's JSON-LD form (ActivityPub): the store holds the HTML only."""
    accept = environ.get("HTTP_ACCEPT", "")
    return "application/activity+json" in accept or "application/ld+json" in accept


def _accepts_gzip(environ: dict) -> bool:
    return "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")


def _etag_matches(environ: dict, etag: str) -> bool:
    wanted = environ.get("HTTP_IF_NONE_MATCH", "")
    return bool(wanted) and (wanted.strip() == "*" or etag in wanted.replace("W/", ""))


class PageCacheApplication:
    """WSGI application answering stored pages, handing everything else to Django."""

    def __init__(self, application: Callable, memory: int | None = None) -> None:
        self.application = application
        if memory is None:
            memory = settings.PAGE_CACHE_WORKER_BYTES
        self.recent = RecentPages(memory)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not eligible(environ):
            return self.application(environ, start_response)
        key = entry_key(environ)
        try:
            store = generation.store()
            held = self.recent.peek(key)
            # One round trip to a remote store for the generation and the held page's stamps.
            current, fresh = tags.current_and_fresh(store, held)
            entry = held if held is not None and held["generation"] == current and fresh else None
            if held is not None and entry is None:
                self.recent.forget(key)
            if entry is None:
                entry = store.get(key)
                if entry is None or entry["generation"] != current or not tags.fresh(store, entry):
                    entry = None
                else:
                    self.recent.keep(key, entry)
            if entry is None:
                # Read before rendering starts: a page rendered while an editor
                # publishes is stored with a start older than the publish's
                # stamps (or under the old generation) and never served.
                environ[ENVIRON_KEY] = (key, current, tags.clock(store))
        except Exception:
            logger.warning("Page cache unavailable; rendering.", exc_info=True)
            return self.application(environ, start_response)
        if entry is not None:
            return self._answer(environ, start_response, entry)
        return self.application(environ, start_response)

    @staticmethod
    def _answer(environ: dict, start_response: Callable, entry: dict) -> Iterable[bytes]:
        headers = list(entry["headers"])
        headers.append(("X-Page-Cache", "hit"))
        if _etag_matches(environ, entry["etag"]):
            start_response("304 Not Modified", [(k, v) for k, v in headers if k != "Content-Type"])
            return [b""]
        if entry["gzip"] is not None and _accepts_gzip(environ):
            body = entry["gzip"]
            headers.append(("Content-Encoding", "gzip"))
        else:
            body = entry["body"]
        headers.append(("Content-Length", str(len(body))))
        start_response(entry["status"], headers)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

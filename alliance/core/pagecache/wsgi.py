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
from django.core.signals import setting_changed
from django.dispatch import receiver

from alliance.core import generation

from . import changes, tags
from .stores import RecentPages, entry_address, key_of

logger = logging.getLogger(__name__)

# Where the front leaves (key, generation, start) for the middleware to store the page under.
ENVIRON_KEY = "alliance.pagecache"
# Set once the store was asked about this request (by a server front, or here).
LOOKED_UP = "alliance.pagecache.looked_up"
# What stores the answer, left by the middleware, called once the server has sent it.
STORE_LATER = "alliance.pagecache.store_later"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")


def _cookie_names(header: str) -> Iterable[str]:
    for part in header.split(";"):
        name = part.split("=", 1)[0].strip()
        if name:
            yield name


# What the front reads of the settings on every request, read once until a setting changes
# (tests change them): an attribute of Django's settings costs a call of its own.
_once: dict[str, object] = {}


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    _once.clear()


def _read_once(name: str, read: Callable[[], object]):
    try:
        return _once[name]
    except KeyError:
        value = _once[name] = read()
        return value


def _harmless_cookies() -> frozenset[str]:
    return frozenset((settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME))


def eligible(environ: dict) -> bool:
    """May this request be answered from, or stored in, the page cache?"""
    if not _read_once("seconds", lambda: settings.PAGE_CACHE_SECONDS):
        return False
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("PATH_INFO", "").startswith(EXCLUDED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    if _asks_for_linked_data(environ):
        return False
    cookies = environ.get("HTTP_COOKIE")
    if not cookies:
        return True
    harmless = _read_once("harmless", _harmless_cookies)
    return all(name in harmless for name in _cookie_names(cookies))


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
        if not environ.get(LOOKED_UP):
            answer = self.stored_answer(environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, list(headers))
                return [body]
        result = self.application(environ, start_response)
        store = environ.pop(STORE_LATER, None)
        return result if store is None else StoredOnClose(result, store)

    def stored_answer(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
        """The stored answer to this request (status, headers, body), or None to render it.

        When the page is to be rendered and then stored, where to store it is left
        in ``environ`` for the middleware. A server front that asks here itself
        (``alliance.server``) then hands the same environ on, and it is not asked twice.
        """
        environ[LOOKED_UP] = True
        if not eligible(environ):
            return None
        entry = self._stored(environ)
        return None if entry is None else _answer(environ, entry)

    def _stored(self, environ: dict) -> dict | None:
        address = entry_address(environ)  # copies in this worker's memory are held under it
        try:
            # One store object for the front and the application's thread: the stores in
            # use (files, Redis's connection pool, memory in tests) are safe to share.
            store = _read_once("store", generation.store)
            watch = changes.watcher(store)
            # Read before the store: a change written after this changes the token.
            token = watch.token() if watch is not None else None
            entry = self.recent.trusted(address, token)
            if entry is not None:
                return entry
            key = key_of(address)
            held = self.recent.peek(address)
            # One round trip to a remote store for the generation and the held page's stamps.
            current, fresh = tags.current_and_fresh(store, held)
            entry = held if held is not None and held["generation"] == current and fresh else None
            if held is not None and entry is None:
                self.recent.forget(address)
            if entry is None:
                entry = store.get(key)
                if entry is None or entry["generation"] != current or not tags.fresh(store, entry):
                    entry = None
            if entry is not None:
                self.recent.keep(address, entry, token)
            else:
                # Read before rendering starts: a page rendered while an editor
                # publishes is stored with a start older than the publish's
                # stamps (or under the old generation) and never served.
                environ[ENVIRON_KEY] = (key, current, tags.clock(store))
            return entry
        except Exception:
            logger.warning("Page cache unavailable; rendering.", exc_info=True)
            return None


class StoredOnClose:
    """Django's answer, stored in the page cache when the server closes it, once it is sent."""

    def __init__(self, result: Iterable[bytes], store: Callable[[], None]) -> None:
        self.result = result
        self.store = store

    def __iter__(self):
        return iter(self.result)

    def close(self) -> None:
        try:
            self.store()
        finally:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()


def _answer(environ: dict, entry: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    if _etag_matches(environ, entry["etag"]):
        headers = [(k, v) for k, v in entry["headers"] if k != "Content-Type"]
        return "304 Not Modified", [*headers, ("X-Page-Cache", "hit")], b""
    compressed = entry["gzip"] is not None and _accepts_gzip(environ)
    head = environ.get("REQUEST_METHOD") == "HEAD"
    # Made once for each way a copy held in a worker's memory is sent (it is sent thousands
    # of times); the server may not change what it is given.
    answers = entry.setdefault("answers", {})
    answer = answers.get((compressed, head))
    if answer is None:
        body = entry["gzip"] if compressed else entry["body"]
        headers = [*entry["headers"], ("X-Page-Cache", "hit")]
        if compressed:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        answer = answers[compressed, head] = (entry["status"], headers, b"" if head else body)
    return answer

"""Where stored pages are kept: the shared store, and each worker's memory of recent ones.

The shared store is the cache named by ``settings.PAGE_CACHE_ALIAS`` (files by
default, ``alliance.core.cache.PageFileCache``; Redis with ``REDIS_URL``), which
also holds the content generation. An entry is a plain dict, the same in both:

- ``generation``: the generation the page was rendered in; served only while current;
- ``tags`` and ``started``: what the page shows and when its rendering started;
  served only while none of those changed since (``tags``);
- ``status``, ``headers``, ``body``, ``etag``: the response, as the front sends it;
- ``gzip``: the body compressed once, or None for a small one;
- ``expires``: when the shared store forgets it, so that copies in memory do too.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse

from alliance.core import generation

from . import tags

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "pagecache:page:"
# Headers that describe one delivery, not the page.
_DROPPED_HEADERS = {"set-cookie", "content-length", "content-encoding", "date"}


def _scheme(environ: dict) -> str:
    if settings.HTTPS and environ.get("HTTP_X_FORWARDED_PROTO") == "https":
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def entry_address(environ: dict) -> str:
    """What a page is stored under: the request's scheme, host, path and query.

    Under ``settings.PAGE_CACHE_NEGOTIATED_PREFIXES`` the Accept header is part of it too.
    """
    path = environ.get("PATH_INFO", "")
    address = "{}://{}{}?{}".format(
        _scheme(environ),
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
        path,
        environ.get("QUERY_STRING", ""),
    )
    if path.startswith(settings.PAGE_CACHE_NEGOTIATED_PREFIXES):
        address += "\0" + environ.get("HTTP_ACCEPT", "")
    return address


def key_of(address: str) -> str:
    """The shared store's key for the page at ``address`` (a fixed length, whatever the address)."""
    return ENTRY_PREFIX + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def entry_key(environ: dict) -> str:
    """The shared store's key of the page at this request's address."""
    return key_of(entry_address(environ))


def entry_for(response: HttpResponse, current: str, started: float, shows: tuple[str, ...]) -> dict:
    """The entry for a response the middleware found storable (it gets an ETag if it had none).

    Taken as the response leaves the middleware: the GZip middleware outside it then
    replaces the content it sends. Its gzip copy is made by ``compressed``.
    """
    body = response.content
    etag = response.get("ETag") or f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response["ETag"] = etag
    headers = [(k, v) for k, v in response.items() if k.lower() not in _DROPPED_HEADERS]
    vary = [v for k, v in headers if k.lower() == "vary"]
    headers = [(k, v) for k, v in headers if k.lower() != "vary"]
    headers.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
    return {
        "generation": current,
        "started": started,
        "tags": shows,
        "status": f"{response.status_code} {response.reason_phrase}",
        "headers": headers,
        "body": body,
        "gzip": None,  # compressed by ``compressed``, once the answer is sent
        "etag": etag,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }


def compressed(entry: dict) -> dict:
    """``entry`` with its gzip copy, for a body worth compressing."""
    if entry["gzip"] is None and len(entry["body"]) > 512:
        entry["gzip"] = gzip.compress(entry["body"], 6, mtime=0)
    return entry


def save(key: str, entry: dict) -> None:
    """Keep ``entry`` in the shared store; a store that is down only costs a render."""
    try:
        store = generation.store()
        tags.settle(store, entry["tags"], entry["started"])
        store.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store a page in the page cache.", exc_info=True)


class RecentPages:
    """The stored pages this worker served lately, kept in its own memory.

    Reading a page from the shared store (a file, or Redis) and unpickling it
    cost more than everything else in answering it (bench/README.md). A copy
    here is served only while it carries the current generation and shows
    nothing stamped since, and only until the moment the shared entry itself
    expires. Each copy also notes the token of ``changes`` at which it was last
    checked against the store: while the token is the same, nothing that could
    end it was written since, and it is served without asking the store again.
    The least recently served pages leave first once ``limit`` bytes are held.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[str, list] = OrderedDict()  # key: [entry, size, token]
        self._lock = threading.Lock()

    def get(self, key: str, current: str) -> dict | None:
        with self._lock:
            held = self._entries.get(key)
            if held is None:
                return None
            entry = held[0]
            if entry["generation"] != current or entry["expires"] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def peek(self, key: str) -> dict | None:
        """The copy of ``key`` unless expired, whatever its generation (the caller checks that)."""
        with self._lock:
            held = self._entries.get(key)
            if held is None:
                return None
            if held[0]["expires"] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return held[0]

    def trusted(self, key: str, token: object) -> dict | None:
        """The unexpired copy of ``key`` if it was checked at ``token``: nothing changed since."""
        if token is None:
            return None
        with self._lock:
            held = self._entries.get(key)
            if held is None or held[2] != token or held[0]["expires"] <= time.time():
                return None
            self._entries.move_to_end(key)
            return held[0]

    def keep(self, key: str, entry: dict, token: object = None) -> None:
        """Hold ``entry``, found current when the token of ``changes`` was ``token``."""
        if "expires" not in entry:  # stored by an earlier version
            return
        size = len(entry["body"]) + len(entry["gzip"] or b"")
        if size > self.limit:
            return
        with self._lock:
            held = self._entries.get(key)
            if held is not None and held[0] is entry:
                held[2] = token
                return
            self._drop(key)
            self._entries[key] = [entry, size, token]
            self.size += size
            while self.size > self.limit:
                self._drop(next(iter(self._entries)))

    def forget(self, key: str) -> None:
        """Drop the copy of ``key`` (it shows something changed since)."""
        with self._lock:
            self._drop(key)

    def _drop(self, key: str) -> None:
        held = self._entries.pop(key, None)
        if held is not None:
            self.size -= held[1]

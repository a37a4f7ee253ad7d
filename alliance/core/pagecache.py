"""Whole pages for readers who are not signed in, served before Django runs.

A page a reader sees without signing in is the same for every such reader, so
the first one to ask for it pays for rendering and everyone after gets the
stored bytes. Two pieces do this:

- ``PageCacheMiddleware`` (Django, outermost) stores a response when nothing
  in it belongs to one reader: a GET answered 200, for nobody signed in, that
  set no cookie, used no CSRF token (so no page with a form is stored), and is
  not marked private.
- ``PageCacheApplication`` (WSGI, in front of Django) answers a request from
  the store when the reader sends no cookie but the harmless ones. It runs
  before any middleware, template or query: the difference between a few
  hundred and many thousand pages a second (see bench/README.md).

Invalidation is by generation: every stored page records the generation it
was rendered in, and any change a reader could see (publishing, unpublishing,
moving or deleting a page, a setting, a snippet, an image, an approved
endorsement...) starts a new generation. The generation is read in the same
round trip as the page, so a reader never gets a page older than the last
change. The generation is read before rendering starts, so a page rendered
while an editor publishes is stored under the old generation and never served.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:page:"
ENVIRON_KEY = "alliance.pagecache"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")
CACHEABLE_TYPES = (
    "text/html",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
    "text/calendar",
    "text/plain",
)
# Headers that describe one delivery, not the page.
_DROPPED_HEADERS = {"set-cookie", "content-length", "content-encoding", "date"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def pages_changed() -> None:
    """Start a new generation: every stored page is out of date from now on.

    And once more when the change is committed: until then other workers
    still read the data from before it, and a page one of them renders in
    that moment would otherwise be stored under the new generation and
    outlive the change.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    try:
        _cache().set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.warning("Could not start a new page cache generation.", exc_info=True)


def read_generation(cache) -> str:
    """The generation stored pages must carry to be served.

    It is read on every request, so a store that can tell cheaply that the
    value has not changed since the last read (``PageFileCache.get_small``)
    is asked that way.
    """
    generation = getattr(cache, "get_small", cache.get)(GENERATION_KEY)
    if generation is None:
        # First request after a start or a flush: whoever adds first wins.
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY) or "unknown"
    return generation


def generation() -> str:
    """The current generation, for caches of parts of pages (menus, footers, counts).

    They go stale exactly when whole pages do; a cache outage gives a value
    that matches nothing, so those parts are simply computed.
    """
    try:
        return read_generation(_cache())
    except Exception:  # noqa: BLE001 - see above
        logger.warning("Could not read the page cache generation.", exc_info=True)
        return secrets.token_hex(8)


def _cookie_names(header: str) -> Iterable[str]:
    for part in header.split(";"):
        name = part.split("=", 1)[0].strip()
        if name:
            yield name


def _scheme(environ: dict) -> str:
    if settings.HTTPS and environ.get("HTTP_X_FORWARDED_PROTO") == "https":
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def entry_key(environ: dict) -> str:
    address = "{}://{}{}?{}".format(
        _scheme(environ),
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )
    return ENTRY_PREFIX + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


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
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return all(name in harmless for name in _cookie_names(environ.get("HTTP_COOKIE", "")))


def _accepts_gzip(environ: dict) -> bool:
    return "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")


def _etag_matches(environ: dict, etag: str) -> bool:
    wanted = environ.get("HTTP_IF_NONE_MATCH", "")
    return bool(wanted) and (wanted.strip() == "*" or etag in wanted.replace("W/", ""))


class RecentPages:
    """The stored pages this worker served lately, kept in its own memory.

    Reading a page from the shared store (a file, or Redis) and unpickling it
    cost more than everything else in answering it (bench/README.md). A copy
    here is served only while it carries the current generation, which is
    still read from the shared store on every request, and only until the
    moment the shared entry itself expires. The least recently served pages
    leave first once ``limit`` bytes are held.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[str, tuple[dict, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, generation: str) -> dict | None:
        with self._lock:
            held = self._entries.get(key)
            if held is None:
                return None
            entry = held[0]
            if entry["generation"] != generation or entry["expires"] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: dict) -> None:
        if "expires" not in entry:  # stored by an earlier version
            return
        size = len(entry["body"]) + len(entry["gzip"] or b"")
        if size > self.limit:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (entry, size)
            self.size += size
            while self.size > self.limit:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        held = self._entries.pop(key, None)
        if held is not None:
            self.size -= held[1]


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
            cache = _cache()
            generation = read_generation(cache)
            entry = self.recent.get(key, generation)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and entry["generation"] == generation:
                    self.recent.keep(key, entry)
        except Exception:
            logger.warning("Page cache unavailable; rendering.", exc_info=True)
            return self.application(environ, start_response)
        if entry is not None and entry["generation"] == generation:
            return self._answer(environ, start_response, entry)
        environ[ENVIRON_KEY] = (key, generation)
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


def _private(response: HttpResponse) -> bool:
    directives = response.get("Cache-Control", "").lower()
    return any(word in directives for word in ("private", "no-store", "no-cache"))


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Nothing in this response belongs to one reader."""
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
            self._store(marker, response)
        return response

    @staticmethod
    def _store(marker: tuple[str, str], response: HttpResponse) -> None:
        key, generation = marker
        body = response.content
        etag = response.get("ETag") or f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        response["ETag"] = etag
        headers = [(k, v) for k, v in response.items() if k.lower() not in _DROPPED_HEADERS]
        vary = [v for k, v in headers if k.lower() == "vary"]
        headers = [(k, v) for k, v in headers if k.lower() != "vary"]
        headers.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
        entry = {
            "generation": generation,
            "status": f"{response.status_code} {response.reason_phrase}",
            "headers": headers,
            "body": body,
            "gzip": gzip.compress(body, 6, mtime=0) if len(body) > 512 else None,
            "etag": etag,
            # The shared store forgets the entry then; copies in workers' memory must too.
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,
        }
        try:
            _cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store a page in the page cache.", exc_info=True)


# -- what starts a new generation --------------------------------------------------

# Records that readers never see, or that are shown only on pages never stored
# (forms): changing them must not empty the cache, or a flood of RSVPs would.
UNSEEN_MODELS = {
    "core.contactmessage",
    "events.rsvp",
    "events.rsvptally",
    "events.localactionproposal",
    "members.membershipapplication",
    "wordpress.importeditem",
    # Made while a page renders for the first time; the image itself is watched.
    "wagtailimages.rendition",
}
WATCHED_APPS = {
    "core",
    "newsroom",
    "events",
    "members",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailcore",
    "wagtail_localize",
}


def affects_readers(instance) -> bool:
    """Would saving or deleting ``instance`` change a page a reader can get?"""
    from wagtail.models import Page

    meta = instance._meta
    if meta.label_lower in UNSEEN_MODELS or meta.app_label not in WATCHED_APPS:
        return False
    if isinstance(instance, Page):
        # Drafts change nothing public; publishing is its own signal.
        return False
    if meta.app_label in ("wagtailcore", "wagtail_localize"):
        # A view restriction added to a live page must hide its stored copy.
        return meta.model_name in ("site", "locale", "collection", "pageviewrestriction")
    if meta.label_lower == "members.endorsement":
        return instance.status not in ("unconfirmed", "pending")
    return True


def _saved(sender, instance, created: bool = False, **kwargs) -> None:
    from wagtail.models import Page

    if affects_readers(instance):
        pages_changed()
    elif created and isinstance(instance, Page) and instance.live:
        # A page created live, without a publish (an import, a script).
        pages_changed()


def _page_deleted(sender, instance, **kwargs) -> None:
    if getattr(instance, "live", False):
        pages_changed()


def _page_event(sender, instance=None, **kwargs) -> None:
    pages_changed()
    if instance is not None and settings.WAGTAILFRONTENDCACHE:
        proxy_purge_ancestors(instance)


def proxy_purge_ancestors(page) -> None:
    """Tell the reverse proxy that the listings above a changed page changed too.

    Wagtail's frontend cache app purges the page itself; its parents (the
    statements listing and its feeds, the home page) show it as well.
    """
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    ancestors = page.get_ancestors().filter(depth__gt=1).live().specific()
    batch = PurgeBatch()
    batch.add_pages(ancestors)
    try:
        batch.purge()
    except Exception:  # the proxy's max-age bounds staleness if a purge is lost
        logger.warning("Could not purge the reverse proxy.", exc_info=True)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(_saved, dispatch_uid="pagecache-deleted")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_event, dispatch_uid=f"pagecache-{id(signal)}")

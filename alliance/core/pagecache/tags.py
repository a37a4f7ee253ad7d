"""What each stored page shows, so that a publish forgets only the pages that show it.

A stored page carries the tags of what it was rendered from: the page the
address routed to (every page gets that one, from a ``before_serve_page``
hook), anything a view or page adds with :func:`depends_on` (a topic whose
newest statements a page lists, an organization whose events its profile
lists), or ``ANY`` when no page served it (search, the sitemap), which every
publish touches.

Each tag has a stamp in the shared store: the moment it last changed, read
from the store's own clock (Redis's ``TIME``, one clock for every server; the
local clock for the file store, which only one machine reads). A stored page
is served only while every one of its tags has a stamp older than the moment
its rendering started. The start is read before Django runs, so a page
rendered while an editor publishes, from the data of before, is never served
once the publish has stamped its tags (it stamps them again on commit, see
``invalidation``).

A tag with no stamp (never stamped, expired, or evicted by the store) proves
nothing, so the page is rendered again; storing it gives the missing tags a
stamp just older than its own start. The whole-site generation
(``alliance.core.generation``) still ends every stored page at once, for
changes that are not a page's (settings, images, endorsements) or that touch
the whole site (a move, a page leaving, the menu).

This module is imported by the front before Django is set up: no models here.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import BaseCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest

from alliance.core import generation

from . import changes

STAMP_PREFIX = "pagecache:tag:"
# Served by no page: search results, the sitemap, read only by the API. Every publish stamps it.
ANY = "any"
# Where the tags of the response under way are gathered (request.environ).
ENVIRON_TAGS = "alliance.pagecache.tags"
# A stamp far older than any page start, for "just older than this page".
_EPSILON = 1e-6


def tag_for(model: type, pk: object) -> str:
    """The tag of one record: the label of its model's base (pages: ``wagtailcore.page``) and key.

    The base model, as in Wagtail's reference index: a statement and the page
    it is are the same tag.
    """
    parents = model._meta.get_parent_list()
    base = parents[-1] if parents else model
    return f"{base._meta.label_lower}:{pk}"


def depends_on(request: HttpRequest, *objects) -> None:
    """Note that the response under way shows ``objects`` (records, or tags as strings)."""
    tags = request.environ.setdefault(ENVIRON_TAGS, set())
    for obj in objects:
        tags.add(obj if isinstance(obj, str) else tag_for(type(obj), obj.pk))


def of_response(environ: dict) -> tuple[str, ...]:
    """The tags a response carries: those gathered, or ``ANY`` when none were."""
    return tuple(sorted(environ.get(ENVIRON_TAGS) or (ANY,)))


def clock(store: BaseCache) -> float:
    """Now, by the clock every server agrees on: the store's."""
    if isinstance(store, RedisCache):
        try:
            seconds, micro = store._cache.get_client(write=False).time()
            return seconds + micro / 1_000_000
        except Exception:  # noqa: BLE001 - the local clock; a store that is down serves nothing
            return time.time()
    return time.time()


def _keys(tags: Iterable[str]) -> list[str]:
    return [STAMP_PREFIX + tag for tag in tags]


def _stamps(store: BaseCache, tags: tuple[str, ...]) -> list[float | None]:
    small = getattr(store, "get_small", None)
    if small is not None:
        return [small(key) for key in _keys(tags)]
    found = store.get_many(_keys(tags))
    return [found.get(key) for key in _keys(tags)]


def fresh(store: BaseCache, entry: dict) -> bool:
    """Has nothing the stored page shows changed since its rendering started?"""
    started = entry.get("started")
    tags = entry.get("tags")
    if started is None or not tags:  # stored by an earlier version
        return False
    return all(stamp is not None and stamp < started for stamp in _stamps(store, tags))


def current_and_fresh(store: BaseCache, entry: dict | None) -> tuple[str, bool]:
    """The site's generation, and whether ``entry`` is ``fresh``: one round trip to Redis.

    A hit from a worker's memory is otherwise two (the generation, then the
    stamps). The file store reads both from files it keeps small.
    """
    shows = entry.get("tags") if entry is not None else None
    if not shows or getattr(store, "get_small", None) is not None:
        return generation.read(store), entry is not None and fresh(store, entry)
    keys = _keys(shows)
    found = store.get_many([generation.GENERATION_KEY, *keys])
    current = found.get(generation.GENERATION_KEY) or generation.read(store)
    started = entry.get("started")
    stamps = [found.get(key) for key in keys]
    return current, started is not None and all(
        stamp is not None and stamp < started for stamp in stamps
    )


def keep_for() -> int:
    """How long a stamp is kept: past any page stored before it; a lost one costs a render."""
    return 2 * settings.PAGE_CACHE_SECONDS + 60


def settle(store: BaseCache, tags: tuple[str, ...], started: float) -> None:
    """Give each tag of a page about to be stored that has no stamp one just older than it."""
    missing = [tag for tag, stamp in zip(tags, _stamps(store, tags), strict=True) if stamp is None]
    for key in _keys(missing):
        store.add(key, started - _EPSILON, keep_for())


def stamp(store: BaseCache, tags: Iterable[str]) -> None:
    """The content behind ``tags`` changed now: pages stored before showing it are not served."""
    now = clock(store)
    store.set_many(dict.fromkeys(_keys(tags), now), keep_for())
    changes.announce(store)

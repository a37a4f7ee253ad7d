"""The content generation: values that change whenever anything a reader can see changes.

Two values, kept in the page cache's store (``settings.PAGE_CACHE_ALIAS``),
shared by every worker and server, so a change made through one is seen by all
on their next read:

- the site's generation, which ends everything kept from before at once: a
  change that is not one page's (settings, images, endorsements) or that
  touches the whole site (a page moved or gone, the menu). Whole pages in the
  page cache are kept under it;
- the publication, which changes with every publish as well. The parts of
  pages kept for later (the header and footer in ``{% cache %}`` blocks,
  listing totals, the restricted sections) are kept under both
  (:func:`current`). Whole pages are not: a publish ends only the stored pages
  that show the page published (``alliance.core.pagecache.tags``).
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction

from alliance.core.pagecache import changes

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PUBLICATION_KEY = "pagecache:publication"
# What ``read`` answers when the store keeps nothing (an outage).
UNKNOWN = "unknown"


def store() -> BaseCache:
    """The shared store holding the generation (and the page cache's pages)."""
    return caches[settings.PAGE_CACHE_ALIAS]


def pages_changed() -> None:
    """Start a new generation: everything kept from before is out of date from now on.

    And once more when the change is committed: until then other workers
    still read the data from before it, and a page one of them renders in
    that moment would otherwise be kept under the new generation and
    outlive the change.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def page_published() -> None:
    """Start a new publication (now, and once more on commit: see ``pages_changed``)."""
    _new_value(PUBLICATION_KEY)
    transaction.on_commit(lambda: _new_value(PUBLICATION_KEY))


def _new_generation() -> None:
    _new_value(GENERATION_KEY)


def _new_value(key: str) -> None:
    try:
        cache = store()
        cache.set(key, secrets.token_hex(8), None)
        changes.announce(cache)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.warning("Could not start a new page cache generation.", exc_info=True)


def read(cache: BaseCache, key: str = GENERATION_KEY) -> str:
    """The site's generation (or the value at ``key``) in ``cache``, starting one if there is none.

    It is read on every request, so a store that can tell cheaply that the
    value has not changed since the last read (``PageFileCache.get_small``)
    is asked that way.
    """
    value = getattr(cache, "get_small", cache.get)(key)
    if value is None:
        # First request after a start or a flush: whoever adds first wins.
        if cache.add(key, secrets.token_hex(8), None):
            changes.announce(cache)
        value = cache.get(key) or UNKNOWN
    return value


def current() -> str:
    """The site's generation and publication, for caches of parts of pages (menus, footers, counts).

    They go stale at every publish; a cache outage gives a value that matches
    nothing, so those parts are simply computed. Both are written only with word
    to every worker (``pagecache.changes``): while none came, the value read last
    is still current, and the store is not asked again (several times a page).
    """
    try:
        cache = store()
        watch = changes.watcher(cache)
        # Read before the store: a change written after this changes the token.
        token = watch.token() if watch is not None else None
        if token is not None:
            remembered = watch.current_generation
            if remembered is not None and remembered[0] == token:
                return remembered[1]
        site, publication = read(cache), read(cache, PUBLICATION_KEY)
    except Exception:  # noqa: BLE001 - see above
        logger.warning("Could not read the page cache generation.", exc_info=True)
        return secrets.token_hex(8)
    if UNKNOWN in (site, publication):
        # A store that answers nothing (Redis down, ResilientRedisCache): the same value on
        # every request would let what each process keeps in memory outlive any change.
        return secrets.token_hex(8)
    value = f"{site}.{publication}"
    if token is not None:
        watch.current_generation = (token, value)
    return value

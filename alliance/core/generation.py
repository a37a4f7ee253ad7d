"""The content generation: a value that changes whenever anything a reader can see changes.

Whatever is computed from published content and kept for later (whole pages in
the page cache, the header and footer in ``{% cache %}`` blocks, listing totals,
the restricted sections) is kept under the generation it was computed in, and
is simply not found once a new generation starts. Nothing has to know what a
change touched; there is one thing to change.

The value lives in the page cache's store (``settings.PAGE_CACHE_ALIAS``),
shared by every worker and server, so a change made through one is seen by all
on their next read.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


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


def _new_generation() -> None:
    try:
        store().set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.warning("Could not start a new page cache generation.", exc_info=True)


def read(cache: BaseCache) -> str:
    """The generation in ``cache``, starting one if there is none yet.

    It is read on every request, so a store that can tell cheaply that the
    value has not changed since the last read (``PageFileCache.get_small``)
    is asked that way.
    """
    value = getattr(cache, "get_small", cache.get)(GENERATION_KEY)
    if value is None:
        # First request after a start or a flush: whoever adds first wins.
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        value = cache.get(GENERATION_KEY) or "unknown"
    return value


def current() -> str:
    """The current generation, for caches of parts of pages (menus, footers, counts).

    They go stale exactly when whole pages do; a cache outage gives a value
    that matches nothing, so those parts are simply computed.
    """
    try:
        return read(store())
    except Exception:  # noqa: BLE001 - see above
        logger.warning("Could not read the page cache generation.", exc_info=True)
        return secrets.token_hex(8)

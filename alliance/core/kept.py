"""Values computed from published content, kept until that content changes.

A page the page cache cannot answer (a reader with a cookie, an address
stored too long ago, a page a publish touched) is rendered again. Many of its
parts are the same on every render until something is published: which
languages a page exists in, its ancestors, its JSON-LD, the statements related
to it, the endorsements listed under it. Those are kept in the
``template_fragments`` cache (where Django's ``{% cache %}`` blocks keep the
header and footer) under the content generation (``generation.current()``),
which every publish and every site-wide change renews, so nothing kept here
outlives the content it was computed from. A cache outage computes every
value (``ResilientRedisCache`` answers a miss).

Only values that are the same for every reader of a page and language may be
kept here: nothing that depends on who is signed in.
"""

from __future__ import annotations

import copy
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.utils import translation

from alliance.core import generation

ALIAS = "template_fragments"
# Longer than a generation usually lives; an entry of an old generation is
# never read again and simply expires.
SECONDS = 3600

T = TypeVar("T")
_MISSING = object()

_in_process: dict[tuple[str, Hashable], tuple[str, object]] = {}
_in_process_lock = threading.Lock()

# The values this process read or computed lately, by key. A key names its generation, so
# a value found here is as current as the shared store's: no other check is needed.
_recent: OrderedDict[str, object] = OrderedDict()
RECENT_ENTRIES = 4096


def request_generation(request: HttpRequest | None) -> str:
    """The content generation, read once per request (it costs a cache read)."""
    if request is None:
        return generation.current()
    if not hasattr(request, "_alliance_generation"):
        request._alliance_generation = generation.current()
    return request._alliance_generation


def kept(
    request: HttpRequest | None,
    name: str,
    *parts: object,
    compute: Callable[[], T],
    mutable: bool = False,
    through_publishing: bool = False,
) -> T:
    """``compute()``, or what it gave for this name, parts, language and host in this generation.

    The language and host are part of the key: the value may hold words in
    the reader's language and absolute addresses. A value the process has
    used lately is answered from its memory without reading the shared store
    (about 0.1 ms a read, and unpickling); a ``mutable`` one (model instances
    the caller changes) is copied for each caller.

    ``through_publishing`` keeps the value through publishes, until the site's
    generation changes (a move, a page gone, settings, images): for a part of
    one page whose ``parts`` name everything in it that a publish can change
    (a statement's card, by the fields it shows).
    """
    host = request.get_host() if request is not None else ""
    language = translation.get_language() or ""
    current = request_generation(request)
    if through_publishing:
        current = current.split(".")[0]
    key = ":".join(["kept", name, *map(str, parts), language, host, current])
    value = _recent.get(key, _MISSING)
    if value is _MISSING:
        store = caches[ALIAS]
        value = store.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            store.set(key, value, SECONDS)
        # A mutable value is remembered pickled: unpickling gives each caller its own
        # copy in about half the time of copy.deepcopy (model instances).
        remembered = pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if mutable else value
        with _in_process_lock:
            _recent[key] = remembered
            if len(_recent) > RECENT_ENTRIES:
                _recent.popitem(last=False)
        return value
    return pickle.loads(value) if mutable else value  # noqa: S301 (this process's own bytes)


def in_process(
    request: HttpRequest | None, name: str, key: Hashable, compute: Callable[[], T]
) -> T:
    """A copy of ``compute()``, kept in this process's memory for as long as the site's generation.

    For the few records every page reads and editors rarely change (the site,
    the alliance's settings): saving one starts a new site generation
    (``pagecache.invalidation``), the first half of the content generation.
    Each caller gets its own copy, so what one request sets on the object (a
    cached attribute, a related object) does not reach the next.
    """
    current = request_generation(request).split(".")[0]
    entry = _in_process.get((name, key))
    if entry is None or entry[0] != current:
        value = compute()
        with _in_process_lock:
            _in_process[name, key] = (current, value)
    else:
        value = entry[1]
    return copy.deepcopy(value)

"""Word of changes, so that a worker need not ask the shared store on every stored page it serves.

A page a worker keeps in its memory (``stores.RecentPages``) may be served only
while the site's generation is the one it was rendered in and none of the tags
it shows was stamped since (``tags``). Checking that costs a read of the shared
store per request: a round trip to Redis, or a few files. That check is most of
what serving a stored page costs, and almost every time it finds that nothing
changed.

So every write that could end a stored page (a new generation, a stamp, a clear)
also announces itself here, after the write. A worker notes the token current
when it checked a page against the store; while the token is the same, no
change has been announced since, and the page is served without asking again.
The token is read before the store, and a writer announces after writing, so a
change is either seen by the check or changes the token after it.

- On disk (one machine): eight bytes in a file that every worker maps into its
  memory (``mmap``). A writer puts new random bytes there; reading them is a
  memory access.
- With Redis (several machines): each worker listens on a channel (publish and
  subscribe) in a thread of its own, and counts what it hears. It trusts the
  count only while it hears from Redis at least every ``SILENCE`` seconds (it
  pings every ``HEARTBEAT``); otherwise, or until it has subscribed again after
  a lost connection, there is no token and every page is checked as before. A
  change announced through another worker reaches this one when the message
  arrives, usually well under a millisecond later; the worker announcing it
  counts it at once.
- Any other store has no watcher: every page is checked against the store.

Imported by the front before Django is set up: no models here.
"""

from __future__ import annotations

import logging
import mmap
import os
import secrets
import threading
import time

import redis
from django.core.cache import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

CHANNEL = "alliance:pagecache:changes"
FILE_NAME = "changes.bin"  # not a ``.djcache`` file: the cache's clear and cull leave it
HEARTBEAT = 1.0
SILENCE = 3.0
_ATTRIBUTE = "_alliance_changes"
_TOKEN_BYTES = 8


class Watcher:
    """What both kinds of watcher keep besides their token."""

    # The content generation as last read from the store, and the token it was read at
    # (``generation.current``): still current while the token is the same.
    current_generation: tuple[object, str] | None = None


class FileChanges(Watcher):
    """The token as eight bytes in a file mapped into every worker's memory."""

    def __init__(self, directory: str) -> None:
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, FILE_NAME)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(descriptor).st_size < _TOKEN_BYTES:
                os.ftruncate(descriptor, _TOKEN_BYTES)  # zeros: the same in every worker
            self._map = mmap.mmap(descriptor, _TOKEN_BYTES)
        finally:
            os.close(descriptor)  # the mapping keeps the file

    def token(self) -> bytes:
        return self._map[:_TOKEN_BYTES]

    def announce(self) -> None:
        self._map[:_TOKEN_BYTES] = secrets.token_bytes(_TOKEN_BYTES)


class RedisChanges(Watcher):
    """The token as a count of the messages heard on ``CHANNEL``, while Redis is heard.

    One per Redis server in a process (``watcher``), with a client of its own: the cache
    objects Django makes per thread and per test would otherwise each keep a listener.
    """

    def __init__(self, location: str) -> None:
        # The timeouts of the caches (settings.CACHES): an announce during an outage must
        # not hold up an editor's publish. Listening waits with get_message's own timeout.
        self._client = redis.Redis.from_url(
            location, socket_connect_timeout=0.25, socket_timeout=0.5
        )
        self._lock = threading.Lock()
        self._count = 0
        self._heard = float("-inf")
        self._pid: int | None = None

    def token(self) -> int | None:
        if self._pid != os.getpid():  # first use in this process (workers are forked)
            self._start()
        if time.monotonic() - self._heard > SILENCE:
            return None
        return self._count

    def announce(self) -> None:
        self._bump()
        try:
            self._client.publish(CHANNEL, b"")
        except Exception:  # noqa: BLE001 - see below
            # Usually Redis is out of reach, and the write announced failed as well; if only
            # this message was lost, other workers serve their copies until they expire
            # (settings.PAGE_CACHE_SECONDS) or the next change is announced.
            logger.warning("Could not announce a change to the other workers.", exc_info=True)

    def _bump(self) -> None:
        with self._lock:
            self._count += 1

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._heard = float("-inf")
        thread = threading.Thread(target=self._listen, name="pagecache-changes", daemon=True)
        thread.start()

    def _listen(self) -> None:
        while True:
            pubsub = None
            try:
                pubsub = self._client.pubsub()
                pubsub.subscribe(CHANNEL)
                self._hear(pubsub)
            except Exception:  # noqa: BLE001 - lost: untrusted until subscribed again
                self._heard = float("-inf")
                self._bump()
                logger.info("Not hearing the page cache's changes; checking every page.")
                time.sleep(HEARTBEAT)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # noqa: BLE001, S110 - closing a broken connection
                        pass

    def _hear(self, pubsub) -> None:
        pinged = time.monotonic()
        while True:
            message = pubsub.get_message(timeout=HEARTBEAT)
            now = time.monotonic()
            if message is not None:
                if message["type"] in ("subscribe", "message"):
                    # On subscribing too: whatever was checked before may have missed a change.
                    self._bump()
                self._heard = now
            if now - pinged >= HEARTBEAT:
                pubsub.ping()
                pinged = now


_listening: dict[str, RedisChanges] = {}


def watcher(store: BaseCache) -> FileChanges | RedisChanges | None:
    """The watcher of ``store``'s changes, made on first use; None for a store without one."""
    found = getattr(store, _ATTRIBUTE, False)
    if found is not False:
        return found
    made = None
    try:
        if isinstance(store, RedisCache):
            location = store._servers[0]
            made = _listening.get(location)
            if made is None:
                made = _listening.setdefault(location, RedisChanges(location))
        elif isinstance(store, FileBasedCache):
            made = FileChanges(store._dir)
    except OSError:
        logger.warning("No word of changes for the page cache; checking every page.", exc_info=True)
    setattr(store, _ATTRIBUTE, made)
    return made


def announce(store: BaseCache) -> None:
    """Something that can end stored pages was just written to ``store``: tell every worker."""
    found = watcher(store)
    if found is not None:
        found.announce()

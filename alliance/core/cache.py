"""The cache backends of the four caches in ``settings.CACHES``.

- ``ResilientRedisCache``, every cache with ``REDIS_URL``: Django's RedisCache
  raises on a lost connection, which would turn a cache outage into a site
  outage. Here every read answers a miss and every write is skipped, with a
  warning in the log, so pages render from the database until Redis is back.
- ``PageFileCache``, the page cache's store on disk (``alliance.core.pagecache``).
- ``FragmentFileCache`` and ``FragmentRedisCache``, the ``template_fragments`` cache: the
  same, remembering in the process what it read lately (``RememberedFragments``).
- ``RenditionFileCache``, Wagtail's image renditions on disk.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from alliance.core.pagecache import changes

logger = logging.getLogger(__name__)

_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(answer_on_outage):
    def wrap(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _OUTAGE as error:
                logger.warning("Cache unavailable during %s: %s", method.__name__, error)
                return answer_on_outage(*args, **kwargs)

        return guarded

    return wrap


def _default(key=None, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrade(_default)(RedisCache.get)
    get_many = _degrade(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    # add answers True on an outage: callers use it to refuse duplicates, and
    # with no memory of earlier submissions a submission must not be refused.
    add = _degrade(lambda *a, **k: True)(RedisCache.add)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    set_many = _degrade(lambda *a, **k: [])(RedisCache.set_many)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)

    @_degrade(lambda *a, **k: None)
    def clear(self):
        super().clear()
        # Redis forgets every key of the database: pages kept in workers' memory go too.
        changes.announce(self)

    def incr(self, key, delta=1, version=None):
        # An outage surfaces as a ValueError, the error callers already
        # handle for a missing key.
        try:
            return super().incr(key, delta, version)
        except _OUTAGE as error:
            logger.warning("Cache unavailable during incr: %s", error)
            raise ValueError("cache unavailable") from error


_SMALL = 4096


def _two_pickles(raw: bytes) -> tuple:
    stream = io.BytesIO(raw)
    expiry = pickle.load(stream)  # noqa: S301 (our own files)
    return expiry, pickle.load(stream)  # noqa: S301


class PageFileCache(FileBasedCache):
    """Django's file cache without its zlib step, for stored pages.

    A stored page is read thousands of times for each write, and decompressing
    it cost more than the rest of answering it (bench/README.md). Its gzip copy
    is compressed already; the plain copy takes a few more KB on disk.

    Django's file cache also lists its whole directory on every write to see
    whether it holds more than ``MAX_ENTRIES`` files, a cost paid on each page
    stored and on each image shown (Wagtail writes its rendition cache every
    time; bench/README.md). Here that check runs at most once every
    ``CULL_SECONDS`` in each process, so the directory may briefly hold a few
    more files than the limit.
    """

    CULL_SECONDS = 30.0

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._small: dict[str, tuple[bytes, float | None, object]] = {}
        self._small_files: dict[tuple, str] = {}
        self._culled_at = float("-inf")

    def _cull(self):
        now = time.monotonic()
        if now - self._culled_at < self.CULL_SECONDS:
            return
        self._culled_at = now
        super()._cull()

    def get_small(self, key, default=None, version=None):
        """``get`` for a small value read on every request (the page generation).

        The file's bytes are read as they are, and when they are the same as
        last time the value unpickled then is answered. A comparison of bytes
        rather than of the file's modification time, which the kernel keeps
        in ticks of several milliseconds: two changes within one tick must
        not go unnoticed.
        """
        fname = self._small_files.get((key, version))
        if fname is None:
            fname = self._small_files[key, version] = self._key_to_file(key, version)
        try:
            descriptor = os.open(fname, os.O_RDONLY)
        except FileNotFoundError:
            return default
        try:
            raw = os.read(descriptor, _SMALL)
        finally:
            os.close(descriptor)
        if len(raw) == _SMALL:  # not small after all
            return self.get(key, default, version)
        known = self._small.get(fname)
        if known is None or known[0] != raw:
            try:
                expiry, value = _two_pickles(raw)
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
                return self.get(key, default, version)  # too large, or torn: the slow way
            known = self._small[fname] = (raw, expiry, value)
        expiry = known[1]
        if expiry is not None and expiry < time.time():
            return default
        return known[2]

    def clear(self):
        super().clear()
        # Pages kept in workers' memory go too (alliance.core.pagecache.changes).
        changes.announce(self)

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(f.read())  # noqa: S301 (our own files)
        except FileNotFoundError:
            pass
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            # A file from another format (Django's compressed one, before an
            # upgrade) or a torn write: a miss, and the file goes.
            self._delete(fname)
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, self, version)
        if value is self:
            return False
        self.set(key, value, timeout, version)
        return True


class RenditionFileCache(PageFileCache):
    """The file cache for Wagtail's image renditions.

    Wagtail writes a rendition to its cache every time an image is shown,
    found there or not: a new file and a rename, twice for every page with a
    logo and a share image. A write of the value the file already holds, while
    it is still fresh, is skipped.
    """

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        stored = self.get(key, self, version)
        if stored is not self and _same(stored, value):
            return
        super().set(key, value, timeout, version)


def _same(stored, value) -> bool:
    """The same rendition: same row (or both without one), file, size and focal point.

    Renditions Wagtail creates in bulk come back without a primary key on
    SQLite, and are cached that way; their file name is what makes them one.
    """
    if not str(getattr(value, "file", "")):
        return False
    return _identity(stored) == _identity(value)


def _identity(rendition) -> tuple:
    return (
        type(rendition),
        getattr(rendition, "pk", None),
        str(getattr(rendition, "file", "")),
        getattr(rendition, "width", None),
        getattr(rendition, "height", None),
        getattr(rendition, "focal_point_key", None),
        getattr(rendition, "filter_spec", None),
    )


_ABSENT = object()


class RememberedFragments:
    """Cache mixin: values this process read or wrote lately are answered from its memory.

    For the ``template_fragments`` cache only, where every key names the content
    generation (the ``{% cache %}`` blocks of the templates pass ``generation``,
    ``core.kept`` and ``core.routing`` put it in their keys): what is stored under
    a key never changes, so a remembered value needs no check against the shared
    store, whose read (a file and unpickling, or a round trip to Redis) was most of
    the cost of each part of a page kept there. Only immutable values (strings:
    the HTML of blocks; tuples: routes) are remembered; ``core.kept`` copies the
    others itself. At most ``REMEMBERED`` values, the least recently used go first.
    """

    REMEMBERED = 2048

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._remembered: OrderedDict = OrderedDict()
        self._remembered_lock = threading.Lock()

    def _remember(self, key: tuple, value) -> None:
        if isinstance(value, (str, tuple)):
            with self._remembered_lock:
                self._remembered[key] = value
                if len(self._remembered) > self.REMEMBERED:
                    self._remembered.popitem(last=False)

    def get(self, key, default=None, version=None):
        value = self._remembered.get((key, version), _ABSENT)
        if value is not _ABSENT:
            return value
        value = super().get(key, _ABSENT, version)
        if value is _ABSENT:
            return default
        self._remember((key, version), value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        self._remember((key, version), value)

    def delete(self, key, version=None):
        with self._remembered_lock:
            self._remembered.pop((key, version), None)
        return super().delete(key, version)

    def clear(self):
        with self._remembered_lock:
            self._remembered.clear()
        return super().clear()


class FragmentFileCache(RememberedFragments, PageFileCache):
    pass


class FragmentRedisCache(RememberedFragments, ResilientRedisCache):
    pass

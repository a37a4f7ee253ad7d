"""Word of changes: a worker serves its copy without asking the store while nothing changed."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from alliance.core import generation
from alliance.core.cache import PageFileCache
from alliance.core.pagecache import changes, tags
from alliance.newsroom.tests.factories import StatementPageFactory

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis, which CI provides")


def file_store(directory) -> PageFileCache:
    return PageFileCache(str(directory), {})


def test_a_file_store_token_stays_the_same_while_nothing_is_announced(tmp_path):
    watcher = changes.watcher(file_store(tmp_path))
    assert watcher.token() == watcher.token()


def test_a_change_announced_by_one_worker_changes_the_token_another_reads(tmp_path):
    # Two store objects on one directory: two workers of one machine.
    mine, theirs = changes.watcher(file_store(tmp_path)), changes.watcher(file_store(tmp_path))
    before = theirs.token()
    mine.announce()
    assert theirs.token() != before


def test_clearing_a_file_store_is_announced(tmp_path):
    store = file_store(tmp_path)
    before = changes.watcher(store).token()
    store.clear()
    assert changes.watcher(store).token() != before


def test_stamping_a_tag_is_announced(tmp_path):
    store = file_store(tmp_path)
    before = changes.watcher(store).token()
    tags.stamp(store, ["wagtailcore.page:1"])
    assert changes.watcher(store).token() != before


@needs_redis
def test_every_cache_object_on_one_redis_shares_one_watcher():
    location = settings.CACHES["pages"]["LOCATION"]
    first, second = RedisCache(location, {}), RedisCache(location, {})
    assert changes.watcher(first) is changes.watcher(second)


def test_a_store_in_one_process_memory_has_no_watcher():
    assert changes.watcher(LocMemCache("pages-of-one-process", {})) is None


@pytest.fixture
def file_pages(settings, tmp_path):
    """The page cache on disk, as `make run` keeps it without Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "alliance.core.cache.PageFileCache", "LOCATION": str(tmp_path)},
    }
    caches["pages"].clear()
    return caches["pages"]


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(parent=statement_index, title="Stop the deportations")


@pytest.mark.django_db
def test_a_checked_copy_is_served_without_asking_the_store(
    file_pages, served, statement, monkeypatch
):
    served(statement.url)
    assert served(statement.url).hit

    def store_asked(*args, **kwargs):
        raise AssertionError("the store was asked")

    monkeypatch.setattr(tags, "current_and_fresh", store_asked)
    assert served(statement.url).hit


@pytest.mark.django_db
def test_a_publish_through_another_worker_is_seen_at_once(
    file_pages, served, another_worker, statement
):
    served(statement.url)
    another_worker(statement.url)
    assert another_worker(statement.url).hit
    statement.title = "Stop all the deportations now"
    statement.save_revision().publish()
    answer = another_worker(statement.url)
    assert not answer.hit
    assert b"Stop all the deportations now" in answer.body


@pytest.mark.django_db
def test_a_new_generation_is_seen_by_a_worker_holding_a_copy(file_pages, served, statement):
    served(statement.url)
    assert served(statement.url).hit
    generation.pages_changed()
    assert not served(statement.url).hit


def _heard(watcher, wanted=lambda token: token is not None, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        token = watcher.token()
        if wanted(token):
            return token
        time.sleep(0.01)
    return watcher.token()


@needs_redis
def test_a_redis_watcher_trusts_its_count_once_subscribed():
    watcher = changes.RedisChanges(settings.CACHES["pages"]["LOCATION"])
    assert _heard(watcher) is not None


@needs_redis
def test_a_change_announced_through_redis_reaches_another_worker():
    mine = changes.RedisChanges(settings.CACHES["pages"]["LOCATION"])
    theirs = changes.RedisChanges(settings.CACHES["pages"]["LOCATION"])
    before = _heard(theirs)
    _heard(mine)
    mine.announce()
    assert _heard(theirs, lambda token: token not in (None, before)) not in (None, before)


def test_a_redis_watcher_that_hears_nothing_gives_no_token():
    watcher = changes.RedisChanges("redis://127.0.0.1:9/0")
    time.sleep(0.3)
    assert watcher.token() is None


@pytest.mark.django_db
def test_the_content_generation_is_read_again_only_after_word_of_a_change(file_pages, monkeypatch):
    generation.current()  # the first read after a start writes both values, with word of it
    first = generation.current()
    reads = []
    read = generation.read
    monkeypatch.setattr(generation, "read", lambda *args: reads.append(args) or read(*args))
    assert generation.current() == first
    assert reads == []
    generation.page_published()
    assert generation.current() != first
    assert reads

"""The page cache's file store: Django's file cache, minus compression."""

import time

import pytest

from alliance.core.cache import FragmentFileCache, PageFileCache, RenditionFileCache


@pytest.fixture
def store(tmp_path):
    return PageFileCache(str(tmp_path), {})


def test_stored_value_comes_back(store):
    store.set("page", {"body": b"<html>" * 1000}, 60)
    assert store.get("page") == {"body": b"<html>" * 1000}


def test_files_hold_the_value_uncompressed(store, tmp_path):
    store.set("page", b"readable-marker" * 10, 60)
    (stored,) = [p for p in tmp_path.iterdir() if p.suffix == ".djcache"]
    assert b"readable-marker" in stored.read_bytes()


def test_expired_value_is_gone(store):
    store.set("page", b"old", 1)
    time.sleep(1.1)
    assert store.get("page", "missing") == "missing"


def test_missing_key_answers_the_default(store):
    assert store.get("nothing", "default") == "default"


def test_add_keeps_the_first_value(store):
    assert store.add("generation", "a", None)
    assert not store.add("generation", "b", None)
    assert store.get("generation") == "a"


def test_touch_extends_a_value_and_keeps_it(store):
    store.set("page", b"kept", 1)
    assert store.touch("page", 60)
    time.sleep(1.1)
    assert store.get("page") == b"kept"


def test_get_many_reads_several(store):
    store.set("a", 1, 60)
    store.set("b", 2, 60)
    assert store.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}


def test_file_in_another_format_is_a_miss_and_goes(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", b"compressed by Django", 60)
    store = PageFileCache(str(tmp_path), {})
    assert store.get("page", "missing") == "missing"
    assert not list(tmp_path.glob("*.djcache"))


def test_small_value_comes_back(store):
    store.set("generation", "a1b2", None)
    assert store.get_small("generation") == "a1b2"


def test_small_value_changed_by_another_worker_is_seen_at_once(store, tmp_path):
    other_worker = PageFileCache(str(tmp_path), {})
    store.set("generation", "before", None)
    assert store.get_small("generation") == "before"
    # Within the same clock tick: the file's bytes decide, not its timestamp.
    other_worker.set("generation", "after!", None)
    assert store.get_small("generation") == "after!"


def test_small_value_read_twice_is_still_the_value(store):
    store.set("generation", "same", None)
    assert store.get_small("generation") == store.get_small("generation") == "same"


def test_small_value_that_expired_is_gone(store):
    store.set("generation", "short", 1)
    assert store.get_small("generation") == "short"
    time.sleep(1.1)
    assert store.get_small("generation", "missing") == "missing"


def test_missing_small_value_answers_the_default(store):
    assert store.get_small("nothing", "default") == "default"


def test_deleted_small_value_is_gone(store):
    store.set("generation", "gone soon", None)
    store.get_small("generation")
    store.delete("generation")
    assert store.get_small("generation") is None


def test_large_value_asked_as_small_still_comes_back(store):
    store.set("page", b"x" * 10_000, 60)
    assert store.get_small("page") == b"x" * 10_000


def test_directory_is_counted_at_most_once_per_cull_interval(tmp_path):
    store = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 2}})
    for number in range(8):
        store.set(f"page-{number}", number, 60)
    # Only the first write looked at the directory (it held nothing yet).
    assert len(list(tmp_path.glob("*.djcache"))) == 8


def test_directory_is_held_to_max_entries_when_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(PageFileCache, "CULL_SECONDS", 0)
    store = PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 2}})
    for number in range(8):
        store.set(f"page-{number}", number, 60)
    assert len(list(tmp_path.glob("*.djcache"))) <= 4


class FakeRendition:
    def __init__(self, pk: int, file: str) -> None:
        self.pk, self.file, self.width, self.height = pk, file, 100, 50


def test_rendition_written_again_unchanged_leaves_the_file_alone(tmp_path):
    renditions = RenditionFileCache(str(tmp_path), {})
    renditions.set("logo", FakeRendition(1, "logo.png"), 60)
    (stored,) = tmp_path.glob("*.djcache")
    written = stored.stat().st_ino
    renditions.set("logo", FakeRendition(1, "logo.png"), 60)
    (stored,) = tmp_path.glob("*.djcache")
    assert stored.stat().st_ino == written


def test_changed_rendition_replaces_the_stored_one(tmp_path):
    renditions = RenditionFileCache(str(tmp_path), {})
    renditions.set("logo", FakeRendition(1, "logo.png"), 60)
    renditions.set("logo", FakeRendition(2, "logo-new.png"), 60)
    assert renditions.get("logo").file == "logo-new.png"


def test_rendition_without_a_key_written_again_unchanged_leaves_the_file_alone(tmp_path):
    # Wagtail's bulk-created renditions have no primary key on SQLite.
    renditions = RenditionFileCache(str(tmp_path), {})
    renditions.set("card", FakeRendition(None, "card.webp"), 60)
    (stored,) = tmp_path.glob("*.djcache")
    written = stored.stat().st_ino
    renditions.set("card", FakeRendition(None, "card.webp"), 60)
    (stored,) = tmp_path.glob("*.djcache")
    assert stored.stat().st_ino == written


def test_a_fragment_read_once_is_answered_from_memory(tmp_path):
    fragments = FragmentFileCache(str(tmp_path), {})
    fragments.set("menu:generation-1", "<nav></nav>", 60)
    FragmentFileCache(str(tmp_path), {}).get("menu:generation-1")  # another process
    for stored in tmp_path.glob("*.djcache"):
        stored.unlink()
    assert fragments.get("menu:generation-1") == "<nav></nav>"


def test_a_deleted_fragment_is_forgotten(tmp_path):
    fragments = FragmentFileCache(str(tmp_path), {})
    fragments.set("menu:generation-1", "<nav></nav>", 60)
    fragments.delete("menu:generation-1")
    assert fragments.get("menu:generation-1") is None


def test_a_mutable_fragment_value_is_not_remembered(tmp_path):
    fragments = FragmentFileCache(str(tmp_path), {})
    fragments.set("relations:generation-1", {"topics": []}, 60)
    for stored in tmp_path.glob("*.djcache"):
        stored.unlink()
    assert fragments.get("relations:generation-1") is None

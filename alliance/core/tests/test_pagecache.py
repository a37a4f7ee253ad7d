"""The page cache, through the WSGI application the production server runs."""

from __future__ import annotations

import gzip
import io
import time
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from wagtail.contrib.redirects.models import Redirect

from alliance.core import generation
from alliance.core.models import AllianceSettings
from alliance.core.pagecache.invalidation import affects_readers
from alliance.core.pagecache.stores import RecentPages, entry_key
from alliance.core.pagecache.wsgi import PageCacheApplication
from alliance.core.texts import default_texts_save
from alliance.events.models import Rsvp
from alliance.members.models import Endorsement, EndorsementStatus
from alliance.newsroom.models import Topic
from alliance.newsroom.tests.factories import StatementPageFactory
from alliance.wordpress.models import ImportedItem

from .factories import ContactPageFactory


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(parent=statement_index, title="Stop the deportations")


def test_second_reader_gets_the_stored_page(served, statement):
    first = served(statement.url)
    second = served(statement.url)
    assert first.status_code == second.status_code == 200
    assert not first.hit
    assert second.hit
    assert second.body == first.body


def test_reader_never_gets_a_page_older_than_the_last_publish(served, statement):
    served(statement.url)
    statement.title = "Stop all the deportations now"
    statement.save_revision().publish()
    answer = served(statement.url)
    assert not answer.hit
    assert b"Stop all the deportations now" in answer.body


def test_unpublished_page_is_gone_at_once(served, statement):
    served(statement.url)
    url = statement.url
    statement.unpublish()
    assert served(url).status_code == 404


def test_listing_shows_a_newly_published_statement(served, statement_index, statement):
    served(statement_index.url)
    StatementPageFactory(parent=statement_index, title="A brand new call to action")
    assert b"A brand new call to action" in served(statement_index.url).body


def test_moving_a_page_starts_a_new_generation(served, home, statement_index, statement):
    from alliance.core.tests.factories import StandardPageFactory

    served(statement_index.url)
    elsewhere = StandardPageFactory(parent=home, title="Archive", slug="archive")
    statement.move(elsewhere, pos="last-child")
    assert b"Stop the deportations" not in served(statement_index.url).body


def test_deleting_a_page_starts_a_new_generation(served, statement_index, statement):
    served(statement_index.url)
    statement.delete()
    assert b"Stop the deportations" not in served(statement_index.url).body


def test_changed_site_settings_show_at_once(served, home, site):
    served(home.url)
    alliance = AllianceSettings.for_site(site)
    alliance.contact_email = "renamed@example.org"
    alliance.save()
    assert b"renamed@example.org" in served(home.url).body


def test_changed_alliance_name_shows_at_once(served, home, site):
    served(home.url)
    default_texts_save(site, name="Renamed Alliance")
    assert b"Renamed Alliance" in served(home.url).body


def test_approved_endorsement_shows_at_once(served, statement):
    from alliance.members.endorsing import endorsement_approve
    from alliance.members.models import Endorsement, EndorsementStatus

    statement.endorsements_open = True
    statement.save_revision().publish()
    endorsement = Endorsement.objects.create(
        statement=statement,
        display_name="Coalition of Domestic Workers",
        signer_name="A. Signer",
        status=EndorsementStatus.PENDING,
    )
    served(statement.url)
    assert served(statement.url).hit
    endorsement_approve(endorsement)
    answer = served(statement.url)
    assert not answer.hit


def test_pending_records_do_not_empty_the_cache(served, statement):
    from alliance.core.models import ContactMessage

    served(statement.url)
    ContactMessage.objects.create(name="Reader", email="r@example.org", message="Hello")
    assert served(statement.url).hit


def test_signed_in_reader_is_never_served_or_stored(served, statement):
    served(statement.url)
    answer = served(statement.url, cookie="sessionid=abc123")
    assert not answer.hit


def test_page_with_a_form_is_never_stored(served, home):
    contact = ContactPageFactory(parent=home)
    served(contact.url)
    answer = served(contact.url)
    assert not answer.hit
    assert "private" in answer.headers.get("cache-control", "") or "set-cookie" in answer.headers


def test_harmless_cookies_still_get_the_stored_page(served, statement):
    served(statement.url)
    assert served(statement.url, cookie="csrftoken=abc; django_language=es").hit


def test_other_cookies_bypass_the_store(served, statement):
    served(statement.url)
    assert not served(statement.url, cookie="messages=xyz").hit


def test_stored_page_answers_304_to_its_etag(served, statement):
    first = served(statement.url)
    etag = first.headers["etag"]
    answer = served(statement.url, if_none_match=etag)
    assert answer.status_code == 304
    assert answer.body == b""


def test_uncached_page_answers_304_to_its_etag(served, statement):
    first = served(statement.url, cookie="messages=xyz")
    answer = served(statement.url, cookie="messages=xyz", if_none_match=first.headers["etag"])
    assert answer.status_code == 304


def test_stored_page_is_sent_compressed_to_who_accepts_it(served, statement):
    plain = served(statement.url)
    packed = served(statement.url, accept_encoding="gzip, br")
    assert packed.headers["content-encoding"] == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert "Accept-Encoding" in packed.headers["vary"]


def test_page_first_rendered_for_a_reader_taking_gzip_is_stored_plain(served, statement):
    # Django compresses what it renders for such a reader, outside the page cache.
    served(statement.url, accept_encoding="gzip")
    plain = served(statement.url)
    assert plain.hit
    assert "content-encoding" not in plain.headers
    assert plain.body.lstrip().startswith(b"<!DOCTYPE html>")
    assert gzip.decompress(served(statement.url, accept_encoding="gzip").body) == plain.body


def test_public_page_may_be_kept_briefly_by_shared_caches(served, statement, settings):
    answer = served(statement.url)
    control = answer.headers["cache-control"]
    assert "public" in control
    assert f"s-maxage={settings.HTTP_CACHE_SECONDS}" in control
    assert "stale-while-revalidate" in control


def test_browsers_ask_again_for_a_public_page_every_time(served, statement):
    control = served(statement.url).headers["cache-control"]
    assert "max-age=0" in control.replace("s-maxage", "")


def test_stored_page_keeps_its_security_headers(served, statement):
    served(statement.url)
    hit = served(statement.url)
    assert hit.hit
    assert "script-src 'self'" in hit.headers["content-security-policy"]
    assert hit.headers["x-content-type-options"] == "nosniff"


def test_head_request_gets_headers_only(served, statement):
    served(statement.url)
    answer = served(statement.url, method="HEAD")
    assert answer.status_code == 200
    assert answer.body == b""


def test_admin_is_never_stored(served, home):
    served("/admin/login/")
    assert not served("/admin/login/").hit


def test_feed_is_stored_and_refreshed_on_publish(served, statement_index, statement):
    feed = statement_index.url + "feed/"
    served(feed)
    assert served(feed).hit
    StatementPageFactory(parent=statement_index, title="Fresh in the feed")
    assert b"Fresh in the feed" in served(feed).body


def test_page_cache_off_when_seconds_is_zero(served, statement, settings):
    settings.PAGE_CACHE_SECONDS = 0
    served(statement.url)
    assert not served(statement.url).hit


def test_making_an_image_rendition_keeps_the_cache(served, statement):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="March", file=get_test_image_file())
    served(statement.url)
    image.get_rendition("width-400")
    assert served(statement.url).hit


def test_publish_through_one_worker_reaches_the_memory_of_another(served, statement):
    other_worker = PageCacheApplication(WSGIHandler())
    environ_for = _environ_factory(statement.url)
    served(statement.url)
    assert _status_and_hit(other_worker, environ_for()) == (200, True)
    statement.title = "Stop all the deportations now"
    statement.save_revision().publish()
    assert _status_and_hit(other_worker, environ_for()) == (200, False)


def test_a_page_is_stored_once_the_server_has_sent_it(served, statement):
    application = PageCacheApplication(WSGIHandler())
    environ = _environ_factory(statement.url)()
    key = entry_key(environ)
    chunks = application(environ, lambda status, headers: None)
    b"".join(chunks)
    assert caches[settings.PAGE_CACHE_ALIAS].get(key) is None  # the server still sends it
    chunks.close()
    assert caches[settings.PAGE_CACHE_ALIAS].get(key) is not None
    assert served(statement.url).hit


def test_page_in_a_worker_memory_leaves_when_the_stored_copy_expires(
    served, statement, monkeypatch
):
    served(statement.url)
    assert served(statement.url).hit
    later = time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    caches[settings.PAGE_CACHE_ALIAS].delete(entry_key(_environ_factory(statement.url)()))
    assert not served(statement.url).hit


def test_worker_memory_keeps_the_pages_served_last_within_its_limit():
    recent = RecentPages(limit=250)
    for name in ("a", "b", "c"):
        recent.keep(
            name, {"generation": "g", "expires": time.time() + 60, "body": b"x" * 100, "gzip": None}
        )
    assert recent.get("a", "g") is None
    assert recent.get("b", "g") is not None
    assert recent.get("c", "g") is not None
    assert recent.size == 200


def test_worker_memory_forgets_a_page_of_an_older_generation():
    recent = RecentPages(limit=1000)
    recent.keep("a", {"generation": "old", "expires": time.time() + 60, "body": b"x", "gzip": None})
    assert recent.get("a", "new") is None
    assert recent.size == 0


def _environ_factory(path: str):
    def make() -> dict:
        environ: dict = {}
        setup_testing_defaults(environ)
        environ.update(
            REQUEST_METHOD="GET",
            PATH_INFO=path,
            QUERY_STRING="",
            HTTP_HOST="testserver",
            SERVER_NAME="testserver",
            SERVER_PORT="80",
        )
        environ["wsgi.input"] = io.BytesIO(b"")
        return environ

    return make


def _status_and_hit(application, environ: dict) -> tuple[int, bool]:
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    chunks = application(environ, start_response)
    b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return int(captured["status"].split()[0]), captured["headers"].get("X-Page-Cache") == "hit"


def test_restricting_a_page_hides_its_stored_copy_at_once(served, statement):
    from wagtail.models import PageViewRestriction

    served(statement.url)
    assert served(statement.url).hit
    PageViewRestriction.objects.create(
        page=statement, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    answer = served(statement.url)
    assert not answer.hit
    assert b"Stop the deportations" not in answer.body or answer.status_code != 200


def test_generation_changes_again_when_the_publish_is_committed(
    served, statement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        statement.title = "Stop all the deportations now"
        statement.save_revision().publish()
        # A page rendered now, by a worker still reading the data from before
        # the publish, is stored under this generation...
        during = generation.current()
    for callback in callbacks:
        callback()
    # ...which the commit leaves behind.
    assert generation.current() != during


def test_records_an_app_declares_unseen_keep_the_cache():
    assert not affects_readers(ImportedItem())
    assert not affects_readers(Rsvp())
    assert not affects_readers(Session())


def test_records_seen_in_some_states_count_only_then():
    assert not affects_readers(Endorsement(status=EndorsementStatus.PENDING))
    assert affects_readers(Endorsement(status=EndorsementStatus.CONFIRMED))


def test_records_no_app_declared_count_as_seen():
    assert affects_readers(Topic())
    assert affects_readers(Redirect())

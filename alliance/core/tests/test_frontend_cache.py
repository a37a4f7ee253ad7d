"""Purging a reverse proxy (Varnish, a CDN) when pages change."""

from __future__ import annotations

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from alliance.newsroom.tests.factories import StatementPageFactory

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """Stands in for Varnish: remembers the addresses it was told to forget."""

    def purge(self, url: str) -> None:
        PURGED.append(url)


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "alliance.core.tests.test_frontend_cache.RecordingBackend"}
    }
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def test_publishing_a_statement_purges_it_its_listing_feeds_and_home(proxy, statement_index):
    statement = StatementPageFactory(parent=statement_index, live=False)
    statement.save_revision().publish()
    paths = {url.removeprefix("http://testserver") for url in proxy}
    assert statement.url in paths
    assert {"/en/statements/", "/en/statements/feed/", "/en/statements/feed/rss/"} <= paths
    assert "/en/" in paths


def test_unpublishing_purges_the_listing(proxy, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    proxy.clear()
    statement.unpublish()
    assert any(url.endswith("/en/statements/") for url in proxy)


def test_no_proxy_configured_purges_nothing(settings, statement_index):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    StatementPageFactory(parent=statement_index, live=False).save_revision().publish()
    assert PURGED == []

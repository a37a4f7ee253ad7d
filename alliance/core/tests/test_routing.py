"""Addresses routed from what was kept (core.routing), and restrictions known without a query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from alliance.core.visibility import restricted_paths
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db

COOKIE = {"HTTP_COOKIE": "messages=x"}  # past the page cache: every request renders


def queries_for(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **COOKIE)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_second_request_reads_the_page_in_one_query(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Wage theft")
    client.get(statement.url, **COOKIE)
    pages = [sql for sql in queries_for(client, statement.url) if '"wagtailcore_page"' in sql]
    assert len(pages) == 1, pages


def test_the_site_is_not_read_again(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Wage theft")
    client.get(statement.url, **COOKIE)
    assert not [sql for sql in queries_for(client, statement.url) if "wagtailcore_site" in sql]


def test_an_unpublished_page_is_gone_though_its_route_was_kept(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Wage theft")
    url = statement.url
    assert client.get(url, **COOKIE).status_code == 200
    statement.unpublish()
    assert client.get(url, **COOKIE).status_code == 404


def test_a_renamed_page_answers_at_its_new_address_only(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Wage theft", slug="wage-theft")
    old = statement.url
    assert client.get(old, **COOKIE).status_code == 200
    statement.slug = "stolen-wages"
    statement.save_revision().publish()
    assert client.get(old, **COOKIE).status_code == 404
    assert client.get("/en/statements/stolen-wages/", **COOKIE).status_code == 200


def test_a_kept_route_still_asks_for_the_password_of_a_restricted_section(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Caucus notes")
    assert client.get(statement.url, **COOKIE).status_code == 200
    PageViewRestriction.objects.create(
        page=statement_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(statement.url, **COOKIE)
    assert response.status_code == 200
    assert b"Caucus notes" not in response.content
    assert b'name="password"' in response.content


def test_a_feed_below_a_listing_is_routed_from_what_was_kept(client, statement_index):
    StatementPageFactory(parent=statement_index, title="Wage theft")
    url = statement_index.url + "feed/"
    first = client.get(url, **COOKIE)
    second = client.get(url, **COOKIE)
    assert second.status_code == 200
    assert second["Content-Type"] == first["Content-Type"]
    assert b"Wage theft" in second.content


def test_an_alias_of_a_restricted_page_is_restricted_too(home, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Caucus notes")
    PageViewRestriction.objects.create(
        page=statement, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    alias = statement.create_alias(parent=home, update_slug="caucus-notes-copy")
    assert any(alias.path.startswith(path) for path in restricted_paths())


def test_a_public_page_knows_it_has_no_restrictions_without_a_query(statement_index):
    statement = Page.objects.get(pk=StatementPageFactory(parent=statement_index).pk).specific
    statement.get_view_restrictions()  # the restricted sections, read once per generation
    with CaptureQueriesContext(connection) as captured:
        assert not list(statement.get_view_restrictions())
    assert not captured.captured_queries


def test_a_restricted_page_lists_its_restriction(statement_index):
    statement = StatementPageFactory(parent=statement_index)
    restriction = PageViewRestriction.objects.create(
        page=statement_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert list(statement.get_view_restrictions()) == [restriction]

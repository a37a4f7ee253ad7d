"""Parts of pages kept until content changes (core.kept), and what renews them."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from alliance.core.kept import kept
from alliance.core.models import AllianceSettings
from alliance.members.models import Endorsement, EndorsementStatus
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

COOKIE = {"HTTP_COOKIE": "messages=x"}  # past the page cache: every request renders


def a_request():
    return RequestFactory().get("/", HTTP_HOST="testserver")


def test_a_value_is_computed_once_per_generation(home):
    calls = []
    for _ in range(2):
        kept(a_request(), "sample", 1, compute=lambda: calls.append(1) or "x")
    assert calls == [1]


def test_a_publish_computes_it_again(home, statement_index):
    calls = []
    kept(a_request(), "sample", 1, compute=lambda: calls.append(1) or "x")
    StatementPageFactory(parent=statement_index).save_revision().publish()
    kept(a_request(), "sample", 1, compute=lambda: calls.append(1) or "x")
    assert calls == [1, 1]


def test_each_language_has_its_own_value(home):
    with translation.override("es"):
        kept(a_request(), "sample", 1, compute=lambda: "hola")
    with translation.override("en"):
        assert kept(a_request(), "sample", 1, compute=lambda: "hello") == "hello"


def test_related_statements_show_a_statement_published_after_they_were_kept(
    client, statement_index
):
    topic = TopicFactory()
    statement = StatementPageFactory(parent=statement_index, title="Wage theft", topics=[topic])
    assert client.get(statement.url, **COOKIE).status_code == 200
    newer = StatementPageFactory(parent=statement_index, title="Unpaid wages", topics=[topic])
    newer.save_revision().publish()
    assert b"Unpaid wages" in client.get(statement.url, **COOKIE).content


def test_an_endorsement_confirmed_after_the_list_was_kept_is_listed(client, statement_index):
    statement = StatementPageFactory(
        parent=statement_index, title="Wage theft", endorsements_open=True
    )
    assert client.get(statement.url, **COOKIE).status_code == 200
    Endorsement.objects.create(
        statement=statement,
        display_name="Migrante Hong Kong",
        signer_name="Migrante Hong Kong",
        status=EndorsementStatus.CONFIRMED,
        dedup_key="public|1",
    )
    assert b"Migrante Hong Kong" in client.get(statement.url, **COOKIE).content


def test_the_settings_pages_read_follow_a_save(home, site):
    first = AllianceSettings.for_request(a_request())
    saved = AllianceSettings.for_site(site)
    saved.contact_email = "secretariat@example.org"
    saved.save()
    assert first.contact_email != "secretariat@example.org"
    assert AllianceSettings.for_request(a_request()).contact_email == "secretariat@example.org"


def test_each_request_gets_its_own_copy_of_the_settings(home):
    first = AllianceSettings.for_request(a_request())
    first.contact_email = "changed-in-one-request@example.org"
    assert AllianceSettings.for_request(a_request()).contact_email != first.contact_email


def test_a_mutable_value_is_a_copy_for_each_caller(home):
    first = kept(a_request(), "sample", 1, compute=lambda: {"items": [1]}, mutable=True)
    first["items"].append(2)
    again = kept(a_request(), "sample", 1, compute=lambda: {"items": [1]}, mutable=True)
    assert again == {"items": [1]}

"""Statements and events as ActivityStreams objects, and on their own addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Locale

from alliance.events.tests.factories import EventPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

AP = "application/activity+json"
LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


@pytest.fixture
def statement(statement_index):
    page = StatementPageFactory(
        parent=statement_index,
        title="Justice for migrants",
        deck="A call to the ministers",
        topics=[TopicFactory(name="Migrant workers", slug="migrant-workers")],
    )
    page.save_revision().publish()
    return page


def _translate(page, code: str, title: str):
    locale, _created = Locale.objects.get_or_create(language_code=code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def _object(client, page):
    return client.get(f"/ap/objects/{page.translation_key}", HTTP_ACCEPT=AP).json()


def test_a_statement_is_an_article_with_its_parts(client, statement):
    article = _object(client, statement)
    assert article["type"] == "Article"
    assert article["name"] == "Justice for migrants"
    assert article["summary"] == "A call to the ministers"
    assert "justice for migrants" in article["content"]
    assert article["url"] == f"http://testserver{statement.url}"
    assert article["attributedTo"] == "http://testserver/ap/actor"
    assert article["to"] == ["https://www.w3.org/ns/activitystreams#Public"]
    assert article["tag"] == [
        {
            "type": "Hashtag",
            "name": "#MigrantWorkers",
            "href": "http://testserver/en/statements/?topic=migrant-workers",
        }
    ]


def test_every_published_translation_is_in_the_language_maps(client, statement):
    _translate(statement, "es", "Justicia para los migrantes")
    article = _object(client, statement)
    assert article["nameMap"] == {
        "en": "Justice for migrants",
        "es": "Justicia para los migrantes",
    }
    assert set(article["contentMap"]) == {"en", "es"}
    assert set(article["summaryMap"]) == {"en", "es"}
    assert article["name"] == "Justice for migrants"  # the site's default language first


def test_an_unpublished_translation_is_left_out(client, statement):
    spanish = _translate(statement, "es", "Justicia para los migrantes")
    spanish.unpublish()
    assert set(_object(client, statement)["nameMap"]) == {"en"}


def test_the_links_in_the_content_are_absolute(client, statement_index):
    page = StatementPageFactory(
        parent=statement_index, body=[("paragraph", '<p><a href="/en/about/">About</a></p>')]
    )
    page.save_revision().publish()
    assert 'href="http://testserver/en/about/"' in _object(client, page)["content"]


def test_an_event_is_an_event_with_its_time_zone_and_place(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Vigil at the ministry",
        start_date=dt.date(2027, 3, 10),
        latitude="40.75800",
        longitude="-73.98550",
        street_address="1 Main Street",
    )
    event.save_revision().publish()
    found = _object(client, event)
    assert found["type"] == "Event"
    assert found["startTime"] == "2027-03-10T19:00:00-05:00"
    assert found["endTime"] == "2027-03-10T21:00:00-05:00"
    assert found["timezone"] == "America/New_York"
    assert found["ical:status"] == "CONFIRMED"
    assert found["location"] == {
        "type": "Place",
        "name": "San Damiano Hall",
        "address": {
            "type": "PostalAddress",
            "streetAddress": "1 Main Street",
            "addressLocality": "New York",
            "postalCode": "",
            "addressCountry": "US",
        },
        "latitude": 40.758,
        "longitude": -73.9855,
    }


def test_an_event_says_when_and_where_in_its_summary_which_mastodon_shows(client, event_index):
    event = EventPageFactory(parent=event_index, start_date=dt.date(2027, 3, 10))
    event.save_revision().publish()
    summary = _object(client, event)["summary"]
    assert summary.splitlines() == [
        "An evening to learn and organize.",
        "",
        "When: 10 March 2027 7 p.m. (EST)",
        "Where: San Damiano Hall, New York",
    ]


def test_an_event_in_spanish_says_when_in_spanish(client, event_index):
    event = EventPageFactory(parent=event_index, start_date=dt.date(2027, 3, 10))
    event.save_revision().publish()
    _translate(event, "es", "Vigilia")
    content = _object(client, event)["contentMap"]["es"]
    assert "Cuándo: 10 de marzo de 2027 19:00 (EST)" in content


def test_the_statement_address_answers_the_object_to_activitypub_readers(client, statement):
    response = client.get(statement.url, HTTP_ACCEPT=AP)
    assert response["Content-Type"].startswith(AP)
    assert response.json()["id"] == f"http://testserver/ap/objects/{statement.translation_key}"
    assert "Accept" in response["Vary"]


def test_the_profile_form_of_the_accept_header_is_understood(client, statement):
    response = client.get(statement.url, HTTP_ACCEPT=LD)
    assert response.json()["type"] == "Article"


def test_a_browser_still_gets_the_page_and_it_varies_on_accept(client, statement):
    response = client.get(statement.url, HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


def test_an_event_address_answers_its_object(client, event_index):
    event = EventPageFactory(parent=event_index)
    event.save_revision().publish()
    assert client.get(event.url, HTTP_ACCEPT=AP).json()["type"] == "Event"


def test_a_statement_page_links_its_object(client, statement):
    html = client.get(statement.url).content.decode()
    assert (
        '<link rel="alternate" type="application/activity+json" '
        f'href="http://testserver/ap/objects/{statement.translation_key}">'
    ) in html


def test_the_page_cache_never_answers_an_activitypub_reader_with_html(client, settings, statement):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(statement.url).status_code == 200  # stored
    response = client.get(statement.url, HTTP_ACCEPT=AP)
    assert response["Content-Type"].startswith(AP)


def test_a_draft_has_no_object(client, statement_index):
    draft = StatementPageFactory(parent=statement_index, live=False)
    assert client.get(f"/ap/objects/{draft.translation_key}").status_code == 404

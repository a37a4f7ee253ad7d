"""The read API names topics and regions in the statement's language, or ``?locale=``'s."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from alliance.members.tests.factories import RegionFactory
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def spanish() -> Locale:
    return Locale.objects.get(language_code="es")


def in_spanish(original, name: str):
    translation = original.copy_for_translation(spanish())
    translation.name = name
    translation.save()
    return translation


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def refugees():
    topic = TopicFactory(name="Refugees", slug="refugees")
    in_spanish(topic, "Personas refugiadas")
    return topic


@pytest.fixture
def asia():
    region = RegionFactory(name="Asia", slug="asia")
    in_spanish(region, "Asia y el Pacífico")
    return region


def spanish_statement(statement_index, topics, regions):
    statement = StatementPageFactory(parent=statement_index, topics=topics)
    statement.regions.set(regions)
    translation = statement.copy_for_translation(spanish(), copy_parents=True)
    translation.save_revision().publish()
    return translation


def test_spanish_statement_names_its_topics_and_regions_in_spanish(
    client, statement_index, refugees, asia
):
    translation = spanish_statement(statement_index, [refugees], [asia])
    item = get(client, f"/api/v1/statements/{translation.pk}/")
    assert item["topics"] == [
        {"id": refugees.pk, "slug": "refugees", "name": "Personas refugiadas"}
    ]
    assert item["regions"] == [{"id": asia.pk, "slug": "asia", "name": "Asia y el Pacífico"}]


def test_default_language_statement_keeps_the_original_names(client, statement_index, refugees):
    statement = StatementPageFactory(parent=statement_index, topics=[refugees])
    item = get(client, f"/api/v1/statements/{statement.pk}/")
    assert item["topics"][0]["name"] == "Refugees"


def test_untranslated_topic_of_a_spanish_statement_keeps_its_original_name(client, statement_index):
    labour = TopicFactory(name="Labour", slug="labour")
    translation = spanish_statement(statement_index, [labour], [])
    assert get(client, f"/api/v1/statements/{translation.pk}/")["topics"][0]["name"] == "Labour"


def test_topics_list_names_topics_in_the_asked_locale(client, refugees):
    results = get(client, "/api/v1/topics/", locale="es")["results"]
    assert results == [{"id": refugees.pk, "slug": "refugees", "name": "Personas refugiadas"}]


def test_topics_list_without_locale_names_topics_in_the_default_language(client, refugees):
    assert get(client, "/api/v1/topics/")["results"][0]["name"] == "Refugees"


def test_regions_list_names_regions_in_the_asked_locale(client, asia):
    assert get(client, "/api/v1/regions/", locale="es")["results"][0]["name"] == (
        "Asia y el Pacífico"
    )


def test_unknown_locale_is_refused(client, refugees):
    assert client.get("/api/v1/topics/", {"locale": "xx"}).status_code == 400


def statements_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, "/api/v1/statements/", locale="es")
    return len(captured)


def test_translated_names_cost_the_same_queries_for_more_statements(
    client, statement_index, refugees, asia
):
    spanish_statement(statement_index, [refugees], [asia])
    one = statements_queries(client)
    for number in range(3):
        topic = TopicFactory(name=f"Topic {number}", slug=f"topic-{number}")
        in_spanish(topic, f"Tema {number}")
        spanish_statement(statement_index, [topic, refugees], [asia])
    assert statements_queries(client) == one

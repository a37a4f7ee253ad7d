"""Lists come in pages by position (a cursor): every item once, in order, however the list
changes during a walk, and a page never counts the whole list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.events.tests.factories import EventPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

SAME_DAY = dt.date(2024, 3, 8)


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def walk(client, url, link="next", **params) -> list[int]:
    """Every id of a list, following ``link`` from its first page."""
    data = page(client, url, **params)
    seen = [item["id"] for item in data["results"]]
    while data[link]:
        data = page(client, data[link])
        seen += [item["id"] for item in data["results"]]
    return seen


def test_a_walk_gives_every_statement_once_newest_first_ties_by_id(client, statement_index):
    # Five on one day: the date alone does not say where a page ends.
    made = [StatementPageFactory(parent=statement_index, date=SAME_DAY) for _ in range(5)]
    made += [StatementPageFactory(parent=statement_index, date=dt.date(2023, 1, 1))]
    made += [StatementPageFactory(parent=statement_index, date=dt.date(2025, 1, 1))]
    expected = [s.pk for s in sorted(made, key=lambda s: (s.date, s.pk), reverse=True)]
    assert walk(client, "/api/v1/statements/", page_size=2) == expected


def test_previous_goes_back_to_the_page_before(client, statement_index):
    for _ in range(5):
        StatementPageFactory(parent=statement_index, date=SAME_DAY)
    first = page(client, "/api/v1/statements/", page_size=2)
    assert first["previous"] is None
    second = page(client, first["next"])
    third = page(client, second["next"])
    assert third["next"] is None and len(third["results"]) == 1
    back = page(client, third["previous"])
    assert back["results"] == second["results"]
    assert page(client, back["previous"])["results"] == first["results"]
    assert page(client, back["previous"])["previous"] is None


def test_a_statement_published_during_a_walk_moves_nothing(client, statement_index):
    older = [StatementPageFactory(parent=statement_index, date=SAME_DAY) for _ in range(4)]
    first = page(client, "/api/v1/statements/", page_size=2)
    StatementPageFactory(parent=statement_index, date=dt.date(2030, 1, 1))
    second = page(client, first["next"])
    shown = [item["id"] for item in first["results"] + second["results"]]
    assert shown == sorted((s.pk for s in older), reverse=True)


def test_the_next_link_keeps_the_filters(client, statement_index):
    topic = TopicFactory(slug="work")
    on_topic = [StatementPageFactory(parent=statement_index, topics=[topic]) for _ in range(3)]
    StatementPageFactory(parent=statement_index)
    first = page(client, "/api/v1/statements/", topic="work", page_size=2)
    assert "topic=work" in first["next"] and "page_size=2" in first["next"]
    expected = sorted(on_topic, key=lambda s: (s.date, s.pk), reverse=True)
    assert walk(client, "/api/v1/statements/", topic="work", page_size=2) == [
        s.pk for s in expected
    ]


def test_events_are_walked_in_order_of_their_start(client, event_index):
    events = [
        EventPageFactory(parent=event_index, start_date=dt.date(2030, 7, day))
        for day in (3, 1, 2, 1)
    ]
    expected = [e.pk for e in sorted(events, key=lambda e: (e.starts_at, e.pk))]
    assert walk(client, "/api/v1/events/", page_size=1) == expected


def test_a_cursor_with_values_of_the_wrong_kind_is_not_found(client, statement_index):
    StatementPageFactory(parent=statement_index)
    # ["n", "not a date", "1"], encoded as the API encodes a cursor.
    response = client.get("/api/v1/statements/", {"cursor": "WyJuIiwibm90IGEgZGF0ZSIsIjEiXQ"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_deep_in_the_list_counts_nothing(client, statement_index):
    for _ in range(6):
        StatementPageFactory(parent=statement_index)
    first = page(client, "/api/v1/statements/", page_size=2)
    with CaptureQueriesContext(connection) as queries:
        page(client, page(client, first["next"])["next"])
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert not [q["sql"] for q in queries if "OFFSET" in q["sql"].upper()]

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from alliance.newsroom.models import StatementKind

from .factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".cards .card-title a")]


def test_listing_shows_newest_first(client, statement_index):
    StatementPageFactory(parent=statement_index, title="Older", date=dt.date(2015, 9, 8))
    StatementPageFactory(parent=statement_index, title="Newer", date=dt.date(2017, 1, 30))
    assert titles(client.get(statement_index.url)) == ["Newer", "Older"]


def test_listing_leaves_out_drafts(client, statement_index):
    StatementPageFactory(parent=statement_index, title="Published")
    StatementPageFactory(parent=statement_index, title="Draft", live=False)
    assert titles(client.get(statement_index.url)) == ["Published"]


def test_listing_is_paginated(client, statement_index):
    for day in range(12):
        StatementPageFactory(parent=statement_index, date=dt.date(2020, 1, 1) + dt.timedelta(day))
    first = client.get(statement_index.url)
    second = client.get(statement_index.url, {"page": 2})
    assert len(titles(first)) == 10
    assert len(titles(second)) == 2
    assert 'rel="next"' in first.content.decode()


def test_page_number_out_of_range_is_not_found(client, statement_index):
    StatementPageFactory(parent=statement_index)
    assert client.get(statement_index.url, {"page": 7}).status_code == 404
    assert client.get(statement_index.url, {"page": "x"}).status_code == 404


def test_listing_filters_by_kind(client, statement_index):
    StatementPageFactory(
        parent=statement_index, title="A release", kind=StatementKind.PRESS_RELEASE
    )
    StatementPageFactory(parent=statement_index, title="A statement", kind=StatementKind.STATEMENT)
    response = client.get(statement_index.url, {"kind": "press_release"})
    assert titles(response) == ["A release"]


def test_listing_filters_by_topic(client, statement_index):
    refugees = TopicFactory(slug="refugees")
    StatementPageFactory(parent=statement_index, title="On refugees", topics=[refugees])
    StatementPageFactory(parent=statement_index, title="Elsewhere")
    assert titles(client.get(statement_index.url, {"topic": "refugees"})) == ["On refugees"]


def test_listing_filters_by_year(client, statement_index):
    StatementPageFactory(parent=statement_index, title="2016", date=dt.date(2016, 9, 9))
    StatementPageFactory(parent=statement_index, title="2017", date=dt.date(2017, 1, 30))
    assert titles(client.get(statement_index.url, {"year": "2016"})) == ["2016"]


def year_choices(client, statement_index) -> list[str]:
    soup = BeautifulSoup(client.get(statement_index.url).content, "html.parser")
    return [o["value"] for o in soup.select("select[name=year] option") if o["value"]]


def test_year_filter_offers_the_years_from_the_first_statement_to_the_latest(
    client, statement_index
):
    StatementPageFactory(parent=statement_index, date=dt.date(2015, 9, 8))
    StatementPageFactory(parent=statement_index, date=dt.date(2018, 1, 2))
    assert year_choices(client, statement_index) == ["2018", "2017", "2016", "2015"]


def test_year_filter_ignores_drafts(client, statement_index):
    StatementPageFactory(parent=statement_index, date=dt.date(2015, 9, 8))
    StatementPageFactory(parent=statement_index, date=dt.date(2010, 1, 2), live=False)
    assert year_choices(client, statement_index) == ["2015"]


def test_year_filter_without_statements_offers_no_year(client, statement_index):
    assert year_choices(client, statement_index) == []


def test_statement_count_follows_a_new_publication_at_once(client, statement_index):
    StatementPageFactory(parent=statement_index)
    assert "1 statement" in client.get(statement_index.url).content.decode()
    draft = StatementPageFactory(parent=statement_index, live=False)
    assert "1 statement" in client.get(statement_index.url).content.decode()
    draft.save_revision().publish()
    assert "2 statements" in client.get(statement_index.url).content.decode()


def test_invalid_filter_is_reported_and_ignored(client, statement_index):
    StatementPageFactory(parent=statement_index, title="Still listed")
    response = client.get(statement_index.url, {"kind": "nonsense", "topic": "no-such-topic"})
    assert response.status_code == 200
    assert titles(response) == ["Still listed"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert "ignored" in soup.select_one(".errors[role=alert]").get_text()


def test_pagination_links_keep_the_filter(client, statement_index):
    for day in range(11):
        StatementPageFactory(
            parent=statement_index,
            kind=StatementKind.NEWS,
            date=dt.date(2020, 1, 1) + dt.timedelta(day),
        )
    html = client.get(statement_index.url, {"kind": "news"}).content.decode()
    assert "?kind=news&amp;page=2" in html


def test_listing_query_count_does_not_grow_with_statements(
    client, statement_index, django_assert_max_num_queries
):
    topic = TopicFactory()
    StatementPageFactory(parent=statement_index, topics=[topic])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(statement_index.url)
    for _ in range(8):
        StatementPageFactory(parent=statement_index, topics=[topic])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(statement_index.url)


def test_home_page_query_count_does_not_grow_with_statements(
    client, statement_index, home, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    StatementPageFactory(parent=statement_index)
    with CaptureQueriesContext(connection) as few:
        client.get(home.url)
    for _ in range(6):
        StatementPageFactory(parent=statement_index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(home.url)


def test_home_page_lists_latest_statements(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Latest one", date=dt.date(2017, 1, 30))
    StatementPageFactory(parent=statement_index, title="Hidden draft", live=False)
    html = client.get(home.url).content.decode()
    assert "Latest one" in html
    assert "Hidden draft" not in html

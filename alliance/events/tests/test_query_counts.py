"""Public event pages cost the same number of queries whatever the number of events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import DayOfActionPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

COUNTRIES = ["HK", "MX", "GR", "KE", "AU", "LB", "PH", "CA"]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_day_of_action_page_queries_do_not_grow_with_local_actions(client, event_index):
    day = DayOfActionPageFactory(parent=event_index)
    EventPageFactory(parent=day, country="HK", latitude="22.3", longitude="114.2")
    few = queries(client, day.url)
    for code in COUNTRIES:
        EventPageFactory(parent=day, country=code, latitude="10.0", longitude="10.0")
    assert queries(client, day.url) <= few


def test_month_view_queries_do_not_grow_with_events(client, event_index):
    event = EventPageFactory(parent=event_index)
    url = f"{event_index.url}month/{event.start_date.year}/{event.start_date.month}/"
    few = queries(client, url)
    for _ in range(8):
        EventPageFactory(parent=event_index, start_date=event.start_date)
    assert queries(client, url) <= few

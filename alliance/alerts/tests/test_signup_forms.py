"""The compact subscribe form on the home page, the statements and events listings."""

from __future__ import annotations

import pytest
from django.test import Client

from alliance.alerts.models import Subscriber
from alliance.newsroom.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

START = 'action="/en/alerts/start/"'


def test_the_home_page_has_the_form_and_no_token_so_it_stays_cacheable(client, home):
    page = client.get(home.url).content.decode()
    assert START in page
    assert "csrfmiddlewaretoken" not in page


def test_the_events_listing_has_the_form(client, event_index):
    assert START in client.get(event_index.url).content.decode()


def test_a_topics_statements_carry_the_topic_to_the_form(client, statement_index):
    topic = TopicFactory()
    page = client.get(statement_index.url, {"topic": topic.slug}).content.decode()
    assert START in page
    assert f'<input type="hidden" name="topics" value="{topic.pk}">' in page


def test_the_compact_form_opens_the_full_form_filled_in_and_keeps_nothing(site):
    topic = TopicFactory()
    response = Client(enforce_csrf_checks=True).post(
        "/en/alerts/start/", {"email": "ana@example.net", "topics": str(topic.pk)}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["email"] == "ana@example.net"
    assert form.initial["topics"] == [topic]
    assert 'value="ana@example.net"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_malformed_start_is_shown_the_empty_form(site):
    response = Client().post("/en/alerts/start/", {"email": "a\r\nb@x.net", "topics": "x"})
    assert response.status_code == 200
    assert "email" not in response.context["form"].initial
    assert "topics" not in response.context["form"].initial

"""With Redis unreachable the site still serves pages and takes replies and messages."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from alliance.core import generation
from alliance.core.cache import ResilientRedisCache
from alliance.events.tests.factories import EventPageFactory
from alliance.newsroom.tests.factories import StatementPageFactory

from .public_forms import build

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """Every cache the site uses, pointed at a Redis that is not there.

    Changing ``settings.CACHES`` through the fixture sends ``setting_changed``,
    whose handler makes ``caches`` build fresh connections from the new value.
    """
    settings.CACHES = {
        alias: {
            "BACKEND": "alliance.core.cache.ResilientRedisCache",
            "LOCATION": NOTHING_LISTENS,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
        for alias in settings.CACHES
    }
    return list(settings.CACHES)


def test_every_cache_in_use_is_the_unreachable_redis(redis_down):
    for alias in redis_down:
        cache = caches[alias]
        assert isinstance(cache, ResilientRedisCache)
        assert cache._servers == [NOTHING_LISTENS]
        cache.set("probe", "kept")
        assert cache.get("probe", "missed") == "missed"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda request: request.getfixturevalue("home"), id="home"),
        pytest.param(
            lambda request: StatementPageFactory(parent=request.getfixturevalue("statement_index")),
            id="statement",
        ),
        pytest.param(
            lambda request: EventPageFactory(
                parent=request.getfixturevalue("event_index"), rsvp_enabled=True
            ),
            id="event",
        ),
    ],
)
def test_page_renders_while_the_cache_is_down(client, request, redis_down, make):
    page = make(request)
    assert client.get(page.url).status_code == 200
    assert client.get(page.url).status_code == 200  # nothing half-stored on the first visit


def test_rsvp_is_accepted_and_stored_while_the_cache_is_down(client, request, redis_down):
    form = build("rsvp", request)
    response = client.post(form.url, form.data())
    assert response.status_code == 302
    assert form.count() == 1
    assert client.get(response["Location"]).status_code == 200


def test_contact_form_works_and_its_rate_limit_fails_open_while_the_cache_is_down(
    client, request, settings, redis_down
):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "contact": (1, 600)}
    form = build("contact", request)
    for number in range(2):
        response = client.post(form.url, form.data(**form.distinct(number)))
        assert response.status_code == 200
        assert "Thank you" in response.content.decode()
    assert form.count() == 2


def test_while_the_cache_is_down_nothing_is_kept_in_memory_between_requests(redis_down):
    assert generation.current() != generation.current()

"""Each public form refuses a flood from one address, and keeps no address."""

from __future__ import annotations

import pytest
from django.apps import apps

from .public_forms import FORM_NAMES, RATE_SCOPES

pytestmark = pytest.mark.django_db

LIMIT = 2
SENDER = "198.51.100.23"
OTHER = "203.0.113.77"
TOO_MANY = "Too many forms were sent from your connection"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.FORM_RATE_LIMITS = {scope: (LIMIT, 600) for scope in RATE_SCOPES}


def send(client, form, number: int, address: str = SENDER):
    return client.post(form.url, form.data(**form.distinct(number)), REMOTE_ADDR=address)


def fill_the_limit(client, form) -> None:
    for number in range(LIMIT):
        response = send(client, form, number)
        assert response.status_code in form.accepted, response.content.decode()[:2000]
    assert form.count() == LIMIT


@pytest.mark.parametrize("public_form", FORM_NAMES, indirect=True)
def test_submission_beyond_the_limit_is_refused_with_a_clear_message(client, public_form):
    fill_the_limit(client, public_form)
    response = send(client, public_form, LIMIT)
    assert response.status_code in (200, 400)
    assert TOO_MANY in response.content.decode()
    assert public_form.count() == LIMIT


@pytest.mark.parametrize("public_form", FORM_NAMES, indirect=True)
def test_another_address_is_not_affected_by_the_limit(client, public_form):
    fill_the_limit(client, public_form)
    response = send(client, public_form, LIMIT, address=OTHER)
    assert response.status_code in public_form.accepted
    assert TOO_MANY not in response.content.decode()
    assert public_form.count() == LIMIT + 1


def _stored_values() -> list[tuple[str, str]]:
    """Every value of every row the site's own apps and Wagtail keep, as text."""
    labels = {"core", "accounts", "newsroom", "members", "events", "privacy", "wordpress"}
    labels |= {"wagtailcore", "backups", "sessions"}
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in labels or model._meta.proxy:
            continue
        for row in model._base_manager.values():
            found.extend((model._meta.label, str(value)) for value in row.values())
    return found


@pytest.mark.parametrize("public_form", FORM_NAMES, indirect=True)
def test_no_address_is_stored_with_a_submission(client, public_form):
    fill_the_limit(client, public_form)
    send(client, public_form, LIMIT)  # the refused one neither
    kept = [(label, value) for label, value in _stored_values() if SENDER in value]
    kept += [(label, value) for label, value in _stored_values() if "127.0.0.1" in value]
    assert kept == []

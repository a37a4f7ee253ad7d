"""Subscribing with double opt-in, managing, leaving; bad links change nothing."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from alliance.alerts import subscriptions, tokens
from alliance.alerts.models import Subscriber
from alliance.core.personal_data import registry
from alliance.core.spam import form_token

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def _form(email: str, **extra) -> dict:
    return {
        "email": email,
        "language": "es",
        "wants_statements": "on",
        "wants_events": "on",
        "token": form_token(time.time() - 10),
        **extra,
    }


def _subscribe(client, email, captured, **extra):
    with captured(execute=True):
        return client.post("/es/alerts/", _form(email, **extra))


def _confirm_link(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https://alliance\.example\.org(/\S+)", text).group(1)


def test_subscribing_sends_a_confirmation_in_the_subscribers_language(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    response = _subscribe(client, "Ana@Example.net", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    [message] = inbox.messages
    assert message["To"] == "ana@example.net"
    assert message["Content-Language"] is None or message["Content-Language"] == "es"
    assert _confirm_link(message).startswith("/es/alerts/confirm/")
    assert "List-Unsubscribe" not in message  # not subscribed yet
    assert Subscriber.objects.get().confirmed_at is None


def test_a_subscriber_may_choose_the_weekly_digest(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    _subscribe(client, "ana@example.net", captured, frequency="weekly")
    assert Subscriber.objects.get().frequency == "weekly"


def test_following_the_link_confirms_nothing_the_button_does(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    _subscribe(client, "ana@example.net", django_capture_on_commit_callbacks)
    link = _confirm_link(inbox.messages[0])
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get().confirmed_at is None
    assert client.post(link).status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


def test_a_replayed_confirmation_link_is_refused(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    _subscribe(client, "ana@example.net", django_capture_on_commit_callbacks)
    link = _confirm_link(inbox.messages[0])
    client.post(link)
    confirmed_at = Subscriber.objects.get().confirmed_at
    response = client.post(link)
    assert response.status_code == 404
    with translation.override("es"):
        assert gettext("This link is not valid") in response.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at


@pytest.mark.parametrize("token", ["0" * 64, "x" * 500, "abc"])
def test_forged_tokens_are_refused_and_change_nothing(client, site, token):
    SubscriberFactory()
    for address in ("confirm", "manage", "unsubscribe"):
        assert client.post(f"/en/alerts/{address}/{token}/").status_code == 404
    assert Subscriber.objects.count() == 1


def test_at_most_one_confirmation_mail_a_day_goes_to_an_address(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    for _ in range(3):
        response = _subscribe(client, "victim@example.net", django_capture_on_commit_callbacks)
        assert response.status_code == 302  # the same answer each time
    assert len(inbox.messages) == 1


def test_a_new_confirmation_is_sent_after_a_day(
    inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    choices = {"language": "en", "wants_statements": True}
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.subscribe("a@example.net", choices, now=timezone.now() - dt.timedelta(days=2))
        assert subscriptions.subscribe("a@example.net", choices)
    assert len(inbox.messages) == 2


def test_a_header_injection_is_refused(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    response = _subscribe(
        client, "a@example.net\r\nBcc: many@example.net", django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert inbox.messages == [] and not Subscriber.objects.exists()


def test_an_over_long_address_is_refused(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    response = _subscribe(client, "a" * 250 + "@example.net", django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_honeypot_keeps_nothing(
    client, site, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    _subscribe(client, "bot@example.net", django_capture_on_commit_callbacks, fax="spam")
    assert inbox.messages == [] and not Subscriber.objects.exists()


def test_one_click_unsubscribe_works_without_cookies_or_csrf(site):
    subscriber = SubscriberFactory()
    token = tokens.subscriber_token(subscriber)
    response = Client(enforce_csrf_checks=True).post(
        f"/en/alerts/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_opening_the_unsubscribe_link_deletes_nothing(client, site):
    subscriber = SubscriberFactory()
    client.get(f"/en/alerts/unsubscribe/{tokens.subscriber_token(subscriber)}/")
    assert Subscriber.objects.exists()


def test_the_manage_page_changes_choices_and_needs_a_csrf_token(site):
    subscriber = SubscriberFactory()
    address = f"/en/alerts/manage/{tokens.subscriber_token(subscriber)}/"
    data = {"language": "ar", "wants_days_of_action": "on"}
    assert Client(enforce_csrf_checks=True).post(address, data).status_code == 403
    assert Client().post(address, data).status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.wants_statements) == ("ar", False)


def test_unconfirmed_addresses_expire_after_seven_days():
    old = SubscriberFactory(confirmed_at=None)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    SubscriberFactory(confirmed_at=None)
    SubscriberFactory(confirmed_at=timezone.now() - dt.timedelta(days=30))
    [kind] = [kind for kind in registry.kinds() if kind.key == "alert_subscribers"]
    kind.expire(timezone.now())
    assert Subscriber.objects.count() == 2
    assert not Subscriber.objects.filter(pk=old.pk).exists()


def test_the_registry_finds_exports_and_erases_a_subscriber():
    SubscriberFactory(email="ana@example.net")
    [kind] = [kind for kind in registry.kinds() if kind.key == "alert_subscribers"]
    [found] = kind.find("ANA@example.net")
    assert kind.export(found)["email"] == "ana@example.net"
    assert kind.erase([found], timezone.now()) == {"alert_subscribers": 1}
    assert not Subscriber.objects.exists()

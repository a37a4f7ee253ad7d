"""In the page editor: how many subscribers a first publication reaches, and publishing without."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alliance.alerts.models import Mailing, Withheld
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory
from alliance.newsroom.tests.test_editor_workflow import statement_form

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    user = User.objects.create_user("moderator", password="x" * 16)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def add(client, statement_index, moderator, immediate_tasks, django_capture_on_commit_callbacks):
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))

    def add(**form):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, statement_form(**form))
        assert response.status_code == 302, response.content.decode()[:2000]
        return StatementPage.objects.get(slug="solidarity-womens-march")

    add.url = url
    return add


def test_the_publish_menu_counts_the_subscribers_by_language(client, add):
    SubscriberFactory(language="en")
    SubscriberFactory(language="en")
    SubscriberFactory(language="ar")
    SubscriberFactory(language="es", confirmed_at=None)  # not yet confirmed: not counted
    page = client.get(add.url).content.decode()
    assert "Publishing mails an alert to 3 subscribers: Arabic 1, English 2." in page
    assert 'value="without-alerts"' in page


def test_publishing_without_alerts_sends_nothing(add, inbox):
    SubscriberFactory()
    page = add(**{"action-publish": "without-alerts"})
    assert page.live
    assert inbox.messages == []
    assert not Mailing.objects.exists()


def test_the_ordinary_publish_button_still_sends(add, inbox):
    SubscriberFactory(email="reader@example.net")
    add(**{"action-publish": "action-publish"})
    assert [message["To"] for message in inbox.messages] == ["reader@example.net"]


def test_a_statement_scheduled_without_alerts_sends_nothing_when_it_goes_live(
    add, inbox, monkeypatch, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    later = timezone.localtime() + dt.timedelta(days=2)
    page = add(go_live_at=later.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "without-alerts"})
    assert Withheld.objects.filter(translation_key=page.translation_key).exists()
    monkeypatch.setattr(timezone, "now", lambda: later + dt.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert inbox.messages == []


def test_a_published_statement_offers_no_choice(client, moderator, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(statement.pk,)))
    assert response.status_code == 200
    assert "without-alerts" not in response.content.decode()

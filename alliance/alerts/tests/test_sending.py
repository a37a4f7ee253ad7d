"""Alerts reach their subscribers: one mail each, through a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend
from wagtail.models import Locale

from alliance.alerts import sending
from alliance.alerts.models import Delivery, DeliveryStatus, Mailing
from alliance.core import publishing
from alliance.newsroom.tests.factories import StatementPageFactory, TopicFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(statement_index):
    return StatementPageFactory(parent=statement_index, live=False, title="Justice for migrants")


def _publish(page, captured):
    with captured(execute=True):
        page.save_revision().publish()


def test_a_first_publication_sends_one_mail_per_subscriber(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    readers = [SubscriberFactory().email for _ in range(3)]
    _publish(draft, django_capture_on_commit_callbacks)
    assert sorted(message["To"] for message in inbox.messages) == sorted(readers)


def test_the_mail_has_the_list_headers(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="reader@example.net")
    _publish(draft, django_capture_on_commit_callbacks)
    [message] = inbox.messages
    assert message["Subject"] == "Justice for migrants"
    assert message["List-Id"] == '"Alliance alerts" <alerts.alliance.example.org>'
    unsubscribe = message["List-Unsubscribe"].strip()  # folded: a long line
    assert unsubscribe.startswith("<https://alliance.example.org/en/alerts/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].endswith("@alliance.example.org>")
    assert message["Date"]


def test_the_mail_is_text_and_html_without_remote_content(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    _publish(draft, django_capture_on_commit_callbacks)
    [message] = inbox.messages
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://alliance.example.org/en/statements/" in text
    assert 'href="https://alliance.example.org/en/statements/' in html
    assert "<img" not in html and "<script" not in html
    assert 'dir="ltr"' in html


def test_an_arabic_subscriber_gets_a_right_to_left_mail_in_arabic(
    draft, inbox, settings, django_capture_on_commit_callbacks
):
    settings.ALERTS_TRANSLATION_WAIT_MINUTES = 60
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    SubscriberFactory(email="qari@example.net", language="ar")
    _publish(draft, django_capture_on_commit_callbacks)
    locale, _created = Locale.objects.get_or_create(language_code="ar")
    arabic = draft.copy_for_translation(locale, copy_parents=True)
    arabic.title = "العدالة للمهاجرين"
    _publish(arabic, django_capture_on_commit_callbacks)
    assert Mailing.objects.count() == 1  # the translation is the same item
    sending.fan_out(Mailing.objects.get().pk)
    [message] = inbox.messages
    assert message["Subject"] == "العدالة للمهاجرين"
    html = message.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article lang="ar" dir="rtl">' in html


def test_without_the_translation_the_default_language_is_sent(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="qari@example.net", language="ar")
    _publish(draft, django_capture_on_commit_callbacks)
    html = inbox.messages[0].get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article lang="en" dir="ltr">' in html


def test_republishing_sends_nothing(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    _publish(draft, django_capture_on_commit_callbacks)
    draft.title = "Justice for migrants (corrected)"
    _publish(draft, django_capture_on_commit_callbacks)
    assert len(inbox.messages) == 1


def test_a_scheduled_statement_sends_once_when_it_goes_live(
    draft, inbox, immediate_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="reader@example.net")
    go_live = timezone.now() + dt.timedelta(hours=1)
    draft.go_live_at = go_live
    _publish(draft, django_capture_on_commit_callbacks)
    assert inbox.messages == []  # scheduled, not yet live
    monkeypatch.setattr(timezone, "now", lambda: go_live + dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")  # the next run finds nothing left to publish
    assert [message["To"] for message in inbox.messages] == ["reader@example.net"]


def test_imported_content_sends_nothing(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    with publishing.quietly("import"):
        _publish(draft, django_capture_on_commit_callbacks)
    assert inbox.messages == []
    assert not Mailing.objects.exists()


def test_nothing_is_sent_before_confirmation(
    draft, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    SubscriberFactory(confirmed_at=None)
    _publish(draft, django_capture_on_commit_callbacks)
    assert inbox.messages == []


def test_statements_go_to_subscribers_of_their_topics(
    statement_index, inbox, immediate_tasks, django_capture_on_commit_callbacks
):
    refugees, labour = TopicFactory(), TopicFactory()
    SubscriberFactory(email="refugees@example.net").topics.set([refugees])
    SubscriberFactory(email="labour@example.net").topics.set([labour])
    SubscriberFactory(email="all@example.net")
    page = StatementPageFactory(parent=statement_index, live=False, topics=[refugees])
    _publish(page, django_capture_on_commit_callbacks)
    assert sorted(m["To"] for m in inbox.messages) == ["all@example.net", "refugees@example.net"]


def test_a_refused_address_does_not_block_the_others(draft, inbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    SubscriberFactory(email="a@example.net")
    SubscriberFactory(email="gone@example.net")
    SubscriberFactory(email="c@example.net")
    inbox.refuse = {"gone@example.net"}
    draft.save_revision().publish()
    mailing = Mailing.objects.get()
    assert sending.fan_out(mailing.pk) == 2
    assert sorted(m["To"] for m in inbox.messages) == ["a@example.net", "c@example.net"]
    mailing.refresh_from_db()
    assert (mailing.sent, mailing.failed) == (2, 1)


def test_a_server_failure_halfway_is_retried_and_sends_each_address_once(draft, inbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    readers = sorted(SubscriberFactory().email for _ in range(5))
    draft.save_revision().publish()
    mailing = Mailing.objects.get()
    inbox.fail_after = 2
    sending.send_mailing.call(mailing.pk)
    assert len(inbox.messages) == 2
    [retry] = [result for result in default_task_backend.results if result.task.run_after]
    assert retry.task.name == "send_mailing" and retry.args == [mailing.pk]
    inbox.fail_after = None
    sending.send_mailing.call(mailing.pk)  # the retry, run by the worker
    assert sorted(m["To"] for m in inbox.messages) == readers
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 5


def test_a_fan_out_killed_halfway_and_restarted_sends_each_address_once(
    draft, inbox, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    readers = sorted(SubscriberFactory().email for _ in range(6))
    draft.save_revision().publish()
    mailing = Mailing.objects.get()
    real = sending.mail.item_message
    built = []

    def dies_at_the_fourth(subscriber, item):
        if len(built) == 3:
            raise SystemExit("killed")  # the worker process dies
        built.append(subscriber)
        return real(subscriber, item)

    monkeypatch.setattr(sending.mail, "item_message", dies_at_the_fourth)
    with pytest.raises(SystemExit):
        sending.fan_out(mailing.pk, chunk=2)
    monkeypatch.setattr(sending.mail, "item_message", real)
    sending.fan_out(mailing.pk, chunk=2)  # the worker, restarted
    assert sorted(m["To"] for m in inbox.messages) == readers


def test_queries_per_mail_are_constant(statement_index, inbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def queries_for(count: int) -> int:
        for _ in range(count):
            SubscriberFactory()
        page = StatementPageFactory(parent=statement_index, live=False)
        page.save_revision().publish()
        mailing = Mailing.objects.get(page=page)
        with CaptureQueriesContext(connection) as queries:
            sending.fan_out(mailing.pk)
        Delivery.objects.all().delete()
        return len(queries)

    few = queries_for(2)  # 2 subscribers
    more = queries_for(4)  # 6 subscribers: 4 more mails
    assert more - few == 4  # one query (the mark) per mail

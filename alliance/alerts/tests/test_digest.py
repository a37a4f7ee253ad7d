"""The weekly digest: one mail a week with the week's items, through a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from alliance.alerts import digest
from alliance.alerts.models import DeliveryStatus, Digest, Frequency, Mailing
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(statement_index, immediate_tasks, django_capture_on_commit_callbacks):
    def publish(title: str):
        page = StatementPageFactory(parent=statement_index, live=False, title=title)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


def _week() -> dt.date:
    return digest.week_of(Mailing.objects.latest("created_at").created_at)


def _weekly(**fields):
    return SubscriberFactory(frequency=Frequency.WEEKLY, **fields)


def test_a_weekly_subscriber_gets_the_weeks_items_in_one_mail(publish, inbox):
    _weekly(email="weekly@example.net")
    SubscriberFactory(email="each@example.net")
    publish("Justice for migrants")
    publish("Water is a right")
    call_command("alerts_digest", week=_week().isoformat())
    [each_one, each_two, weekly] = sorted(inbox.messages, key=lambda m: m["To"])
    assert (each_one["To"], each_two["To"]) == ("each@example.net", "each@example.net")
    assert weekly["To"] == "weekly@example.net"
    text = weekly.get_body(("plain",)).get_content()
    assert "Justice for migrants" in text and "Water is a right" in text
    assert weekly["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_week_is_sent_once_however_often_the_command_runs(publish, inbox):
    _weekly(email="weekly@example.net")
    publish("Justice for migrants")
    week = _week().isoformat()
    call_command("alerts_digest", week=week)
    call_command("alerts_digest", week=week)
    assert digest.send_digests(_week()) == 0  # even the task itself, run again
    assert len(inbox.to("weekly@example.net")) == 1


def test_items_of_another_week_are_left_out(publish, inbox):
    _weekly(email="weekly@example.net")
    publish("Last week's statement")
    Mailing.objects.update(created_at=Mailing.objects.get().created_at - dt.timedelta(days=7))
    publish("This week's statement")
    digest.send_digests(_week())
    text = inbox.to("weekly@example.net")[0].get_body(("plain",)).get_content()
    assert "This week's statement" in text
    assert "Last week's statement" not in text


def test_the_digest_is_in_the_subscribers_language_right_to_left(
    publish, inbox, django_capture_on_commit_callbacks
):
    _weekly(email="qari@example.net", language="ar")
    page = publish("Justice for migrants")
    locale = Locale.objects.get_or_create(language_code="ar")[0]
    arabic = page.copy_for_translation(locale, copy_parents=True)
    arabic.title = "العدالة للمهاجرين"
    with django_capture_on_commit_callbacks(execute=True):
        arabic.save_revision().publish()
    digest.send_digests(_week())
    [message] = inbox.to("qari@example.net")
    html = message.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert "العدالة للمهاجرين" in html
    assert '<article lang="ar" dir="rtl">' in html


def test_a_digest_run_killed_halfway_and_restarted_sends_each_address_once(
    publish, inbox, monkeypatch
):
    readers = sorted(_weekly().email for _ in range(5))
    publish("Justice for migrants")
    real = digest.mail.digest_message
    built = []

    def dies_at_the_fourth(subscriber, items, week):
        if len(built) == 3:
            raise SystemExit("killed")
        built.append(subscriber)
        return real(subscriber, items, week)

    monkeypatch.setattr(digest.mail, "digest_message", dies_at_the_fourth)
    with pytest.raises(SystemExit):
        digest.send_digests(_week(), chunk=2)
    monkeypatch.setattr(digest.mail, "digest_message", real)
    digest.send_digests(_week(), chunk=2)
    assert sorted(m["To"] for m in inbox.messages) == readers
    assert Digest.objects.filter(status=DeliveryStatus.SENT).count() == 5


def test_the_last_complete_week_runs_monday_to_sunday():
    wednesday = dt.datetime(2026, 12, 9, 15, 0, tzinfo=dt.UTC)
    assert digest.last_complete_week(wednesday) == dt.date(2026, 11, 30)


def test_a_week_that_is_not_a_monday_is_refused():
    with pytest.raises(CommandError, match="Monday"):
        call_command("alerts_digest", week="2026-12-08")

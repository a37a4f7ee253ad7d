"""The clock publishes what an editor scheduled, and the alert goes out once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_clock_publishes_a_scheduled_statement_and_mails_it_once(
    statement_index, inbox, immediate_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="reader@example.net")
    draft = StatementPageFactory(parent=statement_index, live=False, title="Justice for migrants")
    go_live = timezone.now() + dt.timedelta(hours=1)
    draft.go_live_at = go_live
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert not draft.__class__.objects.get(pk=draft.pk).live  # scheduled, not yet live
    for minutes in (1, 3):  # the second run finds nothing left to publish
        monkeypatch.setattr(timezone, "now", lambda m=minutes: go_live + dt.timedelta(minutes=m))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("clock", "--once", stdout=io.StringIO())
    assert draft.__class__.objects.get(pk=draft.pk).live
    assert [message["To"] for message in inbox.messages] == ["reader@example.net"]

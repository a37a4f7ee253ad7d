"""The Redis-backed worker: a mailing queued in Redis (RQ) and sent by an RQ worker.

Runs where REDIS_URL is set: CI's PostgreSQL + Redis run (.ci/run). The other
alerts tests run their tasks at once, or through the dummy backend.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import django_rq
import pytest
from rq.worker import SimpleWorker

from alliance.alerts.models import Mailing
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import SubscriberFactory

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_URL, reason="needs Redis: set REDIS_URL (CI's Redis run does)"),
]


@pytest.fixture
def rq_queue(settings):
    # A Redis database of its own: the caches' tests empty theirs (databases 10 and up).
    settings.RQ_QUEUES = {"default": {"URL": urlsplit(REDIS_URL)._replace(path="/9").geturl()}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_a_mailing_queued_in_redis_is_sent_by_an_rq_worker(
    statement_index, inbox, rq_queue, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="reader@example.net")
    draft = StatementPageFactory(parent=statement_index, live=False, title="Water is a right")
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert inbox.messages == []  # queued in Redis, not yet run
    assert rq_queue.count >= 1
    # The worker that `manage.py rqworker` starts, here in this process (no fork), so it
    # reads the test's database; burst: it stops when the queue is empty.
    worker = django_rq.get_worker("default", worker_class=SimpleWorker)
    assert worker.work(burst=True)
    assert [message["To"] for message in inbox.messages] == ["reader@example.net"]
    assert Mailing.objects.get().finished_at is not None

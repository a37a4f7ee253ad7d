"""The clock: apps register periodic jobs, ``manage.py clock`` runs each when due."""

from __future__ import annotations

import datetime as dt
import io
import logging
import signal
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from alliance.core import clock
from alliance.core.management.commands.clock import stop_on_signals
from alliance.core.models import ClockRun

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.fixture
def jobs(monkeypatch):
    """An empty registry for the test; the apps' own jobs come back afterwards."""
    monkeypatch.setattr(clock, "_jobs", {})
    return clock


def test_each_app_registers_its_own_jobs():
    every = {job.name: (job.command, job.every) for job in clock.registered()}
    assert every["publish_scheduled"] == ("publish_scheduled", dt.timedelta(minutes=1))
    assert every["clearsessions"] == ("clearsessions", DAY)
    assert every["purge_personal_data"] == ("purge_personal_data", DAY)
    assert every["alerts_digest"] == ("alerts_digest", HOUR)
    assert every["send_rsvp_reminders"] == ("send_rsvp_reminders", HOUR)


def test_registering_the_same_job_again_is_harmless(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    jobs.register("sessions", "clearsessions", every=DAY)
    assert [job.name for job in jobs.registered()] == ["sessions"]


def test_another_job_under_a_taken_name_is_refused(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        jobs.register("sessions", "clearsessions", every=HOUR)


def test_a_job_more_often_than_once_a_minute_is_refused(jobs):
    with pytest.raises(ImproperlyConfigured, match="once a minute"):
        jobs.register("busy", "clearsessions", every=dt.timedelta(seconds=10))


def test_a_job_never_run_is_due(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    assert [job.name for job in jobs.due()] == ["sessions"]


def test_a_job_is_due_again_only_after_its_interval(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    now = timezone.now()
    assert jobs.run_due(now) == {"sessions": True}
    assert jobs.due(now + DAY - dt.timedelta(seconds=1)) == []
    assert [job.name for job in jobs.due(now + DAY)] == ["sessions"]


def test_a_restart_does_not_run_a_daily_job_again(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    now = timezone.now()
    jobs.run_due(now)
    # A new process knows only what the database kept.
    assert ClockRun.objects.get(name="sessions").started_at == now
    assert jobs.run_due(now + HOUR) == {}


def test_a_failing_job_does_not_stop_the_others(jobs, caplog):
    jobs.register("a-broken", "purge_contact_messages", "--days", "0", every=HOUR)
    jobs.register("b-fine", "clearsessions", every=HOUR)
    with caplog.at_level(logging.ERROR, logger="alliance.core.clock"):
        outcomes = jobs.run_due()
    assert outcomes == {"a-broken": False, "b-fine": True}
    assert "Clock job a-broken (manage.py purge_contact_messages) failed" in caplog.text
    assert ClockRun.objects.get(name="a-broken").succeeded is False


def test_a_job_under_way_is_not_started_again(jobs):
    job = jobs.register("sessions", "clearsessions", every=dt.timedelta(minutes=1))
    now = timezone.now()
    assert jobs.claim(job, now)
    # Another clock looks a minute later, while the first run has not finished.
    assert not jobs.claim(job, now + dt.timedelta(minutes=1))
    assert jobs.due(now + dt.timedelta(minutes=1)) == []


def test_a_run_abandoned_past_its_lease_frees_the_job(jobs):
    job = jobs.register("sessions", "clearsessions", every=dt.timedelta(minutes=1), lease=HOUR)
    now = timezone.now()
    jobs.claim(job, now)
    assert jobs.claim(job, now + HOUR)


def test_the_loop_runs_what_is_due_then_naps_at_most_a_minute(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)

    class OneNap(threading.Event):
        """Stops the loop at its first nap, as a signal arriving then would."""

        naps: list[float] = []

        def wait(self, timeout: float | None = None) -> bool:
            self.naps.append(timeout)
            self.set()
            return True

    stop = OneNap()
    jobs.run_forever(stop)
    assert ClockRun.objects.get(name="sessions").succeeded
    assert 1.0 <= stop.naps[0] <= 60.0


def test_sigterm_asks_the_loop_to_stop_and_the_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)
    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        signal.raise_signal(signal.SIGTERM)
        assert stop.is_set()
    finally:
        restore()
    assert signal.getsignal(signal.SIGTERM) is before


def test_once_runs_what_is_due_and_says_so(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    out = io.StringIO()
    call_command("clock", "--once", stdout=out)
    call_command("clock", "--once", stdout=out)
    assert out.getvalue().splitlines() == ["sessions: done", "Nothing was due."]


def test_list_names_every_job(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    out = io.StringIO()
    call_command("clock", "--list", stdout=out)
    assert out.getvalue() == "sessions: every 1 day, 0:00:00, manage.py clearsessions\n"


def test_the_clock_naps_until_the_next_job_is_due(jobs):
    jobs.register("sessions", "clearsessions", every=DAY)
    now = timezone.now()
    jobs.run_due(now - DAY + dt.timedelta(seconds=30))
    assert jobs.next_due(now) == now + dt.timedelta(seconds=30)


def test_a_job_another_clock_runs_does_not_wake_the_clock_early(jobs):
    job = jobs.register("sessions", "clearsessions", every=HOUR, lease=2 * HOUR)
    now = timezone.now()
    jobs.claim(job, now - HOUR - dt.timedelta(seconds=10))  # due again, but still running
    assert jobs.next_due(now) == now + jobs.LONGEST_NAP

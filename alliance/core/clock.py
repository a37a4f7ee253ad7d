"""The clock: periodic jobs that apps register, run by one ``manage.py clock``.

Each app that needs something done on a schedule (publish what editors
scheduled, purge personal data past its time, queue the weekly digest) names a
management command and an interval here, from its ``AppConfig.ready()``, as it
registers its personal data and panels. ``manage.py clock`` then runs whatever
is due, one job after another, so ``make run`` and a production server need one
process for every schedule instead of a loop per app or a cron line per command.
Core names no other app: it only walks what was registered.

When each job last started is kept in the database (``ClockRun``), not in the
cache: the cache may drop entries at any time (the file cache culls, Redis
evicts, a deploy may clear it), and a lost entry would run a daily purge again
at every restart. A row per job also lets two clocks (or the clock and a cron
``clock --once``) share the work without running one job twice at a time: a
job is claimed with one conditional UPDATE before it runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from io import StringIO
from typing import TextIO

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from .models import ClockRun

logger = logging.getLogger(__name__)

#: The longest the clock sleeps between looks at what is due, so that a job
#: registered with a short interval or claimed by another clock is not missed.
LONGEST_NAP = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    """A management command run every ``every``; ``lease`` bounds one run.

    A run that has not finished after ``lease`` (its clock was killed, say)
    no longer keeps the job from starting again.
    """

    name: str
    command: str
    args: tuple[str, ...]
    every: dt.timedelta
    lease: dt.timedelta


_jobs: dict[str, Job] = {}


def register(
    name: str,
    command: str,
    *args: str,
    every: dt.timedelta,
    lease: dt.timedelta = dt.timedelta(minutes=30),
) -> Job:
    """Run ``manage.py <command> <args>`` every ``every``; the job is known as ``name``.

    Registering the same job again is harmless; another job under a name
    already taken is a mistake and says so.
    """
    if every < dt.timedelta(minutes=1):
        raise ImproperlyConfigured(f"Clock job {name!r}: run it at most once a minute.")
    job = Job(name, command, tuple(args), every, lease)
    if _jobs.get(name, job) != job:
        raise ImproperlyConfigured(f"Clock job {name!r} is registered twice, differently.")
    _jobs[name] = job
    return job


def registered() -> list[Job]:
    """Every registered job, by name."""
    return [_jobs[name] for name in sorted(_jobs)]


def _is_due(job: Job, now: dt.datetime) -> Q:
    return Q(started_at__isnull=True) | Q(started_at__lte=now - job.every)


def _is_free(job: Job, now: dt.datetime) -> Q:
    return Q(running_since__isnull=True) | Q(running_since__lte=now - job.lease)


def due(now: dt.datetime | None = None) -> list[Job]:
    """The registered jobs whose time has come and which are not running."""
    now = now or timezone.now()
    rows = {row.name: row for row in ClockRun.objects.filter(name__in=_jobs)}
    return [
        job
        for job in registered()
        if job.name not in rows or rows[job.name].is_due(job.every, job.lease, now)
    ]


def claim(job: Job, now: dt.datetime) -> bool:
    """Mark the job as started if it is due and free; False if it is not (or another took it)."""
    ClockRun.objects.get_or_create(name=job.name)
    claimed = ClockRun.objects.filter(_is_due(job, now), _is_free(job, now), name=job.name).update(
        started_at=now, running_since=now
    )
    return claimed == 1


def run(job: Job, *, stdout: TextIO | None = None) -> bool:
    """Run one claimed job; True if it succeeded. A failure is logged, never raised."""
    began = time.monotonic()
    succeeded = False
    try:
        call_command(job.command, *job.args, stdout=stdout or StringIO(), stderr=StringIO())
        succeeded = True
    except Exception:
        # One job's failure must not stop the others, nor the clock.
        logger.exception("Clock job %s (manage.py %s) failed", job.name, job.command)
    ClockRun.objects.filter(name=job.name).update(
        running_since=None, finished_at=timezone.now(), succeeded=succeeded
    )
    logger.info("Clock job %s took %.1f s", job.name, time.monotonic() - began)
    return succeeded


def run_due(
    now: dt.datetime | None = None,
    *,
    stdout: TextIO | None = None,
    stop: threading.Event | None = None,
) -> dict[str, bool]:
    """Run each job that is due, in turn; whether each one run succeeded, by name."""
    outcomes: dict[str, bool] = {}
    for job in due(now):
        if stop is not None and stop.is_set():
            break
        if claim(job, now or timezone.now()):
            outcomes[job.name] = run(job, stdout=stdout)
    return outcomes


def next_due(now: dt.datetime) -> dt.datetime:
    """When the clock should look again: the next job's time, but not after LONGEST_NAP.

    A job another clock is running counts from the end of its lease, so that
    this one does not keep looking every second while it waits.
    """
    rows = {row.name: row for row in ClockRun.objects.filter(name__in=_jobs)}
    times: list[dt.datetime] = [now + LONGEST_NAP]
    for job in registered():
        row = rows.get(job.name)
        if row is None or row.started_at is None:
            continue
        when = row.started_at + job.every
        if row.running_since is not None:
            when = max(when, row.running_since + job.lease)
        times.append(when)
    return min(times)


def run_forever(stop: threading.Event, *, stdout: TextIO | None = None) -> None:
    """Run due jobs until ``stop`` is set; a job under way is finished first."""
    while not stop.is_set():
        run_due(stdout=stdout, stop=stop)
        now = timezone.now()
        stop.wait(max((next_due(now) - now).total_seconds(), 1.0))

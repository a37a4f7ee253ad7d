"""Scheduling helpers for background tasks (django-tasks), shared by the channels.

Mail alerts and fediverse deliveries both retry with an exponential backoff and both
defer a task where the backend can wait; the rules live here once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def deferred(task_function, run_after: dt.datetime):
    """The task, to run no earlier than ``run_after`` where the backend can wait.

    A backend that runs tasks at once (the immediate backend of tests and scripts) cannot
    wait: there the task runs now, which only shortens the wait for translations or retries.
    """
    if run_after <= timezone.now() or not task_function.get_backend().supports_defer:
        return task_function
    return task_function.using(run_after=run_after)


def retry_delay(attempt: int, *, first_seconds: int, last_seconds: int) -> dt.timedelta:
    """``first_seconds``, then twice as long after each failed attempt, at most ``last_seconds``."""
    return dt.timedelta(seconds=min(first_seconds * 2 ** (attempt - 1), last_seconds))

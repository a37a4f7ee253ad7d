"""Run the periodic jobs apps registered (alliance/core/clock.py), each when it is due.

Without ``--once`` it keeps running, as ``make run`` and a systemd service start
it, and stops cleanly on SIGTERM or SIGINT after the job under way. With
``--once`` it runs whatever is due and exits, for cron (every minute) and tests.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable

from django.core.management.base import BaseCommand

from alliance.core import clock


def stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """Set ``stop`` on SIGTERM or SIGINT; returns what puts the old handlers back."""
    signals = (signal.SIGTERM, signal.SIGINT)
    previous = {number: signal.getsignal(number) for number in signals}

    def handle(number: int, frame: object) -> None:
        stop.set()

    for number in signals:
        signal.signal(number, handle)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


class Command(BaseCommand):
    help = (
        "Run the periodic jobs the apps registered (publishing scheduled pages, purges, "
        "digests), each when it is due, until stopped; with --once, run what is due and exit."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run every job that is due, then exit (cron)."
        )
        parser.add_argument(
            "--list", action="store_true", help="List the registered jobs and exit."
        )

    def handle(self, *args, once: bool, list: bool, **options) -> None:
        verbosity = options.get("verbosity", 1)
        # The jobs' own output is wanted only when asked for; failures are logged anyway.
        out = self.stdout if verbosity >= 2 else None
        if list:
            for job in clock.registered():
                self.stdout.write(f"{job.name}: every {job.every}, manage.py {job.command}")
            return
        if once:
            self._report(clock.run_due(stdout=out), verbosity)
            return
        stop = threading.Event()
        restore = stop_on_signals(stop)
        try:
            clock.run_forever(stop, stdout=out)
        finally:
            restore()

    def _report(self, outcomes: dict[str, bool], verbosity: int) -> None:
        if verbosity < 1:
            return
        for name, succeeded in outcomes.items():
            self.stdout.write(f"{name}: {'done' if succeeded else 'failed (see the log)'}")
        if not outcomes:
            self.stdout.write("Nothing was due.")

"""Queue the weekly digest of the last complete week (Monday to Sunday, UTC).

Safe to run as often as one likes: each subscriber receives one digest a week,
and a week already sent in full is not queued again. The clock runs it hourly
(``manage.py clock``, registered in alerts' ``AppConfig.ready()``); cron may run
it instead (README, "Scheduled jobs").
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from alliance.alerts import digest
from alliance.alerts.models import DeliveryStatus
from alliance.alerts.models import Digest as DigestRecord


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of the last complete week (or of --week) for the task "
        "worker. Subscribers who already received that week's digest are skipped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--week",
            help="The Monday (YYYY-MM-DD) the week began; by default the last complete week.",
        )

    def handle(self, *args, week: str | None = None, **options) -> None:
        self.verbosity = options.get("verbosity", 1)
        self._queue(self._week(week))

    def _queue(self, monday: dt.date) -> None:
        records = DigestRecord.objects.filter(week=monday)
        if records.exists() and not records.filter(status=DeliveryStatus.PENDING).exists():
            self._say(f"The digest of the week of {monday} was already sent.")
            return
        digest.send_digest.enqueue(monday.isoformat())
        self._say(f"Queued the digest of the week of {monday}.")

    def _say(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(line)

    def _week(self, week: str | None) -> dt.date:
        if week is None:
            return digest.last_complete_week()
        try:
            monday = dt.date.fromisoformat(week)
        except ValueError:
            raise CommandError(f"--week must be a date, YYYY-MM-DD, not {week!r}.") from None
        if monday.weekday() != 0:
            raise CommandError(f"--week must be a Monday; {monday} is not.")
        return monday

"""Count hard bounces from a list of addresses; those at the limit stop receiving alerts."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from alliance.alerts.models import Subscriber
from alliance.alerts.subscriptions import normalize_email


class Command(BaseCommand):
    help = (
        "Read FILE, one bounced address a line (as the mail server's bounce report lists "
        "them), and count a bounce for each subscriber; from ALERTS_BOUNCE_LIMIT bounces "
        "an address receives no more alerts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="A text file, one address a line ('-' for stdin).")

    def handle(self, *args, file: str, **options) -> None:
        try:
            text = self.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        addresses = {
            normalize_email(line) for line in text.splitlines() if "@" in line and len(line) < 300
        }
        counted = Subscriber.objects.filter(email__in=addresses).update(
            bounce_count=F("bounce_count") + 1
        )
        stopped = Subscriber.objects.filter(
            email__in=addresses, bounce_count__gte=settings.ALERTS_BOUNCE_LIMIT
        ).count()
        # Counts only: the addresses stay out of the output and any log.
        self.stdout.write(
            f"Counted a bounce for {counted} subscriber(s); {stopped} of them now receive "
            "no more alerts."
        )

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alliance.events.personal_data import Rsvps


class Command(BaseCommand):
    help = (
        "Remove names, e-mail addresses and phone numbers from RSVPs to events that ended "
        "more than RSVP_RETENTION_DAYS days ago (default 30), keeping only the counts. "
        "Safe to run from cron as often as you like."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after an event's end to keep personal data (default: RSVP_RETENTION_DAYS).",
        )

    def handle(self, *args, days: int | None, **options) -> None:
        days = settings.RSVP_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        for line in Rsvps().expire(timezone.now(), days=days):
            self.stdout.write(line)

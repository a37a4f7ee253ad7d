from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alliance.core.personal_data import CONTACT_MESSAGE_DAYS, ContactMessages


class Command(BaseCommand):
    help = (
        f"Delete contact messages older than a number of days (default {CONTACT_MESSAGE_DAYS}). "
        "Run it daily from cron: personal data is kept only as long as it is needed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=CONTACT_MESSAGE_DAYS,
            help="Keep messages this many days.",
        )
        parser.add_argument(
            "--unhandled-too",
            action="store_true",
            help="Also delete messages nobody has marked as handled.",
        )

    def handle(self, *args, days: int, unhandled_too: bool, **options) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        for line in ContactMessages().expire(
            timezone.now(), days=days, unhandled_too=unhandled_too
        ):
            self.stdout.write(line)

from django.core.management.base import BaseCommand, CommandError

from alliance.core.models import ContactMessage


class Command(BaseCommand):
    help = (
        "Delete contact messages older than a number of days (default 90). "
        "Run it daily from cron: personal data is kept only as long as it is needed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=90, help="Keep messages this many days.")
        parser.add_argument(
            "--unhandled-too",
            action="store_true",
            help="Also delete messages nobody has marked as handled.",
        )

    def handle(self, *args, days: int, unhandled_too: bool, **options) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.")
        messages = ContactMessage.objects.older_than(days)
        if not unhandled_too:
            messages = messages.filter(handled=True)
        deleted, _ = messages.delete()
        self.stdout.write(f"Deleted {deleted} contact message(s) older than {days} days.")

from django.core.management.base import BaseCommand

from alliance.events.replies import rsvp_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail a reminder to people who left an address, for events starting within the "
        "next 24 hours. Each person is reminded once; safe to run from cron every hour."
    )

    def handle(self, *args, **options) -> None:
        sent = rsvp_reminders_send()
        self.stdout.write(f"Sent {sent} reminder(s).")

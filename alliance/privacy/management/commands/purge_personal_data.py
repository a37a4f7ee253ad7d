import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from alliance.members.models import (
    ApplicationStatus,
    Endorsement,
    EndorsementStatus,
    MembershipApplication,
)

DECLINED_APPLICATION_DAYS = 90
UNCONFIRMED_ENDORSEMENT_DAYS = 14


class Command(BaseCommand):
    help = (
        "Run every scheduled removal of personal data in one go: RSVPs and contact messages "
        "(with the defaults of purge_rsvps and purge_contact_messages), membership "
        f"applications declined more than {DECLINED_APPLICATION_DAYS} days ago, signatures "
        f"never confirmed by e-mail within {UNCONFIRMED_ENDORSEMENT_DAYS} days, and failed "
        "sign-in records past their lockout time. Prints one line per kind. Run it daily; "
        "running it again removes nothing more."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        # The existing commands keep their own defaults and their own line of output,
        # so each retention period is written down in one place only.
        call_command("purge_rsvps", stdout=self.stdout)
        call_command("purge_contact_messages", stdout=self.stdout)

        declined = _deleted(
            MembershipApplication.objects.filter(
                status=ApplicationStatus.DECLINED,
                decided_at__lt=now - dt.timedelta(days=DECLINED_APPLICATION_DAYS),
            )
        )
        self.stdout.write(
            f"Deleted {declined} membership application(s) declined more than "
            f"{DECLINED_APPLICATION_DAYS} days ago."
        )

        # Only public signatures wait for e-mail confirmation; a member
        # organization's endorsement is confirmed when it is made.
        unconfirmed = _deleted(
            Endorsement.objects.filter(
                status=EndorsementStatus.UNCONFIRMED,
                organization__isnull=True,
                created_at__lt=now - dt.timedelta(days=UNCONFIRMED_ENDORSEMENT_DAYS),
            )
        )
        self.stdout.write(
            f"Deleted {unconfirmed} unconfirmed endorsement(s) older than "
            f"{UNCONFIRMED_ENDORSEMENT_DAYS} days."
        )

        self.stdout.write(self._sign_in_attempts(now))

    @staticmethod
    def _sign_in_attempts(now: dt.datetime) -> str:
        """django-axes removes expired failed sign-ins only when someone next signs in;
        on a quiet site they would stay. Remove them here too."""
        from axes.helpers import get_cool_off
        from axes.models import AccessAttempt

        if getattr(settings, "AXES_USE_ATTEMPT_EXPIRATION", False):
            expired = AccessAttempt.objects.filter(expiration__expires_at__lte=now)
        else:
            cool_off = get_cool_off()
            if cool_off is None:
                return "Kept failed sign-in records: without AXES_COOLOFF_TIME they never expire."
            expired = AccessAttempt.objects.filter(attempt_time__lte=now - cool_off)
        return f"Deleted {_deleted(expired)} failed sign-in record(s) past their lockout time."


def _deleted(queryset) -> int:
    """Rows of the queryset's own model deleted, not counting what went with them."""
    _total, by_model = queryset.delete()
    return by_model.get(queryset.model._meta.label, 0)

"""Personal data in accounts: user accounts, and the failed sign-ins django-axes records.

Registered in the personal-data registry (``alliance.core.personal_data``)
from ``AccountsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.personal_data import PersonalDataKind, admin_time, deleted_count, iso

# The organization an account acts for comes from members (a higher layer),
# read through the reverse relation that members' MemberRepresentative adds.
REPRESENTATIVE = "representative"


def _represents(user) -> str | None:
    link = getattr(user, REPRESENTATIVE, None)
    return link.organization.name if link else None


class UserAccounts(PersonalDataKind):
    """Sign-in accounts: found and shown, removed only under Settings › Users."""

    key = "accounts"
    title = gettext_lazy("User accounts")
    position = 70
    erasable = False
    note = gettext_lazy("Not erased here: change or remove an account under Settings › Users.")
    columns = (
        gettext_lazy("Username"),
        gettext_lazy("E-mail"),
        gettext_lazy("Name"),
        gettext_lazy("Represents"),
        gettext_lazy("Last signed in"),
    )
    kept_reason = gettext_lazy("Remove an account under Settings › Users.")
    models = (get_user_model(),)

    def find(self, query: str) -> list[Any]:
        accounts = (
            get_user_model()
            .objects.annotate(
                full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField())
            )
            .filter(
                Q(username__iexact=query) | Q(email__iexact=query) | Q(full_name__iexact=query)
            )
            .select_related(f"{REPRESENTATIVE}__organization")
            .order_by("pk")
        )
        return list(accounts)

    def describe(self, user) -> list[Any]:
        return [
            user.get_username(),
            user.email,
            user.get_full_name(),
            _represents(user) or "",
            admin_time(user.last_login),
        ]

    def export(self, user) -> dict[str, Any]:
        return {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
            "represents": _represents(user),
        }

    def kept_summary(self, counts: dict[str, int]) -> str:
        return _("User accounts: %(count)d.") % {"count": counts["accounts_kept"]}


class FailedSignIns(PersonalDataKind):
    """django-axes' records of failed sign-ins: a username and an address, briefly.

    Not looked up on a request: each lasts minutes, and holds a username that
    someone tried, not necessarily the person's own.
    """

    key = "failed_sign_ins"
    title = gettext_lazy("Failed sign-ins")
    position = 80
    models = (AccessAttempt,)
    searchable = False
    retention = "failed sign-in records past their lockout time"

    def expire(self, now: dt.datetime) -> list[str]:
        """django-axes removes expired failed sign-ins only when someone next signs in;
        on a quiet site they would stay. Remove them here too."""
        if getattr(settings, "AXES_USE_ATTEMPT_EXPIRATION", False):
            expired = AccessAttempt.objects.filter(expiration__expires_at__lte=now)
        else:
            cool_off = get_cool_off()
            if cool_off is None:
                return [
                    "Kept failed sign-in records: without AXES_COOLOFF_TIME they never expire."
                ]
            expired = AccessAttempt.objects.filter(attempt_time__lte=now - cool_off)
        deleted = deleted_count(expired)
        return [f"Deleted {deleted} failed sign-in record(s) past their lockout time."]

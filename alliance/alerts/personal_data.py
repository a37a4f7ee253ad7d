"""Personal data in alerts: subscribers' addresses, languages and choices.

Registered in the personal-data registry (``alliance.core.personal_data``) from
``AlertsConfig.ready()``. Erasing deletes the subscriber (and with it the
deliveries and weekly digests that name them); the mailings keep their counts only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.personal_data import PersonalDataKind, admin_time, deleted_count, iso

from .models import DeliveryStatus, Subscriber
from .subscriptions import UNCONFIRMED_DAYS, delete_unconfirmed, normalize_email


class Subscribers(PersonalDataKind):
    key = "alert_subscribers"
    title = gettext_lazy("Alert subscribers")
    position = 65
    models = (Subscriber,)
    note = gettext_lazy("Deleted, with the record of which alerts were sent to them.")
    columns = (
        gettext_lazy("E-mail"),
        gettext_lazy("Language"),
        gettext_lazy("Subscribed"),
        gettext_lazy("Confirmed"),
    )
    retention = f"subscriptions never confirmed, {UNCONFIRMED_DAYS} days after they were made"

    def find(self, query: str) -> list[Subscriber]:
        return list(
            Subscriber.objects.filter(email=normalize_email(query))
            .annotate(
                alerts_sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT))
            )
            .prefetch_related("topics", "regions")
        )

    def describe(self, subscriber: Subscriber) -> list[Any]:
        return [
            subscriber.email,
            subscriber.get_language_display(),
            admin_time(subscriber.created_at),
            admin_time(subscriber.confirmed_at),
        ]

    def export(self, subscriber: Subscriber) -> dict[str, Any]:
        # The link fingerprints are left out: they mean nothing to the person.
        return {
            "email": subscriber.email,
            "language": subscriber.language,
            "topics": [topic.name for topic in subscriber.topics.all()],
            "regions": [region.name for region in subscriber.regions.all()],
            "statements": subscriber.wants_statements,
            "events": subscriber.wants_events,
            "days_of_action": subscriber.wants_days_of_action,
            "frequency": subscriber.frequency,
            "created_at": iso(subscriber.created_at),
            "confirmed_at": iso(subscriber.confirmed_at),
            "confirmation_sent_at": iso(subscriber.confirmation_sent_at),
            "bounces": subscriber.bounce_count,
            "alerts_sent": getattr(subscriber, "alerts_sent", 0),
            "weekly_digests_sent": subscriber.digests.filter(status=DeliveryStatus.SENT).count(),
        }

    def erase(self, records: list[Subscriber], now: dt.datetime) -> dict[str, int]:
        found = Subscriber.objects.filter(pk__in=[subscriber.pk for subscriber in records])
        return {"alert_subscribers": deleted_count(found)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Alert subscribers: %(count)d.") % {"count": counts["alert_subscribers"]}

    def expire(self, now: dt.datetime) -> list[str]:
        count = delete_unconfirmed(now)
        return [
            f"Deleted {count} alert subscription(s) left unconfirmed for {UNCONFIRMED_DAYS} days."
        ]

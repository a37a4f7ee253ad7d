"""Kinds and statuses of events, and the query set that finds them for readers."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from alliance.core.visibility import public_q
from alliance.members.models import Country


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("Info-session")
    FORUM = "forum", _("Forum")
    RALLY = "rally", _("Rally or march")
    PICKET = "picket", _("Picket")
    MOBILIZATION = "mobilization", _("Mobilization")
    ONLINE = "online", _("Online meeting")
    CULTURAL = "cultural", _("Cultural event")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    # Stored as "scheduled", but not called so: Wagtail's "scheduled" means publishing later.
    SCHEDULED = "scheduled", _("Going ahead")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


_END_OF_TIME = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


class EventQuerySet(PageQuerySet):
    def published(self) -> EventQuerySet:
        """What the public may see: live, not behind a privacy restriction."""
        return self.live().filter(public_q())

    def upcoming(self, now: dt.datetime | None = None) -> EventQuerySet:
        """Not over yet: running events count as upcoming until they end."""
        # The upper bound excludes nothing. With a range on both sides SQLite
        # reads the events ending from now on (the end index) and sorts those;
        # with one side it walked every past event in order of start (18 ms
        # at 10,000 events, bench/README.md).
        return self.filter(ends_at__gte=now or timezone.now(), ends_at__lt=_END_OF_TIME).order_by(
            "starts_at", "pk"
        )

    def past(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_region(self, region) -> EventQuerySet:
        codes = Country.objects.filter(region=region).values("code")
        return self.filter(country__in=codes)

    def by_organizer(self, organizer) -> EventQuerySet:
        """Events of one member organization, or of the secretariat when organizer is None."""
        return self.filter(organizer=organizer) if organizer else self.filter(organizer=None)

    def in_month(self, year: int, month: int) -> EventQuerySet:
        """Events that touch a calendar month, by their local dates."""
        first = dt.date(year, month, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return self.filter(start_date__lt=following).filter(
            models.Q(end_date__gte=first) | models.Q(end_date=None, start_date__gte=first)
        )

    def for_listing(self) -> EventQuerySet:
        # Cards show no body; upcoming events are sorted by start, bodies and all.
        return (
            self.select_related("organizer", "lead_image")
            .prefetch_related("lead_image__renditions")
            .defer_streamfields()
        )


EventManager = PageManager.from_queryset(EventQuerySet)

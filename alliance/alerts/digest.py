"""The weekly digest: one mail a week with the week's items, for those who chose it.

A week runs from Monday 00:00 UTC to the next Monday. ``alerts_digest`` (run
hourly by the clock, ``manage.py clock``, or by cron) enqueues the digest of the last complete
week; the task writes a pending ``Digest`` per subscriber who wants at least one
of the week's items, then sends the pending ones, marking each as the server
accepts it. The unique pair (subscriber, week) makes any number of runs, and a
run killed halfway and restarted, send each address one digest a week.

Each item is in the subscriber's language when it is live in it, else in the
site's default language, as for single alerts (``sending.choose``). An item is
one of the week's when its first publication started a ``Mailing`` that week;
an item published without alerts never had one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import BadHeaderError, get_connection
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from alliance.core import background

from . import mail, sending
from .models import DeliveryStatus, Digest, Frequency, Mailing, Withheld

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WeekItem:
    """One of the week's items: its versions by language and who wants it."""

    items: dict[str, mail.Item]
    own_language: str
    audience: frozenset[int]


def week_of(moment: dt.datetime) -> dt.date:
    """The Monday (UTC) of the week ``moment`` falls in."""
    day = moment.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(now: dt.datetime | None = None) -> dt.date:
    return week_of(now or timezone.now()) - dt.timedelta(days=7)


def week_bounds(week: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(week, dt.time.min, tzinfo=dt.UTC)
    return start, start + dt.timedelta(days=7)


def week_items(week: dt.date) -> list[WeekItem]:
    """The week's items in publication order: a few queries per item, none per subscriber."""
    start, end = week_bounds(week)
    mailings = (
        Mailing.objects.filter(created_at__gte=start, created_at__lt=end, page__isnull=False)
        .exclude(translation_key__in=Withheld.objects.values("translation_key"))
        .order_by("created_at", "pk")
    )
    found = []
    for mailing in mailings:
        page = Page.objects.filter(pk=mailing.page_id).select_related("locale").first()
        items = sending.items_by_language(mailing)
        if page is None or not items:
            continue  # deleted or unpublished since
        page = page.specific
        weekly = sending.wanting_page(mailing.kind, page).filter(frequency=Frequency.WEEKLY)
        audience = frozenset(weekly.values_list("pk", flat=True))
        found.append(WeekItem(items, page.locale.language_code, audience))
    return found


def _create_digests(week: dt.date, subscriber_ids: list[int], chunk: int) -> None:
    for first in range(0, len(subscriber_ids), chunk):
        Digest.objects.bulk_create(
            [Digest(subscriber_id=pk, week=week) for pk in subscriber_ids[first : first + chunk]],
            ignore_conflicts=True,
        )


def _pending(week: dt.date, chunk: int) -> Iterable[list[Digest]]:
    last = 0
    while True:
        batch = list(
            Digest.objects.filter(week=week, status=DeliveryStatus.PENDING, pk__gt=last)
            .select_related("subscriber")
            .order_by("pk")[:chunk]
        )
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _deliver(digest: Digest, entries: list[WeekItem], connection) -> bool:
    subscriber = digest.subscriber
    items = [
        sending.choose(entry.items, subscriber.language, entry.own_language)
        for entry in entries
        if subscriber.pk in entry.audience
    ]
    if not items:
        # Choices changed since the pending record was written (a restarted run).
        Digest.objects.filter(pk=digest.pk).delete()
        return False
    try:
        sending.send_one(connection, mail.digest_message(subscriber, items, digest.week))
    except (sending.PermanentRefusal, BadHeaderError, ValueError, UnicodeError):
        Digest.objects.filter(pk=digest.pk).update(status=DeliveryStatus.FAILED)
        return False
    Digest.objects.filter(pk=digest.pk).update(
        status=DeliveryStatus.SENT, items=len(items), sent_at=timezone.now()
    )
    return True


def send_digests(week: dt.date, *, connection=None, chunk: int = sending.CHUNK) -> int:
    """Send the week's pending digests; the number sent in this run.

    Safe to run again at any point. Raises one of ``sending.TRANSIENT`` when the
    server or the connection fails.
    """
    entries = week_items(week)
    wanted = sorted(set().union(*(entry.audience for entry in entries)))
    if not wanted:
        return 0
    _create_digests(week, wanted, chunk)
    sent = 0
    connection = connection or get_connection()
    connection.open()
    try:
        for batch in _pending(week, chunk):
            for digest in batch:
                sent += _deliver(digest, entries, connection)
    finally:
        connection.close()
    return sent


@task()
def send_digest(week: str, attempt: int = 1) -> int:
    """The digest of the week that began on ``week`` (an ISO date), retried on server errors."""
    try:
        return send_digests(dt.date.fromisoformat(week))
    except sending.TRANSIENT as error:
        if attempt >= sending.MAX_ATTEMPTS:
            logger.error("Digest of %s stopped after %s attempts.", week, attempt)
            return 0
        logger.warning("Digest of %s: %s; retrying.", week, sending.describe_error(error))
        later = timezone.now() + sending.retry_delay(attempt)
        background.deferred(send_digest, later).enqueue(week, attempt + 1)
        return 0

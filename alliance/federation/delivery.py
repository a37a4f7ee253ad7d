"""Sending activities to other servers: one delivery per inbox, through the task queue.

An activity for the public (Create, Update, Delete) goes to every inbox that
holds followers: a server's shared inbox once, however many of its users follow.
The fan-out first writes a pending ``Delivery`` per inbox (chunked, by primary
key), then posts the pending ones, each signed; run again after a crash, it
posts only what is still pending. Queries per delivery are constant: batches
are read and marked a chunk at a time.

A delivery that fails (no answer, a 5xx, a 429) is tried again later with
exponential backoff, up to ``MAX_ATTEMPTS``; a 4xx other than 429 is final.
An inbox that stays unreachable ``FEDERATION_UNREACHABLE_DAYS`` is dropped with
its followers.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from alliance.core import background

from . import addresses, fetch, keys, signatures
from .blocks import blocked
from .models import PUBLIC_KINDS, Activity, Delivery, DeliveryStatus, Inbox

logger = logging.getLogger(__name__)

CHUNK = 200
MAX_ATTEMPTS = 10
FIRST_RETRY_SECONDS = 60
LAST_RETRY_SECONDS = 6 * 60 * 60


def retry_delay(attempt: int) -> dt.timedelta:
    """1, 2, 4 ... minutes after the failed attempt, at most six hours."""
    return background.retry_delay(
        attempt, first_seconds=FIRST_RETRY_SECONDS, last_seconds=LAST_RETRY_SECONDS
    )


def enqueue(activity_id: int, run_after: dt.datetime | None = None) -> None:
    background.deferred(deliver, run_after or timezone.now()).enqueue(activity_id)


def inbox_for(url: str) -> Inbox:
    inbox, _created = Inbox.objects.get_or_create(
        url=url, defaults={"domain": (urlsplit(url).hostname or "").lower()}
    )
    return inbox


def send_to(activity: Activity, inbox_url: str) -> None:
    """Deliver an activity to one inbox (an Accept to the follower's), after the commit."""
    inbox = inbox_for(inbox_url)
    Delivery.objects.get_or_create(activity=activity, inbox=inbox)
    transaction.on_commit(lambda: enqueue(activity.pk))


def drop_unreachable(now: dt.datetime | None = None) -> int:
    """Forget inboxes failing for FEDERATION_UNREACHABLE_DAYS, with their followers."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=settings.FEDERATION_UNREACHABLE_DAYS)
    _total, by_model = Inbox.objects.unreachable_since(limit).delete()
    return by_model.get(Inbox._meta.label, 0)


def _create_deliveries(activity: Activity, chunk: int, now: dt.datetime) -> None:
    # Resumed after the last inbox written: a retry does not reach followers who came later.
    last = activity.deliveries.aggregate(last=Max("inbox_id"))["last"] or 0
    inboxes = Inbox.objects.filter(followers__isnull=False).distinct()
    while True:
        batch = list(inboxes.filter(pk__gt=last).order_by("pk").values_list("pk", "domain")[:chunk])
        if not batch:
            return
        Delivery.objects.bulk_create(
            [
                Delivery(activity=activity, inbox_id=pk, next_attempt_at=now)
                for pk, domain in batch
                if not blocked(domain)
            ],
            ignore_conflicts=True,
        )
        last = batch[-1][0]


def _due(activity: Activity, chunk: int, now: dt.datetime) -> Iterator[list[tuple[int, int, str]]]:
    last = 0
    while True:
        batch = list(
            Delivery.objects.filter(
                activity=activity,
                status=DeliveryStatus.PENDING,
                next_attempt_at__lte=now,
                pk__gt=last,
            )
            .order_by("pk")
            .values_list("pk", "inbox_id", "inbox__url")[:chunk]
        )
        if not batch:
            return
        yield batch
        last = batch[-1][0]


def post(url: str, body: bytes, pools: dict | None = None, key=None) -> int:
    """Post a signed activity to one inbox; its status code, or FetchError."""
    key = key or keys.private_key()
    headers = signatures.sign("POST", url, key, addresses.key_id(), body=body)
    return fetch.request("POST", url, headers, body=body, pools=pools).status


def _outcome(status: int | None) -> str:
    if status is not None and 200 <= status < 300:
        return DeliveryStatus.SENT
    if status is not None and 400 <= status < 500 and status not in (408, 429):
        return DeliveryStatus.FAILED  # the server refuses this activity for good
    return DeliveryStatus.PENDING


def _attempt(url: str, body: bytes, pools: dict, private) -> int | None:
    """Post to one inbox in a worker thread (no database here); None when it failed."""
    try:
        return post(url, body, pools, private)
    except fetch.FetchError as error:
        logger.info("Delivery to %s: %s", url, error)
        return None


def _send_batch(body: bytes, batch: list[tuple[int, int, str]], pools: dict) -> dict[str, list]:
    """Post a batch, FEDERATION_DELIVERY_THREADS at a time: most of the time is waiting."""
    results: dict[str, list] = {"sent": [], "refused": [], "failing": []}
    private = keys.private_key()
    with ThreadPoolExecutor(max_workers=settings.FEDERATION_DELIVERY_THREADS) as executor:
        statuses = list(executor.map(lambda item: _attempt(item[2], body, pools, private), batch))
    for (delivery_id, inbox_id, _url), status in zip(batch, statuses, strict=True):
        outcome = _outcome(status)
        key = {"sent": "sent", "failed": "refused", "pending": "failing"}[outcome]
        results[key].append((delivery_id, inbox_id))
    return results


def _mark(results: dict[str, list], now: dt.datetime) -> None:
    """Three to five queries per batch, whatever its size."""
    sent = [pk for pk, _inbox in results["sent"]]
    if sent:
        Delivery.objects.filter(pk__in=sent).update(status=DeliveryStatus.SENT, attempts=1)
        Inbox.objects.filter(pk__in=[inbox for _pk, inbox in results["sent"]]).exclude(
            failing_since=None
        ).update(failing_since=None)
    refused = [pk for pk, _inbox in results["refused"]]
    if refused:
        Delivery.objects.filter(pk__in=refused).update(status=DeliveryStatus.FAILED)
    failing = results["failing"]
    if failing:
        Inbox.objects.filter(pk__in=[inbox for _pk, inbox in failing], failing_since=None).update(
            failing_since=now
        )
        _reschedule([pk for pk, _inbox in failing], now)


def _reschedule(ids: list[int], now: dt.datetime) -> None:
    for attempts in set(Delivery.objects.filter(pk__in=ids).values_list("attempts", flat=True)):
        attempt = attempts + 1
        chosen = Delivery.objects.filter(pk__in=ids, attempts=attempts)
        if attempt >= MAX_ATTEMPTS:
            chosen.update(status=DeliveryStatus.FAILED, attempts=attempt)
        else:
            chosen.update(attempts=attempt, next_attempt_at=now + retry_delay(attempt))


def fan_out(activity_id: int, *, chunk: int = CHUNK, now: dt.datetime | None = None) -> int:
    """Post an activity's due deliveries; the number accepted in this run."""
    now = now or timezone.now()
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        return 0
    drop_unreachable(now)
    if activity.kind in PUBLIC_KINDS:
        _create_deliveries(activity, chunk, now)
    body = json.dumps(activity.payload, ensure_ascii=False, separators=(",", ":")).encode()
    pools: dict = {}
    sent = 0
    try:
        for batch in _due(activity, chunk, now):
            results = _send_batch(body, batch, pools)
            _mark(results, now)
            sent += len(results["sent"])
    finally:
        for pool in pools.values():
            pool.close()
    return sent


def _next_retry(activity_id: int) -> dt.datetime | None:
    pending = Delivery.objects.filter(activity_id=activity_id, status=DeliveryStatus.PENDING)
    return pending.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()


@task()
def deliver(activity_id: int) -> int:
    sent = fan_out(activity_id)
    later = _next_retry(activity_id)
    if later is not None and deliver.get_backend().supports_defer:
        enqueue(activity_id, later)
    return sent

"""Sending alerts, never in a request: django-tasks tasks and the fan-out they run.

A new item becomes a ``Mailing``; its task waits ``ALERTS_TRANSLATION_WAIT_MINUTES``
for translations, then gives every subscriber who asked for it one mail: in the
subscriber's language when the item is live in it, else in the site's default
language (the first of LANGUAGES), else in the item's own language.

The fan-out first writes a pending ``Delivery`` per subscriber (chunked, by
primary key), then sends the pending ones over one SMTP connection, marking
each sent as soon as the server accepted it. Run again after a crash, it sends
only what is still pending, so each address receives the item once; the one
window left is between the server's acceptance and that mark (a crash exactly
there sends one mail twice). Queries per mail are constant: one to mark it.

A refusal that concerns one address (a 5xx answer to it, an address that
cannot be written) marks that delivery refused and the fan-out goes on; an
error of the server or the connection stops the run, which is retried with
exponential backoff, the pending deliveries still pending.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import BadHeaderError, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django_tasks import task
from wagtail.models import Page

from alliance.core import background
from alliance.core.background import deferred
from alliance.events.models import DayOfActionPage, EventPage
from alliance.members.models import Country
from alliance.newsroom.models import StatementPage

from . import mail
from .models import Delivery, DeliveryStatus, Frequency, ItemKind, Mailing, Subscriber

logger = logging.getLogger(__name__)

CHUNK = 500
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 60
LAST_RETRY_SECONDS = 60 * 60
# Errors of the server or the connection: the whole run stops and is retried.
TRANSIENT = (smtplib.SMTPException, OSError)


class PermanentRefusal(Exception):
    """The server refused one address or one message for good."""


def item_kind(page: Page) -> str | None:
    if isinstance(page, StatementPage):
        return ItemKind.STATEMENT
    if isinstance(page, EventPage):
        return ItemKind.EVENT
    if isinstance(page, DayOfActionPage):
        return ItemKind.DAY_OF_ACTION
    return None


def mailing_create(page: Page, now: dt.datetime | None = None) -> Mailing | None:
    """Announce a page's first publication, once per item (all its translations).

    The task is enqueued when the editor's transaction commits.
    """
    kind = item_kind(page)
    if kind is None:
        return None
    now = now or timezone.now()
    mailing, created = Mailing.objects.get_or_create(
        translation_key=page.translation_key,
        defaults={
            "page": page,
            "title": mail.single_line(page.title)[:255],
            "kind": kind,
            "send_after": now + dt.timedelta(minutes=settings.ALERTS_TRANSLATION_WAIT_MINUTES),
        },
    )
    if not created:
        return None
    transaction.on_commit(lambda: enqueue(mailing.pk, mailing.send_after))
    return mailing


def enqueue(mailing_id: int, run_after: dt.datetime) -> None:
    deferred(send_mailing, run_after).enqueue(mailing_id)


def _item(page: Page, kind: str) -> mail.Item:
    language = page.locale.language_code
    url = page.get_url() or ""
    if url.startswith("/"):
        url = mail.base_url() + url
    with translation.override(language):
        when = ""
        if isinstance(page, EventPage):
            when = formats.date_format(page.start_date, "DATE_FORMAT")
        elif isinstance(page, DayOfActionPage):
            when = formats.date_format(page.date, "DATE_FORMAT")
        return mail.Item(
            title=mail.single_line(page.title),
            summary=getattr(page, "summary", ""),
            url=url,
            language=language,
            kind_label=str(ItemKind(kind).label),
            when=when,
        )


def items_by_language(mailing: Mailing) -> dict[str, mail.Item]:
    """The item in each language it is live in: a few queries per mailing, not per mail."""
    pages = (
        Page.objects.filter(translation_key=mailing.translation_key, live=True)
        .select_related("locale")
        .specific()
    )
    return {page.locale.language_code: _item(page, mailing.kind) for page in pages}


def choose(items: dict[str, mail.Item], language: str, own_language: str) -> mail.Item:
    """The subscriber's language, else the site's default, else the item's own."""
    return (
        items.get(language)
        or items.get(settings.LANGUAGE_CODE)
        or items.get(own_language)
        or next(iter(items.values()))
    )


def wanting_page(kind: str, page: Page):
    """Reachable subscribers who asked for this page, at any frequency.

    The page may be a revision being edited: its topics are read from the page in hand.
    """
    topic_ids: list[int] = []
    region_ids: list[int] = []
    if isinstance(page, StatementPage):
        topic_ids = [topic.pk for topic in page.topics.all()]
    elif isinstance(page, EventPage) and page.country:
        region_ids = list(
            Country.objects.filter(code=page.country).values_list("region_id", flat=True)
        )
    return Subscriber.objects.reachable().wanting(kind, topic_ids, region_ids)


def audience(mailing: Mailing, page: Page):
    """Who receives this item now: confirmed, reachable, wanting each item as it comes."""
    return wanting_page(mailing.kind, page).filter(frequency=Frequency.IMMEDIATELY)


def _create_deliveries(mailing: Mailing, subscribers, chunk: int) -> None:
    last = 0
    while True:
        ids = list(
            subscribers.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]
        )
        if not ids:
            return
        Delivery.objects.bulk_create(
            [Delivery(mailing=mailing, subscriber_id=pk) for pk in ids], ignore_conflicts=True
        )
        last = ids[-1]


def _pending(mailing: Mailing, chunk: int) -> Iterable[list[Delivery]]:
    last = 0
    while True:
        batch = list(
            Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.PENDING, pk__gt=last)
            .select_related("subscriber")
            .order_by("pk")[:chunk]
        )
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def send_one(connection, message) -> None:
    """Send one message; PermanentRefusal when only this address or message is at fault."""
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        if all(code >= 500 for code in codes):
            raise PermanentRefusal(f"recipient refused {codes}") from None
        raise
    except smtplib.SMTPSenderRefused:
        raise  # the server refuses us, not the address: stop and retry
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500 and isinstance(error, smtplib.SMTPDataError):
            raise PermanentRefusal(f"message refused {error.smtp_code}") from None
        raise


def _deliver(delivery: Delivery, items: dict[str, mail.Item], own: str, connection) -> bool:
    subscriber = delivery.subscriber
    item = choose(items, subscriber.language, own)
    try:
        message = mail.item_message(subscriber, item)
        send_one(connection, message)
    except (PermanentRefusal, BadHeaderError, ValueError, UnicodeError):
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, language=item.language
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, language=item.language, sent_at=timezone.now()
    )
    return True


def fan_out(mailing_id: int, *, connection=None, chunk: int = CHUNK) -> int:
    """Send a mailing's pending deliveries; the number sent in this run.

    Safe to run again at any point: what was marked sent is never sent again.
    Raises one of ``TRANSIENT`` when the server or the connection fails.
    """
    mailing = Mailing.objects.filter(pk=mailing_id, finished_at=None).first()
    if mailing is None:
        return 0
    page = Page.objects.filter(pk=mailing.page_id).select_related("locale").first()
    items = items_by_language(mailing)
    sent = 0
    if page is not None and items:
        page = page.specific
        own = page.locale.language_code
        Mailing.objects.filter(pk=mailing.pk, started_at=None).update(started_at=timezone.now())
        _create_deliveries(mailing, audience(mailing, page), chunk)
        connection = connection or get_connection()
        connection.open()
        try:
            for batch in _pending(mailing, chunk):
                for delivery in batch:
                    sent += _deliver(delivery, items, own, connection)
        finally:
            connection.close()
    _finish(mailing)
    return sent


def _finish(mailing: Mailing) -> None:
    deliveries = Delivery.objects.filter(mailing=mailing)
    Mailing.objects.filter(pk=mailing.pk).update(
        finished_at=timezone.now(),
        sent=deliveries.filter(status=DeliveryStatus.SENT).count(),
        failed=deliveries.filter(status=DeliveryStatus.FAILED).count(),
        last_error="",
    )


def retry_delay(attempt: int) -> dt.timedelta:
    """1, 2, 4 ... minutes after the failed attempt, at most an hour."""
    return background.retry_delay(
        attempt, first_seconds=FIRST_RETRY_SECONDS, last_seconds=LAST_RETRY_SECONDS
    )


def describe_error(error: Exception) -> str:
    # The class and the code only: a server's text may name an address.
    code = getattr(error, "smtp_code", "")
    return f"{type(error).__name__} {code}".strip()


@task()
def send_mailing(mailing_id: int) -> int:
    Mailing.objects.filter(pk=mailing_id).update(attempts=F("attempts") + 1)
    try:
        return fan_out(mailing_id)
    except TRANSIENT as error:
        attempts = Mailing.objects.filter(pk=mailing_id).values_list("attempts", flat=True).get()
        Mailing.objects.filter(pk=mailing_id).update(last_error=describe_error(error)[:255])
        if attempts >= MAX_ATTEMPTS:
            logger.error("Mailing %s stopped after %s attempts.", mailing_id, attempts)
            return 0
        logger.warning("Mailing %s: %s; retrying.", mailing_id, describe_error(error))
        deferred(send_mailing, timezone.now() + retry_delay(attempts)).enqueue(mailing_id)
        return 0


@task()
def send_confirmation(subscriber_id: int, attempt: int = 1) -> None:
    """The confirmation mail (or, to a confirmed address, its manage link)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    connection = get_connection()
    try:
        send_one(connection, mail.confirmation_message(subscriber))
    except (PermanentRefusal, BadHeaderError, ValueError, UnicodeError):
        logger.warning("Confirmation mail to subscriber %s refused.", subscriber_id)
    except TRANSIENT as error:
        if attempt >= MAX_ATTEMPTS:
            raise
        logger.warning("Confirmation mail: %s; retrying.", describe_error(error))
        later = timezone.now() + retry_delay(attempt)
        deferred(send_confirmation, later).enqueue(subscriber_id, attempt + 1)

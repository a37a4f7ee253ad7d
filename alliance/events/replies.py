"""RSVPs: who may reply, how places are given out, and how long names are kept.

Places are counted in one ``RsvpTally`` row per event. Every change takes that
row's lock first (``SELECT ... FOR UPDATE``; on SQLite the write transaction
itself), so replies sent at the same moment are decided one after another and
an event is never over capacity.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.core.spam import secret_fingerprint

from .models import EventPage, Rsvp, RsvpStatus, RsvpTally

DUPLICATE_WINDOW = 24 * 60 * 60


class RsvpRefused(Exception):
    """A reply that cannot be taken; the message says why, for the person replying."""


@dataclass(frozen=True)
class RsvpReceipt:
    rsvp: Rsvp
    token: str  # the private link's secret: shown once, never stored


def token_hash(token: str) -> str:
    return secret_fingerprint(token)


def rsvp_for_token(event: EventPage, token: str) -> Rsvp | None:
    return Rsvp.objects.filter(event=event, token_hash=token_hash(token)).first()


def seats_left(event: EventPage) -> int | None:
    """Places still free, or None when the event has no limit."""
    if event.capacity is None:
        return None
    taken = RsvpTally.objects.filter(event=event).values_list("confirmed_seats", flat=True).first()
    return max(0, event.capacity - (taken or 0))


def rsvp_create(
    event: EventPage,
    *,
    name: str,
    party_size: int,
    email: str = "",
    phone: str = "",
    nonce: str = "",
) -> RsvpReceipt:
    """Take a reply: a confirmed place if there is room, else the waiting list.

    Raises RsvpRefused when the event takes no replies, is full without a
    waiting list, or the same form was already sent.
    """
    if not event.rsvps_open():
        raise RsvpRefused(_("This event is not taking replies."))
    if nonce and not cache.add(f"rsvp-nonce:{nonce}", 1, DUPLICATE_WINDOW):
        raise RsvpRefused(
            _("This reply was already received. Use the private link from the first time.")
        )
    if not event.reminders:
        email = phone = ""
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        RsvpTally.objects.get_or_create(event=event)
        tally = RsvpTally.objects.select_for_update().get(event=event)
        if event.capacity is None or tally.confirmed_seats + party_size <= event.capacity:
            status = RsvpStatus.CONFIRMED
            tally.confirmed_seats += party_size
            tally.save(update_fields=["confirmed_seats"])
        elif event.waiting_list:
            status = RsvpStatus.WAITLISTED
        else:
            if nonce:
                cache.delete(f"rsvp-nonce:{nonce}")
            left = max(0, event.capacity - tally.confirmed_seats)
            raise RsvpRefused(
                _("Sorry, the event is full.")
                if left == 0
                else _("Only %(count)d places are left.") % {"count": left}
            )
        rsvp = Rsvp.objects.create(
            event=event,
            name=name,
            party_size=party_size,
            email=email,
            phone=phone,
            status=status,
            token_hash=token_hash(token),
        )
    return RsvpReceipt(rsvp=rsvp, token=token)


def rsvp_cancel(rsvp: Rsvp) -> Rsvp:
    """Cancel a reply; freed places go to the waiting list, first come first served."""
    with transaction.atomic():
        RsvpTally.objects.get_or_create(event_id=rsvp.event_id)
        tally = RsvpTally.objects.select_for_update().get(event_id=rsvp.event_id)
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if rsvp.status == RsvpStatus.CANCELLED:
            return rsvp
        if rsvp.status == RsvpStatus.CONFIRMED:
            tally.confirmed_seats -= rsvp.party_size
        rsvp.status = RsvpStatus.CANCELLED
        rsvp.save(update_fields=["status"])
        _promote_waiting(rsvp.event, tally)
        tally.save(update_fields=["confirmed_seats"])
    return rsvp


def rsvp_change_party_size(rsvp: Rsvp, party_size: int) -> Rsvp:
    """Change how many people come; growing beyond the free places moves the reply
    to the waiting list rather than over capacity."""
    with transaction.atomic():
        RsvpTally.objects.get_or_create(event_id=rsvp.event_id)
        tally = RsvpTally.objects.select_for_update().get(event_id=rsvp.event_id)
        rsvp = Rsvp.objects.select_for_update().select_related("event").get(pk=rsvp.pk)
        event = rsvp.event
        if rsvp.status == RsvpStatus.CANCELLED:
            raise RsvpRefused(_("This reply was cancelled."))
        if rsvp.status == RsvpStatus.CONFIRMED:
            others = tally.confirmed_seats - rsvp.party_size
            if event.capacity is None or others + party_size <= event.capacity:
                tally.confirmed_seats = others + party_size
            elif event.waiting_list:
                tally.confirmed_seats = others
                rsvp.status = RsvpStatus.WAITLISTED
                rsvp.created_at = timezone.now()  # to the back of the queue
            else:
                raise RsvpRefused(
                    _("Only %(count)d places are left.")
                    % {"count": max(0, event.capacity - others)}
                )
        rsvp.party_size = party_size
        rsvp.save(update_fields=["party_size", "status", "created_at"])
        _promote_waiting(event, tally)
        tally.save(update_fields=["confirmed_seats"])
    return rsvp


def _promote_waiting(event: EventPage, tally: RsvpTally) -> None:
    """Give free places to waiting replies in order; a party that does not fit waits on."""
    if event.capacity is None:
        waiting = list(Rsvp.objects.filter(event=event).waitlisted())
    else:
        waiting = list(Rsvp.objects.filter(event=event).waitlisted().select_for_update())
    for reply in waiting:
        if event.capacity is not None and tally.confirmed_seats + reply.party_size > event.capacity:
            continue
        reply.status = RsvpStatus.CONFIRMED
        reply.save(update_fields=["status"])
        tally.confirmed_seats += reply.party_size


def rsvp_counts(event: EventPage) -> dict[str, int]:
    """People (not replies) per status, for organizers; still right after anonymizing."""
    rows = (
        Rsvp.objects.filter(event=event)
        .values("status")
        .annotate(people=Sum("party_size"))
        .order_by()
    )
    counts = {status: 0 for status in RsvpStatus.values}
    counts.update({row["status"]: row["people"] for row in rows})
    return counts


def rsvps_anonymize(days_after_event: int, now: dt.datetime | None = None) -> int:
    """Remove names and contact details from replies to events that ended long enough ago.

    Only the number of people and the status remain, so counts stay right.
    Safe to run again: anonymized replies are not touched twice.
    """
    now = now or timezone.now()
    return Rsvp.objects.due_for_anonymizing(days_after_event, now).update(
        name="", email="", phone="", anonymized_at=now
    )


def rsvp_reminders_send(now: dt.datetime | None = None, within: dt.timedelta | None = None) -> int:
    """E-mail each confirmed reply that left an address, once, the day before its event."""
    now = now or timezone.now()
    within = within or dt.timedelta(hours=24)
    due = (
        Rsvp.objects.confirmed()
        .with_personal_data()
        .filter(reminded_at=None, event__reminders=True, event__live=True)
        .filter(event__starts_at__gt=now, event__starts_at__lte=now + within)
        .exclude(email="")
        .select_related("event")
    )
    sent = 0
    for rsvp in due:
        body = render_to_string(
            "events/email/rsvp_reminder.txt", {"rsvp": rsvp, "event": rsvp.event}
        )
        subject = _("Reminder: %(title)s") % {"title": rsvp.event.title}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [rsvp.email])
        Rsvp.objects.filter(pk=rsvp.pk).update(reminded_at=now)
        sent += 1
    return sent

"""Personal data in events: replies to events and who proposed a local action.

Registered in the personal-data registry (``alliance.core.personal_data``)
from ``EventsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.personal_data import PersonalDataKind, admin_time, iso

from .models import LocalActionProposal, Rsvp, RsvpStatus
from .replies import rsvp_cancel, rsvps_anonymize


class Rsvps(PersonalDataKind):
    """Replies: erased by cancelling what is still to come, then anonymizing, so that
    the waiting list moves up and the event's counts stay right."""

    key = "rsvps"
    title = gettext_lazy("RSVPs")
    position = 10
    models = (Rsvp,)
    note = gettext_lazy(
        "Replies to events still to come are cancelled first, so their places go to "
        "the waiting list. Every reply then loses its name, e-mail, phone and private "
        "link; the number of people stays in the event's counts."
    )
    columns = (
        gettext_lazy("Event"),
        gettext_lazy("Name"),
        gettext_lazy("E-mail"),
        gettext_lazy("Phone"),
        gettext_lazy("People"),
        gettext_lazy("Status"),
        gettext_lazy("Replied"),
    )
    retention = (
        "names and contact details of RSVPs to events that ended more than "
        "RSVP_RETENTION_DAYS days ago (the default of purge_rsvps)"
    )

    def find(self, query: str) -> list[Rsvp]:
        return list(
            Rsvp.objects.filter(Q(email__iexact=query) | Q(name__iexact=query))
            .select_related("event")
            .order_by("created_at", "pk")
        )

    def describe(self, rsvp: Rsvp) -> list[Any]:
        return [
            rsvp.event.title,
            rsvp.name,
            rsvp.email,
            rsvp.phone,
            rsvp.party_size,
            rsvp.get_status_display(),
            admin_time(rsvp.created_at),
        ]

    def export(self, rsvp: Rsvp) -> dict[str, Any]:
        # The private link's fingerprint is left out: a hash that means nothing
        # to the person and would only help someone forge a link.
        return {
            "event": rsvp.event.title,
            "event_starts_at": iso(rsvp.event.starts_at),
            "name": rsvp.name,
            "email": rsvp.email,
            "phone": rsvp.phone,
            "party_size": rsvp.party_size,
            "status": rsvp.status,
            "created_at": iso(rsvp.created_at),
            "reminded_at": iso(rsvp.reminded_at),
            "anonymized_at": iso(rsvp.anonymized_at),
        }

    def erase(self, records: list[Rsvp], now: dt.datetime) -> dict[str, int]:
        ids = [rsvp.pk for rsvp in records]
        # A reply to an event still to come is cancelled the way the person
        # would cancel it: the tally drops and the waiting list moves up. A
        # past event's reply keeps its status so the event's history stays true.
        # Statuses are read afresh: the search may predate a cancellation.
        coming = Rsvp.objects.filter(
            pk__in=ids,
            status__in=[RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED],
            event__ends_at__gte=now,
        )
        cancelled = 0
        for rsvp in list(coming):
            rsvp_cancel(rsvp)
            cancelled += 1
        anonymized = list(Rsvp.objects.filter(pk__in=ids, anonymized_at=None))
        for rsvp in anonymized:
            rsvp.name = rsvp.email = rsvp.phone = ""
            rsvp.anonymized_at = now
            # A random value that is no hash of any link: the private link the
            # person holds can never again be matched to this row.
            rsvp.token_hash = secrets.token_hex(32)
        Rsvp.objects.bulk_update(
            anonymized, ["name", "email", "phone", "anonymized_at", "token_hash"]
        )
        return {"rsvps_cancelled": cancelled, "rsvps_anonymized": len(anonymized)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("RSVPs: %(rsvps)d, of which cancelled first: %(cancelled)d.") % {
            "rsvps": counts["rsvps_anonymized"],
            "cancelled": counts["rsvps_cancelled"],
        }

    def expire(self, now: dt.datetime, *, days: int | None = None) -> list[str]:
        """Anonymize replies ``days`` after their event ended (RSVP_RETENTION_DAYS by default)."""
        days = settings.RSVP_RETENTION_DAYS if days is None else days
        count = rsvps_anonymize(days, now)
        return [f"Removed personal data from {count} RSVP(s) older than {days} days."]


class LocalActionProposals(PersonalDataKind):
    """Who proposed a local action. Erasing removes the proposer, never the decision."""

    key = "local_action_proposals"
    title = gettext_lazy("Local action proposals")
    position = 50
    models = (LocalActionProposal,)
    note = gettext_lazy(
        "The proposer's name and e-mail are removed; the local action and the "
        "decision on it stay."
    )
    columns = (
        gettext_lazy("Local action"),
        gettext_lazy("Organization"),
        gettext_lazy("Proposed by"),
        gettext_lazy("E-mail"),
        gettext_lazy("Status"),
        gettext_lazy("Proposed"),
    )

    def find(self, query: str) -> list[LocalActionProposal]:
        return list(
            LocalActionProposal.objects.filter(
                Q(proposer_email__iexact=query) | Q(proposer_name__iexact=query)
            )
            .select_related("event")
            .order_by("created_at", "pk")
        )

    def describe(self, proposal: LocalActionProposal) -> list[Any]:
        return [
            proposal.event.title,
            proposal.organization,
            proposal.proposer_name,
            proposal.proposer_email,
            proposal.get_status_display(),
            admin_time(proposal.created_at),
        ]

    def export(self, proposal: LocalActionProposal) -> dict[str, Any]:
        return {
            "event": proposal.event.title,
            "organization": proposal.organization,
            "proposer_name": proposal.proposer_name,
            "proposer_email": proposal.proposer_email,
            "status": proposal.status,
            "decline_reason": proposal.decline_reason,
            "created_at": iso(proposal.created_at),
            "decided_at": iso(proposal.decided_at),
        }

    def erase(self, records: list[LocalActionProposal], now: dt.datetime) -> dict[str, int]:
        # The proposal row stays: it records the editors' decision on the
        # local action, which is the organization's, not the proposer's.
        updated = LocalActionProposal.objects.filter(
            pk__in=[proposal.pk for proposal in records]
        ).update(proposer_name="", proposer_email="")
        return {"local_action_proposals": updated}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Local action proposals without the proposer's details now: %(count)d.") % {
            "count": counts["local_action_proposals"]
        }

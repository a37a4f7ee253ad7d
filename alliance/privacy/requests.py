"""A person asks what the site keeps about them, or asks for it to be erased.

An administrator looks the person up by e-mail address or name. What is found
can be handed over as JSON or erased. Erasing respects how each kind of record
is used elsewhere: an RSVP to an event still to come is cancelled the way the
person could cancel it themselves, so its places go to the waiting list, and
only then is it stripped of everything that points to the person, so the
event's counts stay right. A member organization's profile, the application
that admitted it and user accounts are found and shown but not erased here:
they belong to the organization or are managed under Settings › Users.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, fields
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.core.models import ContactMessage
from alliance.events.models import LocalActionProposal, Rsvp, RsvpStatus
from alliance.events.replies import rsvp_cancel
from alliance.members.models import (
    ApplicationStatus,
    Endorsement,
    MemberOrganization,
    MembershipApplication,
)

MIN_QUERY_LENGTH = 3


class QueryTooShort(ValueError):
    """A search so short it would match strangers as well as the person asking."""


@dataclass(frozen=True)
class PersonalDataReport:
    """Everything found for one search, by kind. The attribute names are the kinds."""

    query: str
    rsvps: list[Rsvp]
    contact_messages: list[ContactMessage]
    membership_applications: list[MembershipApplication]
    endorsements: list[Endorsement]
    local_action_proposals: list[LocalActionProposal]
    member_organizations: list[MemberOrganization]
    accounts: list[Any]  # of the user model

    @classmethod
    def kinds(cls) -> list[str]:
        return [field.name for field in fields(cls) if field.name != "query"]

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in self.kinds()}

    @property
    def total(self) -> int:
        return sum(self.counts().values())


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _country(value) -> str:
    return value.code if value else ""


def personal_data_find(query: str) -> PersonalDataReport:
    """Records whose e-mail address or person's name equals ``query``, ignoring case.

    Exact matches only: a request names one person, and a partial match would
    sweep in others. One query per kind, however much is found.
    Raises QueryTooShort for fewer than MIN_QUERY_LENGTH characters.
    """
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        raise QueryTooShort(
            _("Type at least %(count)d characters: a whole e-mail address or a whole name.")
            % {"count": MIN_QUERY_LENGTH}
        )
    user_model = get_user_model()
    accounts = (
        user_model.objects.annotate(
            full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField())
        )
        .filter(Q(username__iexact=query) | Q(email__iexact=query) | Q(full_name__iexact=query))
        .select_related("representative__organization")
        .order_by("pk")
    )
    return PersonalDataReport(
        query=query,
        rsvps=list(
            Rsvp.objects.filter(Q(email__iexact=query) | Q(name__iexact=query))
            .select_related("event")
            .order_by("created_at", "pk")
        ),
        contact_messages=list(
            ContactMessage.objects.filter(Q(email__iexact=query) | Q(name__iexact=query)).order_by(
                "created_at", "pk"
            )
        ),
        membership_applications=list(
            MembershipApplication.objects.filter(
                Q(contact_email__iexact=query) | Q(contact_name__iexact=query)
            )
            .select_related("member")
            .order_by("created_at", "pk")
        ),
        # A public signer's name is in signer_name whether or not they signed
        # for an organization; a member organization's endorsement names no one.
        endorsements=list(
            Endorsement.objects.filter(Q(email__iexact=query) | Q(signer_name__iexact=query))
            .select_related("statement")
            .order_by("created_at", "pk")
        ),
        local_action_proposals=list(
            LocalActionProposal.objects.filter(
                Q(proposer_email__iexact=query) | Q(proposer_name__iexact=query)
            )
            .select_related("event")
            .order_by("created_at", "pk")
        ),
        member_organizations=list(
            MemberOrganization.objects.filter(
                Q(contact_email__iexact=query) | Q(contact_name__iexact=query)
            ).order_by("name", "pk")
        ),
        accounts=list(accounts),
    )


def personal_data_export(report: PersonalDataReport) -> dict[str, Any]:
    """What was found, as plain JSON-ready data for the person who asked.

    Internal fingerprints of private links are left out: they are hashes that
    mean nothing to the person and would only help someone forge a link.
    """
    return {
        "query": report.query,
        "exported_at": _iso(timezone.now()),
        "rsvps": [
            {
                "event": rsvp.event.title,
                "event_starts_at": _iso(rsvp.event.starts_at),
                "name": rsvp.name,
                "email": rsvp.email,
                "phone": rsvp.phone,
                "party_size": rsvp.party_size,
                "status": rsvp.status,
                "created_at": _iso(rsvp.created_at),
                "reminded_at": _iso(rsvp.reminded_at),
                "anonymized_at": _iso(rsvp.anonymized_at),
            }
            for rsvp in report.rsvps
        ],
        "contact_messages": [
            {
                "name": message.name,
                "email": message.email,
                "subject": message.subject,
                "message": message.message,
                "created_at": _iso(message.created_at),
                "handled": message.handled,
            }
            for message in report.contact_messages
        ],
        "membership_applications": [
            {
                "organization_name": application.organization_name,
                "acronym": application.acronym,
                "kind": application.kind,
                "country": _country(application.country),
                "city": application.city,
                "sectors": application.sectors,
                "description": application.description,
                "website": application.website,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_phone": application.contact_phone,
                "agrees_basis_of_unity": application.agrees_basis_of_unity,
                "status": application.status,
                "decline_reason": application.decline_reason,
                "created_at": _iso(application.created_at),
                "decided_at": _iso(application.decided_at),
                "member_organization": application.member.name if application.member else None,
            }
            for application in report.membership_applications
        ],
        "endorsements": [
            {
                "statement": endorsement.statement.title,
                "display_name": endorsement.display_name,
                "signer_name": endorsement.signer_name,
                "country": _country(endorsement.country),
                "email": endorsement.email,
                "status": endorsement.status,
                "created_at": _iso(endorsement.created_at),
            }
            for endorsement in report.endorsements
        ],
        "local_action_proposals": [
            {
                "event": proposal.event.title,
                "organization": proposal.organization,
                "proposer_name": proposal.proposer_name,
                "proposer_email": proposal.proposer_email,
                "status": proposal.status,
                "decline_reason": proposal.decline_reason,
                "created_at": _iso(proposal.created_at),
                "decided_at": _iso(proposal.decided_at),
            }
            for proposal in report.local_action_proposals
        ],
        "member_organizations": [
            {
                "name": organization.name,
                "status": organization.status,
                "contact_name": organization.contact_name,
                "contact_email": organization.contact_email,
                "contact_phone": organization.contact_phone,
            }
            for organization in report.member_organizations
        ],
        "accounts": [_account(user) for user in report.accounts],
    }


def _account(user) -> dict[str, Any]:
    link = getattr(user, "representative", None)
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_active": user.is_active,
        "represents": link.organization.name if link else None,
    }


def personal_data_erase(report: PersonalDataReport) -> dict[str, int]:
    """Erase what ``report`` found, all of it or nothing, and count what went and what stayed.

    Keys ending in ``_kept`` count records that are deliberately not erased:
    accepted applications and member organizations' profiles (the
    organization's own record) and user accounts (removed under Settings ›
    Users, where the consequences for the person's work are visible).
    """
    now = timezone.now()
    rsvp_ids = [rsvp.pk for rsvp in report.rsvps]
    application_ids = [application.pk for application in report.membership_applications]
    with transaction.atomic():
        # A reply to an event still to come is cancelled the way the person
        # would cancel it: the tally drops and the waiting list moves up. A
        # past event's reply keeps its status so the event's history stays true.
        # Statuses are read afresh: the report may predate a cancellation.
        coming = Rsvp.objects.filter(
            pk__in=rsvp_ids,
            status__in=[RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED],
            event__ends_at__gte=now,
        )
        cancelled = 0
        for rsvp in list(coming):
            rsvp_cancel(rsvp)
            cancelled += 1
        anonymized = list(Rsvp.objects.filter(pk__in=rsvp_ids, anonymized_at=None))
        for rsvp in anonymized:
            rsvp.name = rsvp.email = rsvp.phone = ""
            rsvp.anonymized_at = now
            # A random value that is no hash of any link: the private link the
            # person holds can never again be matched to this row.
            rsvp.token_hash = secrets.token_hex(32)
        Rsvp.objects.bulk_update(
            anonymized, ["name", "email", "phone", "anonymized_at", "token_hash"]
        )
        messages = _delete(
            ContactMessage.objects.filter(
                pk__in=[message.pk for message in report.contact_messages]
            )
        )
        applications = _delete(
            MembershipApplication.objects.filter(pk__in=application_ids).exclude(
                status=ApplicationStatus.APPROVED
            )
        )
        applications_kept = MembershipApplication.objects.filter(
            pk__in=application_ids, status=ApplicationStatus.APPROVED
        ).count()
        endorsements = _delete(
            Endorsement.objects.filter(
                pk__in=[endorsement.pk for endorsement in report.endorsements],
                organization__isnull=True,
            )
        )
        # The proposal row stays: it records the editors' decision on the
        # local action, which is the organization's, not the proposer's.
        proposals = LocalActionProposal.objects.filter(
            pk__in=[proposal.pk for proposal in report.local_action_proposals]
        ).update(proposer_name="", proposer_email="")
    return {
        "rsvps_cancelled": cancelled,
        "rsvps_anonymized": len(anonymized),
        "contact_messages": messages,
        "membership_applications": applications,
        "endorsements": endorsements,
        "local_action_proposals": proposals,
        "membership_applications_kept": applications_kept,
        "member_organizations_kept": len(report.member_organizations),
        "accounts_kept": len(report.accounts),
    }


def _delete(queryset) -> int:
    """Rows of the queryset's own model deleted, leaving out any cascade."""
    _total, by_model = queryset.delete()
    return by_model.get(queryset.model._meta.label, 0)

"""Personal data in members: applications to join, endorsements, member organizations' contacts.

Registered in the personal-data registry (``alliance.core.personal_data``)
from ``MembersConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.personal_data import (
    PersonalDataKind,
    admin_time,
    country_code,
    deleted_count,
    iso,
)

from .models import (
    ApplicationStatus,
    Endorsement,
    EndorsementStatus,
    MemberOrganization,
    MembershipApplication,
)

DECLINED_APPLICATION_DAYS = 90
UNCONFIRMED_ENDORSEMENT_DAYS = 14


class MembershipApplications(PersonalDataKind):
    """Applications to join. An accepted one records how a member joined and stays."""

    key = "membership_applications"
    title = gettext_lazy("Applications to join")
    position = 30
    models = (MembershipApplication,)
    note = gettext_lazy(
        "Applications not accepted are deleted. An accepted application stays: it "
        "records how the member organization joined."
    )
    columns = (
        gettext_lazy("Organization"),
        gettext_lazy("Contact person"),
        gettext_lazy("E-mail"),
        gettext_lazy("Phone"),
        gettext_lazy("Status"),
        gettext_lazy("Received"),
    )
    retention = f"membership applications declined more than {DECLINED_APPLICATION_DAYS} days ago"

    def find(self, query: str) -> list[MembershipApplication]:
        return list(
            MembershipApplication.objects.filter(
                Q(contact_email__iexact=query) | Q(contact_name__iexact=query)
            )
            .select_related("member")
            .order_by("created_at", "pk")
        )

    def describe(self, application: MembershipApplication) -> list[Any]:
        return [
            application.organization_name,
            application.contact_name,
            application.contact_email,
            application.contact_phone,
            application.get_status_display(),
            admin_time(application.created_at),
        ]

    def export(self, application: MembershipApplication) -> dict[str, Any]:
        return {
            "organization_name": application.organization_name,
            "acronym": application.acronym,
            "kind": application.kind,
            "country": country_code(application.country),
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
            "created_at": iso(application.created_at),
            "decided_at": iso(application.decided_at),
            "member_organization": application.member.name if application.member else None,
        }

    def erase(self, records: list[MembershipApplication], now: dt.datetime) -> dict[str, int]:
        found = MembershipApplication.objects.filter(pk__in=[record.pk for record in records])
        accepted = found.filter(status=ApplicationStatus.APPROVED)
        return {
            "membership_applications": deleted_count(
                found.exclude(status=ApplicationStatus.APPROVED)
            ),
            "membership_applications_kept": accepted.count(),
        }

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Applications to join: %(count)d.") % {"count": counts["membership_applications"]}

    def kept_summary(self, counts: dict[str, int]) -> str:
        return _("Accepted applications: %(count)d.") % {
            "count": counts["membership_applications_kept"]
        }

    def expire(self, now: dt.datetime) -> list[str]:
        declined = deleted_count(
            MembershipApplication.objects.filter(
                status=ApplicationStatus.DECLINED,
                decided_at__lt=now - dt.timedelta(days=DECLINED_APPLICATION_DAYS),
            )
        )
        return [
            f"Deleted {declined} membership application(s) declined more than "
            f"{DECLINED_APPLICATION_DAYS} days ago."
        ]


class Endorsements(PersonalDataKind):
    """Signatures under statements. A member organization's endorsement names no one."""

    key = "endorsements"
    title = gettext_lazy("Endorsements")
    position = 40
    models = (Endorsement,)
    note = gettext_lazy("Deleted, and so no longer listed under the statement.")
    columns = (
        gettext_lazy("Statement"),
        gettext_lazy("Listed as"),
        gettext_lazy("Signed by"),
        gettext_lazy("E-mail"),
        gettext_lazy("Status"),
        gettext_lazy("Signed"),
    )
    retention = (
        f"signatures never confirmed by e-mail within {UNCONFIRMED_ENDORSEMENT_DAYS} days"
    )

    def find(self, query: str) -> list[Endorsement]:
        # A public signer's name is in signer_name whether or not they signed
        # for an organization; a member organization's endorsement names no one.
        return list(
            Endorsement.objects.filter(Q(email__iexact=query) | Q(signer_name__iexact=query))
            .select_related("statement")
            .order_by("created_at", "pk")
        )

    def describe(self, endorsement: Endorsement) -> list[Any]:
        return [
            endorsement.statement.title,
            endorsement.display_name,
            endorsement.signer_name,
            endorsement.email,
            endorsement.get_status_display(),
            admin_time(endorsement.created_at),
        ]

    def export(self, endorsement: Endorsement) -> dict[str, Any]:
        return {
            "statement": endorsement.statement.title,
            "display_name": endorsement.display_name,
            "signer_name": endorsement.signer_name,
            "country": country_code(endorsement.country),
            "email": endorsement.email,
            "status": endorsement.status,
            "created_at": iso(endorsement.created_at),
        }

    def erase(self, records: list[Endorsement], now: dt.datetime) -> dict[str, int]:
        public = Endorsement.objects.filter(
            pk__in=[endorsement.pk for endorsement in records], organization__isnull=True
        )
        return {"endorsements": deleted_count(public)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Endorsements: %(count)d.") % {"count": counts["endorsements"]}

    def expire(self, now: dt.datetime) -> list[str]:
        # Only public signatures wait for e-mail confirmation; a member
        # organization's endorsement is confirmed when it is made.
        unconfirmed = deleted_count(
            Endorsement.objects.filter(
                status=EndorsementStatus.UNCONFIRMED,
                organization__isnull=True,
                created_at__lt=now - dt.timedelta(days=UNCONFIRMED_ENDORSEMENT_DAYS),
            )
        )
        return [
            f"Deleted {unconfirmed} unconfirmed endorsement(s) older than "
            f"{UNCONFIRMED_ENDORSEMENT_DAYS} days."
        ]


class MemberOrganizations(PersonalDataKind):
    """A member organization's contact person: found and shown, never erased here."""

    key = "member_organizations"
    title = gettext_lazy("Member organizations")
    position = 60
    models = (MemberOrganization,)
    erasable = False
    note = gettext_lazy(
        "Not erased: an accepted member organization's profile belongs to the "
        "organization, not to the person. If they no longer speak for it, change the "
        "contact person under Members › Organizations."
    )
    columns = (
        gettext_lazy("Organization"),
        gettext_lazy("Contact person"),
        gettext_lazy("E-mail"),
        gettext_lazy("Phone"),
        gettext_lazy("Status"),
    )
    kept_reason = gettext_lazy(
        "An accepted member organization's profile belongs to the organization and is not "
        "personal data to erase; change its contact person under Members › Organizations."
    )

    def find(self, query: str) -> list[MemberOrganization]:
        return list(
            MemberOrganization.objects.filter(
                Q(contact_email__iexact=query) | Q(contact_name__iexact=query)
            ).order_by("name", "pk")
        )

    def describe(self, organization: MemberOrganization) -> list[Any]:
        return [
            organization.name,
            organization.contact_name,
            organization.contact_email,
            organization.contact_phone,
            organization.get_status_display(),
        ]

    def export(self, organization: MemberOrganization) -> dict[str, Any]:
        return {
            "name": organization.name,
            "status": organization.status,
            "contact_name": organization.contact_name,
            "contact_email": organization.contact_email,
            "contact_phone": organization.contact_phone,
        }

    def kept_summary(self, counts: dict[str, int]) -> str:
        return _("Member organization profiles: %(count)d.") % {
            "count": counts["member_organizations_kept"]
        }

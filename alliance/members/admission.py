"""Applications to join: received, then approved (a new member) or declined.

The decision follows the one review workflow (core/review.py); what is particular
to applications is here: approving creates the member organization.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.review import (
    ReviewPolicy,
    ReviewRefused,
    notify,
    review_approve,
    review_decline,
)

from .forms import ApprovalForm
from .models import MemberOrganization, MembershipApplication, MembershipStatus
from .permissions import can_review_applications


class ApplicationRefused(ReviewRefused):
    """The application cannot be taken (or approved); the message says why."""


def _normalised(name: str) -> str:
    return " ".join(name.casefold().split())


def _name_taken(name: str) -> bool:
    name = _normalised(name)
    members = MemberOrganization.objects.values_list("name", flat=True)
    return any(_normalised(other) == name for other in members)


class AdmissionReview(ReviewPolicy):
    model = MembershipApplication
    name = "application"
    confirmation_form = ApprovalForm
    confirmation_template = "members/admin/application_confirm.html"
    confirm_label = gettext_lazy("Approve and make it a member")
    context_name = "application"
    approved_mail = (
        "members/email/application_approved.txt",
        gettext_lazy("Welcome to the alliance"),
    )
    declined_mail = (
        "members/email/application_declined.txt",
        gettext_lazy("About your application"),
    )
    approve_history = (
        gettext_lazy("Approve a membership application"),
        gettext_lazy("Membership application approved"),
    )
    decline_history = (
        gettext_lazy("Decline a membership application"),
        gettext_lazy("Membership application declined"),
    )
    already_decided_message = gettext_lazy("Someone already decided on this application.")
    reason_missing_message = gettext_lazy("Please give a reason; it is sent to the applicant.")

    def may_review(self, user) -> bool:
        return can_review_applications(user)

    def approve(self, record: MembershipApplication, user, choices: dict) -> None:
        """Create the member organization from the application, named or not as chosen.

        Without choices (approved from code) the organization is unlisted: it is named in
        public only when a moderator has said so.
        """
        refusal = _("An organization with this name is already in the directory; rename it first.")
        if _name_taken(record.organization_name):
            raise ApplicationRefused(refusal)
        try:
            with transaction.atomic():
                record.member = MemberOrganization.objects.create(
                    name=record.organization_name,
                    acronym=record.acronym,
                    slug=_unique_slug(record.acronym or record.organization_name),
                    kind=record.kind,
                    status=MembershipStatus.MEMBER,
                    country=record.country,
                    city=record.city,
                    sectors=record.sectors,
                    description=record.description,
                    website=record.website,
                    contact_name=record.contact_name,
                    contact_email=record.contact_email,
                    contact_phone=record.contact_phone,
                    joined_on=timezone.localdate(),
                    unlisted=choices.get("unlisted", True),
                    visibility=choices.get("visibility", {}),
                )
        except IntegrityError:
            # Another member took the same name or address at the same moment.
            raise ApplicationRefused(refusal) from None

    def title(self, record: MembershipApplication) -> str:
        return record.organization_name

    def recipient(self, record: MembershipApplication) -> str:
        return record.contact_email


ADMISSION = AdmissionReview()


def application_submit(data: dict) -> MembershipApplication:
    """Record an application, refusing a second one for the same organization."""
    name = _normalised(data["organization_name"])
    pending = MembershipApplication.objects.pending().values_list("organization_name", flat=True)
    if any(_normalised(other) == name for other in pending):
        raise ApplicationRefused(
            _("An application from this organization is already waiting for review.")
        )
    if _name_taken(name):
        raise ApplicationRefused(
            _("An organization with this name is already in the directory. Please contact us.")
        )
    application = MembershipApplication.objects.create(**data)
    notify(
        ADMISSION,
        application,
        "members/email/application_received.txt",
        _("We received your application"),
    )
    return application


def application_approve(
    application: MembershipApplication,
    user,
    *,
    unlisted: bool = True,
    visibility: dict | None = None,
) -> MemberOrganization:
    """Create the member organization from the application and tell the contact person."""
    choices = {"unlisted": unlisted, "visibility": visibility or {}}
    return review_approve(ADMISSION, application, user, choices).member


def application_decline(application: MembershipApplication, user, reason: str) -> None:
    """Record the reason and tell the contact person."""
    review_decline(ADMISSION, application, user, reason)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "member"
    slug, n = base, 2
    while MemberOrganization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

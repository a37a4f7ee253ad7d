"""Applications to join: received, then approved (a new member) or declined."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    ApplicationStatus,
    MemberOrganization,
    MembershipApplication,
    MembershipStatus,
)


class ApplicationRefused(Exception):
    """The application cannot be taken; the message says why."""


class ApplicationAlreadyDecided(Exception):
    pass


def _normalised(name: str) -> str:
    return " ".join(name.casefold().split())


def application_submit(data: dict) -> MembershipApplication:
    """Record an application, refusing a second one for the same organization."""
    name = _normalised(data["organization_name"])
    pending = MembershipApplication.objects.pending().values_list("organization_name", flat=True)
    if any(_normalised(other) == name for other in pending):
        raise ApplicationRefused(
            _("An application from this organization is already waiting for review.")
        )
    members = MemberOrganization.objects.values_list("name", flat=True)
    if any(_normalised(other) == name for other in members):
        raise ApplicationRefused(
            _("An organization with this name is already in the directory. Please contact us.")
        )
    application = MembershipApplication.objects.create(**data)
    _notify(
        application, "members/email/application_received.txt", _("We received your application")
    )
    return application


def application_approve(application: MembershipApplication, user) -> MemberOrganization:
    """Create the member organization from the application and tell the contact person."""
    try:
        member = _approve(application, user)
    except IntegrityError:
        # Another member took the same name or address at the same moment.
        raise ApplicationRefused(
            _("An organization with this name is already in the directory; rename it first.")
        ) from None
    _notify(
        member.application, "members/email/application_approved.txt", _("Welcome to the alliance")
    )
    return member


def _approve(application: MembershipApplication, user) -> MemberOrganization:
    with transaction.atomic():
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise ApplicationAlreadyDecided
        name = _normalised(application.organization_name)
        if any(
            _normalised(other) == name
            for other in MemberOrganization.objects.values_list("name", flat=True)
        ):
            raise ApplicationRefused(
                _("An organization with this name is already in the directory; rename it first.")
            )
        member = MemberOrganization.objects.create(
            name=application.organization_name,
            acronym=application.acronym,
            slug=_unique_slug(application.acronym or application.organization_name),
            kind=application.kind,
            status=MembershipStatus.MEMBER,
            country=application.country,
            city=application.city,
            sectors=application.sectors,
            description=application.description,
            website=application.website,
            contact_name=application.contact_name,
            contact_email=application.contact_email,
            contact_phone=application.contact_phone,
            joined_on=timezone.localdate(),
        )
        application.status = ApplicationStatus.APPROVED
        application.member = member
        application.decided_at = timezone.now()
        application.decided_by = user
        application.save()
    return member


def application_decline(application: MembershipApplication, user, reason: str) -> None:
    with transaction.atomic():
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise ApplicationAlreadyDecided
        application.status = ApplicationStatus.DECLINED
        application.decline_reason = reason
        application.decided_at = timezone.now()
        application.decided_by = user
        application.save()
    _notify(application, "members/email/application_declined.txt", _("About your application"))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "member"
    slug, n = base, 2
    while MemberOrganization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _notify(application: MembershipApplication, template: str, subject: str) -> None:
    body = render_to_string(template, {"application": application})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [application.contact_email])

"""Admin screens: the membership applications queue and the endorsements of a statement."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from alliance.core.listing import spreadsheet_safe
from alliance.newsroom.models import StatementPage

from . import endorsing
from .admission import (
    ApplicationAlreadyDecided,
    ApplicationRefused,
    application_approve,
    application_decline,
)
from .models import ApplicationStatus, Endorsement, EndorsementStatus, MembershipApplication


def can_review_applications(user) -> bool:
    return user.has_perm("members.change_membershipapplication")


def can_review_endorsements(user) -> bool:
    return user.has_perm("members.change_endorsement")


def application_queue(request: HttpRequest) -> HttpResponse:
    if not can_review_applications(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "members/admin/application_queue.html",
        {
            "applications": MembershipApplication.objects.pending(),
            "decided": MembershipApplication.objects.exclude(
                status=ApplicationStatus.PENDING
            ).select_related("decided_by")[:20],
        },
    )


@require_POST
def application_decide(request: HttpRequest, application_id: int, decision: str) -> HttpResponse:
    if not can_review_applications(request.user):
        raise PermissionDenied
    if decision not in ("approve", "decline"):
        raise Http404
    application = get_object_or_404(MembershipApplication, pk=application_id)
    try:
        if decision == "approve":
            member = application_approve(application, request.user)
            log(instance=application, action="alliance.application_approved", user=request.user)
            messages.success(
                request,
                _("%(name)s is now a member; the contact person has been told.")
                % {"name": member.name},
            )
        else:
            reason = request.POST.get("reason", "").strip()[:2000]
            if not reason:
                messages.error(request, _("Please give a reason; it is sent to the applicant."))
                return redirect("members_application_queue")
            application_decline(application, request.user, reason)
            log(instance=application, action="alliance.application_declined", user=request.user)
            messages.success(request, _("Declined; the applicant has been told why."))
    except ApplicationAlreadyDecided:
        messages.warning(request, _("Someone already decided on this application."))
    except ApplicationRefused as refused:
        messages.error(request, str(refused))
    return redirect("members_application_queue")


def endorsement_queue(request: HttpRequest) -> HttpResponse:
    if not can_review_endorsements(request.user):
        raise PermissionDenied
    pending = Endorsement.objects.pending().select_related("statement")
    statements = StatementPage.objects.filter(endorsements__isnull=False).distinct()
    return TemplateResponse(
        request,
        "members/admin/endorsement_queue.html",
        {"endorsements": pending, "statements": statements},
    )


@require_POST
def endorsement_decide(request: HttpRequest, endorsement_id: int, decision: str) -> HttpResponse:
    if not can_review_endorsements(request.user):
        raise PermissionDenied
    if decision not in ("approve", "reject"):
        raise Http404
    endorsement = get_object_or_404(Endorsement, pk=endorsement_id)
    try:
        if decision == "approve":
            endorsing.endorsement_approve(endorsement)
        else:
            endorsing.endorsement_reject(endorsement)
    except endorsing.EndorsementRefused as refused:
        messages.warning(request, str(refused))
    else:
        action = "approved" if decision == "approve" else "rejected"
        log(instance=endorsement, action=f"alliance.endorsement_{action}", user=request.user)
    return redirect("members_endorsement_queue")


def endorsement_export(request: HttpRequest, statement_id: int) -> HttpResponse:
    if not can_review_endorsements(request.user):
        raise PermissionDenied
    statement = get_object_or_404(StatementPage, pk=statement_id)
    log(instance=statement, action="alliance.endorsements_exported", user=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="endorsements-{statement.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(
        [_("Organization or name"), _("Signed by"), _("Country"), _("Member"), _("Status")]
    )
    rows = Endorsement.objects.filter(statement=statement).exclude(
        status=EndorsementStatus.REJECTED
    )
    for endorsement in rows.select_related("organization").order_by("country", "display_name"):
        writer.writerow(
            [
                spreadsheet_safe(endorsement.display_name),
                spreadsheet_safe(endorsement.signer_name),
                endorsement.country.code if endorsement.country else "",
                _("yes") if endorsement.organization_id else _("no"),
                endorsement.get_status_display(),
            ]
        )
    return response

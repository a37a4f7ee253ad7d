"""Admin screens: an event's RSVPs (counts, list, CSV) and the local-action review queue."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from alliance.core.listing import spreadsheet_safe

from . import replies
from .models import EventPage, LocalActionProposal, ProposalStatus
from .moderation import (
    ProposalAlreadyDecided,
    can_moderate_local_actions,
    local_action_approve,
    local_action_decline,
)
from .permissions import can_see_rsvps


def _event_for_organizer(request: HttpRequest, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage, pk=page_id)
    if not can_see_rsvps(request.user, event):
        raise PermissionDenied
    return event


def rsvp_list(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _event_for_organizer(request, page_id)
    # Who looked at an attendee list is part of the audit trail.
    log(instance=event, action="alliance.rsvps_viewed", user=request.user)
    response = TemplateResponse(
        request,
        "events/admin/rsvp_list.html",
        {
            "event": event,
            "rsvps": event.rsvps.all(),
            "counts": replies.rsvp_counts(event),
            "seats_left": replies.seats_left(event),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def rsvp_export(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _event_for_organizer(request, page_id)
    log(instance=event, action="alliance.rsvps_exported", user=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rsvps-{event.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("People"), _("Status"), _("E-mail"), _("Phone"), _("Replied")])
    for rsvp in event.rsvps.all():
        writer.writerow(
            [
                spreadsheet_safe(rsvp.name),
                rsvp.party_size,
                rsvp.get_status_display(),
                spreadsheet_safe(rsvp.email),
                spreadsheet_safe(rsvp.phone),
                timezone.localtime(rsvp.created_at).isoformat(timespec="minutes"),
            ]
        )
    return response


def proposal_queue(request: HttpRequest) -> HttpResponse:
    proposals = [
        proposal
        for proposal in LocalActionProposal.objects.pending().select_related("event")
        if can_moderate_local_actions(request.user, proposal.event.get_parent().specific)
    ]
    decided = LocalActionProposal.objects.exclude(status=ProposalStatus.PENDING).select_related(
        "event", "decided_by"
    )[:20]
    return TemplateResponse(
        request,
        "events/admin/proposal_queue.html",
        {"proposals": proposals, "decided": decided},
    )


def _moderated_proposal(request: HttpRequest, proposal_id: int) -> LocalActionProposal:
    proposal = get_object_or_404(
        LocalActionProposal.objects.select_related("event"), pk=proposal_id
    )
    if not can_moderate_local_actions(request.user, proposal.event.get_parent().specific):
        raise PermissionDenied
    return proposal


@require_POST
def proposal_approve(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _moderated_proposal(request, proposal_id)
    try:
        local_action_approve(proposal, request.user)
    except ProposalAlreadyDecided:
        messages.warning(request, _("Someone already decided on this proposal."))
    else:
        messages.success(request, _("Published; the proposer has been told."))
    return redirect("events_proposal_queue")


@require_POST
def proposal_decline(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _moderated_proposal(request, proposal_id)
    reason = request.POST.get("reason", "").strip()[:2000]
    if not reason:
        messages.error(request, _("Please give a reason; it is sent to the proposer."))
        return redirect("events_proposal_queue")
    try:
        local_action_decline(proposal, request.user, reason)
    except ProposalAlreadyDecided:
        messages.warning(request, _("Someone already decided on this proposal."))
    else:
        log(instance=proposal, action="alliance.local_action_declined", user=request.user)
        messages.success(request, _("Declined; the proposer has been told why."))
    return redirect("events_proposal_queue")

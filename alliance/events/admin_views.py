"""Admin screens: an event's RSVPs (counts, list, CSV) and the local-action review queue."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log

from alliance.core.listing import spreadsheet_safe
from alliance.core.review_admin import ReviewDecisionView, ReviewQueueView, TemplateColumn

from . import replies
from .models import EventPage
from .moderation import LOCAL_ACTIONS
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


class ProposalQueueView(ReviewQueueView):
    policy = LOCAL_ACTIONS
    page_title = _("Local actions to review")
    header_icon = "tasks"
    approve_label = _("Approve and publish")
    kind_columns = (
        TemplateColumn("action", "events/admin/proposal_action_cell.html", label=_("Action")),
        Column("organization", label=_("Organization")),
        TemplateColumn(
            "proposer", "events/admin/proposal_proposer_cell.html", label=_("Proposed by")
        ),
    )


class ProposalDecisionView(ReviewDecisionView):
    policy = LOCAL_ACTIONS
    declined_message = _("Declined; the proposer has been told why.")

    def approved_message(self, record) -> str:
        return _("Published; the proposer has been told.")

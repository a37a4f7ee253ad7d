"""Admin screens: the membership applications queue and the endorsements of a statement."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log

from alliance.core.listing import spreadsheet_safe
from alliance.core.review_admin import ReviewDecisionView, ReviewQueueView, TemplateColumn
from alliance.newsroom.models import StatementPage

from .admission import ADMISSION
from .endorsing import ENDORSEMENTS
from .models import Endorsement, EndorsementStatus
from .permissions import can_review_endorsements


class ApplicationQueueView(ReviewQueueView):
    policy = ADMISSION
    page_title = gettext_lazy("Applications to join")
    header_icon = "form"
    empty_message = gettext_lazy("No application waits for review.")
    kind_columns = (
        TemplateColumn(
            "organization",
            "members/admin/application_organization_cell.html",
            label=gettext_lazy("Organization"),
        ),
        TemplateColumn(
            "place",
            "members/admin/application_place_cell.html",
            label=gettext_lazy("Where and whom"),
        ),
        TemplateColumn(
            "contact", "members/admin/application_contact_cell.html", label=gettext_lazy("Contact")
        ),
    )


class ApplicationDecisionView(ReviewDecisionView):
    policy = ADMISSION
    declined_message = gettext_lazy("Declined; the applicant has been told why.")

    def approved_message(self, record) -> str:
        if record.member.unlisted:
            message = _(
                "%(name)s is now an unlisted member, never named in public; "
                "the contact person has been told."
            )
        else:
            message = _("%(name)s is now a member; the contact person has been told.")
        return message % {"name": record.member.name}


class EndorsementQueueView(ReviewQueueView):
    policy = ENDORSEMENTS
    page_title = gettext_lazy("Endorsements to review")
    header_icon = "success"
    template_name = "members/admin/endorsement_queue.html"
    empty_message = gettext_lazy("No endorsement waits for review.")
    approve_label = gettext_lazy("List it")
    decline_label = gettext_lazy("Reject")
    reason_label = gettext_lazy("Reason for rejecting (optional)")
    # Decisions on signatures are not listed here (the statement's CSV has them).
    show_decided = False
    kind_columns = (
        TemplateColumn(
            "signer", "members/admin/endorsement_signer_cell.html", label=gettext_lazy("Signer")
        ),
        Column("statement", label=gettext_lazy("Statement"), accessor="statement.title"),
    )

    # How many statements the "Download the lists" links name: the latest signed.
    statements_shown = 20

    def get_context_data(self, *args, **kwargs) -> dict:
        context = super().get_context_data(*args, **kwargs)
        context["statements"] = recently_endorsed(self.statements_shown)
        return context


def recently_endorsed(count: int) -> list[StatementPage]:
    """The ``count`` statements signed most recently, newest first.

    Read from the newest endorsements backwards (the primary key's index), not by
    listing every statement ever signed: on a large site that was tens of thousands
    of links, and 3.6 s of CPU for the queue (bench/admin.py).
    """
    ids: list[int] = []
    newest = Endorsement.objects.order_by("-pk").values_list("statement_id", flat=True)
    for statement_id in newest[: count * 50]:
        if statement_id not in ids:
            ids.append(statement_id)
            if len(ids) == count:
                break
    statements = StatementPage.objects.in_bulk(ids)
    return [statements[pk] for pk in ids if pk in statements]


class EndorsementDecisionView(ReviewDecisionView):
    policy = ENDORSEMENTS
    decline_slug = "reject"
    declined_message = None  # the row leaving the queue says it


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

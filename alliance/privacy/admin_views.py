"""Admin screens for a person's request about their data: find it, hand it over, erase it.

After the empty search form every step is a POST: the address or name being
looked up then never appears in a URL, where it would stay in browser history
and in the logs of any proxy in front of the site.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from alliance.accounts.audit import log_about_person

from .permissions import can_handle_personal_data
from .requests import (
    PersonalDataReport,
    QueryTooShort,
    personal_data_erase,
    personal_data_export,
    personal_data_find,
)

EXPORT_ACTION = "alliance.personal_data_export"
ERASE_ACTION = "alliance.personal_data_erase"


class PersonalDataSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("E-mail address or name"),
        max_length=254,
        help_text=gettext_lazy(
            "The whole address or the whole name, as the person gave it. "
            "Capital and small letters count as the same."
        ),
    )


def _superusers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    # Checked before the method is: someone without the right learns nothing,
    # not even which methods a screen accepts.
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_handle_personal_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _audit(request: HttpRequest, action: str, counts: dict[str, int]) -> None:
    """Record in the site history who handed over or erased data, and how much; never whose."""
    log_about_person(request.user, action, by=request.user, data={"counts": counts})


def _search(request: HttpRequest) -> tuple[PersonalDataSearchForm, PersonalDataReport | None]:
    form = PersonalDataSearchForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return form, None
    try:
        return form, personal_data_find(form.cleaned_data["q"])
    except QueryTooShort as refused:
        form.add_error("q", str(refused))
        return form, None


def _search_page(
    request: HttpRequest, form: PersonalDataSearchForm, report: PersonalDataReport | None
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "privacy/admin/search.html",
        _context(form, report),
        status=400 if form.errors else 200,
    )


def _context(form: PersonalDataSearchForm, report: PersonalDataReport | None) -> dict:
    groups = _groups(report)
    return {
        "form": form,
        "report": report,
        "groups": groups,
        "erasable": sum(len(group["rows"]) for group in groups if group["erased"]),
    }


@_superusers_only
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    form, report = _search(request)
    return _search_page(request, form, report)


@_superusers_only
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    form, report = _search(request)
    if report is None:
        return _search_page(request, form, report)
    data = personal_data_export(report)
    _audit(request, EXPORT_ACTION, report.counts())
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    # The file name carries a time, not the person's address or name.
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@_superusers_only
@require_POST
def erase(request: HttpRequest) -> HttpResponse:
    form, report = _search(request)
    if report is None:
        return _search_page(request, form, report)
    if request.POST.get("confirm") != "yes":
        return TemplateResponse(
            request,
            "privacy/admin/erase_confirm.html",
            _context(form, report),
        )
    result = personal_data_erase(report)
    _audit(request, ERASE_ACTION, result)
    messages.success(
        request,
        _(
            "Erased. RSVPs: %(rsvps)d, of which cancelled first: %(cancelled)d. Contact "
            "messages: %(messages)d. Applications to join: %(applications)d. Endorsements: "
            "%(endorsements)d. Local action proposals without the proposer's details now: "
            "%(proposals)d."
        )
        % {
            "rsvps": result["rsvps_anonymized"],
            "cancelled": result["rsvps_cancelled"],
            "messages": result["contact_messages"],
            "applications": result["membership_applications"],
            "endorsements": result["endorsements"],
            "proposals": result["local_action_proposals"],
        },
    )
    kept = (
        result["membership_applications_kept"]
        + result["member_organizations_kept"]
        + result["accounts_kept"]
    )
    if kept:
        messages.info(
            request,
            _(
                "Kept. Member organization profiles: %(organizations)d. Accepted applications: "
                "%(applications)d. User accounts: %(accounts)d. An accepted member "
                "organization's profile belongs to the organization and is not personal data "
                "to erase; change its contact person under Members & partners. Remove an "
                "account under Settings › Users."
            )
            % {
                "organizations": result["member_organizations_kept"],
                "applications": result["membership_applications_kept"],
                "accounts": result["accounts_kept"],
            },
        )
    return redirect("privacy_search")


def _when(value: dt.datetime | None) -> str:
    # The same compact form as the other admin lists of this site.
    return date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def _groups(report: PersonalDataReport | None) -> list[dict]:
    """What was found, as titled tables for the templates, kind by kind."""
    if report is None:
        return []
    return [
        {
            "kind": "rsvps",
            "title": _("RSVPs"),
            "erased": True,
            "note": _(
                "Replies to events still to come are cancelled first, so their places go to "
                "the waiting list. Every reply then loses its name, e-mail, phone and private "
                "link; the number of people stays in the event's counts."
            ),
            "columns": [
                _("Event"),
                _("Name"),
                _("E-mail"),
                _("Phone"),
                _("People"),
                _("Status"),
                _("Replied"),
            ],
            "rows": [
                [
                    rsvp.event.title,
                    rsvp.name,
                    rsvp.email,
                    rsvp.phone,
                    rsvp.party_size,
                    rsvp.get_status_display(),
                    _when(rsvp.created_at),
                ]
                for rsvp in report.rsvps
            ],
        },
        {
            "kind": "contact_messages",
            "title": _("Contact messages"),
            "erased": True,
            "note": _("Deleted."),
            "columns": [_("Name"), _("E-mail"), _("Subject"), _("Received"), _("Handled")],
            "rows": [
                [
                    message.name,
                    message.email,
                    message.subject,
                    _when(message.created_at),
                    _("yes") if message.handled else _("no"),
                ]
                for message in report.contact_messages
            ],
        },
        {
            "kind": "membership_applications",
            "title": _("Applications to join"),
            "erased": True,
            "note": _(
                "Applications not accepted are deleted. An accepted application stays: it "
                "records how the member organization joined."
            ),
            "columns": [
                _("Organization"),
                _("Contact person"),
                _("E-mail"),
                _("Phone"),
                _("Status"),
                _("Received"),
            ],
            "rows": [
                [
                    application.organization_name,
                    application.contact_name,
                    application.contact_email,
                    application.contact_phone,
                    application.get_status_display(),
                    _when(application.created_at),
                ]
                for application in report.membership_applications
            ],
        },
        {
            "kind": "endorsements",
            "title": _("Endorsements"),
            "erased": True,
            "note": _("Deleted, and so no longer listed under the statement."),
            "columns": [
                _("Statement"),
                _("Listed as"),
                _("Signed by"),
                _("E-mail"),
                _("Status"),
                _("Signed"),
            ],
            "rows": [
                [
                    endorsement.statement.title,
                    endorsement.display_name,
                    endorsement.signer_name,
                    endorsement.email,
                    endorsement.get_status_display(),
                    _when(endorsement.created_at),
                ]
                for endorsement in report.endorsements
            ],
        },
        {
            "kind": "local_action_proposals",
            "title": _("Local action proposals"),
            "erased": True,
            "note": _(
                "The proposer's name and e-mail are removed; the local action and the "
                "decision on it stay."
            ),
            "columns": [
                _("Local action"),
                _("Organization"),
                _("Proposed by"),
                _("E-mail"),
                _("Status"),
                _("Proposed"),
            ],
            "rows": [
                [
                    proposal.event.title,
                    proposal.organization,
                    proposal.proposer_name,
                    proposal.proposer_email,
                    proposal.get_status_display(),
                    _when(proposal.created_at),
                ]
                for proposal in report.local_action_proposals
            ],
        },
        {
            "kind": "member_organizations",
            "title": _("Member organizations"),
            "erased": False,
            "note": _(
                "Not erased: an accepted member organization's profile belongs to the "
                "organization, not to the person. If they no longer speak for it, change the "
                "contact person under Members & partners."
            ),
            "columns": [
                _("Organization"),
                _("Contact person"),
                _("E-mail"),
                _("Phone"),
                _("Status"),
            ],
            "rows": [
                [
                    organization.name,
                    organization.contact_name,
                    organization.contact_email,
                    organization.contact_phone,
                    organization.get_status_display(),
                ]
                for organization in report.member_organizations
            ],
        },
        {
            "kind": "accounts",
            "title": _("User accounts"),
            "erased": False,
            "note": _("Not erased here: change or remove an account under Settings › Users."),
            "columns": [
                _("Username"),
                _("E-mail"),
                _("Name"),
                _("Represents"),
                _("Last signed in"),
            ],
            "rows": [
                [
                    user.get_username(),
                    user.email,
                    user.get_full_name(),
                    user.representative.organization.name
                    if getattr(user, "representative", None)
                    else "",
                    _when(user.last_login),
                ]
                for user in report.accounts
            ],
        },
    ]

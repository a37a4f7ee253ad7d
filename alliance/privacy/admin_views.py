"""Admin screens for a person's request about their data: find it, hand it over, erase it.

After the empty search form every step is a POST: the address or name being
looked up then never appears in a URL, where it would stay in browser history
and in the logs of any proxy in front of the site.
"""

from __future__ import annotations

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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from alliance.accounts.audit import log_about_person
from alliance.core.personal_data import registry

from .permissions import can_handle_personal_data
from .requests import (
    PersonalDataReport,
    QueryTooShort,
    kept_count,
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
    messages.success(request, _erased_message(result))
    if kept_count(result):
        messages.info(request, _kept_message(result))
    return redirect("privacy_search")


def _erased_message(result: dict[str, int]) -> str:
    """What went: a sentence per kind, in the kinds' order."""
    sentences = [kind.erased_summary(result) for kind in registry.searchable()]
    return " ".join([_("Erased."), *filter(None, sentences)])


def _kept_message(result: dict[str, int]) -> str:
    """What stayed, a sentence per kind, then why and where to change it instead."""
    kinds = registry.searchable()
    sentences = [kind.kept_summary(result) for kind in kinds]
    reasons = [str(kind.kept_reason) for kind in kinds]
    return " ".join([_("Kept."), *filter(None, sentences), *filter(None, reasons)])


def _groups(report: PersonalDataReport | None) -> list[dict]:
    """What was found, as titled tables for the templates, kind by kind."""
    if report is None:
        return []
    return [
        {
            "kind": kind.key,
            "title": kind.title,
            "erased": kind.erasable,
            "note": kind.note,
            "columns": kind.columns,
            "rows": [kind.describe(record) for record in records],
        }
        for kind, records in report.by_kind()
    ]

"""The administrators' view of sign-ins: paused sign-ins and second factors."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import log_about_person
from .permissions import can_manage_sign_ins
from .second_factor import second_factor_remove


def _check(request: HttpRequest) -> None:
    if not can_manage_sign_ins(request.user):
        raise PermissionDenied


def sign_in_overview(request: HttpRequest) -> HttpResponse:
    _check(request)
    attempts = list(AccessAttempt.objects.order_by("-attempt_time"))
    # A pause is per account name and per address, over all their rows.
    by_name: dict[str, int] = {}
    by_address: dict[str, int] = {}
    for attempt in attempts:
        by_name[attempt.username] = by_name.get(attempt.username, 0) + attempt.failures_since_start
        by_address[attempt.ip_address] = (
            by_address.get(attempt.ip_address, 0) + attempt.failures_since_start
        )
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in attempts:
        attempt.paused = (bool(attempt.username) and by_name[attempt.username] >= limit) or (
            bool(attempt.ip_address) and by_address[attempt.ip_address] >= limit
        )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .prefetch_related("groups")
        .order_by("username")
    )
    response = TemplateResponse(
        request,
        "accounts/admin/sign_ins.html",
        {
            "attempts": attempts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "users": users,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def sign_in_unlock(request: HttpRequest, attempt_id: int) -> HttpResponse:
    _check(request)
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    if attempt.username:
        axes_reset(username=attempt.username)
    if attempt.ip_address:
        axes_reset(ip=attempt.ip_address)
    attempt.delete()
    log_about_person(
        request.user,
        "alliance.sign_in_unlocked",
        by=request.user,
        data={"username": attempt.username or ""},
    )
    messages.success(request, _("The sign-in pause is lifted."))
    return redirect("accounts_sign_ins")


@require_POST
def second_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    _check(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    second_factor_remove(person)
    log_about_person(person, "alliance.two_factor_reset", by=request.user)
    messages.success(
        request,
        _("%(name)s will set up a new second factor at their next sign-in.")
        % {"name": person.get_username()},
    )
    return redirect("accounts_sign_ins")

"""Signing in, and setting up the second factor."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from . import second_factor
from .audit import log_about_person
from .forms import AuthenticatorConfirmForm, PasswordResetForm, SignInForm
from .middleware import SIGNED_IN_AT

QR_SCALE = 5


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = False
    extra_context = {"title": gettext_lazy("Sign in")}

    def get_default_redirect_url(self) -> str:
        # Editors go to the admin, member representatives to their organization's page.
        if self.request.user.has_perm("wagtailadmin.access_admin"):
            return resolve_url("wagtailadmin_home")
        return super().get_default_redirect_url()

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        if form.device is not None:
            otp_login(self.request, form.device)
        self.request.session[SIGNED_IN_AT] = time.time()
        return response


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("member_account")


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, or renew recovery codes once it is set up."""
    user = request.user
    next_url = _safe_next(request)
    if second_factor.has_second_factor(user):
        if request.method == "POST" and request.POST.get("action") == "renew":
            codes = second_factor.recovery_codes_renew(user)
            log_about_person(user, "alliance.recovery_codes_renewed", by=user)
            return _no_store(
                TemplateResponse(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": next_url},
                )
            )
        return _no_store(
            TemplateResponse(
                request,
                "accounts/two_factor_status.html",
                {
                    "codes_left": second_factor.recovery_codes_left(user),
                    "next": next_url,
                },
            )
        )

    device = second_factor.authenticator_pending(user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.authenticator_confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            log_about_person(user, "alliance.two_factor_enabled", by=user)
            messages.success(request, _("Your second factor is set up."))
            return _no_store(
                TemplateResponse(
                    request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url}
                )
            )
        form.add_error(
            "code",
            _("That code is not the one your app shows now. Codes change every 30 seconds."),
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": qr.svg_inline(scale=QR_SCALE, dark="#000", light="#fff", omitsize=False),
        "secret": second_factor.readable_secret(device),
        "next": next_url,
    }
    status = 400 if form.errors else 200
    return _no_store(
        TemplateResponse(request, "accounts/two_factor_setup.html", context, status=status)
    )


def login_redirect(request: HttpRequest) -> HttpResponse:
    """Wagtail's own sign-in page leads to the one with the second factor."""
    target = resolve_url("login")
    if request.GET.get("next"):
        target += "?" + urlencode({"next": request.GET["next"]})
    return redirect(target)

"""Pages under /<lang>/alerts/: subscribe, confirm, manage, unsubscribe.

Links from mails only ever show a page: confirming and unsubscribing are POSTs,
so mail scanners that follow links change nothing. The one-click unsubscribe of
RFC 8058 is a POST from the mail program, without cookies or a CSRF token: that
view alone is exempt, and its secret link is what authorizes it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions, tokens
from .forms import ManageForm, SubscribeForm


def _private(response: HttpResponse) -> HttpResponse:
    # A private link must not leak through the Referer or a shared cache.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def _invalid(request: HttpRequest) -> HttpResponse:
    return _private(TemplateResponse(request, "alerts/link_invalid.html", status=404))


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubscribeForm(request.POST, request=request)
        if form.is_valid():
            if not form.is_spam:
                subscriptions.subscribe(form.cleaned_data["email"], form.choices())
            return redirect("alerts_subscribe_sent")
    else:
        form = SubscribeForm(initial=SubscribeForm.initial_from(request.GET, get_language()))
    status = 400 if form.errors else 200
    return TemplateResponse(request, "alerts/subscribe.html", {"form": form}, status=status)


# Exempt from CSRF because it changes nothing: the compact form on cached pages (alerts'
# panels) carries no token, and this only shows the full form, with the address filled in;
# that form has the CSRF and human-check tokens, and its button subscribes.
@csrf_exempt
@require_http_methods(["POST"])
def subscribe_start(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(initial=SubscribeForm.initial_from(request.POST, get_language()))
    context = {"form": form, "started": True}
    return _private(TemplateResponse(request, "alerts/subscribe.html", context))


def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "alerts/subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        subscriber = subscriptions.confirm(token)
        if subscriber is None:
            return _invalid(request)
        manage_url = reverse("alerts_manage", args=[tokens.subscriber_token(subscriber)])
        return _private(
            TemplateResponse(request, "alerts/confirmed.html", {"manage_url": manage_url})
        )
    if subscriptions.pending_confirmation(token) is None:
        return _invalid(request)
    return _private(TemplateResponse(request, "alerts/confirm.html"))


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = subscriptions.by_manage_token(token)
    if subscriber is None:
        return _invalid(request)
    saved = False
    if request.method == "POST":
        form = ManageForm.for_subscriber(subscriber, request.POST)
        if form.is_valid():
            subscriptions.change_choices(subscriber, form.choices())
            saved = True
    else:
        form = ManageForm.for_subscriber(subscriber)
    context = {"form": form, "saved": saved, "token": token}
    status = 400 if form.errors else 200
    return _private(TemplateResponse(request, "alerts/manage.html", context, status=status))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST (the button, or a mail program's one-click) deletes."""
    if request.method == "POST":
        if not subscriptions.unsubscribe(token):
            return _invalid(request)
        return _private(TemplateResponse(request, "alerts/unsubscribed.html"))
    if subscriptions.by_manage_token(token) is None:
        return _invalid(request)
    return _private(TemplateResponse(request, "alerts/unsubscribe.html"))

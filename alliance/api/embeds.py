"""Embeds for partner sites: the latest statements and the coming events as small HTML pages
made to be framed. The only pages any site may frame (``frame-ancestors *``); they set no
cookie, run no script, load nothing from another host, and read right to left where the
language does."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from alliance.core.models import AllianceSettings
from alliance.events.models import EventPage
from alliance.newsroom.models import CARD_FIELDS, StatementPage

from .filters import EventFilter, StatementFilter

EMBED_LENGTH = 8
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def framable(view):
    """Any site may frame it; nothing in it may run a script."""
    policy = csp_replace({"frame-ancestors": ["*"], "script-src": ["'none'"]})
    return require_safe(xframe_options_exempt(policy(view)))


def _language(request: HttpRequest) -> str | None:
    code = request.GET.get("lang") or settings.LANGUAGE_CODE
    return code if code in LANGUAGE_CODES else None


def _embed(request: HttpRequest, filterset, template: str, title: str) -> HttpResponse:
    if not filterset.is_valid():
        return HttpResponseBadRequest(_("Some parameters are not valid."))
    items = list(filterset.qs[:EMBED_LENGTH])
    return render(
        request,
        template,
        {
            "items": items,
            "title": title,
            "alliance": AllianceSettings.for_request(request),
            "language": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        },
    )


@framable
def latest_statements(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    if language is None:
        return HttpResponseBadRequest(_("Unknown language."))
    with translation.override(language):
        data = {"locale": language, **_picked(request, ("topic", "region"))}
        statements = StatementPage.objects.published().newest_first().only(*CARD_FIELDS)
        filterset = StatementFilter(data, queryset=statements.select_related("locale"))
        return _embed(request, filterset, "api/embed_statements.html", _("Latest statements"))


@framable
def coming_events(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    if language is None:
        return HttpResponseBadRequest(_("Unknown language."))
    with translation.override(language):
        data = {"locale": language, **_picked(request, ("region", "country"))}
        events = (
            EventPage.objects.published()
            .upcoming(timezone.now())
            .select_related("locale")
            .defer_streamfields()
        )
        filterset = EventFilter(data, queryset=events)
        return _embed(request, filterset, "api/embed_events.html", _("Coming events"))


def _picked(request: HttpRequest, names: tuple[str, ...]) -> dict:
    return {name: request.GET[name] for name in names if request.GET.get(name)}

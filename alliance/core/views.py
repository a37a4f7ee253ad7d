from __future__ import annotations

import json

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page, Site

from . import offline as offline_rules
from .contact import ContactForm, MessageNotSent, contact_message_create
from .languages import active_locale, default_language_page
from .models import AllianceSettings, ContactPage
from .search import RANKED_LIMIT, search_pages
from .share import FediverseServerForm, fediverse_share_url
from .share_card import card_png
from .structured_data import site_url

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    error = ""
    results = None
    narrowed = False
    ranked_limit = RANKED_LIMIT
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Please search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
    elif query:
        site = Site.find_for_request(request)
        root = site.root_page.localized if site is not None else None
        matches = search_pages(query, active_locale(), root)
        narrowed = getattr(matches, "narrowed", False)
        ranked_limit = getattr(matches, "limit", RANKED_LIMIT)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(
        request,
        "core/search.html",
        {
            "query": query,
            "results": results,
            "error": error,
            "narrowed": narrowed,
            "ranked_limit": ranked_limit,
        },
        status=400 if error else 200,
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "core/robots.txt",
        {"sitemap_url": site_url(request, "/sitemap.xml")},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def share_card(request: HttpRequest) -> HttpResponse:
    """The link-preview picture of pages without one of their own (``core.share_card``)."""
    logo = AllianceSettings.for_request(request).logo
    response = HttpResponse(card_png(logo), content_type="image/png")
    # The address carries the logo's version, so the picture may be kept long.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """A page missing in this language points to the one that exists, instead of a dead end."""
    fallback = default_language_page(request)
    template = "core/not_translated.html" if fallback else "404.html"
    return TemplateResponse(request, template, {"fallback": fallback}, status=404)


NOT_SENT = gettext_lazy(
    "Your message could not be sent just now. What you typed is kept: "
    "please try again in a few minutes."
)


def contact_page_serve(page: ContactPage, request: HttpRequest) -> HttpResponse:
    """The contact form, and the thank-you page once a message is sent (and stored)."""
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST, request=request)
        if form.is_valid():
            try:
                if not form.is_spam:
                    contact_message_create(form.cleaned_data, site=page.get_site())
            except MessageNotSent:
                form.add_error(None, NOT_SENT)
                status = 503
            else:
                sent = page.get_context(request)
                return TemplateResponse(request, "core/contact_page_sent.html", sent)
    else:
        form = ContactForm()
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_http_methods(["GET", "POST"])
def share_fediverse(request: HttpRequest, page_id: int) -> HttpResponse:
    """Ask for the reader's fediverse server, then send them to its share form.

    The form is posted, so no link can make the site send a reader to a server they did
    not type themselves.
    """
    page = get_object_or_404(Page.objects.live().public().specific(), pk=page_id)
    url = site_url(request, page.url)
    form = FediverseServerForm(request.POST or None)
    if form.is_valid():
        return HttpResponseRedirect(
            fediverse_share_url(form.cleaned_data["server"], page.title, url)
        )
    return TemplateResponse(
        request,
        "core/share_fediverse.html",
        {"shared": page, "shared_url": url, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so that it may look after every page.

    Browsers check it again on each visit (``no-cache``), so a new version of the rules
    or of the pages to keep ready reaches readers at once.
    """
    response = TemplateResponse(
        request,
        "core/sw.js",
        {"config": json.dumps(offline_rules.worker_config())},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it did not keep, once the network is gone."""
    return TemplateResponse(request, "core/offline.html", {})


@require_GET
def web_manifest(request: HttpRequest) -> HttpResponse:
    alliance = AllianceSettings.for_request(request)
    data = offline_rules.manifest(alliance.name, alliance.short_name, alliance.tagline)
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )

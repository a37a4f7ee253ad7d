from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .contact import ContactForm, MessageNotSent, contact_message_create
from .languages import active_locale, default_language_page
from .models import AllianceSettings, ContactPage
from .search import RANKED_LIMIT, search_pages
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
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Please search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
    elif query:
        site = Site.find_for_request(request)
        root = site.root_page.localized if site is not None else None
        matches = search_pages(query, active_locale(), root)
        narrowed = getattr(matches, "narrowed", False)
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
            "ranked_limit": RANKED_LIMIT,
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

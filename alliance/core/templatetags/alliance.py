from __future__ import annotations

import datetime as dt

from django import template
from django.template import defaultfilters
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.models import Page, Site

from alliance.core import languages, menu, panels, share_card, structured_data
from alliance.core.kept import kept, request_generation
from alliance.core.models import AllianceSettings
from alliance.core.translated import in_reader_language

register = template.Library()


@register.simple_tag(takes_context=True)
def panels_for(context, slot: str, obj) -> str:
    """What the apps above this one show in ``slot`` for ``obj`` (``core.panels``)."""
    return panels.render(slot, context, obj)


def _site_root(context) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # The home page in the reader's language, where it exists.
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def main_menu(context, page: Page | None = None) -> list[menu.MenuItem]:
    """The menu's sections, each with its aria-current value (``core.menu``)."""
    root = _site_root(context)
    if root is None:
        return []
    return menu.main_menu(context.get("request"), root, page)


@register.simple_tag(takes_context=True)
def content_generation(context) -> str:
    """A key that changes whenever published content does, for ``{% cache %}`` blocks.

    The header, menu and footer are the same on thousands of pages; caching
    them per generation and language saves a dozen queries on each render.
    """
    return request_generation(context.get("request"))


@register.filter
def translated(items) -> list:
    """Topics, regions or people in the reader's language, where translated (core.translated)."""
    return in_reader_language(items)


@register.filter
def section_key(page) -> str:
    """The top-level section a page is in (the menu marks it as current)."""
    if not isinstance(page, Page):
        return ""
    return page.path[: page.steplen * 3] + ("=" if page.depth == 3 else "")


@register.simple_tag(takes_context=True)
def site_root(context) -> Page | None:
    return _site_root(context)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    request = context["request"]
    if not isinstance(page, Page):
        return languages.language_links(request, None)
    # The same for every reader of the page until something is published (core.kept).
    return kept(
        request, "languages", page.pk, compute=lambda: languages.language_links(request, page)
    )


@register.simple_tag(takes_context=True)
def breadcrumb_links(context, page: Page) -> list[tuple[str, str]]:
    """(address, title) of the pages above this one, kept until something is published."""
    request = context["request"]

    def compute() -> list[tuple[str, str]]:
        return [(crumb.get_url(request), crumb.title) for crumb in structured_data.ancestors(page)]

    return kept(request, "breadcrumbs", page.pk, compute=compute)


@register.simple_tag(takes_context=True)
def organization_jsonld(context) -> str:
    request = context["request"]
    return structured_data.as_script(
        structured_data.organization(AllianceSettings.for_request(request), request)
    )


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, page: Page) -> str:
    request = context["request"]

    def compute() -> str:
        data = structured_data.breadcrumb_list(page, request)
        return structured_data.as_script(data) if data else ""

    return kept(request, "breadcrumb-jsonld", page.pk, compute=compute)


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return structured_data.site_url(context["request"], url)


@register.simple_tag(takes_context=True)
def share_image_url(context, image=None) -> str:
    """A 1200-pixel-wide image for link previews: the one given, else the page's lead image,
    else a card drawn from the alliance's logo (``core.share_card``)."""
    request = context["request"]
    if image is None:
        image = getattr(context.get("page"), "lead_image", None)
    if image is None:
        logo = AllianceSettings.for_request(request).logo
        card = reverse("share_card") + "?v=" + share_card.card_version(logo)
        return structured_data.site_url(request, card)
    return structured_data.site_url(request, image.get_rendition("fill-1200x630|format-jpeg").url)


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """A date as this site writes dates in the reader's language (``alliance/formats/``)."""
    return defaultfilters.date(value, "DATE_FORMAT") if value else ""


@register.filter
def page_kind(page) -> str:
    """What a page is, for a list of mixed results: "Statement", "Event", "Day of action"."""
    return capfirst(page.specific_class._meta.verbose_name) if isinstance(page, Page) else ""


@register.filter
def page_date(page):
    """The date a page is about: a statement's, an event's first day; else its last edit."""
    for name in ("date", "start_date"):
        value = getattr(page, name, None)
        if isinstance(value, dt.date):
            return value
    published = getattr(page, "last_published_at", None)
    return published.date() if published else None


@register.filter
def described_widget(field) -> str:
    """Render a form field's widget tied to its help text and errors for screen readers."""
    ids = []
    attrs = {}
    if field.help_text:
        ids.append(f"{field.id_for_label}-help")
    if field.errors:
        ids.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)

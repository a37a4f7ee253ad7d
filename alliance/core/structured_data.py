"""schema.org data (JSON-LD) describing the alliance and where a page sits.

Built as plain dicts here and serialised once by the ``jsonld`` filter, so that
every app describes its own pages the same way.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.utils.html import mark_safe
from wagtail.models import Page, Site

from .models import AllianceSettings

# Characters that could end a <script> element or start an HTML comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script(data: dict | list) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def site_url(request: HttpRequest, path: str) -> str:
    """An absolute URL on the site's configured address (Settings › Sites), not the
    Host header, so canonical links and structured data name one address only."""
    if path.startswith(("http://", "https://")):
        return path
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(path)
    return site.root_url + path


def site_host(request: HttpRequest) -> str:
    """The site's configured host name: stable identifiers (feed ids, calendar UIDs)
    must not change with the address a reader happened to use."""
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def logo_url(alliance: AllianceSettings, request: HttpRequest) -> str | None:
    # Several JSON-LD objects of one page name the publisher: one rendition lookup.
    if hasattr(request, "_alliance_logo_url"):
        return request._alliance_logo_url
    url = None
    if alliance.logo:
        rendition = alliance.logo.get_rendition("max-600x600|format-png")
        url = site_url(request, rendition.url)
    request._alliance_logo_url = url
    return url


def organization(alliance: AllianceSettings, request: HttpRequest) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": site_url(request, "/#organization"),
        "name": alliance.name,
        "url": site_url(request, "/"),
    }
    if alliance.acronym:
        data["alternateName"] = alliance.acronym
    if alliance.tagline:
        data["description"] = alliance.tagline
    if alliance.founded:
        data["foundingDate"] = alliance.founded.strftime("%Y-%m")
    if alliance.secretariat_city:
        data["location"] = {
            "@type": "Place",
            "name": alliance.secretariat_city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": alliance.secretariat_city,
                **(
                    {"streetAddress": alliance.secretariat_address}
                    if alliance.secretariat_address
                    else {}
                ),
            },
        }
    if alliance.contact_email:
        data["email"] = alliance.contact_email
    url = logo_url(alliance, request)
    if url:
        data["logo"] = url
    persons = [
        {
            "@type": "ContactPoint",
            "name": person.name,
            "contactType": person.role or "general",
            **({"telephone": person.phone} if person.phone else {}),
            **({"email": person.email} if person.email else {}),
        }
        for person in alliance.contact_persons.all()
    ]
    if persons:
        data["contactPoint"] = persons
    links = [link.url for link in alliance.social_links.all()]
    if links:
        data["sameAs"] = links
    return data


def publisher(alliance: AllianceSettings, request: HttpRequest) -> dict:
    """The short form of the organization, for an article's publisher."""
    data = {
        "@type": "Organization",
        "@id": site_url(request, "/#organization"),
        "name": alliance.name,
    }
    url = logo_url(alliance, request)
    if url:
        data["logo"] = {"@type": "ImageObject", "url": url}
    return data


def ancestors(page: Page) -> list[Page]:
    """The pages above this one, below the tree's invisible root.

    The breadcrumb trail and its JSON-LD both need them: fetched once per page object.
    """
    found = getattr(page, "_alliance_ancestors", None)
    if found is None:
        found = list(page.get_ancestors().filter(depth__gt=1))
        page._alliance_ancestors = found
    return found


def breadcrumb_list(page: Page, request: HttpRequest) -> dict | None:
    trail = [*ancestors(page), page]
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": site_url(request, crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }

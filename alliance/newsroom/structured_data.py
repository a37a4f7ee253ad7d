"""schema.org NewsArticle for a statement."""

from __future__ import annotations

from django.http import HttpRequest

from alliance.core import structured_data
from alliance.core.models import AllianceSettings

from .models import StatementPage


def first_image(statement: StatementPage):
    """The lead image, else the first image of the body."""
    if statement.lead_image_id:
        return statement.lead_image
    for block in statement.body:
        if block.block_type == "image":
            return block.value["image"]
    return None


def news_article(statement: StatementPage, request: HttpRequest) -> dict:
    alliance = AllianceSettings.for_request(request)
    url = structured_data.site_url(request, statement.get_url(request))
    authors = [
        {
            "@type": "Person",
            "name": item.person.name,
            **({"jobTitle": item.shown_role} if item.shown_role else {}),
        }
        for item in statement.spokespersons.all()
    ]
    if not authors:
        authors = [structured_data.publisher(alliance, request)]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": statement.title[:110],
        "description": statement.summary,
        "datePublished": statement.published_at.isoformat(),
        "dateModified": (statement.last_published_at or statement.published_at).isoformat(),
        "author": authors,
        "publisher": structured_data.publisher(alliance, request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": statement.get_kind_display(),
        "inLanguage": statement.locale.language_code,
    }
    licence = statement.licence_for(alliance)
    if licence.url:
        data["license"] = licence.url
    if statement.deck:
        data["alternativeHeadline"] = statement.deck
    keywords = [topic.name for topic in statement.topics.all()]
    if keywords:
        data["keywords"] = keywords
    places = [region.name for region in statement.regions.all()] + [
        country.name for country in statement.countries.all()
    ]
    if places:
        data["spatialCoverage"] = [{"@type": "Place", "name": name} for name in places]
    partners = [
        {"@type": "Organization", "name": org.name, **({"url": org.website} if org.website else {})}
        for org in statement.co_publishers.all()
    ]
    if partners:
        data["sourceOrganization"] = partners
    image = first_image(statement)
    if image is not None:
        data["image"] = [
            structured_data.site_url(request, image.get_rendition("width-1200|format-jpeg").url)
        ]
    else:
        logo = structured_data.logo_url(alliance, request)
        if logo:
            data["image"] = [logo]
    return data

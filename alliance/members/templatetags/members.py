from django import template

from alliance.core.languages import localized_first
from alliance.core.models import AllianceSettings
from alliance.core.structured_data import as_script
from alliance.core.translated import in_reader_language
from alliance.members.directory import membership_figures
from alliance.members.models import JoinPage, MemberDirectoryPage, Region

register = template.Library()


@register.inclusion_tag("members/tags/regions.html")
def region_list() -> dict:
    return {"regions": in_reader_language(Region.objects.originals())}


@register.inclusion_tag("members/tags/figures.html", takes_context=True)
def member_figures(context) -> dict:
    """The membership in numbers, computed from the directory, with a link to it."""
    return {
        "request": context.get("request"),
        "figures": membership_figures(),
        "directory": localized_first(MemberDirectoryPage.objects.live()),
    }


@register.simple_tag
def join_page():
    """The page where organizations apply to join, in the reader's language where it exists."""
    return localized_first(JoinPage.objects.live().public())


@register.simple_tag(takes_context=True)
def organization_member_jsonld(context, organization, shown) -> str:
    alliance = AllianceSettings.for_request(context["request"])
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organization.name,
        "memberOf": {"@type": "Organization", "name": alliance.name},
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.country:
        address = {"@type": "PostalAddress", "addressCountry": organization.country.code}
        if "city" in shown and organization.city:
            address["addressLocality"] = organization.city
        data["address"] = address
    if "website" in shown and organization.website:
        data["url"] = organization.website
    return as_script(data)

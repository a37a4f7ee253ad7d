from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, MemberOrganization, PartnerOrganization, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug", "sort_order"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "region"]
    list_filter = ["region"]


class PartnerOrganizationViewSet(SnippetViewSet):
    model = PartnerOrganization
    icon = "group"
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]


class MemberOrganizationViewSet(SnippetViewSet):
    model = MemberOrganization
    icon = "group"
    list_display = ["name", "acronym", "country", "city"]
    search_fields = ["name", "acronym"]


class PlacesAndPartnersGroup(SnippetViewSetGroup):
    menu_label = _("Members & partners")
    menu_icon = "globe"
    menu_order = 300
    items = (MemberOrganizationViewSet, RegionViewSet, CountryViewSet, PartnerOrganizationViewSet)


register_snippet(PlacesAndPartnersGroup)

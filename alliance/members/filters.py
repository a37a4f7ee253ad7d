"""Narrowing the member directory by name, region, country and kind."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.core.listing import ListingFilterSet, TranslatedChoiceFilter, countries_present

from .models import OrganizationKind, Region
from .models.organizations import MemberOrganizationQuerySet


class DirectoryFilter(ListingFilterSet):
    q = django_filters.CharFilter(label=_("Name"), max_length=100, method="named")
    region = TranslatedChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.originals(),
        to_field_name="slug",
        empty_label=_("All regions"),
        method="in_region",
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All countries"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("All kinds")
    )

    def __init__(self, data, queryset: MemberOrganizationQuerySet) -> None:
        super().__init__(data, queryset)
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in countries_present(queryset)),
            key=lambda choice: choice[1],
        )

    def named(
        self, organizations: MemberOrganizationQuerySet, name: str, value: str
    ) -> MemberOrganizationQuerySet:
        """Whose name contains the words, or whose acronym they are."""
        return organizations.filter(name__icontains=value) | organizations.filter(
            acronym__iexact=value
        )

    def in_region(
        self, organizations: MemberOrganizationQuerySet, name: str, region: Region
    ) -> MemberOrganizationQuerySet:
        return organizations.in_region(region)

"""Narrowing the events listing by region, country, organizer and kind."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.core.listing import (
    ListingFilterSet,
    PairedChoiceFilter,
    TranslatedChoiceFilter,
    countries_present,
)
from alliance.members.models import MemberOrganization, Region

from .models import EventKind, EventQuerySet


class EventFilter(ListingFilterSet):
    region = TranslatedChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.originals(),
        to_field_name="slug",
        empty_label=_("All regions"),
        method="in_region",
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All countries"))
    organizer = PairedChoiceFilter(
        label=_("Organizer"),
        queryset=MemberOrganization.objects.listed(),
        to_field_name="slug",
        empty_label=_("All organizers"),
        method="by_organizer",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )

    def __init__(self, data, queryset: EventQuerySet) -> None:
        super().__init__(data, queryset)
        # Only organizations with events here: the directory may list a
        # thousand, and a select of a thousand helps no one on a phone.
        self.filters["organizer"].queryset = MemberOrganization.objects.listed().filter(
            pk__in=queryset.order_by().values("organizer")
        )
        names = dict(countries)
        self.filters["country"].extra["choices"] = sorted(
            ((code, names.get(code, code)) for code in countries_present(queryset)),
            key=lambda item: item[1],
        )

    def in_region(self, events: EventQuerySet, name: str, region: Region) -> EventQuerySet:
        return events.in_region(region)

    def by_organizer(
        self, events: EventQuerySet, name: str, organizer: MemberOrganization
    ) -> EventQuerySet:
        return events.by_organizer(organizer)

"""Narrowing the statements listing by kind, topic and year."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from alliance.core.listing import ListingFilterSet, TranslatedChoiceFilter

from .models import StatementKind, StatementQuerySet, Topic


class StatementFilter(ListingFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=StatementKind.choices, empty_label=_("All kinds")
    )
    topic = TranslatedChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.originals(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    year = django_filters.TypedChoiceFilter(
        label=_("Year"), field_name="date", lookup_expr="year", coerce=int, empty_value=None
    )

    def __init__(self, data, queryset: StatementQuerySet) -> None:
        super().__init__(data, queryset)
        # Every year from the first statement to the latest: two index lookups,
        # where listing the distinct years read every statement.
        span = queryset.date_span()
        years = range(span[1].year, span[0].year - 1, -1) if span else ()
        self.filters["year"].extra["choices"] = [("", _("All years"))] + [
            (year, str(year)) for year in years
        ]

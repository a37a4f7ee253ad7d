"""Figures about the membership, always computed from the directory, never typed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django_countries import countries as country_names

from alliance.core.worldmap import world_map

from .models import Country, MemberOrganization, Region


@dataclass(frozen=True)
class MembershipFigures:
    members: int
    countries: int
    regions: int


def membership_figures() -> MembershipFigures:
    """Members, the countries they are in and the regions those belong to.

    Unlisted members count: they are members, only never named.
    """
    codes = list(
        MemberOrganization.objects.members()
        .exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return MembershipFigures(
        members=MemberOrganization.objects.members().count(),
        countries=len(codes),
        regions=Region.objects.filter(countries__code__in=codes).distinct().count(),
    )


def members_by_region(organizations) -> list[dict]:
    """Counts per region and country for the chart, counted by the database."""
    per_country = {
        row["country"]: row["n"]
        for row in organizations.exclude(country="")
        .values("country")
        .annotate(n=Count("pk"))
        .order_by()
    }
    regions = {
        c.code.code: c.region
        for c in Country.objects.filter(code__in=list(per_country)).select_related("region")
    }
    rows: dict = {}
    for code, count in per_country.items():
        region = regions.get(code)
        key = region.pk if region else None
        row = rows.setdefault(
            key,
            {
                "name": region.name if region else "",
                "order": region.sort_order if region else 10_000,
                "count": 0,
                "countries": [],
            },
        )
        row["count"] += count
        row["countries"].append({"code": code, "name": country_names.name(code), "count": count})
    result = sorted(rows.values(), key=lambda row: (row["order"], row["name"]))
    for row in result:
        row["countries"].sort(key=lambda c: (-c["count"], c["name"]))
    return result


def members_map(rows: list[dict]) -> dict | None:
    """The world map of the directory: each country shaded by its listed organizations."""
    counts = {country["code"]: country["count"] for row in rows for country in row["countries"]}
    return world_map(counts) if counts else None


CHART_ROW = 32
CHART_BAR_MAX = 380


def chart_rows(rows: list[dict]) -> dict:
    """Lengths for the bar chart: each bar is ``width`` of ``bar_max`` (an SVG viewBox).

    A bar is its region's share of all listed members. Measured against the largest
    region instead, a directory with one member in each region drew every bar full
    length, as if each region held them all.
    """
    total = sum(row["count"] for row in rows) or 1
    bars = [
        {
            **row,
            "y": index * CHART_ROW,
            "width": max(2, round(row["count"] / total * CHART_BAR_MAX)),
        }
        for index, row in enumerate(rows)
    ]
    return {"bars": bars, "height": len(rows) * CHART_ROW, "bar_max": CHART_BAR_MAX}

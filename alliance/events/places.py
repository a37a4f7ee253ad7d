"""Grouping local actions by where they happen, and placing them on the world map."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.utils.translation import gettext as _
from django_countries import countries

from alliance.core.translated import in_reader_language
from alliance.core.worldmap import MapPoint, world_map
from alliance.members.models import Country

from .models import EventPage


def actions_by_region(actions: list[EventPage]) -> list[dict]:
    """[{region, countries: [{country, actions}]}], regions in their set order."""
    codes = {a.country.code for a in actions if a.country}
    regions = {
        c.code.code: c.region
        for c in Country.objects.filter(code__in=codes).select_related("region")
    }
    grouped: dict = defaultdict(lambda: defaultdict(list))
    for action in actions:
        code = action.country.code if action.country else ""
        grouped[regions.get(code)][code].append(action)

    def region_key(region):
        return (region is None, region.sort_order if region else 0, str(region or ""))

    ordered = sorted(grouped, key=region_key)
    named = [region for region in ordered if region is not None]
    # Region names in the reader's language (core.translated), in one query.
    shown = dict(zip(named, in_reader_language(named), strict=True))
    result = []
    for region in ordered:
        places = [
            {"name": countries.name(code) if code else _("Online"), "actions": items}
            for code, items in sorted(
                grouped[region].items(), key=lambda item: countries.name(item[0]) if item[0] else ""
            )
        ]
        result.append(
            {
                "name": shown[region].name if region else _("Other places"),
                "countries": places,
                "count": sum(len(place["actions"]) for place in places),
            }
        )
    return result


def actions_map(actions: list[EventPage]) -> dict | None:
    """The world map of the actions: countries shaded by their count, a dot for each placed one.

    None when no action has a country or a position: a blank world says nothing.
    """
    counts = Counter(action.country.code for action in actions if action.country)
    points = [
        MapPoint(
            longitude=float(action.longitude),
            latitude=float(action.latitude),
            label=", ".join(part for part in (action.title, action.city) if part),
            url=action.url or "",
        )
        for action in actions
        if action.latitude is not None and action.longitude is not None
    ]
    if not counts and not points:
        return None
    return world_map(dict(counts), points)


def map_tiles(actions: list[EventPage]) -> dict | None:
    """What the optional tile map script needs, or None when no tile server is configured."""
    if not settings.MAP_TILE_URL:
        return None
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "points": [
            {
                "lat": float(action.latitude),
                "lon": float(action.longitude),
                "title": action.title,
                "href": action.url,
            }
            for action in actions
            if action.latitude is not None and action.longitude is not None
        ],
    }

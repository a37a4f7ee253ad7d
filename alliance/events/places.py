"""Grouping local actions by where they happen, and placing them on a plain map."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext as _
from django_countries import countries

from alliance.core.translated import in_reader_language
from alliance.members.models import Country

from .models import EventPage

MAP_WIDTH = 720
MAP_HEIGHT = 360


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


def map_points(actions: list[EventPage]) -> list[dict]:
    """Positions on an equirectangular map of MAP_WIDTH × MAP_HEIGHT."""
    points = []
    for action in actions:
        if action.latitude is None or action.longitude is None:
            continue
        x = (float(action.longitude) + 180) / 360 * MAP_WIDTH
        y = (90 - float(action.latitude)) / 180 * MAP_HEIGHT
        points.append({"x": round(x, 1), "y": round(y, 1), "action": action})
    return points


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

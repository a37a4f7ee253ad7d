"""A world map drawn on the server as SVG, from Natural Earth's outlines shipped with the site.

Both the day of action (where the local actions are) and the member directory
(organizations per country) use it, so it lives in core. The outlines are in
``data/world-110m.json``, made once by ``manage.py build_world_map`` from Natural
Earth 1:110m (public domain). The projection is equirectangular: a degree is the same
length everywhere, so the code stays small and a point is placed by two sums.
Antarctica is left out and the map stops at 58° south.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django_countries import countries as country_names

DATA_FILE = Path(__file__).resolve().parent / "data" / "world-110m.json"

#: Units per degree of longitude or latitude.
SCALE = 4
NORTH = 84
SOUTH = -58
WIDTH = 360 * SCALE
HEIGHT = (NORTH - SOUTH) * SCALE

#: Upper bounds of the shades of the choropleth: 1, 2–3, 4–9, 10 and more.
SHADE_LIMITS = (1, 3, 9)


@dataclass(frozen=True)
class MapPoint:
    """A place to mark: where it is, what it is called, and where a click on it leads."""

    longitude: float
    latitude: float
    label: str
    url: str = ""


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map coordinates of a place; latitudes beyond the map's edges are pinned to them."""
    latitude = min(NORTH, max(SOUTH, latitude))
    return ((longitude + 180) * SCALE, (NORTH - latitude) * SCALE)


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def outlines() -> tuple[dict, ...]:
    """Every country's outline: {"code", "name", "d"}; read from disk once per process."""
    return tuple(_data()["countries"])


def small_places() -> dict[str, dict]:
    """Countries too small to draw at this scale, by code: {"code", "name", "x", "y"}."""
    return {place["code"]: place for place in _data().get("small", [])}


def shade(count: int) -> int:
    """0 for no organization, else 1–4 as the count passes each of SHADE_LIMITS."""
    if count <= 0:
        return 0
    return 1 + sum(1 for limit in SHADE_LIMITS if count > limit)


def world_map(counts: dict[str, int] | None = None, points: list[MapPoint] | None = None) -> dict:
    """What ``core/includes/world_map.html`` draws: shaded countries and marked points.

    ``counts`` maps ISO 3166 codes to a number (organizations, actions); ``points``
    are marked as dots. Countries not counted are drawn as plain land; a counted one too
    small for the outlines (Hong Kong, Singapore) gets a shaded ring where it lies.
    """
    counts = counts or {}
    countries = []
    for outline in outlines():
        count = counts.get(outline["code"], 0)
        country = {**outline, "count": count, "shade": shade(count)}
        if count:
            country["name"] = country_names.name(outline["code"]) or outline["name"]
        countries.append(country)
    small = [
        {**place, "count": count, "shade": shade(count), "name": country_names.name(code)}
        for code, count in sorted(counts.items())
        if count and (place := small_places().get(code))
    ]
    dots = []
    for point in points or []:
        x, y = project(point.longitude, point.latitude)
        dots.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "label": point.label, "url": point.url})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
        "small": small,
        "points": dots,
        "shaded": bool(small) or any(country["shade"] for country in countries),
    }

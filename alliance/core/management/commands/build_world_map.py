"""Turn Natural Earth's 1:110m countries (TopoJSON) into the compact outlines the site ships.

The source is ``countries-110m.json`` from the npm package ``world-atlas`` 2.0.2
(``npm pack world-atlas@2.0.2``), a redistribution of Natural Earth 4.1.0, which is in
the public domain. The outlines are projected and simplified once, here, so that the
site draws its maps without reading or decoding TopoJSON on a request.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from alliance.core.worldmap import DATA_FILE, project

#: Antarctica would take a third of the height for no organization or action.
LEFT_OUT = {"010"}
#: Places Natural Earth draws without an ISO number, by the code django-countries knows.
CODES_BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as longitude/latitude points, undoing TopoJSON's quantization and deltas."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if not transform:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for delta in arc:
            x += delta[0]
            y += delta[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    """A closed ring from its arcs; a negative index (~i) is arc i walked backwards."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring, and for one that crosses the 180th meridian also its copy a world away.

    Russia's and Fiji's rings jump from 180° to -180°; walked without the jump they run
    past the map's edge, and the copy shifted by 360° fills in the other edge.
    """
    walked = [points[0]]
    for lon, lat in points[1:]:
        previous = walked[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        walked.append((lon, lat))
    if all(-180 <= lon <= 180 for lon, _ in walked):
        return [walked]
    shift = -360 if max(lon for lon, _ in walked) > 180 else 360
    return [walked, [(lon + shift, lat) for lon, lat in walked]]


def ring_path(points: list[tuple[float, float]]) -> str:
    """An SVG subpath in whole map units and relative steps; points that round together merge.

    A unit is a quarter of a degree, finer than the 1:110m data itself. One "l" serves
    every step after it, and a minus sign separates two numbers by itself.
    """
    corners = []
    for lon, lat in points:
        x, y = project(lon, lat)
        here = (round(x), round(y))
        if not corners or here != corners[-1]:
            corners.append(here)
    if len(corners) > 1 and corners[-1] == corners[0]:
        corners.pop()
    if len(corners) < 3:
        return ""
    steps = " ".join(
        f"{x - px} {y - py}" for (px, py), (x, y) in zip(corners, corners[1:], strict=False)
    )
    return f"M{corners[0][0]} {corners[0][1]}l{steps}z".replace(" -", "-")


def country_outlines(topology: dict) -> list[dict]:
    arcs = decode_arcs(topology)
    outlines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        if number in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        name = geometry.get("properties", {}).get("name", "")
        code = countries.alpha2(number) if number else CODES_BY_NAME.get(name, "")
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        path = "".join(
            ring_path(copy)
            for rings in polygons
            for ring in rings
            for copy in unwrapped(ring_points(ring, arcs))
        )
        outlines.append({"code": code or "", "name": name, "d": path})
    outlines.sort(key=lambda outline: (outline["code"], outline["name"]))
    return outlines


def small_places(topology: dict, drawn: set[str]) -> list[dict]:
    """Countries too small for 1:110m (Hong Kong, Singapore, Bahrain…) as one point each.

    The point is the middle of the corners of the country's largest ring in the finer
    topology, enough to place a dot.
    """
    arcs = decode_arcs(topology)
    places = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        code = countries.alpha2(number) if number else ""
        if not code or code in drawn or number in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring_points(rings[0], arcs) for rings in polygons if rings]
        if not rings:
            continue
        largest = max(rings, key=len)
        x, y = project(
            sum(lon for lon, _ in largest) / len(largest),
            sum(lat for _, lat in largest) / len(largest),
        )
        places.append(
            {"code": code, "name": geometry["properties"]["name"], "x": round(x), "y": round(y)}
        )
    places.sort(key=lambda place: place["code"])
    return places


class Command(BaseCommand):
    help = (
        "Rebuild alliance/core/data/world-110m.json from world-atlas's countries-110m.json "
        "(Natural Earth, public domain). Run it only when the map data should change."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path, help="Path to countries-110m.json.")
        parser.add_argument(
            "--small-from",
            type=Path,
            help="countries-50m.json, for a point for each country too small for 1:110m.",
        )
        parser.add_argument(
            "--output", type=Path, default=DATA_FILE, help="Where to write (the shipped file)."
        )

    def handle(self, *args, source: Path, output: Path, small_from: Path | None, **options) -> None:
        topology = self.read_topology(source)
        outlines = country_outlines(topology)
        data = {
            "source": "Natural Earth 1:110m (and 1:50m for small places) Admin 0 countries, "
            "4.1.0, via world-atlas 2.0.2",
            "licence": "Public domain (Natural Earth); world-atlas packaging ISC, Mike Bostock",
            "countries": outlines,
            "small": [],
        }
        if small_from:
            finer = self.read_topology(small_from)
            data["small"] = small_places(finer, {outline["code"] for outline in outlines})
        output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.stdout.write(
            f"Wrote {len(outlines)} countries and {len(data['small'])} small places to {output}."
        )

    def read_topology(self, source: Path) -> dict:
        try:
            topology = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {source}: {error}") from error
        if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
            raise CommandError(f"{source} is not a TopoJSON topology with a 'countries' object.")
        return topology

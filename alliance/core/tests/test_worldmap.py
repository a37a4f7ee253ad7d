import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

from alliance.core.worldmap import HEIGHT, WIDTH, MapPoint, outlines, project, shade, world_map

FRANCE = {"name": "France"}
GERMANY = {"name": "Germany"}
ANTARCTICA = {"name": "Antarctica"}

# A topology of two squares that share an edge, quantized as world-atlas's files are.
TWO_SQUARES = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "250", "properties": FRANCE},
                {"type": "Polygon", "arcs": [[2, ~0]], "id": "276", "properties": GERMANY},
                {"type": "Polygon", "arcs": [[3]], "id": "010", "properties": ANTARCTICA},
            ],
        }
    },
    "arcs": [
        [[10, 0], [0, 10]],
        [[10, 10], [-10, 0], [0, -10], [10, 0]],
        [[10, 10], [10, 0], [0, -10], [-10, 0]],
        [[0, -80], [10, 0], [0, -5], [-10, 5]],
    ],
}


def test_the_shipped_outlines_cover_the_world_s_countries():
    codes = {outline["code"] for outline in outlines()}
    assert len(outlines()) == 176
    assert {"PH", "MX", "KE", "GR", "US", "AU", "LB", "BR", "IN", "ZA"} <= codes
    assert "AQ" not in codes


def test_every_outline_is_made_of_closed_paths_on_the_map():
    for outline in outlines():
        assert re.fullmatch(r"(M-?\d+ \d+l[-\d ]+z)+", outline["d"]), outline["name"]
        for _x, y in re.findall(r"M(-?\d+) (\d+)", outline["d"]):
            assert 0 <= int(y) <= HEIGHT


def test_russia_crossing_the_180th_meridian_draws_no_line_across_the_map():
    russia = next(outline for outline in outlines() if outline["code"] == "RU")
    steps = [int(n) for n in re.findall(r"-?\d+", russia["d"].split("l", 1)[1].split("z")[0])]
    assert max(abs(step) for step in steps[::2]) < WIDTH / 4


def test_projection_puts_the_corners_and_the_equator_where_expected():
    assert project(-180, 84) == (0, 0)
    assert project(180, -58) == (WIDTH, HEIGHT)
    assert project(0, 0) == (WIDTH / 2, 84 * WIDTH / 360)


def test_places_beyond_the_map_s_edges_are_pinned_to_them():
    assert project(10, -75)[1] == HEIGHT
    assert project(10, 89)[1] == 0


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, 1), (3, 2), (4, 3), (9, 3), (10, 4)])
def test_shades_step_with_the_count(count, expected):
    assert shade(count) == expected


def test_map_shades_only_the_counted_countries():
    world = world_map({"PH": 3, "KE": 12})
    shaded = {c["code"]: (c["count"], c["shade"]) for c in world["countries"] if c["shade"]}
    assert shaded == {"PH": (3, 2), "KE": (12, 4)}
    assert world["shaded"] is True


def test_rendered_map_has_every_country_a_title_and_a_description():
    world = world_map({"PH": 2}, [MapPoint(121.0, 14.6, "Rally, Manila", "/events/rally/")])
    svg = render_to_string(
        "core/includes/world_map.html",
        {"world": world, "map_id": "m", "map_title": "Actions", "map_desc": "Where they are"},
    )
    assert svg.count("<path") == 176
    assert '<title id="m-title">Actions</title>' in svg
    assert '<desc id="m-desc">Where they are</desc>' in svg
    assert '<a href="/events/rally/">' in svg
    assert "<title>Philippines: 2</title>" in svg
    assert 'role="group"' in svg


def test_map_without_links_is_one_image():
    svg = render_to_string(
        "core/includes/world_map.html",
        {"world": world_map({"PH": 1}), "map_id": "m", "map_title": "t", "map_desc": "d"},
    )
    assert 'role="img"' in svg


def test_build_command_decodes_shared_arcs_and_leaves_out_antarctica(tmp_path):
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(TWO_SQUARES))
    output = tmp_path / "world.json"
    call_command("build_world_map", str(source), output=output, stdout=io.StringIO())
    countries = json.loads(output.read_text())["countries"]
    assert [(c["code"], c["name"]) for c in countries] == [("DE", "Germany"), ("FR", "France")]
    france = countries[1]["d"]
    germany = countries[0]["d"]
    # Both walk the shared edge at 10° east, France up it and Germany (~0) down it.
    assert france == "M760 336l0-40-40 0 0 40z"
    assert germany == "M760 296l40 0 0 40-40 0z"


def test_build_command_refuses_a_file_that_is_not_a_topology(tmp_path):
    source = tmp_path / "countries.json"
    source.write_text(json.dumps({"type": "FeatureCollection"}))
    with pytest.raises(CommandError, match="not a TopoJSON topology"):
        call_command("build_world_map", str(source), output=tmp_path / "out.json")


def test_a_country_too_small_for_the_outlines_is_marked_where_it_lies():
    world = world_map({"HK": 2, "PH": 1})
    assert [(place["code"], place["shade"]) for place in world["small"]] == [("HK", 2)]
    x, y = project(114.2, 22.4)
    assert abs(world["small"][0]["x"] - x) < 4 and abs(world["small"][0]["y"] - y) < 4
    svg = render_to_string(
        "core/includes/world_map.html",
        {"world": world, "map_id": "m", "map_title": "t", "map_desc": "d"},
    )
    assert '<circle class="small s2"' in svg
    assert "<title>Hong Kong: 2</title>" in svg


def test_build_command_places_the_small_countries_of_the_finer_file(tmp_path):
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(TWO_SQUARES))
    finer = json.loads(json.dumps(TWO_SQUARES))
    finer["objects"]["countries"]["geometries"].append(
        {"type": "Polygon", "arcs": [[4]], "id": "344", "properties": {"name": "Hong Kong"}}
    )
    finer["arcs"].append([[114, 22], [1, 0], [0, 1], [-1, -1]])
    small = tmp_path / "finer.json"
    small.write_text(json.dumps(finer))
    output = tmp_path / "world.json"
    call_command(
        "build_world_map", str(source), small_from=small, output=output, stdout=io.StringIO()
    )
    places = json.loads(output.read_text())["small"]
    # The mean of the ring's corners (114, 22), (115, 22), (115, 23), (114, 22): 114.5° E, 22.25° N.
    assert places == [{"code": "HK", "name": "Hong Kong", "x": 1178, "y": 247}]

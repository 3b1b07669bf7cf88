"""The AOI checks of ``beod.aoi``: what a user gets back for good, repairable and bad areas."""

import json
import math

import pytest
from shapely import wkt as shapely_wkt
from shapely.geometry import Point, Polygon, mapping

from beod.aoi import geodesic_area_km2, prepare_aoi, prepare_aoi_parts, spherical_area_km2
from beod.errors import AoiError, InvalidRequestError

TUTORIAL_AOI = """POLYGON (( 6.9526850935291 43.6127384923652, 6.94943181004093 43.6123795674845,
6.94656582220611 43.611370079773, 6.95060918882712 43.6056268939605, 6.95587640971274 43.605649329347,
6.95759600241363 43.6079825638504, 6.95877338119982 43.6099231178373, 6.95855649563394 43.6117963099847,
6.9526850935291 43.6127384923652 ))"""
SQUARE = "POLYGON ((7 43, 7.01 43, 7.01 43.01, 7 43.01, 7 43))"


def test_tutorial_aoi_is_accepted_with_its_area_in_km2():
    prepared = prepare_aoi(TUTORIAL_AOI)
    assert prepared.geometry.geom_type == "Polygon"
    assert prepared.vertex_count == 8
    assert not prepared.repaired and prepared.notes == []
    # about 0.56 km² (an equal-area computation, not square degrees)
    assert 0.55 < prepared.area_km2 < 0.58
    again = shapely_wkt.loads(prepared.wkt)
    assert again.is_valid and again.geom_type == "Polygon"
    assert again.symmetric_difference(shapely_wkt.loads(TUTORIAL_AOI)).area < 1e-9  # 8 decimals: 1 mm


def test_area_of_one_degree_square_at_the_equator():
    prepared = prepare_aoi("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
    # 1° x 1° at the equator on WGS84 is about 12,308 km²
    assert prepared.area_km2 == pytest.approx(12308, rel=0.005)


def test_spherical_fallback_agrees_with_the_geodesic_area():
    for text in (TUTORIAL_AOI, SQUARE, "POLYGON ((10 60, 11 60, 11 61, 10 61, 10 60))"):
        polygon = shapely_wkt.loads(text)
        # the authalic sphere differs from the ellipsoid by under 1 % at any latitude
        assert spherical_area_km2(polygon) == pytest.approx(geodesic_area_km2(polygon), rel=0.01)


def test_holes_reduce_the_area():
    outer = [(7, 43), (7.02, 43), (7.02, 43.02), (7, 43.02), (7, 43)]
    hole = [(7.005, 43.005), (7.015, 43.005), (7.015, 43.015), (7.005, 43.015), (7.005, 43.005)]
    with_hole = prepare_aoi(Polygon(outer, [hole]))
    without = prepare_aoi(Polygon(outer))
    assert with_hole.area_km2 == pytest.approx(without.area_km2 * 0.75, rel=0.01)
    assert "POLYGON ((" in with_hole.wkt and "), (" in with_hole.wkt


@pytest.mark.parametrize("source", [
    SQUARE,
    "SRID=4326;" + SQUARE,
    json.dumps(mapping(shapely_wkt.loads(SQUARE))),
    mapping(shapely_wkt.loads(SQUARE)),
    {"type": "Feature", "properties": {}, "geometry": mapping(shapely_wkt.loads(SQUARE))},
    {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(shapely_wkt.loads(SQUARE))}]},
    shapely_wkt.loads(SQUARE),
    "MULTIPOLYGON (((7 43, 7.01 43, 7.01 43.01, 7 43.01, 7 43)))",
])
def test_every_input_form_gives_the_same_polygon(source):
    prepared = prepare_aoi(source)
    assert prepared.geometry.equals(shapely_wkt.loads(SQUARE))
    assert prepared.area_km2 == pytest.approx(prepare_aoi(SQUARE).area_km2)


@pytest.mark.parametrize("text", [
    "POLYGON Z ((7 43 10, 7.01 43 10, 7.01 43.01 12, 7 43.01 11, 7 43 10))",
    "POLYGON M ((7 43 1, 7.01 43 2, 7.01 43.01 3, 7 43.01 4, 7 43 1))",
    "POLYGON ZM ((7 43 10 1, 7.01 43 10 2, 7.01 43.01 12 3, 7 43.01 11 4, 7 43 10 1))",
])
def test_z_and_m_are_dropped_and_said(text):
    prepared = prepare_aoi(text)
    assert not prepared.geometry.has_z
    assert "Z" not in prepared.wkt and " M" not in prepared.wkt
    assert any("dropped" in note for note in prepared.notes)


def test_z_from_shapely_is_dropped():
    prepared = prepare_aoi(Polygon([(7, 43, 5), (7.01, 43, 5), (7.01, 43.01, 5), (7, 43, 5)]))
    assert not prepared.geometry.has_z
    assert prepared.notes


def test_spike_is_repaired_and_the_repair_is_reported():
    spiky = "POLYGON ((7 43, 7.01 43, 7.01 43.01, 7.005 43.01, 7.005 43.02, 7.005 43.01, 7 43.01, 7 43))"
    assert not shapely_wkt.loads(spiky).is_valid
    prepared = prepare_aoi(spiky)
    assert prepared.repaired
    assert prepared.geometry.is_valid
    assert any("repaired" in note for note in prepared.notes)
    assert prepared.area_km2 == pytest.approx(prepare_aoi(SQUARE).area_km2, rel=0.01)


def test_bow_tie_is_refused_rather_than_guessed():
    with pytest.raises(AoiError, match="cannot be repaired"):
        prepare_aoi("POLYGON ((7 43, 7.01 43.01, 7.01 43, 7 43.01, 7 43))")


def test_multipolygon_is_an_explicit_choice():
    two = "MULTIPOLYGON (((7 43, 7.01 43, 7.01 43.01, 7 43)), ((8 44, 8.01 44, 8.01 44.01, 8 44)))"
    with pytest.raises(AoiError, match="2 separate polygons"):
        prepare_aoi(two)
    parts = prepare_aoi_parts(two)
    assert [p.geometry.geom_type for p in parts] == ["Polygon", "Polygon"]
    assert all(p.area_km2 > 0 for p in parts)


def test_feature_collection_of_touching_squares_becomes_one_polygon():
    left = Polygon([(7, 43), (7.01, 43), (7.01, 43.01), (7, 43.01)])
    right = Polygon([(7.01, 43), (7.02, 43), (7.02, 43.01), (7.01, 43.01)])
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(left)},
        {"type": "Feature", "properties": {}, "geometry": mapping(right)}]}
    prepared = prepare_aoi(collection)
    assert prepared.area_km2 == pytest.approx(2 * prepare_aoi(left).area_km2, rel=0.001)


@pytest.mark.parametrize("source, message", [
    ("", "empty"),
    ("POLYGON EMPTY", "empty"),
    ("POINT (7 43)", "must be a polygon"),
    ("LINESTRING (7 43, 8 44)", "must be a polygon"),
    ("POLYGON ((7 43, 7 43, 7 43, 7 43))", "degenerate"),
    ("POLYGON ((7 43, 7.01 43.01, 7.02 43.02, 7 43))", "degenerate"),
    ("POLYGON ((700000 4800000, 701000 4800000, 701000 4801000, 700000 4800000))", "lon/lat"),
    ("POLYGON ((7 43, 7.01 95, 7.02 43, 7 43))", "lon/lat"),
    ("SRID=3857;POLYGON ((7 43, 7.01 43, 7.01 43.01, 7 43))", "EPSG:4326"),
    ("not a geometry", "not valid WKT"),
    ("{not json", "not valid GeoJSON"),
    ({"type": "Feature", "geometry": None}, "no geometry"),
    (42, "Cannot read"),
])
def test_unusable_areas_are_refused_with_a_clear_message(source, message):
    with pytest.raises(AoiError, match=message) as caught:
        prepare_aoi(source)
    assert isinstance(caught.value, InvalidRequestError)


def test_vertex_count_is_capped_keeping_a_valid_polygon():
    circle = Point(7, 43).buffer(0.05, 2000)  # 8,000 vertices
    prepared = prepare_aoi(circle, max_vertices=200)
    assert prepared.vertex_count <= 200
    assert prepared.simplified and prepared.geometry.is_valid
    assert any("simplified" in note for note in prepared.notes)
    original = spherical_area_km2(circle)
    assert prepared.area_km2 == pytest.approx(original, rel=0.01)


def test_vertex_cap_keeps_holes_valid():
    outer = Point(7, 43).buffer(0.05, 500)
    hole = Point(7, 43).buffer(0.02, 500)
    prepared = prepare_aoi(outer.difference(hole), max_vertices=300)
    assert prepared.vertex_count <= 300
    assert prepared.geometry.is_valid and len(prepared.geometry.interiors) == 1


def test_exterior_ring_is_counter_clockwise():
    clockwise = "POLYGON ((7 43, 7 43.01, 7.01 43.01, 7.01 43, 7 43))"
    prepared = prepare_aoi(clockwise)
    assert prepared.geometry.exterior.is_ccw


def test_area_is_not_square_degrees_at_high_latitude():
    prepared = prepare_aoi("POLYGON ((10 70, 11 70, 11 71, 10 71, 10 70))")
    # a 1°x1° cell at 70.5°N is about 4,150 km², a third of one at the equator
    assert 4000 < prepared.area_km2 < 4300
    assert not math.isclose(prepared.area_km2, 1.0)


def test_area_without_pyproj_uses_the_equal_area_sphere(monkeypatch):
    import sys

    with_pyproj = prepare_aoi(TUTORIAL_AOI).area_km2
    monkeypatch.setitem(sys.modules, "pyproj", None)  # "import pyproj" now fails
    without = prepare_aoi(TUTORIAL_AOI).area_km2
    assert without == pytest.approx(with_pyproj, rel=0.01)

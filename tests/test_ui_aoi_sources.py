"""The AOI from a layer, drawn points or the extent: EPSG:4326 WKT, area, clear errors."""

import pytest
from beod_qgis.core import aoi_sources
from beod_qgis.core.aoi_sources import AoiSourceError
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

L93 = QgsCoordinateReferenceSystem("EPSG:2154")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
# Sophia Antipolis, in Lambert-93 metres.
X0, Y0 = 1_027_000.0, 6_288_000.0


def _square(x, y, size=1000.0):
    return QgsGeometry.fromRect(QgsRectangle(x, y, x + size, y + size))


def _layer(geometries, kind="Polygon", crs="EPSG:2154", name="areas"):
    layer = QgsVectorLayer(f"{kind}?crs={crs}", name, "memory")
    features = []
    for geometry in geometries:
        feature = QgsFeature()
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    QgsProject.instance().addMapLayer(layer)
    return layer


def _lonlat(x, y):
    transform = QgsCoordinateTransform(L93, WGS84, QgsProject.instance())
    return transform.transform(QgsPointXY(x, y))


@pytest.fixture(autouse=True)
def clean_project(qgis_new_project):
    yield
    QgsProject.instance().removeAllMapLayers()


def test_layer_in_lambert93_gives_a_lonlat_polygon_and_its_area():
    layer = _layer([_square(X0, Y0)])
    selection = aoi_sources.from_layer(layer)
    assert len(selection.parts) == 1
    wkt = selection.wkts[0]
    assert wkt.upper().startswith("POLYGON")
    polygon = QgsGeometry.fromWkt(wkt)
    vertices = [QgsPointXY(vertex) for vertex in polygon.vertices()]
    for x, y in ((X0, Y0), (X0 + 1000, Y0), (X0 + 1000, Y0 + 1000), (X0, Y0 + 1000)):
        corner = _lonlat(x, y)
        assert min(corner.distance(vertex) for vertex in vertices) < 1e-7
    box = polygon.boundingBox()
    assert 6.9 < box.center().x() < 7.2 and 43.5 < box.center().y() < 43.8
    # 1 km x 1 km in Lambert-93 (scale factor there is within 0.1 % of 1).
    assert selection.area_km2 == pytest.approx(1.0, rel=0.003)
    assert selection.vertex_count in (4, 5)
    assert not selection.repaired


def test_touching_features_are_merged_into_one_polygon():
    layer = _layer([_square(X0, Y0), _square(X0 + 1000, Y0)])
    selection = aoi_sources.from_layer(layer)
    assert len(selection.parts) == 1
    assert selection.area_km2 == pytest.approx(2.0, rel=0.003)


def test_separate_areas_one_outline_or_one_extraction_each():
    layer = _layer([_square(X0, Y0), _square(X0 + 3000, Y0)])
    merged = aoi_sources.from_layer(layer, parts=aoi_sources.PARTS_MERGE)
    assert len(merged.parts) == 1
    assert merged.area_km2 == pytest.approx(4.0, rel=0.003)  # the outline around both
    assert any("separate areas" in note for note in merged.all_notes())
    split = aoi_sources.from_layer(layer, parts=aoi_sources.PARTS_SPLIT)
    assert len(split.parts) == 2
    assert [round(part.area_km2, 2) for part in split.parts] == [1.0, 1.0]


def test_selected_features_only():
    layer = _layer([_square(X0, Y0), _square(X0 + 5000, Y0, size=2000.0)])
    ids = [feature.id() for feature in layer.getFeatures()]
    layer.selectByIds([ids[1]])
    selection = aoi_sources.from_layer(layer, selected_only=True)
    assert selection.area_km2 == pytest.approx(4.0, rel=0.003)


def test_empty_selection_is_explained():
    layer = _layer([_square(X0, Y0)])
    layer.removeSelection()
    with pytest.raises(AoiSourceError, match="No feature of “areas” is selected"):
        aoi_sources.from_layer(layer, selected_only=True)


def test_point_layer_is_explained():
    layer = _layer([QgsGeometry.fromPointXY(QgsPointXY(X0, Y0))], kind="Point", name="wells")
    with pytest.raises(AoiSourceError, match="“wells” is not a polygon layer"):
        aoi_sources.from_layer(layer)


def test_no_layer_is_explained():
    with pytest.raises(AoiSourceError, match="Choose a polygon layer"):
        aoi_sources.from_layer(None)


def test_crossing_edges_are_explained():
    # A "bow tie": the ring crosses itself in the middle.
    bowtie = QgsGeometry.fromWkt(
        f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0 + 1000} {Y0}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    )
    layer = _layer([bowtie])
    with pytest.raises(AoiSourceError, match="The area cannot be used.*without crossing edges"):
        aoi_sources.from_layer(layer)


def test_a_ring_touching_itself_is_repaired_and_said_so():
    x, y = X0, Y0
    pinched = QgsGeometry.fromWkt(
        f"POLYGON(({x} {y}, {x + 1000} {y}, {x + 1000} {y + 1000}, {x + 500} {y + 500}, {x} {y + 1000}, "
        f"{x + 500} {y + 500}, {x} {y}))"
    )
    selection = aoi_sources.from_layer(_layer([pinched]))
    assert selection.repaired
    assert selection.area_km2 == pytest.approx(0.5, rel=0.003)
    assert any("repaired" in note for note in selection.all_notes())


def test_drawn_points_in_web_mercator():
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    # The tutorial's AOI corner area around Sophia Antipolis, in Web Mercator metres.
    points = [QgsPointXY(773_000, 5_408_000), QgsPointXY(774_000, 5_408_000), QgsPointXY(774_000, 5_409_000)]
    selection = aoi_sources.from_points(points, crs)
    assert selection.source == aoi_sources.SOURCE_DRAWN
    box = QgsGeometry.fromWkt(selection.wkts[0]).boundingBox()
    assert 6.9 < box.center().x() < 7.0 and 43.5 < box.center().y() < 43.7
    # Half of a 1 km Web Mercator square; at 43.6°N a Mercator metre is cos(lat) true metres.
    assert selection.area_km2 == pytest.approx(0.5 * 0.7242 ** 2, rel=0.01)


def test_two_points_are_not_an_area():
    with pytest.raises(AoiSourceError, match="at least three points"):
        aoi_sources.from_points([QgsPointXY(0, 0), QgsPointXY(1, 1)], WGS84)


def test_map_extent_in_lambert93():
    selection = aoi_sources.from_extent(QgsRectangle(X0, Y0, X0 + 2000, Y0 + 1000), L93)
    assert selection.source == aoi_sources.SOURCE_EXTENT
    assert selection.area_km2 == pytest.approx(2.0, rel=0.003)

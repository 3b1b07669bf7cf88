"""The results in 3D, as saved in the project: buildings and trees extruded by their height
in the colours of their 2D height classes, standing on the DTM, framed at an oblique angle.

The drawing itself needs OpenGL, which the headless test Qt lacks: it is checked in the real
desktop (``tests/test_desktop_3d.py``). Here the scene is read back from a saved project.
"""

import pytest
from beod_qgis.core import results_3d
from beod_qgis.core.layer_kinds import BUILDING_HEIGHT_FIELD
from beod_qgis.core.results import load_results, merge_outputs
from qgis.core import QgsProject, QgsReadWriteContext, QgsVectorLayer
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from tests.results_data import build_output

JOB = "Sophia Antipolis extraction"
#: the building colours of the shipped 2D style, by height range
BUILDING_COLOURS = [(0, 6, "#ffffb2"), (6, 12, "#fed976"), (12, 20, "#feb24c"), (20, 35, "#fd8d3c"),
                    (35, 60, "#f03b20"), (60, 1000, "#bd0026")]

pytestmark = pytest.mark.skipif(not results_3d.available(), reason="this QGIS has no 3D library")


@pytest.fixture()
def loaded(qgis_new_project, tmp_path):
    built = build_output(str(tmp_path / "job"), tiles=4)
    merged = merge_outputs(built.out_dir)
    layers = load_results(merged, JOB, project=qgis_new_project)
    return qgis_new_project, layers, merged


def _layer(layers, name):
    return next(layer for layer in layers if layer.name() == name)


def _rules(renderer):
    return [rule for rule in renderer.rootRule().children()]


def _settings_xml(settings) -> str:
    document = QDomDocument()
    document.appendChild(settings.writeXml(document, QgsReadWriteContext()))
    return document.toString()


def test_buildings_extruded_by_height_in_the_2d_classes(loaded):
    _, layers, merged = loaded
    buildings = _layer(layers, "Buildings")

    renderer = buildings.renderer3D()
    assert renderer is not None and renderer.type() == "rulebased"
    rules = _rules(renderer)
    assert len(rules) == len(BUILDING_COLOURS)
    for rule, (low, _high, colour) in zip(rules, BUILDING_COLOURS):
        symbol = rule.symbol()
        assert symbol.type() == "polygon"
        assert QColor(results_3d.symbol_material(symbol).diffuse()).name() == colour
        extrusion = symbol.dataDefinedProperties().property(results_3d._extrusion_property())
        assert extrusion.isActive() and extrusion.field() == BUILDING_HEIGHT_FIELD
        # each feature falls in the class of its height, like in 2D
        assert f'"{BUILDING_HEIGHT_FIELD}" >= {float(low)!r}' in rule.filterExpression()
    heights = sorted(f[BUILDING_HEIGHT_FIELD] for f in buildings.getFeatures())
    matched = sum(1 for h in heights if any(low <= h < high for low, high, _ in BUILDING_COLOURS))
    assert matched == len(heights) > 0
    assert not any("3D view" in note for note in merged.notes), merged.notes


def test_trees_raised_to_their_height(loaded):
    _, layers, _ = loaded
    trees = _layer(layers, "Trees")
    renderer = trees.renderer3D()
    assert renderer is not None
    rules = _rules(renderer)
    height_rules = [rule for rule in rules if "IS NULL" not in rule.filterExpression()]
    assert len(height_rules) == len(results_3d.TREE_CLASSES)
    for rule in height_rules:
        extrusion = rule.symbol().dataDefinedProperties().property(results_3d._extrusion_property())
        assert extrusion.field() == BUILDING_HEIGHT_FIELD
    # greener with height: the tallest class is the darkest
    shades = [QColor(results_3d.symbol_material(rule.symbol()).diffuse()).lightness()
              for rule in height_rules]
    assert shades == sorted(shades, reverse=True)


def test_a_tree_layer_without_height_gets_a_default_height(qgis_new_project):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857&field=id:integer", "Trees", "memory")
    layer.setCustomProperty("beod/kind", "tree")
    assert results_3d.apply_3d_renderers([layer]) == [layer]
    (rule,) = _rules(layer.renderer3D())
    assert rule.symbol().extrusionHeight() == results_3d.DEFAULT_TREE_HEIGHT


def test_scene_saved_with_the_project(loaded, tmp_path):
    project, layers, _ = loaded
    path = str(tmp_path / "project.qgz")
    assert project.write(path)

    reopened = QgsProject()
    assert reopened.read(path)
    try:
        layout = results_3d.scene_layout(reopened, JOB)
        assert layout is not None, [item.name() for item in reopened.layoutManager().printLayouts()]
        items = [item for item in layout.items() if hasattr(item, "cameraPose")]
        assert len(items) == 1
        item = items[0]
        settings = item.mapSettings()
        by_id = {layer.id(): layer.name() for layer in reopened.mapLayers().values()}
        names = {by_id.get(layer.id()) for layer in settings.layers()}
        assert {"Buildings", "Trees", "Roads", "Terrain (DTM)", "Terrain (hillshade)"} <= names
        assert not settings.crs().isGeographic()
        # the terrain is the DTM mosaic, as a DEM (its elevation, not a flat plane)
        elevation = next(layer for layer in reopened.mapLayers().values()
                         if layer.name() == "Terrain (3D elevation)")
        if hasattr(settings, "terrainSettings"):  # QGIS >= 3.42
            terrain = settings.terrainSettings()
            assert terrain.type() == "dem" and terrain.layer().id() == elevation.id()
        else:
            generator = _settings_xml(settings).split("<generator ")[1].split(">")[0]
            assert 'type="dem"' in generator and elevation.id() in generator
        assert reopened.layerTreeRoot().findLayer(elevation.id()) is None  # not in the legend
        # an oblique view, centred on the results
        pose = item.cameraPose()
        assert 40 <= pose.pitchAngle() <= 70
        assert pose.distanceFromCenterPoint() > 100
        # the 3D renderers came back with the layers
        buildings = next(layer for layer in reopened.mapLayers().values() if layer.name() == "Buildings")
        assert buildings.renderer3D() is not None and buildings.renderer3D().type() == "rulebased"
    finally:
        reopened.clear()


def test_elevation_is_the_dtm_without_holes(loaded):
    """Outside the area the DTM has no data; the 3D terrain is at the lowest ground there
    (a DEM terrain would otherwise fall into deep walls along the area's outline)."""
    project, layers, _ = loaded
    dtm = _layer(layers, "Terrain (DTM)")
    elevation = next(layer for layer in project.mapLayers().values()
                     if layer.name() == "Terrain (3D elevation)")
    assert elevation.isValid() and elevation.extent() == dtm.extent()
    low = dtm.renderer().classificationMin()
    width, height = dtm.width(), dtm.height()
    dtm_block = dtm.dataProvider().block(1, dtm.extent(), width, height)
    elevation_block = elevation.dataProvider().block(1, dtm.extent(), width, height)
    holes = data = 0
    for row in range(0, height, 7):
        for column in range(0, width, 7):
            value = elevation_block.value(row, column)
            if dtm_block.isNoData(row, column):
                holes += 1
                assert value == pytest.approx(low, abs=0.01)
            else:
                data += 1
                assert value == pytest.approx(dtm_block.value(row, column), abs=0.01)
    assert data > 0


def test_loading_again_replaces_the_scene(loaded):
    project, _, merged = loaded
    load_results(merged, JOB, project=project)
    names = [layout.name() for layout in project.layoutManager().printLayouts()]
    assert names.count(results_3d.layout_name(JOB)) == 1
    elevations = [layer for layer in project.mapLayers().values() if layer.name() == "Terrain (3D elevation)"]
    assert len(elevations) == 1


def test_3d_tiles_mode_needs_qgis_3_34(loaded):
    _, layers, _ = loaded
    shown = {layer.name() for layer in results_3d.scene_layers(layers, results_3d.MODE_TILES)}
    if results_3d.tiled_scenes_supported():
        assert "Buildings" not in shown
    else:  # nothing to show instead of the extrusions: they stay
        assert {"Buildings", "Trees"} <= shown

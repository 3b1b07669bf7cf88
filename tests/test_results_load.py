"""Merged results in the map, as a user finds them: a group named after the job, one styled
layer per kind in a sensible order, the right features, the right colours."""

import pytest
from beod_qgis.core.layer_kinds import CLUTTER_CLASSES
from beod_qgis.core.results import load_results, merge_outputs, results_extent
from beod_qgis.core.results_load import tiled_scenes_supported
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayerTree,
    QgsLayerTreeModel,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QPainter

from tests.results_data import build_output

JOB = "Sophia Antipolis extraction"
#: the building colours of the shipped style, by height range (metres, upper bound included)
BUILDING_COLOURS = [(0, 6, "#ffffb2"), (6, 12, "#fed976"), (12, 20, "#feb24c"), (20, 35, "#fd8d3c"),
                    (35, 60, "#f03b20"), (60, 1000, "#bd0026")]


@pytest.fixture()
def output(tmp_path):
    built = build_output(str(tmp_path / "job"), tiles=4)
    return built, merge_outputs(built.out_dir)


#: the tiled-scene layers QGIS 3.34+ adds on top of the 2D layers (unchecked)
THREE_D = ["Buildings (3D)", "Trees (3D)"] if tiled_scenes_supported() else []


def _layer(layers, name):
    return next(layer for layer in layers if layer.name() == name)


def _group_names(project):
    return [node.name() for node in project.layerTreeRoot().children() if QgsLayerTree.isGroup(node)]


def _render(layers, extent, size=800):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    # the CRS of the 2D results (a 3D Tiles layer is in geographic coordinates with heights)
    settings.setDestinationCrs(next(layer for layer in layers if isinstance(layer, QgsVectorLayer)).crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), settings


def test_one_layer_per_kind_in_a_group_named_after_the_job(qgis_new_project, output):
    built, merged = output

    layers = load_results(merged, JOB, project=qgis_new_project)

    root = qgis_new_project.layerTreeRoot()
    group = root.children()[0]
    assert QgsLayerTree.isGroup(group) and group.name() == JOB
    names = [node.name() for node in group.children()]
    assert names == THREE_D + ["Buildings", "Trees", "Roads", "Land clutter", "Terrain (DTM)",
                               "Terrain (hillshade)"]
    assert [layer.name() for layer in layers] == names
    counts = {layer.name(): layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)}
    assert counts == {"Buildings": built.counts["building"], "Trees": built.counts["tree"],
                      "Roads": built.counts["road"]}
    assert all(layer.isValid() for layer in layers)


def test_each_kind_is_styled(qgis_new_project, output):
    _built, merged = output

    layers = {layer.name(): layer for layer in load_results(merged, JOB, project=qgis_new_project)}

    buildings = layers["Buildings"].renderer()
    assert buildings.type() == "graduatedSymbol" and buildings.classAttribute() == "height"
    assert len(buildings.ranges()) == 6
    trees = layers["Trees"].renderer()
    assert trees.type() == "singleSymbol" and trees.symbol().color().green() > trees.symbol().color().red()
    roads = layers["Roads"].renderer()
    assert roads.type() == "singleSymbol" and roads.symbol().type() == 1  # line symbol
    clutter = layers["Land clutter"].renderer()
    assert clutter.type() == "paletted"
    assert [label for label, _colour in clutter.legendSymbologyItems()] == [c.name for c in CLUTTER_CLASSES]
    terrain = layers["Terrain (DTM)"].renderer()
    assert terrain.type() == "singlebandpseudocolor"
    low, high = merged.layer("dtm").value_range
    assert (terrain.classificationMin(), terrain.classificationMax()) == pytest.approx((low, high))
    ramp_legend = terrain.shader().rasterShaderFunction().legendSettings()  # "115 m" … "177 m"
    assert ramp_legend.suffix() == " m" and ramp_legend.numericFormat().numberDecimalPlaces() == 0
    assert layers["Terrain (DTM)"].blendMode() == QPainter.CompositionMode.CompositionMode_Multiply
    assert layers["Terrain (hillshade)"].renderer().type() == "hillshade"


def test_raster_legends_name_the_classes_not_the_band(qgis_new_project, output):
    _built, merged = output
    model = QgsLayerTreeModel(qgis_new_project.layerTreeRoot())  # as the Layers panel has

    load_results(merged, JOB, project=qgis_new_project)

    group = qgis_new_project.layerTreeRoot().findGroup(JOB)
    legends = {node.name(): [str(item.data(0)) for item in model.layerLegendNodes(node)]
               for node in group.findLayers()}
    assert legends["Land clutter"] == [c.name for c in CLUTTER_CLASSES]
    assert legends["Terrain (DTM)"] and not any("Band" in text for text in legends["Terrain (DTM)"])


def test_buildings_are_drawn_in_the_colour_of_their_height(qgis_new_project, output):
    built, merged = output
    layers = load_results(merged, JOB, project=qgis_new_project)
    buildings = _layer(layers, "Buildings")
    extent = QgsRectangle(*built.extent_3857)

    image, settings = _render([buildings], extent)

    seen = set()
    for feature in buildings.getFeatures():
        height = feature["height"]
        expected = next(colour for low, high, colour in BUILDING_COLOURS if low < height <= high)
        centre = settings.mapToPixel().transform(feature.geometry().centroid().asPoint())
        pixel = image.pixelColor(int(centre.x()), int(centre.y()))
        assert pixel.name() == expected, (height, pixel.name())
        seen.add(expected)
    assert len(seen) >= 3  # several heights, several colours


def test_the_whole_result_renders(qgis_new_project, output, tmp_path):
    built, merged = output
    layers = load_results(merged, JOB, project=qgis_new_project)

    image, _settings = _render(layers, QgsRectangle(*built.extent_3857), size=400)

    image.save(str(tmp_path / "results.png"))
    colours = {image.pixel(x, y) for x in range(0, 400, 7) for y in range(0, 400, 7)}
    assert len(colours) > 50  # terrain, clutter classes, buildings, trees and roads


def test_loading_again_replaces_the_group_instead_of_adding_one(qgis_new_project, output):
    _built, merged = output
    other = QgsVectorLayer("Point?crs=EPSG:4326", "My own layer", "memory")
    qgis_new_project.addMapLayer(other)

    load_results(merged, JOB, project=qgis_new_project)
    assert _group_names(qgis_new_project) == [JOB]
    assert qgis_new_project.layerTreeRoot().children()[0].name() == JOB  # on top of the user's layers
    count = len(qgis_new_project.mapLayers())

    load_results(merge_outputs(merged.out_dir), JOB, project=qgis_new_project)

    assert _group_names(qgis_new_project) == [JOB]
    assert len(qgis_new_project.mapLayers()) == count
    assert qgis_new_project.mapLayer(other.id()) is not None


@pytest.mark.skipif(tiled_scenes_supported(), reason="this QGIS shows 3D Tiles")
def test_3d_tiles_get_a_note_where_qgis_cannot_show_them(qgis_new_project, output):
    _built, merged = output

    layers = load_results(merged, JOB, project=qgis_new_project)

    note = next(note for note in merged.notes if "3D Tiles" in note)
    assert "3.34" in note and "building_tileset.json" in note
    assert len(layers) == 6


@pytest.mark.skipif(not tiled_scenes_supported(), reason="tiled-scene layers need QGIS 3.34")
def test_3d_tiles_become_tiled_scene_layers(qgis_new_project, output):
    _built, merged = output

    layers = load_results(merged, JOB, project=qgis_new_project)

    three_d = [layer for layer in layers if layer.name() in ("Buildings (3D)", "Trees (3D)")]
    assert len(three_d) == 2
    root = qgis_new_project.layerTreeRoot()
    assert not any(root.findLayer(layer.id()).itemVisibilityChecked() for layer in three_d)


def test_results_extent_is_in_the_project_crs(qgis_new_project, output):
    built, merged = output
    layers = load_results(merged, JOB, project=qgis_new_project)
    qgis_new_project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))

    extent = results_extent(layers, qgis_new_project)

    to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3857"),
                                      QgsCoordinateReferenceSystem("EPSG:4326"), qgis_new_project)
    corner = to_wgs84.transform(QgsPointXY(built.extent_3857[0], built.extent_3857[1]))
    assert 6.9 < extent.xMinimum() < 7.0 and 43.5 < extent.yMinimum() < 43.7
    assert extent.xMinimum() == pytest.approx(corner.x(), abs=1e-6)
    assert extent.yMinimum() == pytest.approx(corner.y(), abs=1e-6)


def test_results_in_wgs84_load_too(qgis_new_project, tmp_path):
    built = build_output(str(tmp_path / "job"), tiles=2, epsg=4326, three_d=False)

    layers = load_results(merge_outputs(built.out_dir), JOB, project=qgis_new_project)

    assert layers[0].crs().authid() == "EPSG:4326"
    assert layers[0].featureCount() == built.counts["building"]
    image, _settings = _render(layers, results_extent(layers[:1], qgis_new_project), size=200)
    assert len({image.pixel(x, y) for x in range(0, 200, 5) for y in range(0, 200, 5)}) > 10


def test_reloading_after_more_tiles_arrived_shows_the_new_features(qgis_new_project, output):
    import shutil

    built, merged = output
    first = load_results(merged, JOB, project=qgis_new_project)
    assert _layer(first, "Buildings").featureCount() == built.counts["building"]
    shutil.copytree(f"{built.out_dir}/3", f"{built.out_dir}/4")  # one more tile downloaded

    layers = load_results(merge_outputs(built.out_dir), JOB, project=qgis_new_project)

    buildings = _layer(layers, "Buildings")
    assert buildings.featureCount() == built.counts["building"] // 4 * 5
    assert len(list(buildings.getFeatures())) == built.counts["building"] // 4 * 5
    assert _group_names(qgis_new_project) == [JOB]

"""The emulator's own extraction output (the files the service would send), merged,
loaded and drawn: the styles fit what the service produces."""

import json
import os

import pytest
from beod_qgis.core.layer_kinds import CLUTTER_CLASSES, CLUTTER_NODATA
from beod_qgis.core.results import load_results, merge_outputs, results_extent
from beod_qgis.core.results_load import tiled_scenes_supported
from osgeo import gdal, ogr
from qgis.core import QgsMapRendererParallelJob, QgsMapRendererSequentialJob, QgsMapSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from tests.emulator.samples import TUTORIAL_AOI

#: the tiled-scene layers QGIS 3.34+ adds on top of the 2D layers
THREE_D_KINDS = ["building", "tree"] if tiled_scenes_supported() else []


def _buildings(layers):
    """The 2D buildings layer (QGIS 3.34+ puts the 3D Tiles layers above it)."""
    return next(layer for layer in layers
                if isinstance(layer, QgsVectorLayer) and layer.customProperty("beod/kind") == "building")


def _generate(root, epsg=3857):
    from tests.emulator import geodata
    from tests.emulator.aoi_check import parse_aoi

    return geodata.generate(str(root), TUTORIAL_AOI, parse_aoi(TUTORIAL_AOI), epsg,
                            ("shapefile", "geopackage"), ("geotiff",), ("3d_tiles",))


def _count(path, layer):
    dataset = ogr.Open(str(path))
    return dataset.GetLayerByName(layer).GetFeatureCount()


@pytest.mark.parametrize("epsg", [3857, 4326])
def test_emulator_output_is_merged_loaded_and_styled(qgis_new_project, tmp_path, epsg):
    tiles = _generate(tmp_path, epsg)
    assert len(tiles) > 1

    merged = merge_outputs(str(tmp_path))
    layers = load_results(merged, "Tutorial AOI", project=qgis_new_project)

    expected = {kind: sum(_count(tmp_path / tile / "EXPORT" / kind / "geopackage" / f"{kind}.gpkg", kind)
                          for tile in tiles) for kind in ("building", "tree", "road")}
    counts = {layer.customProperty("beod/kind"): layer.featureCount()
              for layer in layers if isinstance(layer, QgsVectorLayer)}
    assert counts == expected and expected["building"] > 0
    assert {item.kind for item in merged.layers} == {"building", "tree", "road", "clutter", "dtm"}
    assert [note for note in merged.notes if "3D Tiles" not in note] == []

    heights = [feature["height"] for feature in _buildings(layers).getFeatures()]
    ranges = _buildings(layers).renderer().ranges()
    assert all(ranges[0].lowerValue() <= h <= ranges[-1].upperValue() for h in heights)

    mosaic = gdal.Open(merged.layer("clutter").path)
    histogram = mosaic.GetRasterBand(1).GetHistogram(-0.5, 255.5, 256, include_out_of_range=False,
                                                     approx_ok=False)
    present = {value for value, count in enumerate(histogram) if count and value != CLUTTER_NODATA}
    assert present and present <= {item.code for item in CLUTTER_CLASSES}  # every class has a legend

    low, high = merged.layer("dtm").value_range
    assert 50 < low < high < 300

    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(_buildings(layers).crs())
    settings.setExtent(results_extent(layers, qgis_new_project))
    settings.setOutputSize(QSize(600, 600))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(str(tmp_path / f"emulator_{epsg}.png"))
    assert len({image.pixel(x, y) for x in range(0, 600, 6) for y in range(0, 600, 6)}) > 100


@pytest.mark.skipif(not tiled_scenes_supported(), reason="tiled-scene layers need QGIS 3.34")
def test_3d_tiles_are_drawn_by_a_one_shot_render(qgis_new_project, tmp_path):
    """A layout export or a print renders once: the tile tilesets must have been read already."""
    _generate(tmp_path)
    merged = merge_outputs(str(tmp_path))
    layers = load_results(merged, "Tutorial AOI", project=qgis_new_project)
    extent = results_extent([_buildings(layers)], qgis_new_project)

    for layer in layers[:len(THREE_D_KINDS)]:
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(_buildings(layers).crs())
        settings.setExtent(extent)
        settings.setOutputSize(QSize(300, 300))
        settings.setBackgroundColor(QColor("white"))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        white = QColor("white").rgb()
        drawn = sum(image.pixel(x, y) != white for x in range(0, 300, 2) for y in range(0, 300, 2))
        assert drawn > 50, (layer.name(), drawn)


def test_emulator_3d_tiles_get_one_root_over_the_tiles(tmp_path):
    tiles = _generate(tmp_path)

    merged = merge_outputs(str(tmp_path))

    building = next(tileset for tileset in merged.tilesets if tileset.kind == "building")
    with_buildings = [files for files in tiles.values() if any(f.endswith("building.b3dm") for f in files)]
    assert building.source_count == len(with_buildings)  # empty tiles are left out
    with open(building.path, encoding="utf-8") as handle:
        root = json.load(handle)["root"]
    cx, cy, cz, radius = root["boundingVolume"]["sphere"]
    assert 6.3e6 < (cx * cx + cy * cy + cz * cz) ** 0.5 < 6.4e6  # on the Earth's surface
    assert 300 < radius < 5000  # a few hundred metres: the AOI, not the planet
    for child in root["children"]:
        target = os.path.join(os.path.dirname(building.path), child["content"]["uri"])
        assert os.path.isfile(target)
        *centre, child_radius = child["boundingVolume"]["sphere"]
        distance = sum((a - b) ** 2 for a, b in zip(centre, (cx, cy, cz))) ** 0.5
        assert distance + child_radius <= radius + 1e-6


@pytest.mark.parametrize("listing", ["zip", "paged tree"])
def test_results_downloaded_from_the_emulator_load_as_one_layer_per_kind(qgis_new_project, emulator,
                                                                          tmp_path, listing):
    from beod_qgis.beod.client import Client
    from beod_qgis.beod.download import download_scenario
    from beod_qgis.beod.follow import follow_activity
    from beod_qgis.beod.models import ScenarioParams

    if listing == "paged tree":
        emulator.configure(zip_max_km2=0, forced_tile_count=24, page_size=40)
    client = Client(emulator.api_url)
    try:
        client.login(emulator.email, emulator.password)
        pid = client.create_project(f"results {listing}")
        client.create_aoi(pid, TUTORIAL_AOI)
        sid, aid = client.create_scenario(pid, ScenarioParams(name="results"))
        follow_activity(client, pid, aid, min_interval=0.2, max_interval=0.5)
        download_scenario(client, pid, sid, str(tmp_path))
    finally:
        client.close()

    merged = merge_outputs(str(tmp_path))
    layers = load_results(merged, f"Scenario {sid}", project=qgis_new_project)

    if listing == "paged tree":
        assert merged.tile_count == 24
    tiles = [name for name in os.listdir(tmp_path) if (tmp_path / name / "EXPORT").is_dir()]
    expected = sum(_count(tmp_path / tile / "EXPORT" / "building" / "geopackage" / "building.gpkg",
                          "building") for tile in tiles)
    kinds = [layer.customProperty("beod/kind") for layer in layers]
    assert kinds == THREE_D_KINDS + ["building", "tree", "road", "clutter", "dtm", "dtm"]
    assert _buildings(layers).featureCount() == expected > 0
    assert qgis_new_project.layerTreeRoot().children()[0].name() == f"Scenario {sid}"


def test_the_emulator_and_the_clutter_legend_share_one_class_table():
    from tests.emulator import geodata

    assert geodata.CLUTTER_CLASSES == {item.code: item.name for item in CLUTTER_CLASSES}
    assert geodata.CLUTTER_NODATA == CLUTTER_NODATA

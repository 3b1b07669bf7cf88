"""Merging an extraction's tiles: one GeoPackage per vector kind, one VRT per raster kind,
one 3D tileset per kind; what ends up on disk, whatever the number of tiles."""

import json
import os
import shutil
import time
from collections import Counter

import pytest
from beod_qgis.core.results import merge_outputs
from osgeo import gdal, ogr

from tests.results_data import LONG_FIELD, build_output


def _open_layer(path, name):
    dataset = ogr.Open(path)
    assert dataset is not None, path
    return dataset, dataset.GetLayerByName(name)


def _tiles_in(path, name):
    dataset, layer = _open_layer(path, name)
    return {feature.GetField("tile") for feature in layer}


def test_every_tile_merges_into_one_geopackage_per_kind(tmp_path):
    built = build_output(str(tmp_path), tiles=5)

    merged = merge_outputs(str(tmp_path))

    assert [layer.kind for layer in merged.layers] == ["building", "tree", "road", "clutter", "dtm"]
    for kind in ("building", "tree", "road"):
        item = merged.layer(kind)
        assert item.path == str(tmp_path / "merged" / f"{kind}.gpkg")
        assert item.source_count == 5
        assert item.feature_count == built.counts[kind]
        dataset, layer = _open_layer(item.path, kind)
        assert layer.GetFeatureCount() == built.counts[kind]
        # a spatial index covering every feature (rendering a part of a large result stays quick)
        index = dataset.ExecuteSQL(f'SELECT COUNT(*) FROM "rtree_{kind}_geom"')  # noqa: S608 (a kind's name)
        assert index.GetNextFeature().GetField(0) == built.counts[kind]
        dataset.ReleaseResultSet(index)
        dataset, layer = _open_layer(item.path, kind)
        per_tile = Counter(feature.GetField("tile") for feature in layer)
        assert per_tile == {str(tile): built.counts[kind] // 5 for tile in range(5)}
    assert merged.notes == []
    assert merged.tile_count == 5


def test_geopackage_is_preferred_over_shapefile(tmp_path):
    build_output(str(tmp_path), tiles=2, vector_formats=("shapefile", "geopackage"))

    merged = merge_outputs(str(tmp_path))

    _dataset, layer = _open_layer(merged.layer("building").path, "building")
    names = [field.GetName() for field in layer.schema]
    assert LONG_FIELD in names  # a shapefile would have cut it to 10 characters
    assert LONG_FIELD[:10] not in names


def test_shapefiles_alone_are_merged(tmp_path):
    built = build_output(str(tmp_path), tiles=3, vector_formats=("shapefile",))

    merged = merge_outputs(str(tmp_path))

    assert merged.layer("road").feature_count == built.counts["road"]
    _dataset, layer = _open_layer(merged.layer("building").path, "building")
    assert layer.GetFeatureCount() == built.counts["building"]
    assert "height" in [field.GetName() for field in layer.schema]


def test_raster_tiles_become_one_mosaic_covering_all_of_them(tmp_path):
    built = build_output(str(tmp_path), tiles=4)

    merged = merge_outputs(str(tmp_path))

    for kind in ("clutter", "dtm"):
        item = merged.layer(kind)
        assert item.is_raster and item.path.endswith(f"{kind}.vrt") and item.source_count == 4
        mosaic = gdal.Open(item.path)
        x0, dx, _, y1, _, dy = mosaic.GetGeoTransform()
        extent = (x0, y1 + dy * mosaic.RasterYSize, x0 + dx * mosaic.RasterXSize, y1)
        assert extent == pytest.approx(built.extent_3857, abs=1e-6)
        assert len(mosaic.GetFileList()) == 5  # the VRT and its four tiles
    low, high = merged.layer("dtm").value_range
    assert 100 < low < high < 200


def test_the_mosaic_still_opens_after_the_folder_moved(tmp_path):
    build_output(str(tmp_path / "job"), tiles=2, three_d=False)
    merge_outputs(str(tmp_path / "job"))

    shutil.move(str(tmp_path / "job"), str(tmp_path / "moved"))

    mosaic = gdal.Open(str(tmp_path / "moved" / "merged" / "dtm.vrt"))
    assert mosaic.GetRasterBand(1).Checksum() > 0
    assert all(os.path.exists(path) for path in mosaic.GetFileList())


def test_3d_tiles_of_many_tiles_get_one_root_tileset(tmp_path):
    build_output(str(tmp_path), tiles=3)

    merged = merge_outputs(str(tmp_path))

    assert sorted(tileset.kind for tileset in merged.tilesets) == ["building", "tree"]
    building = next(tileset for tileset in merged.tilesets if tileset.kind == "building")
    assert building.source_count == 3 and os.path.basename(building.path) == "building_tileset.json"
    with open(building.path, encoding="utf-8") as handle:
        root = json.load(handle)["root"]
    assert len(root["children"]) == 3
    west, south, east, north = root["boundingVolume"]["region"][:4]
    for child in root["children"]:
        target = os.path.normpath(os.path.join(os.path.dirname(building.path), child["content"]["uri"]))
        assert os.path.isfile(target)
        child_west, child_south, child_east, child_north = child["boundingVolume"]["region"][:4]
        assert west <= child_west < child_east <= east and south <= child_south < child_north <= north


def test_empty_tile_tilesets_are_left_out_of_the_root(tmp_path):
    build_output(str(tmp_path), tiles=3)
    empty = tmp_path / "1" / "EXPORT" / "building" / "3d_tiles"
    (empty / "building.b3dm").unlink()
    # a tile without buildings: no content, a unit box wherever its transform puts it
    with open(empty / "tileset.json", "w", encoding="utf-8") as handle:
        json.dump({"asset": {"version": "1.0"}, "geometricError": 1.0,
                   "root": {"transform": [0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 6378137.0, 0, 0, 1],
                            "geometricError": 0.0, "refine": "ADD",
                            "boundingVolume": {"box": [0, 0, 0, 0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]}}}, handle)

    merged = merge_outputs(str(tmp_path))

    building = next(tileset for tileset in merged.tilesets if tileset.kind == "building")
    with open(building.path, encoding="utf-8") as handle:
        root = json.load(handle)["root"]
    assert [child["extras"]["tile"] for child in root["children"]] == ["0", "2"]
    west, south, east, north = root["boundingVolume"]["region"][:4]
    assert east - west < 0.01 and north - south < 0.01  # the tiles' area, not up to longitude 0


def test_a_single_tile_keeps_its_own_tileset(tmp_path):
    build_output(str(tmp_path), tiles=1)

    merged = merge_outputs(str(tmp_path))

    paths = {tileset.kind: tileset.path for tileset in merged.tilesets}
    assert paths["tree"] == str(tmp_path / "0" / "EXPORT" / "tree" / "3d_tiles" / "tileset.json")


def test_a_zip_with_a_top_folder_is_read_the_same(tmp_path):
    built = build_output(str(tmp_path), tiles=3, top_folder="4711")

    merged = merge_outputs(str(tmp_path))

    assert merged.layer("building").feature_count == built.counts["building"]
    assert _tiles_in(merged.layer("building").path, "building") == {"0", "1", "2"}


def test_running_again_reuses_what_is_up_to_date_and_redoes_what_changed(tmp_path):
    built = build_output(str(tmp_path), tiles=3)
    first = merge_outputs(str(tmp_path))
    stamps = {item.kind: os.stat(item.path).st_mtime_ns for item in first.layers}

    second = merge_outputs(str(tmp_path))

    assert all(item.reused for item in second.layers)
    assert {item.kind: os.stat(item.path).st_mtime_ns for item in second.layers} == stamps
    assert second.layer("tree").feature_count == built.counts["tree"]
    assert second.layer("dtm").value_range == first.layer("dtm").value_range

    shutil.copytree(str(tmp_path / "2"), str(tmp_path / "3"))  # one more tile arrived
    third = merge_outputs(str(tmp_path))

    assert not third.layer("building").reused
    assert third.layer("building").feature_count == built.counts["building"] // 3 * 4
    assert _tiles_in(third.layer("building").path, "building") == {"0", "1", "2", "3"}


def test_unreadable_files_become_notes_and_the_rest_is_merged(tmp_path):
    built = build_output(str(tmp_path), tiles=3, vector_formats=("geopackage",))
    broken_vector = tmp_path / "1" / "EXPORT" / "building" / "geopackage" / "building.gpkg"
    broken_vector.write_bytes(b"<html>expired</html>")
    broken_raster = tmp_path / "2" / "EXPORT" / "dtm" / "geotiff" / "dtm.tif"
    broken_raster.write_bytes(broken_raster.read_bytes()[:100])

    merged = merge_outputs(str(tmp_path))

    per_tile = built.counts["building"] // 3
    assert merged.layer("building").feature_count == 2 * per_tile
    assert merged.layer("dtm").source_count == 2
    assert merged.layer("tree").feature_count == built.counts["tree"]
    text = "\n".join(merged.notes)
    assert os.path.join("1", "EXPORT", "building", "geopackage", "building.gpkg") in text
    assert os.path.join("2", "EXPORT", "dtm", "geotiff", "dtm.tif") in text


def test_an_empty_or_missing_folder_gives_a_note(tmp_path):
    empty = merge_outputs(str(tmp_path))
    missing = merge_outputs(str(tmp_path / "nowhere"))

    assert empty.layers == [] and "No results were found" in empty.notes[0]
    assert missing.layers == [] and "does not exist" in missing.notes[0]


def test_progress_rises_to_100(tmp_path):
    build_output(str(tmp_path), tiles=4, three_d=False)
    seen = []

    merge_outputs(str(tmp_path), on_progress=seen.append)

    assert seen == sorted(seen) and seen[-1] == 100.0 and len(seen) > 10


def test_cancel_stops_between_files_and_leaves_no_merged_file(tmp_path):
    from beod_qgis.beod.errors import CancelledError

    build_output(str(tmp_path), tiles=6, three_d=False)
    calls = []

    def is_cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(CancelledError):
        merge_outputs(str(tmp_path), is_cancelled=is_cancelled)

    merged_dir = tmp_path / "merged"
    assert not merged_dir.exists() or sorted(os.listdir(merged_dir)) == []
    complete = merge_outputs(str(tmp_path))  # and a later run completes
    assert len(complete.layers) == 5


def test_three_hundred_tiles_merge_quickly(tmp_path):
    built = build_output(str(tmp_path), tiles=300, three_d=True,
                         per_tile={"building": 30, "tree": 10, "road": 3})

    started = time.monotonic()
    merged = merge_outputs(str(tmp_path))
    elapsed = time.monotonic() - started

    print(f"\nmerged 300 tiles ({sum(built.counts.values())} features, 600 rasters, "
          f"600 tilesets) in {elapsed:.2f} s")
    assert merged.layer("building").feature_count == built.counts["building"]
    assert merged.layer("dtm").source_count == 300
    assert {tileset.source_count for tileset in merged.tilesets} == {300}


def test_tiles_in_another_crs_are_reprojected_or_named_in_a_note(tmp_path):
    built = build_output(str(tmp_path / "a"), tiles=2, three_d=False)
    build_output(str(tmp_path / "b"), tiles=2, epsg=4326, three_d=False)
    shutil.move(str(tmp_path / "a"), str(tmp_path / "job"))
    shutil.move(str(tmp_path / "b" / "1"), str(tmp_path / "job" / "7"))

    merged = merge_outputs(str(tmp_path / "job"))

    per_tile = built.counts["building"] // 2
    assert merged.layer("building").feature_count == 3 * per_tile
    _dataset, layer = _open_layer(merged.layer("building").path, "building")
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "3857"
    xmin, xmax, ymin, ymax = layer.GetExtent()
    assert 7.7e5 < xmin < xmax < 7.8e5 and 5.4e6 < ymin < ymax < 5.42e6  # all in metres
    assert merged.layer("dtm").source_count == 2
    assert any("coordinate system" in note and "7" in note for note in merged.notes)


def test_a_merged_file_that_cannot_be_replaced_is_written_beside_it(tmp_path):
    built = build_output(str(tmp_path), tiles=2, raster=False, three_d=False)
    (tmp_path / "merged" / "building.gpkg").mkdir(parents=True)  # stands for a file locked by Windows
    (tmp_path / "merged" / "building.gpkg.json").write_text("{}")  # written by an earlier merge

    merged = merge_outputs(str(tmp_path))

    assert merged.layer("building").path == str(tmp_path / "merged" / "building-2.gpkg")
    assert merged.layer("building").feature_count == built.counts["building"]
    assert any("could not be replaced" in note for note in merged.notes)


def test_large_mosaics_get_overviews(tmp_path, monkeypatch):
    from beod_qgis.core import results_mosaic

    monkeypatch.setattr(results_mosaic, "OVERVIEW_THRESHOLD", 64)
    monkeypatch.setattr(results_mosaic, "OVERVIEW_SMALLEST", 16)
    build_output(str(tmp_path), tiles=4, three_d=False)

    merged = merge_outputs(str(tmp_path))

    mosaic = gdal.Open(merged.layer("dtm").path)
    assert mosaic.GetRasterBand(1).GetOverviewCount() == 2  # 100 px: 50 and 25
    assert os.path.isfile(merged.layer("clutter").path + ".ovr")
    assert not [name for name in os.listdir(tmp_path / "merged") if name.startswith(".")]


def test_an_unreadable_geopackage_is_replaced_by_the_tile_s_shapefile(tmp_path):
    built = build_output(str(tmp_path), tiles=3, raster=False, three_d=False)
    broken = tmp_path / "1" / "EXPORT" / "building" / "geopackage" / "building.gpkg"
    broken.write_bytes(b"\0" * 1000)

    merged = merge_outputs(str(tmp_path))

    assert merged.layer("building").feature_count == built.counts["building"]
    assert _tiles_in(merged.layer("building").path, "building") == {"0", "1", "2"}
    note = next(note for note in merged.notes if "used instead" in note)
    assert os.path.join("1", "EXPORT", "building", "shapefile", "building.shp") in note

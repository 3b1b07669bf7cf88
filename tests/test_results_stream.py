"""Merging tiles while they download: the same merged files as a merge after the download,
written as the files arrive (in any order), with overviews for large mosaics."""

import os
import random
import shutil
import threading
import time
from collections import Counter

import pytest
from beod_qgis.beod.errors import CancelledError
from beod_qgis.core import jobs, results_stream_mosaic
from beod_qgis.core.results import merge_outputs
from beod_qgis.core.results_stream import StreamingMerge
from beod_qgis.core.tasks import ExtractionTask
from osgeo import gdal, ogr

from tests.results_data import build_output
from tests.test_core_tasks import (  # noqa: F401 (fixtures)
    account,
    finish,
    group_layers,
    make_job,
    project,
    registry,
    store,
    vector_feature_counts,
)

gdal.UseExceptions()


def _listing(out_dir):
    parts = []
    for root, _dirs, files in os.walk(out_dir):
        for name in files:
            parts.append(tuple(os.path.relpath(os.path.join(root, name), out_dir).split(os.sep)))
    return sorted(parts)


def _stream(out_dir, *, seed=1, is_cancelled=None):
    """Feed ``out_dir``'s files to a StreamingMerge as the downloader does: the listing
    first, then each file as it is complete, in a shuffled order."""
    stream = StreamingMerge(out_dir, is_cancelled=is_cancelled)
    parts = _listing(out_dir)
    stream.planned(parts)
    random.Random(seed).shuffle(parts)
    root = os.path.realpath(out_dir)
    for item in parts:
        stream.arrived(os.path.join(root, *item))
    return stream


def _tiles_per_kind(merged):
    found = {}
    for layer in merged.layers:
        if layer.is_raster:
            continue
        dataset = ogr.Open(layer.path)
        features = dataset.GetLayerByName(layer.kind)
        found[layer.kind] = Counter(feature.GetField("tile") for feature in features)
    return found


def _pixels(path):
    dataset = gdal.Open(path)
    return dataset.GetRasterBand(1).ReadAsArray(), dataset.GetGeoTransform()


@pytest.fixture
def small_overviews(monkeypatch):
    """Overviews for mosaics of the tests' size (150 pixels instead of thousands)."""
    monkeypatch.setattr(results_stream_mosaic, "OVERVIEW_MIN_SIZE", 64)
    monkeypatch.setattr(results_stream_mosaic, "OVERVIEW_SMALLEST", 4)


def test_streamed_merge_equals_the_merge_after_the_download(tmp_path, small_overviews):
    built = build_output(str(tmp_path / "streamed"), tiles=9)
    shutil.copytree(tmp_path / "streamed", tmp_path / "after")

    streamed = _stream(str(tmp_path / "streamed")).finish()
    after = merge_outputs(str(tmp_path / "after"))

    def summary(merged):
        return [(layer.kind, layer.source_count, layer.feature_count) for layer in merged.layers]

    assert summary(streamed) == summary(after)
    assert _tiles_per_kind(streamed) == _tiles_per_kind(after)
    assert _tiles_per_kind(streamed)["building"] == {str(t): built.counts["building"] // 9 for t in range(9)}
    assert streamed.layer("dtm").value_range == pytest.approx(after.layer("dtm").value_range)
    for kind in ("clutter", "dtm"):
        streamed_pixels, streamed_grid = _pixels(streamed.layer(kind).path)
        after_pixels, after_grid = _pixels(after.layer(kind).path)
        assert streamed_grid == pytest.approx(after_grid)
        assert (streamed_pixels == after_pixels).all()
    assert sorted(t.kind for t in streamed.tilesets) == ["building", "tree"]
    assert not streamed.notes
    assert not [name for name in os.listdir(tmp_path / "streamed" / "merged") if ".part" in name]


def test_large_mosaics_get_overviews_averaged_from_the_tiles(tmp_path, small_overviews):
    build_output(str(tmp_path), tiles=9)
    merged = _stream(str(tmp_path)).finish()

    mosaic = gdal.Open(merged.layer("dtm").path)
    band = mosaic.GetRasterBand(1)
    assert band.GetOverviewCount() == 2  # 5x and 25x smaller
    overview = band.GetOverview(0)
    assert (overview.XSize, overview.YSize) == (mosaic.RasterXSize // 5, mosaic.RasterYSize // 5)
    expected = band.ReadAsArray(buf_xsize=overview.XSize, buf_ysize=overview.YSize,
                                resample_alg=gdal.GRIORA_Average)
    assert abs(overview.ReadAsArray() - expected).max() < 1e-3
    clutter_mosaic = gdal.Open(merged.layer("clutter").path)
    clutter = clutter_mosaic.GetRasterBand(1)
    assert clutter.GetOverviewCount() == 2
    assert set(clutter.GetOverview(0).ReadAsArray().ravel()) <= set(range(1, 11))  # classes, not means


def test_a_later_merge_reuses_what_was_merged_while_downloading(tmp_path):
    build_output(str(tmp_path), tiles=4)
    _stream(str(tmp_path)).finish()

    again = merge_outputs(str(tmp_path))

    assert again.layers and all(layer.reused for layer in again.layers)


def test_an_unreadable_geopackage_falls_back_to_its_shapefile(tmp_path):
    built = build_output(str(tmp_path), tiles=4)
    with open(tmp_path / "2" / "EXPORT" / "building" / "geopackage" / "building.gpkg", "wb") as handle:
        handle.write(b"not a geopackage")

    merged = _stream(str(tmp_path)).finish()

    assert merged.layer("building").feature_count == built.counts["building"]
    assert any("building.gpkg" in note and "building.shp" in note for note in merged.notes)


def test_files_outside_the_listing_are_merged_after_the_download(tmp_path):
    build_output(str(tmp_path / "listed"), tiles=2)
    stream = StreamingMerge(str(tmp_path / "listed"))
    stream.planned(_listing(str(tmp_path / "listed")))
    for item in _listing(str(tmp_path / "listed")):
        stream.arrived(os.path.join(os.path.realpath(tmp_path / "listed"), *item))
    build_output(str(tmp_path / "extra"), tiles=3)  # a third tile already in the folder
    shutil.copytree(tmp_path / "extra" / "2", tmp_path / "listed" / "2")

    merged = stream.finish()

    assert merged.tile_count == 3
    assert merged.layer("building").source_count == 3


def test_cancelling_leaves_no_half_written_merge(tmp_path):
    build_output(str(tmp_path), tiles=4)
    cancelled = {"now": False}
    stream = _stream(str(tmp_path), is_cancelled=lambda: cancelled["now"])
    cancelled["now"] = True

    with pytest.raises(CancelledError):
        stream.finish()

    merged_dir = tmp_path / "merged"
    left = os.listdir(merged_dir) if merged_dir.exists() else []
    assert not [name for name in left if ".part" in name]
    assert not [name for name in left if name.endswith((".gpkg", ".vrt"))]


def test_an_extraction_merges_its_tiles_while_downloading_and_loads_them(
    emulator, account, project, registry, store, tmp_path, small_overviews  # noqa: F811 (fixtures)
):
    emulator.configure(run_seconds=0.3, zip_max_km2=0, forced_tile_count=6)  # six tiles, file by file
    job = make_job(emulator.api_url, tmp_path / "out", "Streamed")
    registry.start(ExtractionTask(job, store=store, project=project))
    finish(registry)

    assert store.get(job.local_id).state == jobs.SUCCEEDED
    layers = group_layers(project, "Streamed")
    counts = vector_feature_counts(layers)
    assert counts and all(count > 0 for count in counts.values())
    buildings = ogr.Open(str(tmp_path / "out" / "merged" / "building.gpkg"))
    tiles = Counter(feature.GetField("tile") for feature in buildings.GetLayerByName("building"))
    expected = {}
    for tile in range(6):
        own = ogr.Open(str(tmp_path / "out" / str(tile) / "EXPORT" / "building" / "geopackage"
                           / "building.gpkg"))
        if own.GetLayer(0).GetFeatureCount():
            expected[str(tile)] = own.GetLayer(0).GetFeatureCount()
    assert tiles == expected and len(expected) > 1
    # the overviews are written only by the merge that follows the download
    assert (tmp_path / "out" / "merged" / "dtm.overview5.tif").is_file()
    assert any(layer.name() == "Terrain (DTM)" and layer.isValid() for layer in layers)


def test_the_download_waits_while_the_merge_is_behind(tmp_path, monkeypatch):
    """Files arriving faster than the merge takes them: ``hold`` (the download's) holds new
    transfers back until the merge has caught up, and the result is complete."""
    from beod_qgis.core import results_stream

    monkeypatch.setattr(results_stream, "MAX_BACKLOG", 3)
    build_output(str(tmp_path), tiles=4)
    release = threading.Event()
    merge_folder = StreamingMerge._merge_folder

    def slow_merge_folder(self, tile, layer):
        release.wait(10)  # the merge is busy until released
        merge_folder(self, tile, layer)

    monkeypatch.setattr(StreamingMerge, "_merge_folder", slow_merge_folder)
    stream = StreamingMerge(str(tmp_path))
    hold = stream.download_options()["hold"]
    parts = _listing(str(tmp_path))
    stream.planned(parts)
    assert not hold()
    root = os.path.realpath(str(tmp_path))
    for item in parts:
        stream.arrived(os.path.join(root, *item))

    assert hold()  # more than 3 files wait for the merge
    release.set()
    deadline = time.monotonic() + 10
    while hold() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not hold()
    merged = stream.finish()
    assert merged.tile_count == 4 and merged.layer("building").source_count == 4


def test_tiles_listed_as_they_complete_give_the_scan_of_the_whole_folder(tmp_path):
    """The merge lists each tile's folder once its files are all there; put together at the
    end with the tiles never listed, that is the same as listing the whole folder then."""
    from beod_qgis.core.results_scan import find_export_dirs, scan_output, scan_tile

    build_output(str(tmp_path), tiles=5)
    exports = [export for _tile, export in find_export_dirs(str(tmp_path))]
    early = {export: scan_tile(export) for export in exports[1:4]}

    assert scan_output(str(tmp_path), scanned=early) == scan_output(str(tmp_path))
    assert scan_output(str(tmp_path)).tilesets  # 3D Tiles are part of what is compared


def test_what_lives_when_the_download_starts_is_out_of_the_collectors_passes(tmp_path):
    """The collector's full passes hold the interpreter lock (the main thread waits): what
    lives when the download starts is frozen out of them until the merge is over."""
    import gc

    gc.unfreeze()
    merge = StreamingMerge(str(tmp_path))
    alive = [[index] for index in range(5000)]  # containers the collector would go over
    merge.download_starting()
    assert gc.get_freeze_count() >= len(alive)
    merge.discard()
    assert gc.get_freeze_count() == 0

"""Merging never replaces a file the plugin did not write: the user's own
``merged/building.gpkg`` (and any other merged name) is kept, byte for byte; the merged
layer goes beside it under a numbered name, and a note says so."""

import json

from beod_qgis.core.results import merge_outputs
from osgeo import ogr

from tests.results_data import build_output


def test_the_users_own_merged_files_are_never_replaced(tmp_path):
    built = build_output(str(tmp_path), tiles=2)
    merged_dir = tmp_path / "merged"
    merged_dir.mkdir()
    own = merged_dir / "building.gpkg"
    own.write_bytes(b"the user's own GeoPackage")
    own_dtm = merged_dir / "dtm.vrt"
    own_dtm.write_bytes(b"<VRTDataset>the user's own</VRTDataset>")

    merged = merge_outputs(str(tmp_path))

    assert own.read_bytes() == b"the user's own GeoPackage"
    assert own_dtm.read_bytes() == b"<VRTDataset>the user's own</VRTDataset>"
    building = merged.layer("building")
    assert building.path == str(merged_dir / "building-2.gpkg")
    dataset = ogr.Open(building.path)
    assert dataset.GetLayerByName("building").GetFeatureCount() == built.counts["building"]
    assert merged.layer("dtm").path == str(merged_dir / "dtm-2.vrt")
    assert any("building.gpkg was not written by a BEOD merge" in note for note in merged.notes)

    # merging again reuses (and may replace) what the merge itself wrote, never the user's file
    again = merge_outputs(str(tmp_path))
    assert again.layer("building").path == str(merged_dir / "building-2.gpkg")
    assert own.read_bytes() == b"the user's own GeoPackage"


def test_a_merged_file_of_an_earlier_merge_is_replaced(tmp_path):
    build_output(str(tmp_path), tiles=2)
    first = merge_outputs(str(tmp_path))
    path = first.layer("building").path
    build_output(str(tmp_path), tiles=3)
    second = merge_outputs(str(tmp_path))
    assert second.layer("building").path == path  # ours: replaced in place


def test_the_users_own_tileset_json_is_kept(tmp_path):
    build_output(str(tmp_path), tiles=2)
    merged = merge_outputs(str(tmp_path))
    path = merged.tilesets[0].path
    assert path.endswith("_tileset.json")  # two tiles: one tileset written under merged/
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"asset": {"version": "1.0"}, "mine": True}, handle)
    again = merge_outputs(str(tmp_path))
    with open(path, encoding="utf-8") as handle:
        assert json.load(handle)["mine"] is True
    assert again.tilesets[0].path != path

"""The generated results look real: layers, attributes, CRS, rasters with land classes and
elevation, valid 3D Tiles, deterministic for a given AOI, and fast to produce."""

import json
import struct
import time
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr

from tests.emulator import geodata
from tests.emulator.aoi_check import parse_aoi
from tests.emulator.samples import TUTORIAL_AOI


def generate(folder: Path, wkt=TUTORIAL_AOI, epsg=3857, vector=("shapefile", "geopackage"),
             raster=("geotiff",), three_d=("3d_tiles",)):
    return geodata.generate(str(folder), wkt, parse_aoi(wkt), epsg, vector, raster, three_d)


def features(path: Path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    rows = [(f.GetGeometryRef().ExportToWkt(), f.items()) for f in layer]
    srs = layer.GetSpatialRef().GetAuthorityCode(None)
    geom_type = ogr.GeometryTypeToName(layer.GetGeomType())
    dataset = None  # noqa: F841 (closes the file)
    return rows, srs, geom_type


@pytest.fixture(scope="module")
def tutorial_output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tutorial")
    start = time.perf_counter()
    tiles = generate(folder)
    return folder, tiles, time.perf_counter() - start


def test_layout_and_formats(tutorial_output):
    folder, tiles, _ = tutorial_output
    assert sorted(tiles, key=int) == [str(n) for n in range(len(tiles))] and len(tiles) > 1
    for tile, files in tiles.items():
        for layer in ("building", "tree", "road"):
            for ext in ("shp", "shx", "dbf", "prj", "cpg"):
                assert f"{tile}/EXPORT/{layer}/shapefile/{layer}.{ext}" in files
            assert f"{tile}/EXPORT/{layer}/geopackage/{layer}.gpkg" in files
        for layer in ("clutter", "dtm"):
            assert f"{tile}/EXPORT/{layer}/geotiff/{layer}.tif" in files
        for layer in ("building", "tree"):
            assert f"{tile}/EXPORT/{layer}/3d_tiles/tileset.json" in files
        assert all((folder / rel).is_file() for rel in files)
    planned = geodata.plan_tiles(TUTORIAL_AOI, parse_aoi(TUTORIAL_AOI))
    formats = (("shapefile", "geopackage"), ("geotiff",), ("3d_tiles",))
    assert {t.name: geodata.expected_files(t, *formats) for t in planned} == tiles


def test_vector_layers_are_clipped_and_attributed(tutorial_output):
    folder, tiles, _ = tutorial_output
    aoi = parse_aoi(TUTORIAL_AOI)
    totals = {"building": 0, "tree": 0, "road": 0}
    for tile in tiles:
        for layer in totals:
            rows, srs, geom_type = features(folder / tile / "EXPORT" / layer / "geopackage" / f"{layer}.gpkg")
            assert srs == "3857"
            assert geom_type == ("Line String" if layer == "road" else "Polygon")
            totals[layer] += len(rows)
            for wkt, attributes in rows:
                geometry = ogr.CreateGeometryFromWkt(wkt)
                lonlat = geometry.Clone()
                lonlat.Transform(geodata.TO_WGS84)
                assert lonlat.Buffer(1e-6).Intersects(aoi)
                if layer == "road":
                    assert attributes["type"] in ("primary", "residential") and attributes["width"] > 0
                else:
                    assert isinstance(attributes["height"], float) and 2 < attributes["height"] < 50
            shp_rows, _, _ = features(folder / tile / "EXPORT" / layer / "shapefile" / f"{layer}.shp")
            assert len(shp_rows) == len(rows)
    assert totals["building"] > 50 and totals["tree"] > 50 and totals["road"] > 5


def test_rasters_have_land_classes_and_elevation(tutorial_output):
    folder, tiles, _ = tutorial_output
    classes = set()
    for tile in tiles:
        clutter = gdal.Open(str(folder / tile / "EXPORT/clutter/geotiff/clutter.tif"))
        band = clutter.GetRasterBand(1)
        assert band.DataType == gdal.GDT_Byte and band.GetNoDataValue() == 0
        assert clutter.GetGeoTransform()[1] == geodata.PIXEL_M
        classes |= set(np.unique(band.ReadAsArray()).tolist())
        dtm = gdal.Open(str(folder / tile / "EXPORT/dtm/geotiff/dtm.tif"))
        values = dtm.GetRasterBand(1).ReadAsArray()
        assert dtm.GetRasterBand(1).DataType == gdal.GDT_Float32
        valid = values[values != geodata.DTM_NODATA]
        assert valid.size and 80 < valid.min() <= valid.max() < 220
    assert classes <= {0, *geodata.CLUTTER_CLASSES} and len(classes - {0}) >= 4
    assert {7, 10} <= classes  # buildings and roads are burnt in


def test_clutter_codes_match_the_plugin_table():
    from core import layer_kinds

    assert {c.code: c.name for c in layer_kinds.CLUTTER_CLASSES} == geodata.CLUTTER_CLASSES
    assert layer_kinds.CLUTTER_NODATA == geodata.CLUTTER_NODATA


def test_wgs84_output(tmp_path):
    tiles = generate(tmp_path, epsg=4326, vector=("geopackage",), three_d=())
    rows, srs, _ = features(tmp_path / "0/EXPORT/building/geopackage/building.gpkg")
    assert srs == "4326" and rows
    raster = gdal.Open(str(tmp_path / "0/EXPORT/dtm/geotiff/dtm.tif"))
    transform = raster.GetGeoTransform()
    assert 6.9 < transform[0] < 7.0 and 43.5 < transform[3] < 43.7 and transform[1] < 0.001
    assert "shapefile" not in json.dumps(tiles)


def test_same_aoi_same_files_other_aoi_other_files(tmp_path):
    generate(tmp_path / "a", vector=("geopackage",), raster=(), three_d=())
    generate(tmp_path / "b", vector=("geopackage",), raster=(), three_d=())
    shifted = TUTORIAL_AOI.replace("6.95", "6.96")
    generate(tmp_path / "c", wkt=shifted, vector=("geopackage",), raster=(), three_d=())
    first = features(tmp_path / "a/0/EXPORT/building/geopackage/building.gpkg")[0]
    assert first == features(tmp_path / "b/0/EXPORT/building/geopackage/building.gpkg")[0]
    assert first != features(tmp_path / "c/0/EXPORT/building/geopackage/building.gpkg")[0]


def test_tutorial_aoi_is_generated_quickly(tutorial_output):
    assert tutorial_output[2] < 2.0


def _chunks(glb: bytes):
    magic, version, length = struct.unpack_from("<4sII", glb, 0)
    assert magic == b"glTF" and version == 2 and length == len(glb)
    json_len, json_type = struct.unpack_from("<I4s", glb, 12)
    assert json_type == b"JSON" and json_len % 4 == 0
    gltf = json.loads(glb[20:20 + json_len])
    bin_len, bin_type = struct.unpack_from("<I4s", glb, 20 + json_len)
    assert bin_type == b"BIN\0"
    return gltf, glb[28 + json_len:28 + json_len + bin_len]


@pytest.mark.parametrize("layer", ["building", "tree"])
def test_3d_tiles_are_valid(tutorial_output, layer):
    folder, tiles, _ = tutorial_output
    checked = 0
    for tile in tiles:
        base = folder / tile / "EXPORT" / layer / "3d_tiles"
        tileset = json.loads((base / "tileset.json").read_text())
        assert tileset["asset"]["version"] == "1.0" and tileset["geometricError"] > 0
        root = tileset["root"]
        assert len(root["transform"]) == 16 and len(root["boundingVolume"]["box"]) == 12
        assert 6.3e6 < np.linalg.norm(root["transform"][12:15]) < 6.4e6  # on the ellipsoid
        if "content" not in root:
            continue
        data = (base / root["content"]["uri"]).read_bytes()
        magic, version, length, ft_json, ft_bin, bt_json, bt_bin = struct.unpack_from("<4sIIIIII", data, 0)
        assert magic == b"b3dm" and version == 1 and length == len(data)
        assert (28 + ft_json) % 8 == 0 and len(data) % 8 == 0
        assert json.loads(data[28:28 + ft_json])["BATCH_LENGTH"] == 0
        gltf, binary = _chunks(data[28 + ft_json + ft_bin + bt_json + bt_bin:])
        assert len(binary) >= gltf["buffers"][0]["byteLength"]
        position, indices = gltf["accessors"]
        view = gltf["bufferViews"][position["bufferView"]]
        points = np.frombuffer(binary, "<f4", position["count"] * 3, view["byteOffset"]).reshape(-1, 3)
        assert np.allclose(points.min(axis=0), position["min"])
        assert np.allclose(points.max(axis=0), position["max"])
        assert points[:, 1].max() > 3  # extruded upwards (glTF is y-up)
        view = gltf["bufferViews"][indices["bufferView"]]
        index = np.frombuffer(binary, "<u4", indices["count"], view["byteOffset"])
        assert indices["count"] % 3 == 0 and index.max() < position["count"]
        checked += 1
    assert checked > 0

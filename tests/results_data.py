"""Builds extraction output folders on disk, as the service lays them out, for the tests.

``<out>/<tile>/EXPORT/<layer>/<format>/<file>`` with real GDAL/OGR files: buildings,
trees (polygons), roads (lines) as shapefile and/or GeoPackage, clutter and dtm GeoTIFFs,
and a small 3D Tiles tileset per tile. Tiles sit side by side on a metric grid around the
Sophia Antipolis office, so a merged result covers all of them.
"""

import json
import math
import os
from dataclasses import dataclass, field
from typing import Dict, Sequence

from osgeo import gdal, ogr, osr

ORIGIN_3857 = (773400.0, 5407400.0)  # near the Sophia Antipolis office
TILE_SIZE_M = 200.0
PIXEL_M = 4.0
LONG_FIELD = "confidence_score"  # longer than 10 characters: shapefiles truncate it


@dataclass
class BuiltOutput:
    out_dir: str
    tiles: int
    counts: Dict[str, int] = field(default_factory=dict)
    extent_3857: tuple = (0.0, 0.0, 0.0, 0.0)  # xmin, ymin, xmax, ymax


def _srs(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _to_lonlat(x: float, y: float):
    lon = x / 6378137.0 * 180.0 / math.pi
    lat = math.degrees(2 * math.atan(math.exp(y / 6378137.0)) - math.pi / 2)
    return lon, lat


def _tile_origin(index: int, columns: int):
    return (ORIGIN_3857[0] + (index % columns) * TILE_SIZE_M,
            ORIGIN_3857[1] + (index // columns) * TILE_SIZE_M)


def _point(x: float, y: float, epsg: int):
    return _to_lonlat(x, y) if epsg == 4326 else (x, y)


def _polygon_wkt(x0, y0, size, epsg):
    ring = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]
    coords = ", ".join("{!r} {!r}".format(*_point(x, y, epsg)) for x, y in ring)
    return f"POLYGON (({coords}))"


def _line_wkt(points, epsg):
    return "LINESTRING (" + ", ".join("{!r} {!r}".format(*_point(x, y, epsg)) for x, y in points) + ")"


def _features(kind: str, index: int, columns: int, count: int, epsg: int):
    """(wkt, attributes) of ``count`` features of ``kind`` inside tile ``index``."""
    x0, y0 = _tile_origin(index, columns)
    for n in range(count):
        step = TILE_SIZE_M / (count + 1)
        if kind == "road":
            y = y0 + step * (n + 1)
            yield _line_wkt([(x0 + 1, y), (x0 + TILE_SIZE_M / 2, y + 3), (x0 + TILE_SIZE_M - 1, y)], epsg), \
                {"type": "residential" if n % 2 else "primary"}
        else:
            size = 6.0 if kind == "tree" else 12.0
            x = x0 + 5 + (n * 37) % int(TILE_SIZE_M - 20)
            y = y0 + 5 + step * n
            height = 3.0 + (index * 7 + n * 5) % 45 if kind == "building" else 4.0 + n % 12
            yield _polygon_wkt(x, y, size, epsg), {"height": height, LONG_FIELD: 0.5 + (n % 5) / 10}


def _write_vector(path: str, driver: str, kind: str, features, epsg: int) -> None:
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # shapefiles shorten the long field name
    try:
        _write_features(path, driver, kind, features, epsg)
    finally:
        gdal.PopErrorHandler()


def _write_features(path: str, driver: str, kind: str, features, epsg: int) -> None:
    ds = ogr.GetDriverByName(driver).CreateDataSource(path)
    geom_type = ogr.wkbLineString if kind == "road" else ogr.wkbPolygon
    layer = ds.CreateLayer(kind, _srs(epsg), geom_type)
    if kind == "road":
        layer.CreateField(ogr.FieldDefn("type", ogr.OFTString))
    else:
        layer.CreateField(ogr.FieldDefn("height", ogr.OFTReal))
        layer.CreateField(ogr.FieldDefn(LONG_FIELD, ogr.OFTReal))
    defn = layer.GetLayerDefn()
    for wkt, attributes in features:
        feature = ogr.Feature(defn)
        for name, value in attributes.items():
            index = defn.GetFieldIndex(name)
            if index < 0:  # shapefile truncated the name
                index = defn.GetFieldIndex(name[:10])
            feature.SetField(index, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None


def _write_raster(path: str, kind: str, index: int, columns: int, epsg: int) -> None:
    size = int(TILE_SIZE_M / PIXEL_M)
    x0, y0 = _tile_origin(index, columns)
    if epsg == 4326:
        lon0, lat0 = _to_lonlat(x0, y0)
        lon1, lat1 = _to_lonlat(x0 + TILE_SIZE_M, y0 + TILE_SIZE_M)
        transform = (lon0, (lon1 - lon0) / size, 0, lat1, 0, -(lat1 - lat0) / size)
    else:
        transform = (x0, PIXEL_M, 0, y0 + TILE_SIZE_M, 0, -PIXEL_M)
    data_type = gdal.GDT_Byte if kind == "clutter" else gdal.GDT_Float32
    ds = gdal.GetDriverByName("GTiff").Create(path, size, size, 1, data_type, ["COMPRESS=DEFLATE"])
    ds.SetGeoTransform(transform)
    ds.SetProjection(_srs(epsg).ExportToWkt())
    band = ds.GetRasterBand(1)
    if kind == "clutter":
        band.SetNoDataValue(0)
        rows = [bytes(1 + ((col // 10 + row // 10 + index) % 10) for col in range(size))
                for row in range(size)]
        band.WriteRaster(0, 0, size, size, b"".join(rows))
    else:
        import struct

        band.SetNoDataValue(-9999)
        base_x, base_y = x0 - ORIGIN_3857[0], y0 - ORIGIN_3857[1]
        values = []
        for row in range(size):
            for col in range(size):
                x = base_x + (col + 0.5) * PIXEL_M
                y = base_y + (size - row - 0.5) * PIXEL_M
                values.append(120 + 0.05 * y + 25 * math.sin(x / 180.0) * math.cos(y / 150.0))
        band.WriteRaster(0, 0, size, size, struct.pack(f"{len(values)}f", *values))
    ds = None


def _write_tileset(folder: str, kind: str, index: int, columns: int) -> None:
    x0, y0 = _tile_origin(index, columns)
    west, south = _to_lonlat(x0, y0)
    east, north = _to_lonlat(x0 + TILE_SIZE_M, y0 + TILE_SIZE_M)
    tileset = {
        "asset": {"version": "1.0"},
        "geometricError": 50,
        "root": {
            "boundingVolume": {"region": [math.radians(west), math.radians(south), math.radians(east),
                                          math.radians(north), 0.0, 60.0]},
            "geometricError": 0,
            "refine": "ADD",
            "content": {"uri": f"{kind}.b3dm"},
        },
    }
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tileset.json"), "w", encoding="utf-8") as handle:
        json.dump(tileset, handle)
    with open(os.path.join(folder, f"{kind}.b3dm"), "wb") as handle:
        handle.write(b"b3dm" + b"\0" * 24)


def build_output(out_dir: str, tiles: int = 3, *, epsg: int = 3857,
                 vector_formats: Sequence[str] = ("shapefile", "geopackage"),
                 raster: bool = True, three_d: bool = True, per_tile: Dict[str, int] = None,
                 top_folder: str = "") -> BuiltOutput:
    """Write ``tiles`` tiles of extraction output under ``out_dir`` (optionally inside
    ``top_folder``) and return the number of features each vector kind should merge to."""
    per_tile = per_tile or {"building": 6, "tree": 4, "road": 2}
    columns = max(1, int(math.ceil(math.sqrt(tiles))))
    root = os.path.join(out_dir, top_folder) if top_folder else out_dir
    built = BuiltOutput(out_dir, tiles, {kind: count * tiles for kind, count in per_tile.items()})
    for index in range(tiles):
        export = os.path.join(root, str(index), "EXPORT")
        for kind, count in per_tile.items():
            features = list(_features(kind, index, columns, count, epsg))
            for fmt in vector_formats:
                folder = os.path.join(export, kind, fmt)
                os.makedirs(folder, exist_ok=True)
                if fmt == "geopackage":
                    _write_vector(os.path.join(folder, f"{kind}.gpkg"), "GPKG", kind, features, epsg)
                else:
                    _write_vector(os.path.join(folder, f"{kind}.shp"), "ESRI Shapefile", kind, features, epsg)
        if raster:
            for kind in ("clutter", "dtm"):
                folder = os.path.join(export, kind, "geotiff")
                os.makedirs(folder, exist_ok=True)
                _write_raster(os.path.join(folder, f"{kind}.tif"), kind, index, columns, epsg)
        if three_d:
            for kind in ("building", "tree"):
                _write_tileset(os.path.join(export, kind, "3d_tiles"), kind, index, columns)
    rows = int(math.ceil(tiles / columns))
    built.extent_3857 = (ORIGIN_3857[0], ORIGIN_3857[1],
                         ORIGIN_3857[0] + min(tiles, columns) * TILE_SIZE_M,
                         ORIGIN_3857[1] + rows * TILE_SIZE_M)
    return built

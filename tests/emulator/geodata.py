"""Deterministic synthetic extraction results, written with GDAL/OGR.

The AOI is cut along a fixed 500 m grid in EPSG:3857 (tiles numbered from the north-west,
row by row, keeping only tiles that touch the AOI). Per tile, clipped to the AOI: ``building``
polygons (``id``, ``height`` in metres), ``tree`` polygons (``id``, ``height``), ``road``
lines (``id``, ``type``, ``width``), a ``clutter`` Byte raster and a ``dtm`` Float32 raster
(2 m pixels), in the requested CRS and formats, laid out as
``<tile>/EXPORT/<layer>/<format>/<file>``. The random generator of each tile is seeded from
the AOI WKT and the tile's grid position, so the same AOI always gives the same files.

Clutter classes (pixel value, name), the same codes as the plugin's layer table:
0 no data (outside the AOI), 1 water, 2 bare ground, 3 grassland, 4 cropland, 5 forest,
6 parks and urban trees, 7 low-rise urban, 8 dense urban, 9 industrial and commercial,
10 paved and roads. DTM no-data value: -9999.
"""

import hashlib
import math
import os
import random
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from . import tiles3d
from .aoi_check import MERCATOR, WGS84, to_mercator

gdal.UseExceptions()
gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
gdal.SetConfigOption("OGR_SQLITE_JOURNAL", "OFF")

TILE_M = 500.0
PIXEL_M = 2.0
ROAD_OFFSETS = (50.0, 150.0, 250.0, 350.0, 450.0)
CELL_M = 50.0
CLUTTER_CLASSES = {
    1: "Water", 2: "Bare ground", 3: "Grassland", 4: "Cropland", 5: "Forest",
    6: "Parks and urban trees", 7: "Low-rise urban", 8: "Dense urban",
    9: "Industrial and commercial", 10: "Paved and roads",
}
CLUTTER_NODATA = 0
DTM_NODATA = -9999.0
VECTOR_FORMATS = ("shapefile", "geopackage")
RASTER_FORMATS = ("geotiff",)
THREE_D_FORMATS = ("3d_tiles",)
TO_WGS84 = osr.CoordinateTransformation(MERCATOR, WGS84)


@dataclass
class Tile:
    name: str
    ix: int
    iy: int
    clip: ogr.Geometry  # AOI ∩ tile, EPSG:3857
    buildings: List[Tuple[ogr.Geometry, dict]] = field(default_factory=list)
    trees: List[Tuple[ogr.Geometry, dict]] = field(default_factory=list)
    roads: List[Tuple[ogr.Geometry, dict]] = field(default_factory=list)


def _rect(cx, cy, w, h, angle):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2), (-w / 2, -h / 2)]
    for dx, dy in corners:
        ring.AddPoint_2D(cx + dx * cos_a - dy * sin_a, cy + dx * sin_a + dy * cos_a)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def _circle(cx, cy, radius, sides=12):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for k in range(sides + 1):
        a = 2 * math.pi * (k % sides) / sides
        ring.AddPoint_2D(cx + radius * math.cos(a), cy + radius * math.sin(a))
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def _line(points):
    line = ogr.Geometry(ogr.wkbLineString)
    for x, y in points:
        line.AddPoint_2D(x, y)
    return line


def _parts(geometry: ogr.Geometry, wanted: str):
    """Single-part pieces of ``wanted`` type (POLYGON or LINESTRING) of a clipped geometry."""
    if geometry is None or geometry.IsEmpty():
        return []
    name = geometry.GetGeometryName()
    if name == wanted:
        return [geometry]
    if name.startswith("MULTI") or name == "GEOMETRYCOLLECTION":
        pieces = []
        for k in range(geometry.GetGeometryCount()):
            pieces.extend(_parts(geometry.GetGeometryRef(k).Clone(), wanted))
        return pieces
    return []


def _clipped(geometry, clip, wanted):
    if clip.Contains(geometry):
        return [geometry]
    if not clip.Intersects(geometry):
        return []
    return [p for p in _parts(geometry.Intersection(clip), wanted)
            if (p.GetArea() > 0.5 if wanted == "POLYGON" else p.Length() > 0.5)]


def plan_tiles(aoi_wkt: str, aoi_lonlat: ogr.Geometry) -> List[Tile]:
    """The tiles of the AOI with their vector features (EPSG:3857), deterministic."""
    aoi = to_mercator(aoi_lonlat)
    xmin, xmax, ymin, ymax = aoi.GetEnvelope()
    seed_base = hashlib.sha256(aoi_wkt.strip().encode("utf-8")).hexdigest()
    tiles: List[Tile] = []
    for iy in range(math.floor(ymax / TILE_M), math.floor(ymin / TILE_M) - 1, -1):
        for ix in range(math.floor(xmin / TILE_M), math.floor(xmax / TILE_M) + 1):
            x0, y0 = ix * TILE_M, iy * TILE_M
            square = _rect(x0 + TILE_M / 2, y0 + TILE_M / 2, TILE_M, TILE_M, 0.0)
            if not aoi.Intersects(square):
                continue
            clip = aoi.Intersection(square)
            if clip is None or clip.IsEmpty() or clip.GetArea() < 1.0:
                continue
            tile = Tile(str(len(tiles)), ix, iy, clip)
            _populate(tile, random.Random(f"{seed_base}:{ix}:{iy}"), x0, y0)
            tiles.append(tile)
    return tiles


def _populate(tile: Tile, rng: random.Random, x0: float, y0: float) -> None:
    clip = tile.clip
    fid = {"building": 0, "tree": 0, "road": 0}
    for cx in range(int(TILE_M / CELL_M)):
        for cy in range(int(TILE_M / CELL_M)):
            bx, by = x0 + cx * CELL_M, y0 + cy * CELL_M
            roll = rng.random()
            if roll < 0.5:
                w, h = rng.uniform(8, 22), rng.uniform(8, 22)
                room_x, room_y = (CELL_M - 14 - w) / 2, (CELL_M - 14 - h) / 2
                centre = (bx + CELL_M / 2 + rng.uniform(-room_x, room_x) * 0.8,
                          by + CELL_M / 2 + rng.uniform(-room_y, room_y) * 0.8)
                shape = _rect(centre[0], centre[1], w, h, math.radians(rng.uniform(-12, 12)))
                height = round(rng.uniform(3.0, 12.0) if rng.random() < 0.8 else rng.uniform(12.0, 45.0), 1)
                for part in _clipped(shape, clip, "POLYGON"):
                    fid["building"] += 1
                    tile.buildings.append((part, {"id": fid["building"], "height": height}))
            elif roll < 0.8:
                for _ in range(rng.randint(1, 3)):
                    shape = _circle(bx + rng.uniform(12, 38), by + rng.uniform(12, 38), rng.uniform(2.5, 6.5))
                    height = round(rng.uniform(4.0, 18.0), 1)
                    for part in _clipped(shape, clip, "POLYGON"):
                        fid["tree"] += 1
                        tile.trees.append((part, {"id": fid["tree"], "height": height}))
    for k, offset in enumerate(ROAD_OFFSETS):
        kind = "primary" if k == 2 else "residential"
        width = 10.0 if kind == "primary" else 6.0
        for line in (_line([(x0, y0 + offset), (x0 + TILE_M, y0 + offset)]),
                     _line([(x0 + offset, y0), (x0 + offset, y0 + TILE_M)])):
            for part in _clipped(line, clip, "LINESTRING"):
                fid["road"] += 1
                tile.roads.append((part, {"id": fid["road"], "type": kind, "width": width}))


# -- writers -----------------------------------------------------------------------------
_FIELDS = {
    "building": [("id", ogr.OFTInteger), ("height", ogr.OFTReal)],
    "tree": [("id", ogr.OFTInteger), ("height", ogr.OFTReal)],
    "road": [("id", ogr.OFTInteger), ("type", ogr.OFTString), ("width", ogr.OFTReal)],
}


def _srs_for(epsg: int) -> osr.SpatialReference:
    return WGS84 if epsg == 4326 else MERCATOR


def write_vector(path: str, fmt: str, layer_name: str, features, epsg: int) -> None:
    driver = ogr.GetDriverByName("GPKG" if fmt == "geopackage" else "ESRI Shapefile")
    ds = driver.CreateDataSource(path)
    geom_type = ogr.wkbLineString if layer_name == "road" else ogr.wkbPolygon
    options = ["ENCODING=UTF-8"] if fmt == "shapefile" else []
    layer = ds.CreateLayer(layer_name, _srs_for(epsg), geom_type, options=options)
    for name, kind in _FIELDS[layer_name]:
        layer.CreateField(ogr.FieldDefn(name, kind))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for geometry, attributes in features:
        feature = ogr.Feature(defn)
        for name, value in attributes.items():
            feature.SetField(name, value)
        if epsg == 4326:
            geometry = geometry.Clone()
            geometry.Transform(TO_WGS84)
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None  # noqa: F841 (closes the file)


def _grid(clip: ogr.Geometry):
    xmin, xmax, ymin, ymax = clip.GetEnvelope()
    xmin = math.floor(xmin / PIXEL_M) * PIXEL_M
    ymin = math.floor(ymin / PIXEL_M) * PIXEL_M
    xmax = math.ceil(xmax / PIXEL_M) * PIXEL_M
    ymax = math.ceil(ymax / PIXEL_M) * PIXEL_M
    width, height = max(1, int(round((xmax - xmin) / PIXEL_M))), max(1, int(round((ymax - ymin) / PIXEL_M)))
    return (xmin, PIXEL_M, 0.0, ymax, 0.0, -PIXEL_M), width, height


def _burn(ds, geometries_values) -> None:
    """Burn (geometry, value) pairs into band 1 of ``ds``."""
    if not geometries_values:
        return
    mem = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = mem.CreateLayer("burn", MERCATOR, ogr.wkbUnknown)
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTReal))
    for geometry, value in geometries_values:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("value", float(value))
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    gdal.RasterizeLayer(ds, [1], layer, options=["ATTRIBUTE=value"])


def _mem_raster(transform, width, height, data_type):
    ds = gdal.GetDriverByName("MEM").Create("", width, height, 1, data_type)
    ds.SetGeoTransform(transform)
    ds.SetProjection(MERCATOR.ExportToWkt())
    return ds


def raster_arrays(tile: Tile):
    """(geotransform, clutter uint8 array, dtm float32 array) of a tile, EPSG:3857."""
    transform, width, height = _grid(tile.clip)
    xs = transform[0] + (np.arange(width) + 0.5) * PIXEL_M
    ys = transform[3] - (np.arange(height) + 0.5) * PIXEL_M
    gx, gy = np.meshgrid(xs, ys)
    field_ = np.sin(gx / 230.0) + np.cos(gy / 170.0) + 0.5 * np.sin((gx + gy) / 90.0)
    clutter = np.select([field_ > 1.75, field_ > 1.1, field_ > 0.3, field_ > -0.4, field_ > -1.2],
                        [1, 5, 3, 4, 7], default=2).astype(np.uint8)
    ds = _mem_raster(transform, width, height, gdal.GDT_Byte)
    ds.GetRasterBand(1).WriteArray(clutter)
    burns = [(g, 6) for g, _ in tile.trees]
    burns += [(g.Buffer(attrs["width"] / 2, 2), 10) for g, attrs in tile.roads]
    burns += [(g, 9 if attrs["height"] > 30 else 8 if attrs["height"] > 12 else 7)
              for g, attrs in tile.buildings]
    _burn(ds, burns)
    clutter = ds.GetRasterBand(1).ReadAsArray()
    mask_ds = _mem_raster(transform, width, height, gdal.GDT_Byte)
    _burn(mask_ds, [(tile.clip, 1)])
    inside = mask_ds.GetRasterBand(1).ReadAsArray() > 0
    clutter = np.where(inside, clutter, CLUTTER_NODATA).astype(np.uint8)
    dtm = (150.0 + 40.0 * np.sin(gx / 700.0) * np.cos(gy / 900.0) + 8.0 * np.sin(gx / 130.0 + gy / 170.0))
    dtm = np.where(inside, dtm, DTM_NODATA).astype(np.float32)
    return transform, clutter, dtm


def write_raster(path: str, array, transform, nodata, epsg: int) -> None:
    data_type = gdal.GDT_Byte if array.dtype == np.uint8 else gdal.GDT_Float32
    height, width = array.shape
    mem = _mem_raster(transform, width, height, data_type)
    band = mem.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    band.WriteArray(array)
    options = ["COMPRESS=DEFLATE", "TILED=YES"]
    if epsg == 4326:
        gdal.Warp(path, mem, format="GTiff", dstSRS="EPSG:4326", resampleAlg="near",
                  srcNodata=nodata, dstNodata=nodata, creationOptions=options)
    else:
        gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=options)


def expected_files(tile: Tile, vector_formats: Sequence[str], raster_formats: Sequence[str],
                   three_d_formats: Sequence[str]) -> List[str]:
    """The relative paths ``write_tile`` writes for ``tile``, known without writing them."""
    names: List[str] = []
    prefix = f"{tile.name}/EXPORT"
    for fmt in vector_formats:
        for layer in ("building", "tree", "road"):
            if fmt == "geopackage":
                names.append(f"{prefix}/{layer}/{fmt}/{layer}.gpkg")
            else:
                names += [f"{prefix}/{layer}/{fmt}/{layer}.{ext}"
                          for ext in ("cpg", "dbf", "prj", "shp", "shx")]
    for fmt in raster_formats:
        names += [f"{prefix}/clutter/{fmt}/clutter.tif", f"{prefix}/dtm/{fmt}/dtm.tif"]
    for fmt in three_d_formats:
        for layer, features in (("building", tile.buildings), ("tree", tile.trees)):
            names.append(f"{prefix}/{layer}/{fmt}/tileset.json")
            if features:
                names.append(f"{prefix}/{layer}/{fmt}/{layer}.b3dm")
    return sorted(names)


def write_tile(root: str, tile: Tile, epsg: int, vector_formats: Sequence[str],
               raster_formats: Sequence[str], three_d_formats: Sequence[str]) -> List[str]:
    """Write every requested file of ``tile`` under ``root``; the relative paths written."""
    written: List[str] = []
    export = os.path.join(root, tile.name, "EXPORT")

    def folder(layer, fmt):
        path = os.path.join(export, layer, fmt)
        os.makedirs(path, exist_ok=True)
        return path

    layers = {"building": tile.buildings, "tree": tile.trees, "road": tile.roads}
    for fmt in vector_formats:
        for name, features in layers.items():
            target = folder(name, fmt)
            filename = f"{name}.gpkg" if fmt == "geopackage" else f"{name}.shp"
            write_vector(os.path.join(target, filename), fmt, name, features, epsg)
    if raster_formats:
        transform, clutter, dtm = raster_arrays(tile)
        for fmt in raster_formats:
            write_raster(os.path.join(folder("clutter", fmt), "clutter.tif"), clutter, transform,
                         CLUTTER_NODATA, epsg)
            write_raster(os.path.join(folder("dtm", fmt), "dtm.tif"), dtm, transform, DTM_NODATA, epsg)
    for fmt in three_d_formats:
        for name in ("building", "tree"):
            tiles3d.write_tileset(folder(name, fmt), name, layers[name], tile.clip)
    for dirpath, _dirs, files in os.walk(os.path.join(root, tile.name)):
        for filename in files:
            written.append(os.path.relpath(os.path.join(dirpath, filename), root).replace(os.sep, "/"))
    return sorted(written)


def generate(root: str, aoi_wkt: str, aoi_lonlat: ogr.Geometry, epsg: int, vector_formats: Sequence[str],
             raster_formats: Sequence[str], three_d_formats: Sequence[str]) -> Dict[str, List[str]]:
    """Write all tiles under ``root``; {tile name: [relative paths]}."""
    result: Dict[str, List[str]] = {}
    for tile in plan_tiles(aoi_wkt, aoi_lonlat):
        result[tile.name] = write_tile(root, tile, epsg, vector_formats, raster_formats, three_d_formats)
    return result

"""Merge a vector kind over every tile into ONE GeoPackage layer with a ``tile`` field.

Runs in a worker thread: GDAL/OGR only. The GeoPackage is written under a temporary name
and renamed when complete, so a cancelled or failed merge never looks finished.
"""

import os
from typing import Dict, List, Optional, Tuple

from osgeo import gdal, ogr

from .i18n import tr
from .layer_kinds import TILE_FIELD, LayerKind
from .results_files import Sources, Ticker, display_path, gdal_call, last_error, publish, remove_file


def _source_layer_name(dataset, kind: LayerKind) -> Optional[str]:
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    for name in names:
        if name.lower() == kind.name:
            return name
    return names[0] if names else None


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _open_source(kind: LayerKind, path: str, alternatives: List[str], out_dir: str, notes: List[str]):
    """(dataset, layer name) of a tile's file, or of the same data in another format
    when it cannot be read; (None, None) with a note when nothing can be read."""
    for candidate in [path, *alternatives]:
        dataset = gdal_call(gdal.OpenEx, candidate, gdal.OF_VECTOR | gdal.OF_READONLY)
        layer_name = _source_layer_name(dataset, kind) if dataset is not None else None
        if layer_name is not None:
            if candidate != path:
                notes.append(tr("{} cannot be read; {} was used instead.", display_path(path, out_dir),
                                display_path(candidate, out_dir)))
            return dataset, layer_name
        if candidate == path:
            error = last_error()
    notes.append(tr("Skipped {}: {}", display_path(path, out_dir), error))
    return None, None


def merge_vectors(kind: LayerKind, sources: Sources, target: str, out_dir: str,
                  notes: List[str], ticker: Ticker,
                  fallbacks: Optional[Dict[str, List[str]]] = None) -> Tuple[str, int, int]:
    """Append every tile's ``kind`` layer into ONE GeoPackage layer named after the kind,
    with a ``tile`` field. ``fallbacks`` (tile -> files) hold the same data in other
    formats, used when a tile's file cannot be read. Returns (path written, files merged,
    feature count)."""
    temporary = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".part.gpkg")
    remove_file(temporary)
    previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None)
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")  # a temporary file: no fsync
    destination = None
    merged = 0
    last_fid = 0
    try:
        for tile, path in sources:
            source, layer_name = _open_source(kind, path, (fallbacks or {}).get(tile, []), out_dir, notes)
            if source is None:
                ticker.advance()
                continue
            source_layer = source.GetLayerByName(layer_name)
            source_srs = source_layer.GetSpatialRef()
            if destination is None:
                destination = _create_destination(temporary, kind, source_layer)
                if destination is None:
                    notes.append(tr("Could not write {}: {}", display_path(target, out_dir), last_error()))
                    return target, 0, 0
                target_srs = destination.GetLayerByName(kind.name).GetSpatialRef()
            options = dict(accessMode="append", addFields=True, layerName=kind.name,
                           layers=[layer_name], geometryType="PROMOTE_TO_MULTI")
            if target_srs is not None and source_srs is not None and not source_srs.IsSame(target_srs):
                options["dstSRS"] = target_srs
            result = gdal_call(gdal.VectorTranslate, destination, source,
                                options=gdal.VectorTranslateOptions(**options))
            source = None
            if result is None:
                notes.append(tr("Skipped {}: {}", display_path(path, out_dir), last_error()))
            else:
                last_fid = _label_new_features(destination, kind.name, tile, last_fid)
                merged += 1
            ticker.advance()
        if destination is None:
            return target, 0, 0
        count = destination.GetLayerByName(kind.name).GetFeatureCount()
        destination = None
        return publish(temporary, target), merged, count
    finally:
        destination = None
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", previous)
        remove_file(temporary)


def _label_new_features(destination, layer_name: str, tile: str, last_fid: int) -> int:
    """Write ``tile`` into the features appended after ``last_fid``; the new last fid.

    The range of the integer primary key keeps this quick however many tiles came before.
    """
    result = destination.ExecuteSQL(f'SELECT MAX(fid) FROM "{layer_name}"')  # noqa: S608  # nosec B608
    feature = result.GetNextFeature() if result is not None else None
    newest = feature.GetField(0) if feature is not None else None
    if result is not None:
        destination.ReleaseResultSet(result)
    if newest is None or newest <= last_fid:
        return last_fid
    # The layer and field names are constants; the tile name is a quoted SQL literal.
    statement = (f'UPDATE "{layer_name}" SET {TILE_FIELD} = {_sql_text(tile)} '  # noqa: S608  # nosec B608
                 f"WHERE fid > {int(last_fid)}")
    destination.ExecuteSQL(statement)
    return int(newest)


def _create_destination(path: str, kind: LayerKind, source_layer):
    driver = gdal.GetDriverByName("GPKG")
    dataset = gdal_call(driver.Create, path, 0, 0, 0, gdal.GDT_Unknown)
    if dataset is None:
        return None
    geometry_type = source_layer.GetGeomType()
    if geometry_type != ogr.wkbUnknown and not ogr.GT_IsSubClassOf(geometry_type, ogr.wkbGeometryCollection):
        geometry_type = ogr.GT_GetCollection(geometry_type)
    srs = source_layer.GetSpatialRef()
    layer = dataset.CreateLayer(kind.name, srs.Clone() if srs else None, geometry_type,
                                ["SPATIAL_INDEX=YES", "FID=fid"])
    if layer is None:
        return None
    field = ogr.FieldDefn(TILE_FIELD, ogr.OFTString)
    layer.CreateField(field)
    return dataset



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


def _sql_name(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


#: drivers whose own SQL (SQLite) adds the tile column as the features are read
_NATIVE_SQL = {"GPKG"}


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


class VectorAppender:
    """Appends tiles' files of one vector kind, in any order, to ONE GeoPackage layer
    written under a temporary name; :meth:`close` publishes it, :meth:`discard` drops it.

    One thread at a time (GDAL datasets are not shared between threads).
    """

    def __init__(self, kind: LayerKind, target: str, out_dir: str, notes: List[str]):
        self.kind = kind
        self.target = target
        self.out_dir = out_dir
        self.notes = notes
        self.temporary = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".part.gpkg")
        self.merged = 0
        self.failed = False
        self._destination = None
        self._target_srs = None
        self._last_fid = 0
        remove_file(self.temporary)

    def append(self, tile: str, path: str, alternatives: Optional[List[str]] = None) -> bool:
        """Append the features of ``tile``'s ``path`` (or of an alternative format of the
        same data when it cannot be read); False with a note when nothing was appended."""
        if self.failed:
            return False
        source, layer_name = _open_source(self.kind, path, alternatives or [], self.out_dir, self.notes)
        if source is None:
            return False
        previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None)
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")  # a temporary file: no fsync
        try:
            source_layer = source.GetLayerByName(layer_name)
            source_srs = source_layer.GetSpatialRef()
            if self._destination is None:
                self._destination = _create_destination(self.temporary, self.kind, source_layer)
                if self._destination is None:
                    self.notes.append(tr("Could not write {}: {}", display_path(self.target, self.out_dir),
                                         last_error()))
                    self.failed = True
                    return False
                self._target_srs = self._destination.GetLayerByName(self.kind.name).GetSpatialRef()
            options = dict(accessMode="append", addFields=True, layerName=self.kind.name,
                           geometryType="PROMOTE_TO_MULTI")
            if source.GetDriver().ShortName in _NATIVE_SQL:
                # the tile is written with the features: no second pass over them
                options.update(SQLStatement=f"SELECT *, {_sql_text(tile)} AS {TILE_FIELD} "  # noqa: S608  # nosec B608
                                            f"FROM {_sql_name(layer_name)}", SQLDialect="SQLITE")
            else:
                options["layers"] = [layer_name]
                if self._last_fid is None:  # after tiles labelled as they were written
                    self._last_fid = _max_fid(self._destination, self.kind.name) or 0
            if (self._target_srs is not None and source_srs is not None
                    and not source_srs.IsSame(self._target_srs)):
                options["dstSRS"] = self._target_srs
            result = gdal_call(gdal.VectorTranslate, self._destination, source,
                               options=gdal.VectorTranslateOptions(**options))
            source = None
            if result is None:
                self.notes.append(tr("Skipped {}: {}", display_path(path, self.out_dir), last_error()))
                return False
            if "SQLStatement" not in options:
                self._last_fid = _label_new_features(self._destination, self.kind.name, tile, self._last_fid)
            else:
                self._last_fid = None  # labelled as written: the fid range is not followed
            self.merged += 1
            return True
        finally:
            gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", previous)

    def close(self) -> Tuple[str, int, int]:
        """Publish the GeoPackage; (path written, files merged, feature count)."""
        try:
            if self._destination is None or self.failed:
                return self.target, 0, 0
            count = self._destination.GetLayerByName(self.kind.name).GetFeatureCount()
            self._destination = None
            return publish(self.temporary, self.target), self.merged, count
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop what was appended (the temporary file)."""
        self._destination = None
        remove_file(self.temporary)


def merge_vectors(kind: LayerKind, sources: Sources, target: str, out_dir: str,
                  notes: List[str], ticker: Ticker,
                  fallbacks: Optional[Dict[str, List[str]]] = None) -> Tuple[str, int, int]:
    """Append every tile's ``kind`` layer into ONE GeoPackage layer named after the kind,
    with a ``tile`` field. ``fallbacks`` (tile -> files) hold the same data in other
    formats, used when a tile's file cannot be read. Returns (path written, files merged,
    feature count)."""
    appender = VectorAppender(kind, target, out_dir, notes)
    try:
        for tile, path in sources:
            appender.append(tile, path, (fallbacks or {}).get(tile, []))
            if appender.failed:
                return target, 0, 0
            ticker.advance()
        return appender.close()
    finally:
        appender.discard()


def _label_new_features(destination, layer_name: str, tile: str, last_fid: int) -> int:
    """Write ``tile`` into the features appended after ``last_fid``; the new last fid.

    The range of the integer primary key keeps this quick however many tiles came before.
    """
    newest = _max_fid(destination, layer_name)
    if newest is None or newest <= last_fid:
        return last_fid
    # The layer and field names are constants; the tile name is a quoted SQL literal.
    statement = (f'UPDATE "{layer_name}" SET {TILE_FIELD} = {_sql_text(tile)} '  # noqa: S608  # nosec B608
                 f"WHERE fid > {int(last_fid)}")
    destination.ExecuteSQL(statement)
    return int(newest)


def _max_fid(destination, layer_name: str) -> Optional[int]:
    result = destination.ExecuteSQL(f'SELECT MAX(fid) FROM "{layer_name}"')  # noqa: S608  # nosec B608
    feature = result.GetNextFeature() if result is not None else None
    newest = feature.GetField(0) if feature is not None else None
    if result is not None:
        destination.ReleaseResultSet(result)
    return newest


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
    # The spatial index is created now, empty, and grows with each tile appended: left to the
    # driver, it would be built in one go when the file is closed, seconds after the last
    # tile of a large result (the same work, but between the last byte and the map).
    layer.SyncToDisk()
    return dataset



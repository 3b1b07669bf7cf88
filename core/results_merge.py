"""Merge one output kind over every tile with GDAL/OGR: vectors into one GeoPackage,
rasters into one VRT mosaic.

Runs in a worker thread: GDAL/OGR only, no QgsProject, no widgets. The merged file is
written under a temporary name and renamed when complete, so a cancelled or failed merge
never leaves a file that looks finished. A small JSON manifest next to it records the
sources it was made from; when they have not changed, the merged file is reused.
"""

import json
import os
import re
from typing import Callable, List, Optional, Sequence, Tuple

from osgeo import gdal, ogr

from .i18n import tr
from .layer_kinds import TILE_FIELD, LayerKind

MANIFEST_VERSION = 1
#: a mosaic larger than this (pixels on a side) gets overviews, so zoomed-out views stay fast
OVERVIEW_THRESHOLD = 4096
#: size (pixels on a side) of the smallest overview
OVERVIEW_SMALLEST = 256

Sources = Sequence[Tuple[str, str]]  # (tile name, file path)


class MergeCancelledError(Exception):
    """The user cancelled while a kind was being merged."""


class Ticker:
    """Counts merged files for the progress callback and checks for cancellation."""

    def __init__(self, total: int, is_cancelled: Optional[Callable[[], bool]] = None,
                 on_progress: Optional[Callable[[float], None]] = None):
        self.total = max(1, total)
        self.done = 0
        self._is_cancelled = is_cancelled
        self._on_progress = on_progress

    def cancelled(self) -> bool:
        return bool(self._is_cancelled and self._is_cancelled())

    def check(self) -> None:
        if self.cancelled():
            raise MergeCancelledError()

    def advance(self, files: int = 1) -> None:
        """One more file handled: report progress, then stop if the user cancelled."""
        self.done += files
        if self._on_progress:
            self._on_progress(min(100.0, 100.0 * self.done / self.total))
        self.check()


def _gdal_call(function, *args, **kwargs):
    """Call a GDAL function; None on failure whether or not GDAL raises exceptions."""
    gdal.ErrorReset()
    try:
        return function(*args, **kwargs)
    except RuntimeError:
        return None


def _last_error() -> str:
    return gdal.GetLastErrorMsg() or tr("unreadable file")


def _display(path: str, out_dir: str) -> str:
    try:
        return os.path.relpath(path, out_dir)
    except ValueError:
        return path


# -- manifest: is the merged file up to date? ------------------------------------------

def _signature(sources: Sources, out_dir: str) -> List[list]:
    signature = []
    for tile, path in sources:
        try:
            stat = os.stat(path)
            signature.append([tile, _display(path, out_dir), stat.st_size, stat.st_mtime_ns])
        except OSError:
            signature.append([tile, _display(path, out_dir), -1, 0])
    return signature


def manifest_path(target: str) -> str:
    return target + ".json"


def read_manifest(target: str, sources: Sources, out_dir: str) -> Optional[dict]:
    """The manifest of ``target`` if it was made from exactly ``sources``, else None."""
    if not os.path.isfile(target):
        return None
    try:
        with open(manifest_path(target), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    if manifest.get("version") != MANIFEST_VERSION or manifest.get("sources") != _signature(sources, out_dir):
        return None
    return manifest


def write_manifest(target: str, sources: Sources, out_dir: str, **facts) -> None:
    manifest = dict(version=MANIFEST_VERSION, sources=_signature(sources, out_dir), **facts)
    temporary = manifest_path(target) + ".part"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    os.replace(temporary, manifest_path(target))


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def _publish(temporary: str, target: str) -> str:
    """Move a finished file into place, replacing an older merge; returns where it went.

    Where the older file cannot be replaced (Windows keeps files open in QGIS locked),
    the new one goes next to it under a numbered name.
    """
    _remove(manifest_path(target))
    try:
        os.replace(temporary, target)
        return target
    except OSError:
        stem, extension = os.path.splitext(target)
        for number in range(2, 100):
            candidate = f"{stem}-{number}{extension}"
            try:
                if not os.path.exists(candidate):
                    os.replace(temporary, candidate)
                    return candidate
            except OSError:
                continue
        raise


# -- vectors ---------------------------------------------------------------------------

def _source_layer_name(dataset, kind: LayerKind) -> Optional[str]:
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    for name in names:
        if name.lower() == kind.name:
            return name
    return names[0] if names else None


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def merge_vectors(kind: LayerKind, sources: Sources, target: str, out_dir: str,
                  notes: List[str], ticker: Ticker) -> Tuple[str, int, int]:
    """Append every tile's ``kind`` layer into ONE GeoPackage layer named after the kind,
    with a ``tile`` field. Returns (path written, files merged, feature count)."""
    temporary = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".part.gpkg")
    _remove(temporary)
    previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None)
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")  # a temporary file: no fsync
    destination = None
    merged = 0
    last_fid = 0
    try:
        for tile, path in sources:
            source = _gdal_call(gdal.OpenEx, path, gdal.OF_VECTOR | gdal.OF_READONLY)
            layer_name = _source_layer_name(source, kind) if source is not None else None
            if layer_name is None:
                notes.append(tr("Skipped {}: {}", _display(path, out_dir), _last_error()))
                ticker.advance()
                continue
            source_layer = source.GetLayerByName(layer_name)
            source_srs = source_layer.GetSpatialRef()
            if destination is None:
                destination = _create_destination(temporary, kind, source_layer)
                if destination is None:
                    notes.append(tr("Could not write {}: {}", _display(target, out_dir), _last_error()))
                    return target, 0, 0
                target_srs = destination.GetLayerByName(kind.name).GetSpatialRef()
            options = dict(accessMode="append", addFields=True, layerName=kind.name,
                           layers=[layer_name], geometryType="PROMOTE_TO_MULTI")
            if target_srs is not None and source_srs is not None and not source_srs.IsSame(target_srs):
                options["dstSRS"] = target_srs
            result = _gdal_call(gdal.VectorTranslate, destination, source,
                                options=gdal.VectorTranslateOptions(**options))
            source = None
            if result is None:
                notes.append(tr("Skipped {}: {}", _display(path, out_dir), _last_error()))
            else:
                last_fid = _label_new_features(destination, kind.name, tile, last_fid)
                merged += 1
            ticker.advance()
        if destination is None:
            return target, 0, 0
        count = destination.GetLayerByName(kind.name).GetFeatureCount()
        destination = None
        return _publish(temporary, target), merged, count
    finally:
        destination = None
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", previous)
        _remove(temporary)


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
    dataset = _gdal_call(driver.Create, path, 0, 0, 0, gdal.GDT_Unknown)
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


# -- rasters ---------------------------------------------------------------------------

def _relative_sources(vrt_path: str, out_dir: str) -> None:
    """Rewrite the VRT's absolute source paths relative to it, so the folder can move."""
    with open(vrt_path, encoding="utf-8") as handle:
        text = handle.read()
    folder = os.path.dirname(os.path.abspath(vrt_path))

    def relative(match):
        path = match.group(2)
        if not os.path.isabs(path):
            return match.group(0)
        try:
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
        except ValueError:  # another drive
            return match.group(0)
        return f'<SourceFilename relativeToVRT="1"{match.group(1)}>{rel}</SourceFilename>'

    text = re.sub(r'<SourceFilename relativeToVRT="0"([^>]*)>([^<]*)</SourceFilename>', relative, text)
    with open(vrt_path, "w", encoding="utf-8") as handle:
        handle.write(text)


def merge_rasters(kind: LayerKind, sources: Sources, target: str, out_dir: str,
                  notes: List[str], ticker: Ticker) -> Tuple[str, int, Optional[Tuple[float, float]]]:
    """Mosaic every tile's raster of ``kind`` into ONE VRT (first CRS wins; a tile in
    another CRS is left out with a note). Returns (path written, files merged,
    (min, max) or None)."""
    wanted = [os.path.abspath(path) for _tile, path in sources]
    temporary = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".part.vrt")
    _remove(temporary)
    try:
        # BuildVRT opens every tile once and leaves out the unreadable ones and those in
        # another CRS than the first; only those are looked at again, to say why.
        mosaic = _gdal_call(gdal.BuildVRT, temporary, wanted,
                            callback=lambda *_args: 0 if ticker.cancelled() else 1)
        ticker.check()
        error = _last_error()
        listed = (mosaic.GetFileList() or []) if mosaic is not None else []
        included = {os.path.abspath(path) for path in listed}
        usable = [path for path in wanted if path in included]
        left_out = [_why_left_out(path, out_dir) for path in wanted if path not in included]
        notes.extend(left_out)
        ticker.advance(len(wanted))
        if mosaic is None or not usable:
            if not left_out:
                notes.append(tr("Could not write {}: {}", _display(target, out_dir), error))
            return target, 0, None
        mosaic = None  # written on close
        _relative_sources(temporary, out_dir)
        value_range = _value_range(temporary) if kind.stretch_to_data else None
        _build_overviews(temporary, kind, ticker)
        ticker.check()
        _remove(target + ".ovr")
        overviews = os.path.exists(temporary + ".ovr")
        if overviews:
            os.replace(temporary + ".ovr", temporary + ".ovr.tmp")
        published = _publish(temporary, target)
        if overviews:
            os.replace(temporary + ".ovr.tmp", published + ".ovr")
        return published, len(usable), value_range
    finally:
        _remove(temporary)
        _remove(temporary + ".ovr")
        _remove(temporary + ".aux.xml")
        _remove(temporary + ".ovr.tmp")


def _why_left_out(path: str, out_dir: str) -> str:
    dataset = _gdal_call(gdal.Open, path, gdal.GA_ReadOnly)
    if dataset is None or dataset.RasterCount == 0:
        return tr("Skipped {}: {}", _display(path, out_dir), _last_error())
    return tr("Skipped {}: its coordinate system or bands differ from the other tiles.",
              _display(path, out_dir))


def _value_range(vrt_path: str) -> Optional[Tuple[float, float]]:
    dataset = _gdal_call(gdal.Open, vrt_path, gdal.GA_ReadOnly)
    if dataset is None:
        return None
    values = _gdal_call(dataset.GetRasterBand(1).ComputeRasterMinMax, True)
    return (float(values[0]), float(values[1])) if values else None


def _build_overviews(vrt_path: str, kind: LayerKind, ticker: Ticker) -> None:
    """External overviews (.ovr) for a large mosaic; cancellable."""
    dataset = _gdal_call(gdal.Open, vrt_path, gdal.GA_ReadOnly)
    if dataset is None:
        return
    size = max(dataset.RasterXSize, dataset.RasterYSize)
    if size <= OVERVIEW_THRESHOLD:
        return
    levels = []
    factor = 2
    while size / factor >= OVERVIEW_SMALLEST:
        levels.append(factor)
        factor *= 2
    if not levels:
        return
    resampling = "MODE" if kind.name == "clutter" else "AVERAGE"
    _gdal_call(dataset.BuildOverviews, resampling, levels,
               callback=lambda *_args: 0 if ticker.cancelled() else 1)
    dataset = None

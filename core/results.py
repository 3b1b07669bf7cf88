"""Results of an extraction: merged per kind in a task, then loaded into the map.

``merge_outputs`` runs in a worker thread (GDAL/OGR only): it scans
``<out>/<tile>/EXPORT/<layer>/<format>/<file>``, merges each vector kind into one
GeoPackage and each raster kind into one VRT under ``<out>/merged/``, and finds the 3D
Tiles. ``load_results`` and ``results_extent`` (from ``results_load``) run on the main
thread and put the merged layers, styled, in a layer-tree group.
"""

import os
from typing import Callable, Optional

from osgeo import gdal

from .i18n import tr
from .layer_kinds import KINDS
from .results_files import MergeCancelledError, Ticker, own_target, read_manifest, write_manifest
from .results_load import apply_kind_style, load_results, results_extent
from .results_merge import merge_vectors
from .results_model import MergedLayer, MergedResults, MergedTileset
from .results_mosaic import merge_rasters
from .results_scan import MERGED_DIR, scan_output
from .results_tiles import merge_tilesets

__all__ = ["MergedLayer", "MergedResults", "MergedTileset", "apply_kind_style", "load_results",
           "merge_outputs", "results_extent"]


def _cancelled_error():
    from ..beod.errors import CancelledError

    return CancelledError(tr("Merging the results was cancelled."))


def merge_outputs(out_dir: str, *, is_cancelled: Optional[Callable[[], bool]] = None,
                  on_progress: Optional[Callable[[float], None]] = None) -> MergedResults:
    """Merge every tile of the output folder ``out_dir``, one file per kind.

    Safe to call again: a kind whose sources have not changed since the last merge is
    reused as it is. ``on_progress(percent)`` is called as files are merged;
    ``is_cancelled()`` is checked between files and raises ``beod.errors.CancelledError``.
    Missing or unreadable files become notes, never exceptions.
    """
    out_dir = os.path.abspath(out_dir)
    results = MergedResults(out_dir)
    if not os.path.isdir(out_dir):
        results.notes.append(tr("The output folder {} does not exist.", out_dir))
        return results
    scan = scan_output(out_dir)
    results.tile_count = len(scan.tiles)
    for name in scan.unknown_layers:
        results.notes.append(tr("The output \u201c{}\u201d is not a known layer kind; its files were left "
                                "as they are.", name))
    merged_dir = os.path.join(out_dir, MERGED_DIR)
    total = sum(len(files) for files in scan.sources.values())
    ticker = Ticker(total, is_cancelled, on_progress)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ticker.check()
        for kind in KINDS:
            sources = scan.sources.get(kind.name) or []
            if not sources:
                continue
            os.makedirs(merged_dir, exist_ok=True)
            layer = _merge_kind(kind, sources, merged_dir, out_dir, results.notes, ticker,
                                scan.fallbacks.get(kind.name))
            if layer is not None:
                results.layers.append(layer)
        merge_all_tilesets(scan, merged_dir, results)
    except MergeCancelledError:
        raise _cancelled_error() from None
    finally:
        gdal.PopErrorHandler()
    if results.is_empty:
        results.notes.append(tr("No results were found in {}.", out_dir))
    if on_progress:
        on_progress(100.0)
    return results


def merge_all_tilesets(scan, merged_dir: str, results: MergedResults) -> None:
    """One root tileset per 3D kind of ``scan`` in ``merged_dir``, added to ``results``."""
    for kind_name in sorted(scan.tilesets):
        tileset = merge_tilesets(kind_name, scan.tilesets[kind_name], merged_dir, results.notes)
        if tileset is not None:
            results.tilesets.append(tileset)


def _merge_kind(kind, sources, merged_dir, out_dir, notes, ticker, fallbacks) -> Optional[MergedLayer]:
    extension = ".vrt" if kind.is_raster else ".gpkg"
    target = own_target(os.path.join(merged_dir, kind.name + extension), notes, out_dir)
    manifest = read_manifest(target, sources, out_dir)
    if manifest is not None:
        ticker.advance(len(sources))
        notes.extend(note for note in manifest.get("notes") or [] if note not in notes)
        value_range = manifest.get("value_range")
        return MergedLayer(kind.name, target, kind.name, kind.is_raster, manifest.get("source_count", 0),
                           manifest.get("feature_count"), tuple(value_range) if value_range else None,
                           reused=True)
    first_note = len(notes)
    if kind.is_raster:
        path, merged, value_range = merge_rasters(kind, sources, target, out_dir, notes, ticker)
        count = None
    else:
        path, merged, count = merge_vectors(kind, sources, target, out_dir, notes, ticker, fallbacks)
        value_range = None
    if not merged:
        return None
    if path == target:
        write_manifest(target, sources, out_dir, source_count=merged, feature_count=count,
                       value_range=list(value_range) if value_range else None, notes=notes[first_note:])
    else:
        notes.append(tr("{} could not be replaced (is it open in another program?); the new merge "
                        "is {}.", target, path))
    return MergedLayer(kind.name, path, kind.name, kind.is_raster, merged, count, value_range)

"""Merge the tiles of a download while the other files are still arriving.

The downloader announces every file of the listing (``on_listing``) and then each file as
soon as it is complete (``on_file``). A tile's layer is merged, on a thread of its own,
once every file of that tile's layer folder (``<tile>/EXPORT/<layer>/``) is on disk: its
features are appended to the kind's GeoPackage, its raster is noted for the mosaic; once
all of a tile's files are there, its folder is listed for the final check. When the
download ends, :meth:`StreamingMerge.finish` only has to close the GeoPackages and write
the mosaics and the 3D Tiles root, so the layers are ready seconds after the last byte
however many tiles there were. Where the download is faster than the merge (a fast link,
few cores), it waits for the merge (:meth:`StreamingMerge.behind`, its ``hold``).

Whatever was not streamed (a zip, files already merged by an earlier run, a folder that
holds more than the listing, an error while streaming) is merged by
:func:`.results.merge_outputs` at the end, so the result is the same either way.
Worker threads only: GDAL/OGR, no QgsProject.
"""

import gc
import os
import queue
import threading
from collections import defaultdict
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from osgeo import gdal

from .i18n import tr
from .layer_kinds import KINDS, LayerKind, kind_for
from .results_files import MergeCancelledError, Ticker, write_manifest
from .results_merge import VectorAppender
from .results_model import MergedLayer, MergedResults
from .results_scan import EXPORT_DIR, MERGED_DIR, TileScan, scan_output, scan_tile
from .results_stream_mosaic import MosaicCollector

LOG_TAG = "BEOD"
_STOP = object()
#: Files waiting for the merge above which no new transfer starts. Where the download is
#: bound by the CPU (a fast link), it would otherwise run far ahead of the merge, which
#: would then finish long after the last byte; this keeps the merge about a second behind.
MAX_BACKLOG = 600
#: the download's bookkeeping is taken out of the collector's sight every so many files (see ``arrived``)
FREEZE_EVERY = 2048


def _log(message: str) -> None:
    from qgis.core import Qgis, QgsMessageLog

    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Warning)


def _format_rank(kind: LayerKind, format_name: str) -> int:
    lowered = format_name.lower()
    return kind.formats.index(lowered) if lowered in kind.formats else len(kind.formats)


def choose_files(kind: LayerKind, files: Sequence[Tuple[str, str]]) -> Tuple[List[str], List[str]]:
    """The data files of one tile's layer folder, as ``scan_output`` chooses them:
    (the preferred group, the first file of each other group) from (format, path) pairs."""
    by_format: Dict[str, Dict[str, List[str]]] = defaultdict(lambda: defaultdict(list))
    for format_name, path in files:
        ext = os.path.splitext(path)[1].lower()
        if ext in kind.extensions:
            by_format[format_name][ext].append(path)
    groups: List[List[str]] = []
    for format_name in sorted(by_format, key=lambda name: (_format_rank(kind, name), name)):
        by_ext = by_format[format_name]
        groups.extend(sorted(by_ext[ext]) for ext in kind.extensions if ext in by_ext)
    if not groups:
        return [], []
    return groups[0], [group[0] for group in groups[1:]] if len(groups[0]) == 1 else []


class StreamingMerge:
    """Merges a download's tiles as they arrive (see the module's docstring).

    ``planned`` and ``arrived`` are called by the downloader's thread; the merging runs on
    a thread of its own; ``finish`` (the task's thread) returns the :class:`MergedResults`.
    """

    def __init__(self, out_dir: str, *, is_cancelled: Optional[Callable[[], bool]] = None):
        self.out_dir = os.path.abspath(out_dir)
        self._root = os.path.realpath(self.out_dir)
        self._is_cancelled = is_cancelled
        self._queue: queue.Queue = queue.Queue()
        self._thread: Optional[threading.Thread] = None
        #: (tile, layer folder) -> files still expected
        self._waiting: Dict[Tuple[str, str], Set[str]] = {}
        #: (tile, layer folder) -> (format, path) of its files
        self._folders: Dict[Tuple[str, str], List[Tuple[str, str]]] = defaultdict(list)
        #: tile -> files of its EXPORT folder still expected; once complete it is listed
        #: (``scan_tile``) here rather than by the scan at the end
        self._tile_waiting: Dict[str, int] = defaultdict(int)
        self._tile_scans: Dict[str, TileScan] = {}
        self._appenders: Dict[str, VectorAppender] = {}
        self._mosaics: Dict[str, MosaicCollector] = {}
        #: kind -> {tile: the file merged}
        self.streamed: Dict[str, Dict[str, str]] = defaultdict(dict)
        self.notes: List[str] = []
        self.enabled = False
        self._arrived = 0
        self._froze = False
        self.error: Optional[BaseException] = None
        self.merged_tiles = 0
        #: files announced but not merged yet when the download ended (for benchmarks)
        self.backlog = 0

    # -- the downloader's side ------------------------------------------------------------
    def download_starting(self) -> None:
        """The download is about to list the result files (the task's thread). Everything that
        lives already, QGIS's objects and the plugins', lives on until the end: taken out of
        the collector's sight now, its full passes while a listing of a hundred pages arrives
        stay short (they hold the interpreter lock, freezing the main thread too)."""
        gc.freeze()
        self._froze = True

    def planned(self, parts_list: Sequence[Tuple[str, ...]]) -> None:
        """Every file of the listing, as path components under the output folder."""
        if os.path.isdir(os.path.join(self.out_dir, MERGED_DIR)):
            return  # an earlier merge may be reused as it is: merge_outputs decides at the end
        for parts in parts_list:
            if len(parts) > 2 and parts[1] == EXPORT_DIR:
                self._tile_waiting[parts[0]] += 1
            if len(parts) != 5 or parts[1] != EXPORT_DIR:
                continue
            tile, _export, layer, format_name, _name = parts
            if kind_for(layer) is None:
                continue
            key = (tile, layer)
            path = os.path.join(self._root, *parts)
            self._waiting.setdefault(key, set()).add(path)
            self._folders[key].append((format_name, path))
        if not self._waiting:
            return
        # The listing and everything QGIS holds live on until the end: taken out of the
        # collector's sight, its full passes (which hold the interpreter lock, freezing
        # the main thread too) stay short however many files there are.
        gc.freeze()
        self._froze = True
        self.enabled = True
        self._thread = threading.Thread(target=self._run, name="beod-merge", daemon=True)
        self._thread.start()

    def arrived(self, path: str) -> None:
        """A file of the listing is complete on disk."""
        if self.enabled:
            if self._arrived % FREEZE_EVERY == 0:
                # the download's bookkeeping (transfers, the folder's journal, the merge's
                # own) grows with every file and lives until the end: taken out of the
                # collector's full passes as it grows, so that they stay short (freezing
                # costs the same however many objects it moves)
                gc.freeze()
            self._arrived += 1
            self._queue.put(path)

    def behind(self) -> bool:
        """Whether the merge lags so far behind the download that the download should wait."""
        thread = self._thread
        return (self.enabled and thread is not None and thread.is_alive()
                and self._queue.qsize() > MAX_BACKLOG)

    def download_options(self) -> dict:
        """The callbacks for :func:`beod.download.download_scenario`."""
        return {"on_listing": self.planned, "on_file": self.arrived, "hold": self.behind}

    # -- the merging thread ---------------------------------------------------------------------
    def _cancelled(self) -> bool:
        return bool(self._is_cancelled and self._is_cancelled())

    def _run(self) -> None:
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            while True:
                path = self._queue.get()
                if path is _STOP or self._cancelled():
                    return
                parts = self._tile_arrived(path)
                # the folder's key from the path itself: no index of every path lives on
                key = (parts[0], parts[2]) if len(parts) == 5 else None
                waiting = self._waiting.get(key) if key is not None else None
                if waiting is None or path not in waiting:
                    continue
                waiting.discard(path)
                if not waiting:
                    del self._waiting[key]
                    self._merge_folder(*key)
        except Exception as exc:  # noqa: BLE001 (merge_outputs redoes the work and reports it)
            self.error = exc
            self.enabled = False
        finally:
            gdal.PopErrorHandler()

    def _tile_arrived(self, path: str) -> List[str]:
        """Count ``path`` for its tile; list the tile's folder once all its files are there.
        The path's components under the output folder (none for a path outside it)."""
        relative = path[len(self._root) + 1:] if path.startswith(self._root + os.sep) else ""
        parts = relative.split(os.sep) if relative else []
        if not parts or parts[0] not in self._tile_waiting:
            return parts
        tile = parts[0]
        self._tile_waiting[tile] -= 1
        if self._tile_waiting[tile] == 0:
            del self._tile_waiting[tile]
            export = os.path.join(self.out_dir, tile, EXPORT_DIR)  # as scan_output names it
            self._tile_scans[export] = scan_tile(export)
        return parts

    def _merge_folder(self, tile: str, layer: str) -> None:
        kind = kind_for(layer)
        chosen, alternatives = choose_files(kind, self._folders.pop((tile, layer), []))
        if not chosen:
            return
        self.merged_tiles += 1
        if kind.is_raster:
            mosaic = self._mosaics.get(kind.name)
            if mosaic is None:
                mosaic = self._mosaics[kind.name] = MosaicCollector(kind, self.out_dir, self.notes)
            for path in chosen:
                mosaic.add(tile, path)
                self.streamed[kind.name][tile + "\0" + path] = path
            return
        appender = self._appenders.get(kind.name)
        if appender is None:
            merged_dir = os.path.join(self.out_dir, MERGED_DIR)
            os.makedirs(merged_dir, exist_ok=True)
            appender = VectorAppender(kind, os.path.join(merged_dir, kind.name + ".gpkg"), self.out_dir,
                                      self.notes)
            self._appenders[kind.name] = appender
        for path in chosen:
            appender.append(tile, path, alternatives if len(chosen) == 1 else [])
            self.streamed[kind.name][tile + "\0" + path] = path

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
            self._thread = None

    # -- the end --------------------------------------------------------------------------------
    def finish(self, on_progress: Optional[Callable[[float], None]] = None) -> MergedResults:
        """Wait for the tiles in flight, then complete the merge; the merged results."""
        from .results import _cancelled_error, merge_outputs

        self.backlog = self._queue.qsize()
        self._stop_thread()
        if self._cancelled():
            self.discard()
            raise _cancelled_error()
        if not self.enabled or self.error is not None:
            if self.error is not None:
                _log(tr("Merging while downloading stopped ({}); the tiles are merged now.",
                        type(self.error).__name__))
            self.discard()
            return merge_outputs(self.out_dir, is_cancelled=self._is_cancelled, on_progress=on_progress)
        scan = scan_output(self.out_dir, scanned=self._tile_scans)
        streamed_all = all(self._matches(kind, scan.sources.get(kind.name) or []) for kind in KINDS
                           if kind.name in self.streamed or scan.sources.get(kind.name))
        if not streamed_all or scan.unknown_layers:
            self.discard()
            return merge_outputs(self.out_dir, is_cancelled=self._is_cancelled, on_progress=on_progress)
        return self._complete(scan, on_progress)

    def _matches(self, kind: LayerKind, sources) -> bool:
        """Whether exactly ``sources`` (the scan's) were merged while downloading."""
        streamed = self.streamed.get(kind.name, {})
        wanted = {tile + "\0" + os.path.join(self._root, os.path.relpath(path, self.out_dir))
                  for tile, path in sources}
        return len(streamed) == len(wanted) and all(key in streamed for key in wanted)

    def _complete(self, scan, on_progress) -> MergedResults:
        from .results import _cancelled_error, merge_all_tilesets
        from .results_mosaic import merge_rasters

        results = MergedResults(self.out_dir)
        results.tile_count = len(scan.tiles)
        results.notes.extend(self.notes)
        merged_dir = os.path.join(self.out_dir, MERGED_DIR)
        raster_files = sum(len(scan.sources.get(kind.name) or []) for kind in KINDS if kind.is_raster)
        ticker = Ticker(raster_files + len(self._appenders), self._is_cancelled, on_progress)
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            for kind in KINDS:
                sources = scan.sources.get(kind.name) or []
                if not sources:
                    continue
                os.makedirs(merged_dir, exist_ok=True)
                first_note = len(results.notes)
                extension = ".vrt" if kind.is_raster else ".gpkg"
                target = os.path.join(merged_dir, kind.name + extension)
                mosaic = self._mosaics.pop(kind.name, None)
                if kind.is_raster and mosaic is not None and mosaic.usable:
                    path, merged = mosaic.write(target)
                    value_range = None
                    if kind.stretch_to_data and mosaic.low is not None:
                        value_range = (mosaic.low, mosaic.high)
                    count = None
                    ticker.advance(len(sources))
                elif kind.is_raster:
                    path, merged, value_range = merge_rasters(kind, sources, target, self.out_dir,
                                                              results.notes, ticker)
                    count = None
                else:
                    path, merged, count = self._appenders.pop(kind.name).close()
                    value_range = None
                    ticker.advance()
                if not merged:
                    continue
                if path == target:
                    write_manifest(target, sources, self.out_dir, source_count=merged, feature_count=count,
                                   value_range=list(value_range) if value_range else None,
                                   notes=results.notes[first_note:])
                results.layers.append(MergedLayer(kind.name, path, kind.name, kind.is_raster, merged, count,
                                                  value_range))
            merge_all_tilesets(scan, merged_dir, results)
        except MergeCancelledError:
            raise _cancelled_error() from None
        finally:
            gdal.PopErrorHandler()
            self.discard()
        if results.is_empty:
            results.notes.append(tr("No results were found in {}.", self.out_dir))
        if on_progress:
            on_progress(100.0)
        return results

    def discard(self) -> None:
        """Stop merging and remove the unfinished files (cancellation, failure, fallback)."""
        self.enabled = False
        self._stop_thread()
        for appender in self._appenders.values():
            appender.discard()
        self._appenders.clear()
        self._mosaics.clear()
        if self._froze:  # the download is over: QGIS's objects go back under the collector's care
            self._froze = False
            gc.unfreeze()

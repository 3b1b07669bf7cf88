"""Mosaic a raster kind over every tile into ONE VRT (with overviews when it is large).

Runs in a worker thread: GDAL only. The VRT refers to the tiles by paths relative to
itself, so the output folder can be moved.
"""

import os
import re
from typing import List, Optional, Tuple

from osgeo import gdal

from .i18n import tr
from .layer_kinds import LayerKind
from .results_files import Sources, Ticker, display_path, gdal_call, last_error, publish, remove_file

#: a mosaic larger than this (pixels on a side) gets overviews, so zoomed-out views stay fast
OVERVIEW_THRESHOLD = 4096
#: size (pixels on a side) of the smallest overview
OVERVIEW_SMALLEST = 256


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
    remove_file(temporary)
    try:
        # BuildVRT opens every tile once and leaves out the unreadable ones and those in
        # another CRS than the first; only those are looked at again, to say why.
        mosaic = gdal_call(gdal.BuildVRT, temporary, wanted,
                            callback=lambda *_args: 0 if ticker.cancelled() else 1)
        ticker.check()
        error = last_error()
        listed = (mosaic.GetFileList() or []) if mosaic is not None else []
        included = {os.path.abspath(path) for path in listed}
        usable = [path for path in wanted if path in included]
        left_out = [_why_left_out(path, out_dir) for path in wanted if path not in included]
        notes.extend(left_out)
        ticker.advance(len(wanted))
        if mosaic is None or not usable:
            if not left_out:
                notes.append(tr("Could not write {}: {}", display_path(target, out_dir), error))
            return target, 0, None
        mosaic = None  # written on close
        _relative_sources(temporary, out_dir)
        value_range = _value_range(temporary) if kind.stretch_to_data else None
        _build_overviews(temporary, kind, ticker)
        ticker.check()
        remove_file(target + ".ovr")
        overviews = os.path.exists(temporary + ".ovr")
        if overviews:
            os.replace(temporary + ".ovr", temporary + ".ovr.tmp")
        published = publish(temporary, target)
        if overviews:
            os.replace(temporary + ".ovr.tmp", published + ".ovr")
        return published, len(usable), value_range
    finally:
        remove_file(temporary)
        remove_file(temporary + ".ovr")
        remove_file(temporary + ".aux.xml")
        remove_file(temporary + ".ovr.tmp")


def _why_left_out(path: str, out_dir: str) -> str:
    dataset = gdal_call(gdal.Open, path, gdal.GA_ReadOnly)
    if dataset is None or dataset.RasterCount == 0:
        return tr("Skipped {}: {}", display_path(path, out_dir), last_error())
    return tr("Skipped {}: its coordinate system or bands differ from the other tiles.",
              display_path(path, out_dir))


def _value_range(vrt_path: str) -> Optional[Tuple[float, float]]:
    dataset = gdal_call(gdal.Open, vrt_path, gdal.GA_ReadOnly)
    if dataset is None:
        return None
    values = gdal_call(dataset.GetRasterBand(1).ComputeRasterMinMax, True)
    return (float(values[0]), float(values[1])) if values else None


def _build_overviews(vrt_path: str, kind: LayerKind, ticker: Ticker) -> None:
    """External overviews (.ovr) for a large mosaic; cancellable."""
    dataset = gdal_call(gdal.Open, vrt_path, gdal.GA_ReadOnly)
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
    gdal_call(dataset.BuildOverviews, resampling, levels,
               callback=lambda *_args: 0 if ticker.cancelled() else 1)
    dataset = None

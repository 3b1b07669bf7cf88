"""A raster kind's VRT mosaic, gathered tile by tile while the download runs.

Each tile's raster is opened once, when it arrives: its grid, its value range and small
downsampled copies of it (at factors that divide the tile's size, so that every tile
lands on whole pixels of each copy) are kept. At the end the VRT is written in one go
(no file is opened again), with those copies pasted into one overview GeoTIFF per
factor, referenced from the VRT: a view of the whole area reads one small file instead
of thousands of tiles. A tile that does not fit the grid of the first one (another
coordinate system, other bands, another pixel size, off the grid) makes the collector
give up: ``merge_rasters`` (``gdal.BuildVRT``) then does the mosaic as before.

Worker threads only: GDAL, no QGIS.
"""

import copy
import math
import os
import xml.etree.ElementTree as ET  # noqa: S405  # nosec B405 (only the VRT GDAL itself just wrote)
from typing import Dict, List, Optional, Tuple

from osgeo import gdal

from .i18n import tr
from .layer_kinds import LayerKind
from .results_files import display_path, gdal_call, last_error, publish, remove_file

#: overviews are written when the mosaic is larger than this (pixels on a side)
OVERVIEW_MIN_SIZE = 1024
#: the smallest overview kept (pixels on a side)
OVERVIEW_SMALLEST = 256
#: overview factors; they divide the service's tiles (500 m at 2 m: 250 pixels), so each tile
#: covers whole overview pixels; tiles of another size share the pixels along their seams
OVERVIEW_FACTORS = (5, 25)
#: memory at most spent on the downsampled copies (bytes); beyond it the collector gives up
COPIES_BUDGET = 160 * 1024 * 1024


class _Tile:
    __slots__ = ("tile", "path", "x0", "y0", "width", "height", "copies")

    def __init__(self, tile, path, x0, y0, width, height, copies):
        self.tile, self.path, self.x0, self.y0 = tile, path, x0, y0
        self.width, self.height, self.copies = width, height, copies


class MosaicCollector:
    """Gathers one raster kind's tiles (see the module's docstring)."""

    def __init__(self, kind: LayerKind, out_dir: str, notes: List[str]):
        self.kind = kind
        self.out_dir = out_dir
        self.notes = notes
        self.usable = True  # False: merge_rasters does the mosaic at the end
        self.tiles: List[_Tile] = []
        self.low: Optional[float] = None
        self.high: Optional[float] = None
        self._first = None  # (path, projection, bands, types, res_x, res_y, x0, y0)
        self._factors: List[int] = []
        self._anchor = (0, 0)
        self._bytes = 0

    def _give_up(self) -> None:
        self.usable = False
        self.tiles = []

    def add(self, tile: str, path: str) -> None:
        """Note ``tile``'s raster ``path`` (an unreadable one becomes a note)."""
        if not self.usable:
            return
        dataset = gdal_call(gdal.Open, path, gdal.GA_ReadOnly)
        if dataset is None or dataset.RasterCount == 0:
            self.notes.append(tr("Skipped {}: {}", display_path(path, self.out_dir), last_error()))
            return
        x0, res_x, _rx, y0, _ry, res_y = dataset.GetGeoTransform()
        width, height = dataset.RasterXSize, dataset.RasterYSize
        bands = [dataset.GetRasterBand(i + 1) for i in range(dataset.RasterCount)]
        types = tuple(band.DataType for band in bands)
        if self._first is None:
            self._first = (path, dataset.GetProjection(), len(bands), types, res_x, res_y, x0, y0)
            # pixels counted from the origin of the coordinate system when the tiles' grid
            # passes through it (then the tiles of a regular grid start on whole blocks of
            # every overview), else from this first tile
            anchor = (x0 / res_x, y0 / res_y)
            if all(abs(value - round(value)) < 1e-6 and abs(value) < 2 ** 40 for value in anchor):
                self._anchor = (int(round(anchor[0])), int(round(anchor[1])))
            self._factors = list(OVERVIEW_FACTORS)
        first_path, projection, count, first_types, fres_x, fres_y, fx0, fy0 = self._first
        same_grid = math.isclose(res_x, fres_x, rel_tol=1e-9) and math.isclose(res_y, fres_y, rel_tol=1e-9)
        if (_rx or _ry or len(bands) != count or types != first_types or not same_grid
                or (path != first_path and dataset.GetProjection() != projection)):
            self._give_up()
            return
        col, row = (x0 - fx0) / res_x, (y0 - fy0) / res_y
        if abs(col - round(col)) > 1e-6 or abs(row - round(row)) > 1e-6:
            self._give_up()
            return
        col, row = int(round(col)) + self._anchor[0], int(round(row)) + self._anchor[1]
        nodata = [band.GetNoDataValue() for band in bands]
        arrays = [band.ReadAsArray() for band in bands]
        if any(array is None for array in arrays):
            self.notes.append(tr("Skipped {}: {}", display_path(path, self.out_dir), last_error()))
            return
        if self.kind.stretch_to_data:
            self._widen_range(arrays[0], nodata[0])
        copies: Dict[int, list] = {}
        if self._factors:
            for factor in self._factors:
                copies[factor] = [_downsample(array, col, row, factor, value, self.kind.name == "clutter")
                                  for array, value in zip(arrays, nodata)]
                self._bytes += sum(copy[2].nbytes for copy in copies[factor])
        if self._bytes > COPIES_BUDGET:
            self._factors = []
            for item in self.tiles:
                item.copies = {}
            copies = {}
        self.tiles.append(_Tile(tile, path, col, row, width, height, copies))

    def _widen_range(self, array, nodata) -> None:
        values = array[_valid(array, nodata)]
        if values.size:
            low, high = float(values.min()), float(values.max())
            self.low = low if self.low is None else min(self.low, low)
            self.high = high if self.high is None else max(self.high, high)

    # -- the end ----------------------------------------------------------------------------
    def write(self, target: str) -> Tuple[str, int]:
        """Write the VRT (and its overviews) as ``target``; (path written, tiles in it)."""
        if not self.tiles:
            return target, 0
        min_col = min(t.x0 for t in self.tiles)
        min_row = min(t.y0 for t in self.tiles)
        max_col = max(t.x0 + t.width for t in self.tiles)
        max_row = max(t.y0 + t.height for t in self.tiles)
        factors = self._overview_factors(max(max_col - min_col, max_row - min_row))
        if factors:
            # on whole blocks of the coarsest overview, so each overview covers the same extent
            step = factors[-1]
            min_col, min_row = min_col // step * step, min_row // step * step
            max_col, max_row = -(-max_col // step) * step, -(-max_row // step) * step
        width, height = max_col - min_col, max_row - min_row
        first_path, _projection, _count, _types, res_x, res_y, fx0, fy0 = self._first
        fx0, fy0 = fx0 - self._anchor[0] * res_x, fy0 - self._anchor[1] * res_y
        template = _template_vrt(first_path)
        if template is None:
            self._give_up()
            return target, 0
        root = ET.fromstring(template)  # noqa: S314  # nosec B314 (GDAL's own output)
        root.set("rasterXSize", str(width))
        root.set("rasterYSize", str(height))
        geotransform = root.find("GeoTransform")
        if geotransform is not None:
            geotransform.text = (f"{fx0 + min_col * res_x!r}, {res_x!r}, 0.0, {fy0 + min_row * res_y!r}, "
                                 f"0.0, {res_y!r}")
        folder = os.path.dirname(os.path.abspath(target))
        bands = root.findall("VRTRasterBand")
        for band in bands:
            sources = [child for child in band if child.tag in ("SimpleSource", "ComplexSource")]
            if not sources:
                self._give_up()
                return target, 0
            for child in sources:
                band.remove(child)
            band.extend(_source(sources[0], t, min_col, min_row, folder) for t in self.tiles)
        self._write_overviews(target, factors, width, height, min_col, min_row, root, (fx0, fy0))
        temporary = os.path.join(folder, "." + os.path.basename(target) + ".part.vrt")
        ET.ElementTree(root).write(temporary, encoding="utf-8")
        remove_file(target + ".ovr")  # overviews of an earlier mosaic
        try:
            return publish(temporary, target), len(self.tiles)
        finally:
            remove_file(temporary)

    def _overview_factors(self, size: int) -> List[int]:
        if size <= OVERVIEW_MIN_SIZE or not self._factors or not all(t.copies for t in self.tiles):
            return []
        factors = [f for f in self._factors if size // f >= OVERVIEW_SMALLEST]
        return factors or self._factors[:1]

    def _write_overviews(self, target, factors, width, height, min_col, min_row, root, origin) -> List[str]:
        written = []
        first_path, projection, _count, _types, res_x, res_y, _fx0, _fy0 = self._first
        fx0, fy0 = origin
        source = gdal.Open(first_path, gdal.GA_ReadOnly)
        bands = root.findall("VRTRasterBand")
        for factor in factors:
            path = f"{os.path.splitext(target)[0]}.overview{factor}.tif"
            temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".part")
            ok = _write_overview(temporary, source, self.tiles, factor, width // factor, height // factor,
                                 min_col, min_row, (fx0 + min_col * res_x, res_x * factor,
                                                    fy0 + min_row * res_y, res_y * factor), projection)
            if not ok:
                remove_file(temporary)
                continue
            try:
                os.replace(temporary, path)
            except OSError:
                remove_file(temporary)
                continue
            written.append(path)
            for index, band in enumerate(bands):
                overview = ET.SubElement(band, "Overview")
                name = ET.SubElement(overview, "SourceFilename", relativeToVRT="1")
                name.text = os.path.basename(path)
                ET.SubElement(overview, "SourceBand").text = str(index + 1)
        return written


def _template_vrt(path: str) -> Optional[str]:
    """The VRT GDAL writes for the single tile ``path`` (band types, nodata, colours)."""
    name = f"/vsimem/beod-template-{id(path)}-{os.getpid()}.vrt"
    dataset = gdal_call(gdal.BuildVRT, name, [path])
    if dataset is None:
        return None
    dataset = None
    handle = gdal.VSIFOpenL(name, "rb")
    try:
        gdal.VSIFSeekL(handle, 0, 2)
        size = gdal.VSIFTellL(handle)
        gdal.VSIFSeekL(handle, 0, 0)
        text = gdal.VSIFReadL(1, size, handle).decode("utf-8")
    finally:
        gdal.VSIFCloseL(handle)
        gdal.Unlink(name)
    return text


def _source(model, tile: _Tile, min_col: int, min_row: int, folder: str):
    element = copy.deepcopy(model)
    name = element.find("SourceFilename")
    try:
        relative = os.path.relpath(tile.path, folder).replace(os.sep, "/")
        name.set("relativeToVRT", "1")
        name.text = relative
    except ValueError:  # another drive
        name.set("relativeToVRT", "0")
        name.text = tile.path
    properties = element.find("SourceProperties")
    if properties is not None:
        properties.set("RasterXSize", str(tile.width))
        properties.set("RasterYSize", str(tile.height))
    for tag, values in (("SrcRect", (0, 0, tile.width, tile.height)),
                        ("DstRect", (tile.x0 - min_col, tile.y0 - min_row, tile.width, tile.height))):
        rect = element.find(tag)
        if rect is None:
            rect = ET.SubElement(element, tag)
        for attribute, value in zip(("xOff", "yOff", "xSize", "ySize"), values):
            rect.set(attribute, str(value))
    return element


def _downsample(array, col: int, row: int, factor: int, nodata, mode: bool):
    """(block column, block row, array) of ``array`` (at ``col``, ``row`` on the full grid)
    reduced by ``factor`` on whole blocks of the grid: the mean of the valid pixels, or
    the most frequent valid value (``mode``, for classes)."""
    import numpy

    height, width = array.shape
    c0, r0 = col // factor * factor, row // factor * factor
    c1, r1 = -(-(col + width) // factor) * factor, -(-(row + height) // factor) * factor
    fill = nodata if nodata is not None else 0
    padded = numpy.full((r1 - r0, c1 - c0), fill, dtype=array.dtype)
    padded[row - r0:row - r0 + height, col - c0:col - c0 + width] = array
    shape = ((r1 - r0) // factor, factor, (c1 - c0) // factor, factor)
    valid = _valid(padded, nodata)
    valid_blocks = valid.reshape(shape)
    counts = valid_blocks.sum(axis=(1, 3))
    if mode and padded.dtype == numpy.uint8:
        # the most frequent valid value of each block, counted in one pass
        blocks = padded.reshape(shape).transpose(0, 2, 1, 3).reshape(shape[0] * shape[2], -1)
        keep = valid_blocks.transpose(0, 2, 1, 3).reshape(shape[0] * shape[2], -1)
        index = numpy.repeat(numpy.arange(blocks.shape[0]), blocks.shape[1]) * 256 + blocks.ravel()
        tally = numpy.bincount(index[keep.ravel()], minlength=blocks.shape[0] * 256).reshape(-1, 256)
        best = numpy.where(tally.max(axis=1) > 0, tally.argmax(axis=1), fill).astype(numpy.uint8)
        return c0 // factor, r0 // factor, best.reshape(shape[0], shape[2])
    if mode:
        best = numpy.full(counts.shape, fill, dtype=array.dtype)
        best_count = numpy.zeros(counts.shape, dtype=numpy.int64)
        blocks = padded.reshape(shape)
        for value in numpy.unique(padded[valid]):
            count = ((blocks == value) & valid_blocks).sum(axis=(1, 3))
            better = count > best_count
            best[better] = value
            best_count[better] = count[better]
        return c0 // factor, r0 // factor, best
    sums = numpy.where(valid, padded, 0).astype(numpy.float64).reshape(shape).sum(axis=(1, 3))
    means = numpy.where(counts > 0, sums / numpy.maximum(counts, 1), fill)
    return c0 // factor, r0 // factor, means.astype(array.dtype)


def _valid(array, nodata):
    """Where ``array`` holds values (not nodata, not NaN)."""
    import numpy

    valid = (array != nodata) if nodata is not None else numpy.ones(array.shape, dtype=bool)
    if numpy.issubdtype(array.dtype, numpy.floating):
        valid &= ~numpy.isnan(array)
    return valid


def _write_overview(path, source, tiles, factor, width, height, min_col, min_row, grid, projection) -> bool:
    import numpy

    driver = gdal.GetDriverByName("GTiff")
    count = source.RasterCount
    data_type = source.GetRasterBand(1).DataType
    dataset = gdal_call(driver.Create, path, width, height, count, data_type,
                        ["TILED=YES", "COMPRESS=LZW", "BIGTIFF=IF_SAFER"])
    if dataset is None:
        return False
    x0, res_x, y0, res_y = grid
    dataset.SetGeoTransform((x0, res_x, 0.0, y0, 0.0, res_y))
    dataset.SetProjection(projection)
    for index in range(count):
        band_in = source.GetRasterBand(index + 1)
        band = dataset.GetRasterBand(index + 1)
        nodata = band_in.GetNoDataValue()
        first = tiles[0].copies[factor][index][2]
        fill = nodata if nodata is not None else 0
        canvas = numpy.full((height, width), fill, dtype=first.dtype)
        for tile in tiles:
            block_col, block_row, array = tile.copies[factor][index]
            col, row = block_col - min_col // factor, block_row - min_row // factor
            window = canvas[row:row + array.shape[0], col:col + array.shape[1]]
            if nodata is None:
                window[...] = array
            else:  # blocks shared with a neighbouring tile keep what it brought
                numpy.copyto(window, array, where=array != nodata)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        table = band_in.GetColorTable()
        if table is not None:
            band.SetColorTable(table)
        band.WriteArray(canvas)
        del canvas
    dataset.FlushCache()
    dataset = None
    return True

"""What merging an extraction's output folder produces: plain data, no QGIS objects.

A ``MergedResults`` crosses from the worker thread (``merge_outputs``) to the main
thread (``load_results``), so it only holds paths, names and numbers.
"""

import os
from dataclasses import dataclass, field
from typing import List, Optional, Tuple


@dataclass
class MergedLayer:
    """One output kind merged over every tile: a GeoPackage layer or a VRT mosaic."""

    kind: str
    path: str
    layer_name: str
    is_raster: bool
    source_count: int
    feature_count: Optional[int] = None
    #: (minimum, maximum) of a raster's first band, used to stretch its colour ramp
    value_range: Optional[Tuple[float, float]] = None
    #: True when the merged file was already on disk and up to date
    reused: bool = False


@dataclass
class MergedTileset:
    """A 3D Tiles tileset of one output kind: a tile's own ``tileset.json``, or a root
    ``tileset.json`` written in ``merged/`` that references every tile's tileset."""

    kind: str
    path: str
    source_count: int = 1

    def __fspath__(self) -> str:
        return self.path

    def __str__(self) -> str:
        return self.path


@dataclass
class MergedResults:
    """Everything ``merge_outputs`` found and merged in one output folder.

    ``notes`` are sentences for the user (missing or unreadable files, a layer that could
    not be loaded); they are already translated.
    """

    out_dir: str
    layers: List[MergedLayer] = field(default_factory=list)
    tilesets: List[MergedTileset] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    tile_count: int = 0
    #: the layer tree group the results were loaded in (set by ``load_results``)
    group_name: str = ""

    def layer(self, kind: str) -> Optional[MergedLayer]:
        """The merged layer of ``kind``, or None when the output has none."""
        for item in self.layers:
            if item.kind == kind:
                return item
        return None

    @property
    def merged_dir(self) -> str:
        return os.path.join(self.out_dir, "merged")

    @property
    def is_empty(self) -> bool:
        return not self.layers and not self.tilesets

"""Find the files of an extraction's output folder, tile by tile.

The service lays results out as ``<out>/<tile>/EXPORT/<layer>/<format>/<file>``; a zip
holds the same layout, sometimes under one more top folder. Scanning only lists folders
(``os.scandir``), so it stays fast with thousands of tiles, and picks per tile and kind
the preferred format (GeoPackage over shapefile).
"""

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from .layer_kinds import FORMAT_3D_TILES, KINDS, LayerKind, kind_for

EXPORT_DIR = "EXPORT"
MERGED_DIR = "merged"
TILESET_FILE = "tileset.json"


@dataclass
class ScanResult:
    """Files found per kind: lists of (tile name, path) in tile order, the preferred format
    of each tile only (GeoPackage over shapefile)."""

    tiles: List[str] = field(default_factory=list)
    sources: Dict[str, List[Tuple[str, str]]] = field(default_factory=dict)
    tilesets: Dict[str, List[Tuple[str, str]]] = field(default_factory=dict)
    unknown_layers: List[str] = field(default_factory=list)
    #: kind -> tile -> the same data in less preferred formats
    fallbacks: Dict[str, Dict[str, List[str]]] = field(default_factory=dict)


def tile_sort_key(name: str):
    """Numeric tile names in numeric order ("2" before "10"), other names after them."""
    parts = name.split("/")
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts]


def _subdirs(path: str) -> List[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return [entry for entry in entries if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return []


def _files(path: str) -> List[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return [entry for entry in entries if entry.is_file()]
    except OSError:
        return []


def find_export_dirs(out_dir: str) -> List[Tuple[str, str]]:
    """(tile name, EXPORT folder) for every tile under ``out_dir``, in tile order.

    Accepts ``<out>/<tile>/EXPORT``, ``<out>/<top>/<tile>/EXPORT`` (a zip with a top
    folder) and ``<out>/EXPORT`` (a single tile without its folder).
    """
    found: List[Tuple[str, str]] = []
    own_export = os.path.join(out_dir, EXPORT_DIR)
    if os.path.isdir(own_export):
        found.append(("0", own_export))
    nested: List[Tuple[str, str, str]] = []
    for child in _subdirs(out_dir):
        if child.name in (MERGED_DIR, EXPORT_DIR):
            continue
        export = os.path.join(child.path, EXPORT_DIR)
        if os.path.isdir(export):
            found.append((child.name, export))
            continue
        for grandchild in _subdirs(child.path):
            export = os.path.join(grandchild.path, EXPORT_DIR)
            if os.path.isdir(export):
                nested.append((child.name, grandchild.name, export))
    tops = {top for top, _tile, _export in nested}
    for top, tile, export in nested:
        found.append((tile if len(tops) == 1 else f"{top}/{tile}", export))
    found.sort(key=lambda item: tile_sort_key(item[0]))
    return found


def _find_tileset(format_dir: str, deep: bool) -> str:
    """The top ``tileset.json`` of a 3D Tiles folder (``deep``: also one folder down), or ''."""
    candidate = os.path.join(format_dir, TILESET_FILE)
    if os.path.isfile(candidate):
        return candidate
    if not deep:
        return ""
    for sub in _subdirs(format_dir):
        candidate = os.path.join(sub.path, TILESET_FILE)
        if os.path.isfile(candidate):
            return candidate
    return ""


def _format_rank(kind: LayerKind, format_name: str) -> int:
    lowered = format_name.lower()
    return kind.formats.index(lowered) if lowered in kind.formats else len(kind.formats)


def _file_groups(kind: LayerKind, format_dirs: List[os.DirEntry]) -> List[List[str]]:
    """The data files per format folder and extension, preferred first (GeoPackage first)."""
    groups: List[List[str]] = []
    for format_dir in sorted(format_dirs, key=lambda entry: (_format_rank(kind, entry.name), entry.name)):
        by_ext: Dict[str, List[str]] = {}
        for entry in _files(format_dir.path):
            ext = os.path.splitext(entry.name)[1].lower()
            if ext in kind.extensions:
                by_ext.setdefault(ext, []).append(entry.path)
        groups.extend(sorted(by_ext[ext]) for ext in kind.extensions if ext in by_ext)
    return groups


@dataclass
class TileScan:
    """What one tile's ``EXPORT`` folder holds (see :func:`scan_tile`)."""

    #: (kind, path) of the preferred files, in the order found
    sources: List[Tuple[str, str]] = field(default_factory=list)
    #: (layer folder, lower case; tileset.json)
    tilesets: List[Tuple[str, str]] = field(default_factory=list)
    #: kind -> the same data in less preferred formats
    fallbacks: Dict[str, List[str]] = field(default_factory=dict)
    unknown_layers: Set[str] = field(default_factory=set)


def scan_tile(export: str) -> TileScan:
    """List one tile's ``EXPORT`` folder."""
    found = TileScan()
    for layer_dir in _subdirs(export):
        kind = kind_for(layer_dir.name)
        format_dirs = _subdirs(layer_dir.path)
        data_dirs = []
        for format_dir in format_dirs:
            is_3d = format_dir.name.lower() == FORMAT_3D_TILES
            tileset = _find_tileset(format_dir.path, deep=is_3d)
            if tileset:
                found.tilesets.append((layer_dir.name.lower(), tileset))
            elif not is_3d:
                data_dirs.append(format_dir)
        if kind is None:
            if data_dirs:
                found.unknown_layers.add(layer_dir.name)
            continue
        groups = _file_groups(kind, data_dirs)
        if not groups:
            continue
        found.sources.extend((kind.name, path) for path in groups[0])
        if len(groups[0]) == 1 and len(groups) > 1:
            # the same data in the other formats, should the preferred file be unreadable
            found.fallbacks[kind.name] = [group[0] for group in groups[1:]]
    return found


def scan_output(out_dir: str, scanned: Optional[Dict[str, TileScan]] = None) -> ScanResult:
    """List what ``out_dir`` holds, per kind and tile. ``scanned``: tiles listed already
    (by EXPORT folder, as :func:`find_export_dirs` gives it), not listed again."""
    result = ScanResult(sources={kind.name: [] for kind in KINDS})
    unknown = set()
    for tile, export in find_export_dirs(out_dir):
        result.tiles.append(tile)
        found = (scanned or {}).get(export)
        if found is None:
            found = scan_tile(export)
        for layer_name, tileset in found.tilesets:
            result.tilesets.setdefault(layer_name, []).append((tile, tileset))
        for kind_name, path in found.sources:
            result.sources[kind_name].append((tile, path))
        for kind_name, paths in found.fallbacks.items():
            result.fallbacks.setdefault(kind_name, {})[tile] = paths
        unknown |= found.unknown_layers
    result.unknown_layers = sorted(unknown)
    return result

"""3D Tiles of an extraction: one root ``tileset.json`` over every tile's tileset.

Each tile of the output holds its own tileset (``<tile>/EXPORT/<layer>/3d_tiles/tileset.json``).
When there are several, a root tileset is written in ``merged/`` that references them as
external children, so a viewer opens one tileset for the whole area. Its bounding volume
encloses the children's: a region when they all use regions, otherwise a sphere.
"""

import json
import math
import os
from typing import List, Optional, Sequence, Tuple

from .i18n import tr
from .results_model import MergedTileset

GENERATOR = "BEOD QGIS plugin"

_WGS84_A = 6378137.0
_WGS84_E2 = 6.69437999014e-3


def _read_root(path: str) -> Optional[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            tileset = json.load(handle)
    except (OSError, ValueError):
        return None
    root = tileset.get("root") if isinstance(tileset, dict) else None
    if not isinstance(root, dict) or not isinstance(root.get("boundingVolume"), dict):
        return None
    return tileset


def _ecef(lon: float, lat: float, height: float) -> Tuple[float, float, float]:
    sin_lat = math.sin(lat)
    n = _WGS84_A / math.sqrt(1 - _WGS84_E2 * sin_lat * sin_lat)
    return ((n + height) * math.cos(lat) * math.cos(lon),
            (n + height) * math.cos(lat) * math.sin(lon),
            (n * (1 - _WGS84_E2) + height) * sin_lat)


def _apply(transform: Optional[Sequence[float]], point: Sequence[float]) -> Tuple[float, float, float]:
    """A point through a column-major 4x4 3D Tiles transform."""
    if not transform or len(transform) != 16:
        return tuple(point)
    x, y, z = point
    m = transform
    return (m[0] * x + m[4] * y + m[8] * z + m[12],
            m[1] * x + m[5] * y + m[9] * z + m[13],
            m[2] * x + m[6] * y + m[10] * z + m[14])


def _sphere(volume: dict, transform) -> Optional[Tuple[Tuple[float, float, float], float]]:
    """A sphere (centre, radius) enclosing a bounding volume, in ECEF metres."""
    if "sphere" in volume and len(volume["sphere"]) == 4:
        *centre, radius = volume["sphere"]
        return _apply(transform, centre), float(radius)
    if "box" in volume and len(volume["box"]) == 12:
        box = volume["box"]
        half = math.sqrt(sum(v * v for v in box[3:12]))
        return _apply(transform, box[0:3]), half
    if "region" in volume and len(volume["region"]) == 6:
        west, south, east, north, low, high = volume["region"]
        corners = [_ecef(lon, lat, h) for lon in (west, east) for lat in (south, north) for h in (low, high)]
        centre = tuple(sum(c[i] for c in corners) / len(corners) for i in range(3))
        return centre, max(math.dist(centre, c) for c in corners)
    return None


def _enclosing(volumes: List[dict], transforms: list) -> Optional[dict]:
    if all("region" in v and len(v["region"]) == 6 and not t for v, t in zip(volumes, transforms)):
        regions = [v["region"] for v in volumes]
        return {"region": [min(r[0] for r in regions), min(r[1] for r in regions),
                           max(r[2] for r in regions), max(r[3] for r in regions),
                           min(r[4] for r in regions), max(r[5] for r in regions)]}
    spheres = [s for s in (_sphere(v, t) for v, t in zip(volumes, transforms)) if s]
    if not spheres:
        return None
    centre = tuple(sum(s[0][i] for s in spheres) / len(spheres) for i in range(3))
    radius = max(math.dist(centre, s[0]) + s[1] for s in spheres)
    return {"sphere": [*centre, radius]}


def _written_here(path: str) -> bool:
    """Whether ``path`` is missing or a tileset this plugin wrote (may be replaced)."""
    if not os.path.lexists(path):
        return True
    try:
        with open(path, encoding="utf-8") as handle:
            existing = json.load(handle)
    except (OSError, ValueError):
        return False
    return isinstance(existing, dict) and isinstance(existing.get("asset"), dict) and \
        existing["asset"].get("generator") == GENERATOR


def merge_tilesets(kind: str, sources: Sequence[Tuple[str, str]], merged_dir: str,
                   notes: List[str]) -> Optional[MergedTileset]:
    """One tileset for ``kind``: the tile's own when there is one, else a root written
    in ``merged_dir`` referencing every readable tile tileset."""
    children, volumes, transforms, errors, paths = [], [], [], [], []
    for tile, path in sources:
        tileset = _read_root(path)
        if tileset is None:
            notes.append(tr("Skipped the 3D tileset {}: it cannot be read.", path))
            continue
        root = tileset["root"]
        if "content" not in root and not root.get("children"):
            continue  # an empty tile (no building or tree there): nothing to show or to enclose
        volume = root["boundingVolume"]
        if root.get("transform"):
            # the external tileset applies its own transform: describe the child in
            # the root's (untransformed) frame instead
            sphere = _sphere(volume, root["transform"])
            if sphere is None:
                notes.append(tr("Skipped the 3D tileset {}: it cannot be read.", path))
                continue
            volume = {"sphere": [*sphere[0], sphere[1]]}
        volumes.append(volume)
        transforms.append(None)
        paths.append(path)
        errors.append(float(tileset.get("geometricError", root.get("geometricError", 0)) or 0))
        children.append({"boundingVolume": volume, "geometricError": errors[-1],
                         "content": {"uri": os.path.relpath(path, merged_dir).replace(os.sep, "/")},
                         "extras": {"tile": tile}})
    if not children:
        return None
    if len(children) == 1:
        return MergedTileset(kind, paths[0], 1)
    volume = _enclosing(volumes, transforms)
    if volume is None:
        notes.append(tr("The 3D tilesets of {} have no bounding volume that can be combined.", kind))
        return None
    root_error = max(errors) * 2 if max(errors) > 0 else 1000.0
    tileset = {
        "asset": {"version": "1.0", "generator": GENERATOR},
        "geometricError": root_error,
        "root": {"boundingVolume": volume, "geometricError": root_error,
                 "refine": "ADD", "children": children},
    }
    os.makedirs(merged_dir, exist_ok=True)
    target = os.path.join(merged_dir, f"{kind}_tileset.json")
    stem = target[:-len(".json")]
    for number in range(2, 1000):
        if _written_here(target):
            break
        target = f"{stem}-{number}.json"  # a file of the user's own is never replaced
    temporary = target + ".part"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(tileset, handle)
    os.replace(temporary, target)
    return MergedTileset(kind, target, len(children))

"""The files of a finished scenario, as the storage host serves them.

Results are planned per (AOI, CRS, formats): the tiles and their features are computed at
once (cheap), the files of a tile are written with GDAL the first time one of them is asked
for, into a cache shared by every scenario with the same plan. Small AOIs are listed as one
zip (written when first listed); larger AOIs, a forced tile count or ``zip_max_km2 = 0`` give
the paginated nested tree. The listing of a scenario is fixed the first time it is asked
for, so the storage host serves exactly what the API listed.
"""

import base64
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple, Union

from . import geodata
from .aoi_check import parse_aoi

#: where the extra benchmark file goes in each result (a layer no client knows)
BIG_FILE_PATH = "EXPORT/benchmark/bin/big.bin"
_locks: Dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
_plans: Dict[str, "Plan"] = {}


def _lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def split_formats(text: str) -> List[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@dataclass
class Plan:
    key: str
    folder: str
    epsg: int
    formats: Tuple[List[str], List[str], List[str]]
    tiles: Dict[str, geodata.Tile]
    files: Dict[str, List[str]]  # tile name -> relative paths


@dataclass(frozen=True)
class TileFile:
    """One file of a planned tile, written on demand."""

    plan: Plan
    tile: str
    rel: str


Source = Union[str, TileFile]


def plan_for(data_dir: str, aoi_wkt: str, params: dict) -> Plan:
    spec = [aoi_wkt.strip(), int(params["output_crs"])]
    spec += [split_formats(params.get(name, ""))
             for name in ("vector_formats", "raster_formats", "three_d_formats")]
    key = hashlib.sha256(json.dumps(spec).encode("utf-8")).hexdigest()[:20]
    with _lock("plan:" + key):
        plan = _plans.get(key)
        if plan is None:
            tiles = geodata.plan_tiles(spec[0], parse_aoi(spec[0]))
            formats = (spec[2], spec[3], spec[4])
            plan = Plan(key, os.path.join(data_dir, "cache", key), spec[1], formats,
                        {t.name: t for t in tiles},
                        {t.name: geodata.expected_files(t, *formats) for t in tiles})
            _plans[key] = plan
    return plan


def ensure_tile(plan: Plan, name: str) -> str:
    """The folder holding the written files of tile ``name`` (written now if needed)."""
    target = os.path.join(plan.folder, name)
    with _lock(f"tile:{plan.key}:{name}"):
        if not os.path.isdir(target):
            os.makedirs(plan.folder, exist_ok=True)
            work = tempfile.mkdtemp(prefix=f".tile-{name}-", dir=plan.folder)
            try:
                tile = plan.tiles[name]
                geodata.write_tile(work, tile, plan.epsg, *plan.formats)
                os.replace(os.path.join(work, name), target)
                tile.buildings, tile.trees, tile.roads = [], [], []  # on disk now: free the memory
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return target


def materialise(source: Source) -> str:
    """The file on disk behind a listed object."""
    if isinstance(source, str):
        return source
    ensure_tile(source.plan, source.tile)
    return os.path.join(source.plan.folder, source.rel)


def big_file(data_dir: str, size_mb: int) -> str:
    """A file of ``size_mb`` MiB of incompressible bytes, written once."""
    path = os.path.join(data_dir, "big", f"{size_mb}.bin")
    with _lock(path):
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            chunk = os.urandom(1 << 20)
            tmp = path + ".part"
            with open(tmp, "wb") as handle:
                for _ in range(size_mb):
                    handle.write(chunk)
            os.replace(tmp, path)
    return path


def build_listing(data_dir: str, scenario, settings) -> List[Tuple[str, Source]]:
    """[(object path relative to the scenario, source)] for ``scenario``."""
    plan = plan_for(data_dir, scenario.aoi_wkt, scenario.params)
    names = sorted(plan.tiles, key=int)
    files: List[Tuple[str, Source]] = []
    count = settings.forced_tile_count or len(names)
    for index in range(count if names else 0):
        source = names[index % len(names)]
        for rel in plan.files[source]:
            files.append((f"{index}/{rel.split('/', 1)[1]}", TileFile(plan, source, rel)))
    if settings.big_file_mb > 0:
        files.append((f"0/{BIG_FILE_PATH}", big_file(data_dir, settings.big_file_mb)))
    as_tree = (settings.forced_tile_count > 0 or settings.zip_max_km2 <= 0
               or scenario.area_km2 > settings.zip_max_km2)
    if as_tree:
        return files
    zip_path = os.path.join(data_dir, "zips", f"{scenario.id}.zip")
    os.makedirs(os.path.dirname(zip_path), exist_ok=True)
    tmp = zip_path + ".part"
    with zipfile.ZipFile(tmp, "w") as archive:
        for rel, source in files:
            path = materialise(source)
            big = os.path.getsize(path) > (16 << 20)
            archive.write(path, rel, compress_type=zipfile.ZIP_STORED if big else zipfile.ZIP_DEFLATED)
    os.replace(tmp, zip_path)
    return [(f"{scenario.id}.zip", zip_path)]


def nest(entries: List[Tuple[str, str]]) -> dict:
    """{"a/b/c": url} -> {"a": {"b": {"c": url}}}, keeping the order."""
    tree: dict = {}
    for rel, url in entries:
        parts = rel.split("/")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = url
    return tree


class PageTokens:
    """Opaque, signed continuation tokens: (scenario id, offset)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def make(self, scenario_id: int, offset: int) -> str:
        payload = f"{scenario_id}:{offset}".encode("ascii")
        mac = hmac.new(self._key, payload, hashlib.sha256).digest()[:12]
        return base64.urlsafe_b64encode(payload + b"|" + mac).decode("ascii").rstrip("=")

    def read(self, scenario_id: int, token: str) -> Optional[int]:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            payload, separator, mac = raw[:-13], raw[-13:-12], raw[-12:]
            sid, offset = payload.decode("ascii").split(":")
            if separator != b"|":
                return None
        except (ValueError, UnicodeDecodeError):
            return None
        expected = hmac.new(self._key, payload, hashlib.sha256).digest()[:12]
        if not hmac.compare_digest(mac, expected) or int(sid) != scenario_id:
            return None
        return int(offset)

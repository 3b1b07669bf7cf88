"""The files of a finished scenario: generated once per (AOI, CRS, formats) into a cache,
then listed as one zip (small AOI) or as the paginated nested tree (larger AOI, a forced tile
count, or ``zip_max_km2 = 0``). The listing of a scenario is fixed the first time it is asked
for, so the storage host serves exactly what the API listed."""

import base64
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import threading
import zipfile
from typing import Dict, List, Optional, Tuple

from . import geodata
from .aoi_check import parse_aoi

#: where the extra benchmark file goes in each result (a layer no client knows)
BIG_FILE_PATH = "EXPORT/benchmark/bin/big.bin"
_locks: Dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def _formats(text: str) -> List[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def generated(data_dir: str, aoi_wkt: str, params: dict) -> Tuple[str, Dict[str, List[str]]]:
    """(folder, {tile: [relative paths]}) of the generated results, from the cache if there."""
    spec = [aoi_wkt.strip(), int(params["output_crs"]), _formats(params.get("vector_formats", "")),
            _formats(params.get("raster_formats", "")), _formats(params.get("three_d_formats", ""))]
    key = hashlib.sha256(json.dumps(spec).encode("utf-8")).hexdigest()[:20]
    folder = os.path.join(data_dir, "cache", key)
    manifest = os.path.join(folder, "manifest.json")
    with _lock(key):
        if not os.path.exists(manifest):
            os.makedirs(os.path.join(data_dir, "cache"), exist_ok=True)
            work = tempfile.mkdtemp(prefix="gen-", dir=os.path.join(data_dir, "cache"))
            tiles = geodata.generate(work, spec[0], parse_aoi(spec[0]), spec[1], spec[2], spec[3], spec[4])
            with open(os.path.join(work, "manifest.json"), "w", encoding="utf-8") as handle:
                json.dump(tiles, handle)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(work, folder)
        with open(manifest, encoding="utf-8") as handle:
            return folder, json.load(handle)


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


def build_listing(data_dir: str, scenario, settings) -> List[Tuple[str, str]]:
    """[(object path relative to the scenario, file on disk)] for ``scenario``."""
    folder, tiles = generated(data_dir, scenario.aoi_wkt, scenario.params)
    names = sorted(tiles, key=int)
    files: List[Tuple[str, str]] = []
    count = settings.forced_tile_count or len(names)
    for index in range(count):
        source = names[index % len(names)] if names else None
        if source is None:
            break
        for rel in tiles[source]:
            files.append((f"{index}/{rel.split('/', 1)[1]}", os.path.join(folder, rel)))
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
        for rel, path in files:
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

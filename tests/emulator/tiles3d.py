"""3D Tiles output: a ``tileset.json`` and one Batched 3D Model (``.b3dm``) of extruded
footprints (buildings to their ``height``, tree crowns as cylinders) per tile and layer.

Vertices are in a local east-north-up frame (metres) at the centre of the tile; the root
``transform`` of the tileset places that frame on the WGS84 ellipsoid (ECEF). The glTF inside
the b3dm is y-up, as the 3D Tiles specification expects.
"""

import json
import math
import os
import struct
from typing import List, Sequence, Tuple

_A = 6378137.0
_E2 = 6.69437999014e-3


def _lonlat(x: float, y: float) -> Tuple[float, float]:
    return math.degrees(x / _A), math.degrees(2 * math.atan(math.exp(y / _A)) - math.pi / 2)


def _ecef(lon: float, lat: float, h: float) -> Tuple[float, float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    n = _A / math.sqrt(1 - _E2 * math.sin(phi) ** 2)
    return ((n + h) * math.cos(phi) * math.cos(lam), (n + h) * math.cos(phi) * math.sin(lam),
            (n * (1 - _E2) + h) * math.sin(phi))


def enu_to_ecef(lon: float, lat: float, h: float = 0.0) -> List[float]:
    """Column-major 4x4 matrix from the local east-north-up frame to ECEF."""
    lam, phi = math.radians(lon), math.radians(lat)
    east = (-math.sin(lam), math.cos(lam), 0.0)
    north = (-math.sin(phi) * math.cos(lam), -math.sin(phi) * math.sin(lam), math.cos(phi))
    up = (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
    return [*east, 0.0, *north, 0.0, *up, 0.0, *_ecef(lon, lat, h), 1.0]


def _mesh(features, lon0: float, lat0: float):
    """Positions (glTF y-up: east, up, -north) and triangle indices of the extruded features."""
    k_east = math.radians(1) * _A * math.cos(math.radians(lat0))
    k_north = math.radians(1) * _A
    positions: List[Tuple[float, float, float]] = []
    indices: List[int] = []
    for geometry, attributes in features:
        height = float(attributes.get("height", 5.0))
        ring = geometry.GetGeometryRef(0)
        points = ring.GetPoints()[:-1]
        if len(points) < 3:
            continue
        local = []
        for x, y, *_ in points:
            lon, lat = _lonlat(x, y)
            local.append(((lon - lon0) * k_east, (lat - lat0) * k_north))
        base = len(positions)
        for e, n in local:  # roof ring
            positions.append((e, height, -n))
        for k in range(1, len(local) - 1):  # roof: a fan
            indices += [base, base + k, base + k + 1]
        for k, (e, n) in enumerate(local):  # walls: one quad per edge
            e2, n2 = local[(k + 1) % len(local)]
            w = len(positions)
            positions += [(e, 0.0, -n), (e2, 0.0, -n2), (e2, height, -n2), (e, height, -n)]
            indices += [w, w + 1, w + 2, w, w + 2, w + 3]
    return positions, indices


def _pad(data: bytes, fill: bytes, align: int = 8) -> bytes:
    return data + fill * ((-len(data)) % align)


def _glb(positions, indices, color) -> bytes:
    pos_bytes = struct.pack(f"<{3 * len(positions)}f", *[c for p in positions for c in p])
    idx_bytes = struct.pack(f"<{len(indices)}I", *indices)
    binary = _pad(pos_bytes, b"\0", 4) + idx_bytes
    mins = [min(p[i] for p in positions) for i in range(3)]
    maxs = [max(p[i] for p in positions) for i in range(3)]
    gltf = {
        "asset": {"version": "2.0", "generator": "BEOD emulator"},
        "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorFactor": color, "metallicFactor": 0.0}}],
        "buffers": [{"byteLength": len(binary)}],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": len(pos_bytes), "target": 34962},
            {"buffer": 0, "byteOffset": len(_pad(pos_bytes, b"\0", 4)), "byteLength": len(idx_bytes),
             "target": 34963},
        ],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": len(positions), "type": "VEC3",
             "min": mins, "max": maxs},
            {"bufferView": 1, "componentType": 5125, "count": len(indices), "type": "SCALAR"},
        ],
    }
    json_chunk = _pad(json.dumps(gltf, separators=(",", ":")).encode("utf-8"), b" ", 4)
    bin_chunk = _pad(binary, b"\0", 4)
    if (28 + len(json_chunk) + len(bin_chunk)) % 8:  # the glb must end on an 8-byte boundary in a b3dm
        json_chunk += b"    "
    body = (struct.pack("<I4s", len(json_chunk), b"JSON") + json_chunk
            + struct.pack("<I4s", len(bin_chunk), b"BIN\0") + bin_chunk)
    return struct.pack("<4sII", b"glTF", 2, 12 + len(body)) + body


def b3dm(glb: bytes) -> bytes:
    """Wrap a binary glTF in a Batched 3D Model (no batch table)."""
    header_len = 28
    feature_json = json.dumps({"BATCH_LENGTH": 0}).encode("utf-8")
    feature_json += b" " * ((-(header_len + len(feature_json))) % 8)  # the glb starts 8-byte aligned
    total = header_len + len(feature_json) + len(glb)
    header = struct.pack("<4sIIIIII", b"b3dm", 1, total, len(feature_json), 0, 0, 0)
    return header + feature_json + glb


def write_tileset(folder: str, layer: str, features: Sequence, area=None) -> List[str]:
    """``tileset.json`` and ``<layer>.b3dm`` in ``folder``; the file names written.

    ``area`` (an EPSG:3857 geometry, the tile's part of the AOI) places a tileset without
    features where the tile is, instead of at longitude 0, latitude 0."""
    os.makedirs(folder, exist_ok=True)
    envelopes = [g.GetEnvelope() for g, _ in features]
    if not envelopes and area is not None and not area.IsEmpty():
        envelopes = [area.GetEnvelope()]
    if envelopes:
        xmin = min(e[0] for e in envelopes)
        xmax = max(e[1] for e in envelopes)
        ymin = min(e[2] for e in envelopes)
        ymax = max(e[3] for e in envelopes)
    else:
        xmin = xmax = ymin = ymax = 0.0
    lon0, lat0 = _lonlat((xmin + xmax) / 2, (ymin + ymax) / 2)
    positions, indices = _mesh(features, lon0, lat0)
    root = {"transform": enu_to_ecef(lon0, lat0), "geometricError": 0.0, "refine": "ADD"}
    names = ["tileset.json"]
    if positions:
        es = [p[0] for p in positions]
        ns = [-p[2] for p in positions]
        hs = [p[1] for p in positions]
        centre = [(min(es) + max(es)) / 2, (min(ns) + max(ns)) / 2, (min(hs) + max(hs)) / 2]
        half = [max((max(es) - min(es)) / 2, 0.5), max((max(ns) - min(ns)) / 2, 0.5),
                max((max(hs) - min(hs)) / 2, 0.5)]
        root["boundingVolume"] = {"box": [*centre, half[0], 0, 0, 0, half[1], 0, 0, 0, half[2]]}
        root["content"] = {"uri": f"{layer}.b3dm"}
        color = [0.85, 0.8, 0.75, 1.0] if layer == "building" else [0.2, 0.55, 0.25, 1.0]
        with open(os.path.join(folder, f"{layer}.b3dm"), "wb") as handle:
            handle.write(b3dm(_glb(positions, indices, color)))
        names.append(f"{layer}.b3dm")
        error = max(half) * 2
    else:
        root["boundingVolume"] = {"box": [0, 0, 0, 0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]}
        error = 1.0
    tileset = {"asset": {"version": "1.0"}, "geometricError": round(error, 3), "root": root}
    with open(os.path.join(folder, "tileset.json"), "w", encoding="utf-8") as handle:
        json.dump(tileset, handle)
    return names

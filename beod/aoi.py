"""Check and prepare an area of interest (AOI) before it is sent to BEOD.

The API takes one WKT POLYGON in lon/lat per project. :func:`prepare_aoi` accepts WKT,
GeoJSON (geometry, Feature, FeatureCollection; dict or text) or a shapely geometry and
returns a :class:`PreparedAoi`: a valid 2D polygon in lon/lat with at most
``max_vertices`` vertices, its WKT, its area in km² (geodesic) and notes saying what
was changed. A MultiPolygon is refused with a clear message, or split with
:func:`prepare_aoi_parts` (one project per part). Works with shapely 1.8 and 2.x;
shapely is imported only when an AOI is prepared.
"""

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, List

from . import i18n
from .errors import AoiError

# Radius of the sphere with the WGS84 ellipsoid's area (authalic radius), metres.
AUTHALIC_RADIUS_M = 6371007.181
MIN_AREA_KM2 = 1e-6  # 1 m²: smaller is a degenerate shape, not an area
REPAIR_AREA_TOLERANCE = 0.01  # a repair may change the area by at most 1 %
# Isoperimetric ratio 4πA/P² below which a polygon is a line (a 10 m x 10 km strip is 3e-3).
THINNESS_LIMIT = 1e-8

_DIMENSION_TAG = re.compile(r"\b(POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION|POINT|LINESTRING|MULTIPOINT"
                            r"|MULTILINESTRING)\s*(ZM|Z|M)\b", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_EXTRA_ORDINATES = re.compile(rf"({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER}){{1,2}}")


@dataclass
class PreparedAoi:
    """An AOI ready to send: ``wkt`` is a lon/lat POLYGON."""

    geometry: Any
    wkt: str
    area_km2: float
    vertex_count: int
    repaired: bool = False
    notes: List[str] = field(default_factory=list)
    simplified: bool = False

    @property
    def bounds(self):
        return self.geometry.bounds


# -- reading ----------------------------------------------------------------------------
def _shapely():
    try:
        import shapely  # noqa: F401
        from shapely import geometry, ops, wkt
    except ImportError as exc:
        raise ImportError("The Python package 'shapely' is needed to check the area of interest.") from exc
    return geometry, ops, wkt


def _from_wkt(text: str):
    _, _, wkt = _shapely()
    text = text.strip()
    if text.upper().startswith("SRID="):
        srid, _, text = text.partition(";")
        if srid.split("=", 1)[1].strip() not in ("4326", ""):
            raise AoiError(i18n._("The WKT is in {}: give the area in lon/lat (EPSG:4326).")
                           .format(srid.strip()))
    if not text.isascii():  # WKT is plain ASCII (and GEOS's log callback fails on anything else)
        raise AoiError(i18n._("This is not valid WKT or GeoJSON: it holds characters other than the letters, "
                              "digits and punctuation of WKT."))
    if _DIMENSION_TAG.search(text):
        text = _DIMENSION_TAG.sub(lambda m: m.group(1), text)
        text = _EXTRA_ORDINATES.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    try:
        return wkt.loads(text)
    except Exception as exc:  # noqa: BLE001 (shapely 1.8 and 2.x raise different types)
        raise AoiError(i18n._("This is not valid WKT or GeoJSON: {}").format(str(exc)[:120])) from None


def _from_geojson(data):
    geometry, ops, _ = _shapely()
    if not isinstance(data, dict):
        raise AoiError(i18n._("GeoJSON must be an object (a geometry, a Feature or a FeatureCollection)."))
    kind = data.get("type")
    if kind == "FeatureCollection":
        shapes = [_from_geojson(feature) for feature in data.get("features") or []]
        shapes = [s for s in shapes if s is not None and not s.is_empty]
        if not shapes:
            raise AoiError(i18n._("The FeatureCollection has no geometry."))
        if len(shapes) == 1:
            return shapes[0]
        return ops.unary_union(shapes)
    if kind == "Feature":
        if not data.get("geometry"):
            raise AoiError(i18n._("The GeoJSON Feature has no geometry."))
        return _from_geojson(data["geometry"])
    try:
        return geometry.shape(data)
    except Exception as exc:  # noqa: BLE001 (shapely 1.8 and 2.x raise different types)
        raise AoiError(i18n._("This is not a valid GeoJSON geometry: {}").format(str(exc)[:120])) from None


def read_geometry(source):
    """A shapely geometry from WKT, GeoJSON (dict or text) or a shapely geometry."""
    if source is None:
        raise AoiError(i18n._("No area of interest was given."))
    if hasattr(source, "geom_type") and hasattr(source, "is_empty"):
        return source
    if hasattr(source, "__geo_interface__") and not isinstance(source, (str, bytes, dict)):
        return _from_geojson(source.__geo_interface__)
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    if isinstance(source, dict):
        return _from_geojson(source)
    if isinstance(source, str):
        text = source.strip().lstrip("\ufeff")
        if not text:
            raise AoiError(i18n._("The area of interest is empty."))
        if text.startswith("{"):
            try:
                data = json.loads(text)
            except ValueError as exc:
                raise AoiError(i18n._("This is not valid GeoJSON: {}").format(exc)) from None
            return _from_geojson(data)
        return _from_wkt(text)
    raise AoiError(i18n._("Cannot read an area of interest from a {}.").format(type(source).__name__))


# -- checks -----------------------------------------------------------------------------
def _force_2d(geom):
    _, ops, _ = _shapely()
    if not geom.has_z:
        return geom
    import shapely

    if hasattr(shapely, "force_2d"):  # shapely 2 (where ops.transform is deprecated since 2.2)
        return shapely.force_2d(geom)
    return ops.transform(lambda x, y, *rest: (x, y), geom)


def _polygons(geom) -> list:
    """The polygons of ``geom`` (a Polygon, MultiPolygon or collection)."""
    kind = geom.geom_type
    if kind == "Polygon":
        return [geom]
    if kind in ("MultiPolygon", "GeometryCollection"):
        found = []
        for part in geom.geoms:
            found.extend(_polygons(part))
        return found
    return []


def _vertex_count(polygon) -> int:
    rings = [polygon.exterior, *polygon.interiors]
    return sum(max(0, len(ring.coords) - 1) for ring in rings)


def _coordinates(geom):
    """Every coordinate tuple of ``geom`` (shapely 1.8 and 2.x)."""
    if hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from _coordinates(part)
    elif geom.geom_type == "Polygon":
        yield from geom.exterior.coords
        for ring in geom.interiors:
            yield from ring.coords
    else:
        yield from geom.coords


def _check_ranges(geom) -> None:
    # the bounds skip NaN: every coordinate is checked
    if not all(math.isfinite(v) for point in _coordinates(geom) for v in point):
        raise AoiError(i18n._("The area has coordinates that are not numbers."))
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise AoiError(i18n._(
            "The coordinates ({}, {}, {}, {}) are outside longitude -180..180 / latitude -90..90: "
            "the area must be in lon/lat (EPSG:4326), not projected.").format(
                f"{minx:.6g}", f"{miny:.6g}", f"{maxx:.6g}", f"{maxy:.6g}"))
    if maxx - minx > 180:
        raise AoiError(i18n._("The area spans more than 180° of longitude (or crosses the antimeridian): "
                              "split it."))


def geodesic_area_km2(polygon) -> float:
    """The area of a lon/lat ``polygon`` in km² (pyproj's geodesic area when available)."""
    try:
        from pyproj import Geod
    except ImportError:
        return spherical_area_km2(polygon)
    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(polygon)
    return abs(area) / 1e6


def _ring_area_m2(coords) -> float:
    """Area on the authalic sphere of a closed lon/lat ring (Chamberlain & Duquette's formula)."""
    total = 0.0
    points = list(coords)
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:]):
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total) * AUTHALIC_RADIUS_M ** 2 / 2


def spherical_area_km2(polygon) -> float:
    """The area of a lon/lat ``polygon`` in km² on a sphere of the WGS84 ellipsoid's area."""
    area = _ring_area_m2([c[:2] for c in polygon.exterior.coords])
    for ring in polygon.interiors:
        area -= _ring_area_m2([c[:2] for c in ring.coords])
    return max(0.0, area) / 1e6


def _plain_reason(reason: str) -> str:
    """GEOS's reason without the raw coordinates it appends: "Self-intersection[2.3 48.8]"
    becomes "the edges cross each other"."""
    text = re.sub(r"\s*\[[^\]]*\]", "", str(reason or "")).strip()
    plain = {
        "self-intersection": "the edges cross each other",
        "ring self-intersection": "an outline touches itself",
        "too few points": "too few points",
        "hole lies outside shell": "a hole lies outside the outline",
        "nested holes": "holes are nested",
        "interior is disconnected": "the inside is cut in two",
        "duplicate rings": "an outline is repeated",
    }
    return plain.get(text.lower(), text or "invalid geometry")


def _repair(polygon, notes: list):
    """A valid polygon for an invalid one when the repair is unambiguous, else :class:`AoiError`."""
    from shapely.validation import explain_validity

    reason = _plain_reason(explain_validity(polygon))
    candidates = []
    try:
        from shapely.validation import make_valid

        candidates.append(make_valid(polygon))
    except ImportError:  # shapely < 1.8
        pass
    candidates.append(polygon.buffer(0))
    reference = abs(polygon.area)
    if all(candidate.is_empty or candidate.area == 0 for candidate in candidates):
        raise AoiError(i18n._("The polygon is degenerate (no area; {}): draw at least three points "
                              "that are not on one line.").format(reason))
    for candidate in candidates:
        parts = [p for p in _polygons(candidate) if p.area > 0]
        if len(parts) != 1 or not parts[0].is_valid:
            continue
        repaired = parts[0]
        if reference > 0 and abs(repaired.area - reference) / reference <= REPAIR_AREA_TOLERANCE:
            notes.append(i18n._("The polygon was invalid ({}) and was repaired without changing its area.")
                         .format(reason))
            return repaired
    raise AoiError(i18n._("The polygon is invalid ({}) and cannot be repaired without guessing: "
                          "redraw it without crossing edges.").format(reason))


def _simplify(polygon, max_vertices: int, notes: list):
    count = _vertex_count(polygon)
    if count <= max_vertices:
        return polygon, False
    minx, miny, maxx, maxy = polygon.bounds
    tolerance = max(maxx - minx, maxy - miny) * 1e-6 or 1e-9
    for _ in range(60):
        simpler = polygon.simplify(tolerance, preserve_topology=True)
        if (simpler.geom_type == "Polygon" and not simpler.is_empty and simpler.is_valid
                and _vertex_count(simpler) <= max_vertices):
            change = abs(simpler.area - polygon.area) / polygon.area * 100 if polygon.area else 0.0
            notes.append(i18n._("The polygon was simplified from {} to {} vertices (tolerance {}°, area "
                                "changed by {} %).").format(count, _vertex_count(simpler), f"{tolerance:.2g}",
                                                            f"{change:.2f}"))
            return simpler, True
        tolerance *= 1.6
    raise AoiError(i18n._("The polygon has {} vertices and cannot be simplified to {}.")
                   .format(count, max_vertices))


def _to_wkt(polygon) -> str:
    _, _, wkt = _shapely()
    for precision in (8, 10, 12):
        text = wkt.dumps(polygon, trim=True, rounding_precision=precision)
        again = wkt.loads(text)
        if again.is_valid and again.geom_type == "Polygon":
            return text
    return wkt.dumps(polygon)


def _prepare_polygon(polygon, max_vertices: int, notes: list) -> PreparedAoi:
    from shapely.geometry.polygon import orient

    repaired = False
    if polygon.is_empty:
        raise AoiError(i18n._("The polygon is empty."))
    if len(set(polygon.exterior.coords)) < 3:
        raise AoiError(i18n._("The polygon is degenerate (no area): draw at least three distinct points."))
    if not polygon.is_valid:
        polygon = _repair(polygon, notes)
        repaired = True
    if polygon.area == 0 or 4 * math.pi * polygon.area / (polygon.length ** 2) < THINNESS_LIMIT:
        raise AoiError(i18n._("The polygon is degenerate (no area): its points are on one line."))
    polygon, simplified = _simplify(polygon, max(4, int(max_vertices)), notes)
    polygon = orient(polygon, sign=1.0)
    area = geodesic_area_km2(polygon)
    if area < MIN_AREA_KM2:
        raise AoiError(i18n._("The polygon is degenerate (area {} m²).").format(f"{area * 1e6:.3g}"))
    text = _to_wkt(polygon)
    return PreparedAoi(geometry=polygon, wkt=text, area_km2=area, vertex_count=_vertex_count(polygon),
                       repaired=repaired, notes=list(notes), simplified=simplified)


def _read_checked(source, notes: list):
    geom = read_geometry(source)
    if isinstance(source, str) and _DIMENSION_TAG.search(source):
        notes.append(i18n._("Extra ordinates (Z/M) were dropped."))
    if geom.is_empty:
        raise AoiError(i18n._("The area of interest is empty."))
    if geom.has_z:
        geom = _force_2d(geom)
        notes.append(i18n._("Extra ordinates (Z) were dropped."))
    _check_ranges(geom)
    return geom


def prepare_aoi(source, *, max_vertices: int = 1000) -> PreparedAoi:
    """Check ``source`` and return it as one valid lon/lat polygon ready to send.

    Raises :class:`AoiError` with a message for the user when it cannot be used (not a
    polygon, several polygons, empty, degenerate, outside lon/lat, invalid beyond an
    unambiguous repair).
    """
    notes: List[str] = []
    geom = _read_checked(source, notes)
    polygons = _polygons(geom)
    if not polygons:
        raise AoiError(i18n._("The area of interest must be a polygon, not a {}.").format(geom.geom_type))
    if len(polygons) > 1:
        raise AoiError(i18n._(
            "The area has {} separate polygons, and a project takes one: merge them, "
            "choose one, or run one extraction per polygon.").format(len(polygons)))
    if geom.geom_type != "Polygon":
        notes.append(i18n._("The {} holds one polygon, used as is.").format(geom.geom_type))
    return _prepare_polygon(polygons[0], max_vertices, notes)


def prepare_aoi_parts(source, *, max_vertices: int = 1000) -> List[PreparedAoi]:
    """One :class:`PreparedAoi` per polygon of ``source`` (one project each)."""
    notes: List[str] = []
    geom = _read_checked(source, notes)
    polygons = _polygons(geom)
    if not polygons:
        raise AoiError(i18n._("The area of interest must be made of polygons, not a {}.")
                       .format(geom.geom_type))
    return [_prepare_polygon(polygon, max_vertices, list(notes)) for polygon in polygons]

"""Validation of the AOI geometry the client sends (a WKT POLYGON in lon/lat) and its area."""

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()


class AoiError(ValueError):
    """The AOI is refused; the message says why (sent to the client as ``detail``)."""


def _srs(definition) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    if isinstance(definition, int):
        srs.ImportFromEPSG(definition)
    else:
        srs.ImportFromProj4(definition)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


WGS84 = _srs(4326)
MERCATOR = _srs(3857)
TO_MERCATOR = osr.CoordinateTransformation(WGS84, MERCATOR)


def parse_aoi(wkt: str) -> ogr.Geometry:
    """The AOI polygon in lon/lat, or ``AoiError`` naming what is wrong with it."""
    if not wkt.strip():
        raise AoiError("geometry is empty: expected a WKT POLYGON in lon/lat")
    try:
        geometry = ogr.CreateGeometryFromWkt(wkt.strip())
    except RuntimeError as exc:
        raise AoiError(f"geometry is not valid WKT: {exc}") from None
    if geometry is None:
        raise AoiError("geometry is not valid WKT")
    geometry.FlattenTo2D()
    name = geometry.GetGeometryName()
    if name != "POLYGON":
        raise AoiError(f"geometry must be a POLYGON, not a {name}")
    if geometry.IsEmpty():
        raise AoiError("geometry is an empty POLYGON")
    for ring_index in range(geometry.GetGeometryCount()):
        ring = geometry.GetGeometryRef(ring_index)
        points = ring.GetPoints() or []
        if len(points) < 4:
            raise AoiError("geometry ring has fewer than 4 points")
        if points[0][:2] != points[-1][:2]:
            raise AoiError("geometry ring is not closed (first and last points differ)")
        for point in points:
            lon, lat = point[0], point[1]
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                raise AoiError(f"coordinate ({lon} {lat}) is out of the lon/lat range; "
                                 "the AOI must be in EPSG:4326, lon/lat order")
        if max(abs(p[1]) for p in points) > 85.0:
            raise AoiError("geometry reaches beyond latitude 85: not covered by the basemap")
    if not geometry.IsValid():
        raise AoiError("geometry is not a valid polygon (self-intersecting or badly formed rings)")
    if geometry.GetArea() <= 0:
        raise AoiError("geometry has no area")
    return geometry


def area_km2(geometry: ogr.Geometry) -> float:
    """Area in km² on an equal-area projection centred on the AOI."""
    centroid = geometry.Centroid()
    laea = _srs(f"+proj=laea +lat_0={centroid.GetY()} +lon_0={centroid.GetX()} +datum=WGS84 +units=m")
    projected = geometry.Clone()
    projected.Transform(osr.CoordinateTransformation(WGS84, laea))
    return projected.GetArea() / 1e6


def to_mercator(geometry: ogr.Geometry) -> ogr.Geometry:
    projected = geometry.Clone()
    projected.Transform(TO_MERCATOR)
    return projected

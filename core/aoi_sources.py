"""The area of interest from QGIS: drawn vertices, a polygon layer or the map extent.

Every source ends as one or more EPSG:4326 polygons checked by ``beod.aoi.prepare_aoi``
(validity, area in km², vertex count). Geometry in any CRS is transformed with the
project's transform context. A layer's features are merged; when they form several
separate areas the caller chooses between one extraction per area and one outline
enclosing them all. Problems a user can fix raise :class:`AoiSourceError` with a
message meant for them.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..beod.limits import MAX_AOI_KM2  # noqa: F401 (the service's limit, for the dock)
from .i18n import tr

WGS84 = "EPSG:4326"
MAX_VERTICES = 1000

SOURCE_DRAWN = "draw"
SOURCE_LAYER = "layer"
SOURCE_EXTENT = "extent"

PARTS_MERGE = "merge"
PARTS_SPLIT = "split"


class AoiSourceError(Exception):
    """The area of interest cannot be used; the message tells the user what to do."""


@dataclass
class AoiSelection:
    """The chosen area: one prepared polygon per extraction to run, and how it was made."""

    source: str
    parts: list  # beod.aoi.PreparedAoi, in EPSG:4326
    geometry: QgsGeometry  # every part together, EPSG:4326, for display
    label: str = ""
    notes: List[str] = field(default_factory=list)
    #: when one outline encloses several separate areas: the area of those areas alone (km²)
    features_km2: Optional[float] = None

    @property
    def area_km2(self) -> float:
        return sum(part.area_km2 for part in self.parts)

    @property
    def vertex_count(self) -> int:
        return sum(part.vertex_count for part in self.parts)

    @property
    def repaired(self) -> bool:
        return any(part.repaired for part in self.parts)

    @property
    def wkts(self) -> List[str]:
        return [part.wkt for part in self.parts]

    def all_notes(self) -> List[str]:
        notes = list(self.notes)
        for part in self.parts:
            notes.extend(note for note in part.notes if note not in notes)
        return notes


def wgs84() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(WGS84)


def to_wgs84(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, project=None) -> QgsGeometry:
    """A copy of ``geometry`` (in ``crs``) transformed to EPSG:4326."""
    result = QgsGeometry(geometry)
    target = wgs84()
    if not crs.isValid():
        raise AoiSourceError(tr("The coordinate reference system of the area is unknown: set it first."))
    if crs == target:
        return result
    project = project or QgsProject.instance()
    transform = QgsCoordinateTransform(crs, target, project.transformContext())
    try:
        result.transform(transform)
    except QgsCsException as exc:
        raise AoiSourceError(tr("The area could not be transformed to WGS 84 (EPSG:4326): {}", exc)) from exc
    return result


def from_wgs84(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, project=None) -> QgsGeometry:
    """A copy of an EPSG:4326 ``geometry`` transformed to ``crs`` (for drawing on the canvas)."""
    result = QgsGeometry(geometry)
    source = wgs84()
    if not crs.isValid() or crs == source:
        return result
    project = project or QgsProject.instance()
    try:
        result.transform(QgsCoordinateTransform(source, crs, project.transformContext()))
    except QgsCsException:
        return QgsGeometry(geometry)
    return result


# -- the three sources --------------------------------------------------------------
def from_points(points, crs: QgsCoordinateReferenceSystem, project=None) -> AoiSelection:
    """The polygon drawn on the canvas (``points`` in the canvas CRS ``crs``)."""
    points = [QgsPointXY(point) for point in points]
    if len(points) < 3:
        raise AoiSourceError(tr("Place at least three points to draw an area."))
    polygon = QgsGeometry.fromPolygonXY([points + [points[0]]])
    geometry = to_wgs84(polygon, crs, project)
    return _selection(SOURCE_DRAWN, [geometry], tr("Drawn on the map"))


def from_extent(extent, crs: QgsCoordinateReferenceSystem, project=None) -> AoiSelection:
    """The visible map extent (a ``QgsRectangle`` in ``crs``)."""
    if extent is None or extent.isEmpty():
        raise AoiSourceError(tr("The map extent is empty: zoom to the area first."))
    # Extra vertices along the edges keep the shape after reprojection.
    rectangle = QgsGeometry.fromRect(extent).densifyByCount(8)
    geometry = to_wgs84(rectangle, crs, project)
    box = geometry.boundingBox()
    if box.width() > 180 or box.xMinimum() < -180 or box.xMaximum() > 180 or box.height() >= 170:
        raise AoiSourceError(tr("The map shows (almost) the whole world: zoom in on the place to extract, "
                                "then click “Map extent” again."))
    return _selection(SOURCE_EXTENT, [geometry], tr("Map extent"))


def from_layer(layer, selected_only: bool = False, parts: str = PARTS_MERGE, project=None) -> AoiSelection:
    """The features of a polygon layer (all, or the selected ones), merged.

    When the merged features form several separate areas, ``parts`` chooses:
    ``PARTS_SPLIT`` gives one extraction per area, ``PARTS_MERGE`` one extraction over
    the outline enclosing them all (their convex hull).
    """
    geometries = _layer_geometries(layer, selected_only)
    merged = QgsGeometry.unaryUnion(geometries)
    if merged is None or merged.isNull() or merged.isEmpty():
        merged = _repaired_union(geometries)
    merged = to_wgs84(merged, layer.crs(), project)
    polygons = _polygons_of(merged)
    if not polygons:
        raise AoiSourceError(tr("The features of “{}” have no usable polygon area.", layer.name()))
    notes = []
    if len(polygons) > 1 and parts == PARTS_SPLIT:
        notes.append(tr("{} separate areas: one extraction each.", len(polygons)))
        label = tr("{} separate areas of “{}”", len(polygons), layer.name())
        return _selection(SOURCE_LAYER, polygons, label, notes)
    features_km2 = None
    if len(polygons) > 1:
        notes.append(
            tr("The {} separate areas were joined by the outline enclosing them.", len(polygons))
        )
        features_km2 = _features_area(polygons)
        polygons = [merged.convexHull()]
    count = len(geometries)
    label = tr("{} feature(s) of “{}”", count, layer.name())
    selection = _selection(SOURCE_LAYER, polygons, label, notes)
    selection.features_km2 = features_km2
    return selection


# -- helpers ----------------------------------------------------------------------------
def is_polygon_layer(layer) -> bool:
    return (
        isinstance(layer, QgsVectorLayer)
        and layer.isValid()
        and layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
    )


def _layer_geometries(layer, selected_only: bool) -> List[QgsGeometry]:
    if layer is None:
        raise AoiSourceError(tr("Choose a polygon layer of the project."))
    if not is_polygon_layer(layer):
        raise AoiSourceError(
            tr(
                "“{}” is not a polygon layer. Choose a layer with polygons, draw the area on "
                "the map or use the map extent.",
                layer.name(),
            )
        )
    if selected_only:
        if layer.selectedFeatureCount() == 0:
            raise AoiSourceError(
                tr(
                    "No feature of “{}” is selected. Select features on the map, or untick "
                    "“Selected features only” to use the whole layer.",
                    layer.name(),
                )
            )
        features = layer.getSelectedFeatures()
    else:
        request = QgsFeatureRequest().setNoAttributes()
        features = layer.getFeatures(request)
    geometries = [
        QgsGeometry(feature.geometry())
        for feature in features
        if feature.hasGeometry() and not feature.geometry().isEmpty()
    ]
    if not geometries:
        raise AoiSourceError(tr("“{}” has no feature with a geometry.", layer.name()))
    return geometries


def _features_area(polygons: List[QgsGeometry]) -> Optional[float]:
    """The area (km²) of separate EPSG:4326 polygons, measured like an AOI; None if unknown."""
    try:
        from ..beod.aoi import prepare_aoi

        return sum(prepare_aoi(polygon.asWkt(), max_vertices=MAX_VERTICES).area_km2 for polygon in polygons)
    except Exception:  # noqa: BLE001 (only a hint: the outline itself is checked on its own)
        return None


def _repaired_union(geometries: List[QgsGeometry]) -> QgsGeometry:
    repaired = [geometry.makeValid() for geometry in geometries]
    return QgsGeometry.unaryUnion(repaired)


def _polygons_of(geometry: QgsGeometry) -> List[QgsGeometry]:
    """Each polygon of a (multi)polygon or collection, as its own geometry."""
    if geometry is None or geometry.isNull():
        return []
    result = []
    for part in geometry.asGeometryCollection() if geometry.isMultipart() else [geometry]:
        if part.type() == QgsWkbTypes.GeometryType.PolygonGeometry and not part.isEmpty():
            result.append(QgsGeometry(part))
    return result


def _prepare(geometry: QgsGeometry):
    try:
        from ..beod.aoi import prepare_aoi
        from ..beod.errors import AoiError
    except ImportError as exc:
        raise AoiSourceError(_missing_dependency_message(exc)) from exc
    try:
        return prepare_aoi(geometry.asWkt(), max_vertices=MAX_VERTICES)
    except AoiError as exc:
        raise AoiSourceError(tr("The area cannot be used: {}", exc)) from exc
    except ImportError as exc:
        raise AoiSourceError(_missing_dependency_message(exc)) from exc


def _missing_dependency_message(exc: Exception) -> str:
    try:
        from .dependencies import install_hint
    except ImportError:
        return tr("A Python package the plugin needs is missing: {}", exc)
    return install_hint()


def _selection(source: str, geometries: List[QgsGeometry], label: str, notes: Optional[list] = None):
    prepared = [_prepare(geometry) for geometry in geometries]
    display = QgsGeometry.collectGeometry([QgsGeometry.fromWkt(part.wkt) for part in prepared])
    return AoiSelection(source=source, parts=prepared, geometry=display, label=label, notes=list(notes or []))

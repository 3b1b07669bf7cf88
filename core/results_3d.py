"""The extraction in 3D: extruded buildings and trees standing on the extracted terrain.

Main thread only (touches layers and the project). ``apply_3d_renderers`` gives the merged
buildings and trees a 3D renderer (each feature extruded by its height, coloured by the
same height classes as the 2D style); ``scene_settings`` builds the 3D scene of a results
group (the DTM mosaic as the terrain's elevation, its colours and hillshade draped on it)
and ``camera_pose`` an oblique view framed on the area; ``save_scene`` keeps both in the
project (a print layout holding a 3D map, saved with the project, and on QGIS 3.26 and
newer the DTM as the project's terrain); ``render_scene`` draws that layout to a PNG.

The 3D API changed between QGIS versions (terrain generators became terrain settings in
3.42, altitude enums moved to ``Qgis`` in 3.26, tiled scenes came in 3.34): every use
is branched on what the running QGIS offers.
"""

from typing import Iterable, List, Optional, Sequence, Tuple

import qgis.core
from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsGraduatedSymbolRenderer,
    QgsLayerTree,
    QgsLayerTreeGroup,
    QgsLayoutExporter,
    QgsLayoutItemPage,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMapLayer,
    QgsMessageLog,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRasterLayer,
    QgsReadWriteContext,
    QgsRectangle,
    QgsUnitTypes,
    QgsVector3D,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from .i18n import tr
from .layer_kinds import BUILDING_HEIGHT_FIELD, hillshade_title
from .results_load import (
    ELEVATION_PENDING,
    GROUP_PROPERTY,
    KIND_PROPERTY,
    THREE_D_PROPERTY,
    empty_extent,
    tiled_scenes_supported,
)

try:  # QGIS built without 3D support has no qgis._3d
    from qgis import _3d as q3d
except ImportError:  # pragma: no cover - Debian's and the official builds have it
    q3d = None

LOG_TAG = "BEOD"
#: what a 3D view shows of the buildings and trees: extruded 2D layers, the server's 3D Tiles, or both
MODE_EXTRUSIONS = "extrusions"
MODE_TILES = "tiles"
MODE_BOTH = "both"
MODES = (MODE_EXTRUSIONS, MODE_TILES, MODE_BOTH)
#: the dock choice (``beod/dock/<name>``) remembering the mode
MODE_CHOICE = "view3d_mode"
#: custom property of the layer holding the terrain's elevation for 3D views
ELEVATION_PROPERTY = "beod/3d_elevation"
#: custom property of a layout: the output folder of the results it shows in 3D
LAYOUT_PROPERTY = "beod/3d_out_dir"
#: height (m) given to trees whose layer has no height attribute
DEFAULT_TREE_HEIGHT = 8.0
#: the tree colours by height class (upper bound in metres, foliage colour)
TREE_CLASSES: Tuple[Tuple[float, str], ...] = ((8.0, "#8cc56e"), (14.0, "#4f9a3f"), (1e9, "#2f6b2a"))
#: the camera looks down at this angle from the vertical (0 = straight down)
CAMERA_PITCH = 55.0
#: and from this direction (degrees clockwise from north)
CAMERA_HEADING = 20.0
#: from this distance, in widths of the area (its larger side): the whole area in view, filling it
CAMERA_DISTANCE = 1.0


def available() -> bool:
    """True when this QGIS has its 3D library (3D renderers, 3D map settings); registers
    its 3D renderers and layout items (the desktop does it at start, a script may not)."""
    if q3d is None or not hasattr(q3d, "QgsVectorLayer3DRenderer"):
        return False
    if hasattr(q3d, "Qgs3D"):
        q3d.Qgs3D.initialize()
    _register_layout_item()
    return True


_METADATA = []  # the registry keeps a pointer: the Python object must live as long


def _register_layout_item() -> None:
    """Let projects with a 3D map in a layout be read outside the desktop, which registers
    the item type itself at start (standalone scripts and tests do not)."""
    from qgis.core import QgsApplication, QgsLayoutItemAbstractMetadata, QgsLayoutItemRegistry

    registry = QgsApplication.layoutItemRegistry()
    item_type = QgsLayoutItemRegistry.Layout3DMap
    if _METADATA or item_type in registry.itemTypes():
        return

    class Metadata(QgsLayoutItemAbstractMetadata):
        def __init__(self):
            super().__init__(item_type, "3D Map")

        def createItem(self, layout):
            return q3d.QgsLayoutItem3DMap(layout)

    metadata = Metadata()
    if registry.addLayoutItemType(metadata):
        _METADATA.append(metadata)


# -- 3D renderers ------------------------------------------------------------------------------
def _enum(new_path: Sequence[str], old_path: Sequence[str]):
    """An enum value under its QGIS >= 3.26 name (``Qgis.X.Y``), else its older one."""
    for path in (new_path, old_path):
        value = qgis.core if path is new_path else q3d
        try:
            for part in path:
                value = getattr(value, part)
            return value
        except AttributeError:
            continue
    return None


def _extrusion_property():
    symbol_class = getattr(qgis.core, "QgsAbstract3DSymbol", None) or q3d.QgsAbstract3DSymbol
    if hasattr(symbol_class, "PropertyExtrusionHeight"):
        return symbol_class.PropertyExtrusionHeight
    return symbol_class.Property.ExtrusionHeight


def _polygon_symbol(colour: QColor, height_field: Optional[str], fixed_height: float, edges: bool):
    """A polygon extruded by ``height_field`` (or ``fixed_height``), standing on the terrain."""
    symbol = q3d.QgsPolygon3DSymbol()
    symbol.setExtrusionHeight(fixed_height)
    if height_field:
        properties = symbol.dataDefinedProperties()
        properties.setProperty(_extrusion_property(), QgsProperty.fromField(height_field))
        symbol.setDataDefinedProperties(properties)
    clamping = _enum(("Qgis", "AltitudeClamping", "Relative"), ("Qgs3DTypes", "AltClampRelative"))
    binding = _enum(("Qgis", "AltitudeBinding", "Centroid"), ("Qgs3DTypes", "AltBindCentroid"))
    if clamping is not None:
        symbol.setAltitudeClamping(clamping)
    if binding is not None:
        symbol.setAltitudeBinding(binding)  # flat roofs, even on a slope
    material = q3d.QgsPhongMaterialSettings()
    material.setDiffuse(colour)
    material.setAmbient(colour.darker(170))
    material.setSpecular(QColor(40, 40, 40))
    material.setShininess(0.0)
    if hasattr(symbol, "setMaterialSettings"):  # QGIS >= 3.30 (setMaterial went in 3.36)
        symbol.setMaterialSettings(material)
    else:
        symbol.setMaterial(material)
    if edges and hasattr(symbol, "setEdgesEnabled"):
        symbol.setEdgesEnabled(True)
        symbol.setEdgeColor(colour.darker(220))
        symbol.setEdgeWidth(1.0)
    return symbol


def symbol_material(symbol):
    """The material of a 3D symbol, under its name of this QGIS."""
    return symbol.materialSettings() if hasattr(symbol, "materialSettings") else symbol.material()


def _rule(symbol, expression: str, label: str):
    return q3d.QgsRuleBased3DRenderer.Rule(symbol, expression, label)


def height_classes(layer: QgsVectorLayer) -> List[Tuple[float, float, QColor, str]]:
    """(lower, upper, colour, label) of the height classes of the layer's 2D style."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsGraduatedSymbolRenderer):
        return []
    classes = []
    for item in renderer.ranges():
        symbol = item.symbol()
        colour = QColor(symbol.color()) if symbol is not None else QColor("#d6604d")
        classes.append((item.lowerValue(), item.upperValue(), colour, item.label()))
    return classes


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _has_field(layer: QgsVectorLayer, name: str) -> bool:
    return layer.fields().indexFromName(name) >= 0


def building_renderer(layer: QgsVectorLayer):
    """Walls and roofs extruded by the height attribute, one colour per 2D height class."""
    field = BUILDING_HEIGHT_FIELD if _has_field(layer, BUILDING_HEIGHT_FIELD) else None
    root = _rule(None, "", "")
    classes = height_classes(layer) if field else []
    if not classes:
        root.appendChild(_rule(_polygon_symbol(QColor("#e0b49a"), field, 10.0, True), "", tr("Buildings")))
    for index, (low, high, colour, label) in enumerate(classes):
        upper = "<=" if index == len(classes) - 1 else "<"
        expression = f"{_quoted(field)} >= {low!r} AND {_quoted(field)} {upper} {high!r}"
        root.appendChild(_rule(_polygon_symbol(colour, field, 10.0, True), expression, label))
    return q3d.QgsRuleBased3DRenderer(root)


def tree_renderer(layer: QgsVectorLayer):
    """Each tree crown raised to the tree's height, darker green for taller trees."""
    field = BUILDING_HEIGHT_FIELD if _has_field(layer, BUILDING_HEIGHT_FIELD) else None
    root = _rule(None, "", "")
    if field is None:
        root.appendChild(_rule(_polygon_symbol(QColor(TREE_CLASSES[1][1]), None, DEFAULT_TREE_HEIGHT, False),
                               "", tr("Trees")))
        return q3d.QgsRuleBased3DRenderer(root)
    low = None
    for high, colour in TREE_CLASSES:
        parts = ([f"{_quoted(field)} >= {low!r}"] if low is not None else []) + \
                ([f"{_quoted(field)} < {high!r}"] if high < 1e9 else [])
        expression = " AND ".join(parts) if parts else ""
        label = tr("up to {} m", f"{high:g}") if high < 1e9 else tr("over {} m", f"{low:g}")
        symbol = _polygon_symbol(QColor(colour), field, DEFAULT_TREE_HEIGHT, False)
        root.appendChild(_rule(symbol, expression, label))
        low = high
    # a tree without a height still shows, at the default height
    root.appendChild(_rule(_polygon_symbol(QColor(TREE_CLASSES[1][1]), None, DEFAULT_TREE_HEIGHT, False),
                           f"{_quoted(field)} IS NULL", tr("height unknown")))
    return q3d.QgsRuleBased3DRenderer(root)


def apply_3d_renderers(layers: Iterable[QgsMapLayer]) -> List[QgsMapLayer]:
    """Give the building and tree layers among ``layers`` their 3D renderer (saved with the
    layer in the project). Returns the layers that got one."""
    if not available():
        return []
    done = []
    for layer in layers:
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        kind = layer.customProperty(KIND_PROPERTY)
        if kind == "building":
            layer.setRenderer3D(building_renderer(layer))
        elif kind == "tree":
            layer.setRenderer3D(tree_renderer(layer))
        else:
            continue
        done.append(layer)
    return done


# -- the scene -----------------------------------------------------------------------------------
def group_layers(group: QgsLayerTreeGroup) -> List[QgsMapLayer]:
    return [node.layer() for node in group.findLayers() if node.layer() is not None]


def _groups(parent) -> List[QgsLayerTreeGroup]:
    found = []
    for node in parent.children():
        if QgsLayerTree.isGroup(node):
            found.append(node)
            found.extend(_groups(node))
    return found


def find_group(project: QgsProject, out_dir: Optional[str] = None,
               name: Optional[str] = None) -> Optional[QgsLayerTreeGroup]:
    """The results group loaded from ``out_dir`` (or, failing that, named ``name``)."""
    import os

    wanted = os.path.normcase(os.path.abspath(out_dir)) if out_dir else None
    by_name = None
    for node in _groups(project.layerTreeRoot()):
        folder = node.customProperty(GROUP_PROPERTY)
        if wanted and folder and os.path.normcase(os.path.abspath(str(folder))) == wanted:
            return node
        if name and node.name() == name and by_name is None:
            by_name = node
    return by_name


def _by_kind(layers: Iterable[QgsMapLayer], kind: str, three_d: bool = False) -> List[QgsMapLayer]:
    return [layer for layer in layers if layer.customProperty(KIND_PROPERTY) == kind
            and bool(layer.customProperty(THREE_D_PROPERTY)) == three_d]


def terrain_layer(layers: Iterable[QgsMapLayer]) -> Optional[QgsRasterLayer]:
    """The DTM mosaic among ``layers`` (its coloured layer, not the hillshade)."""
    for layer in _by_kind(list(layers), "dtm"):
        if isinstance(layer, QgsRasterLayer) and layer.name() != hillshade_title() \
                and not layer.customProperty(ELEVATION_PROPERTY):
            return layer
    return None


def elevation_layer(layers: Iterable[QgsMapLayer]) -> Optional[QgsRasterLayer]:
    """The terrain's elevation for 3D views: the DTM without holes (see ``add_elevation_layer``)."""
    layers = list(layers)
    found = [layer for layer in layers if layer.customProperty(ELEVATION_PROPERTY)]
    return found[0] if found else terrain_layer(layers)


def _elevation_vrt(dtm: QgsRasterLayer, low: float) -> Optional[str]:
    """A VRT beside the DTM mosaic where its no-data pixels (outside the area) are at the
    lowest ground height instead: a DEM terrain would drop there into deep walls."""
    import os
    from html import escape

    source = dtm.source()
    if not os.path.isfile(source):
        return None
    path = os.path.splitext(source)[0] + "_3d.vrt"
    provider = dtm.dataProvider()
    width, height = provider.xSize(), provider.ySize()
    nodata = provider.sourceNoDataValue(1) if provider.sourceHasNoDataValue(1) else None
    name = escape(os.path.basename(source))
    rect = f'<SrcRect xOff="0" yOff="0" xSize="{width}" ySize="{height}"/>' \
           f'<DstRect xOff="0" yOff="0" xSize="{width}" ySize="{height}"/>'
    band = f'<SourceFilename relativeToVRT="1">{name}</SourceFilename><SourceBand>1</SourceBand>{rect}'
    fill = f'<ComplexSource>{band}<ScaleOffset>{low!r}</ScaleOffset><ScaleRatio>0</ScaleRatio>' \
        '</ComplexSource>'
    data = f'<ComplexSource>{band}' + (f'<NODATA>{nodata!r}</NODATA>' if nodata is not None else '') + \
        '</ComplexSource>'
    extent = dtm.extent()
    geotransform = f"{extent.xMinimum()!r}, {dtm.rasterUnitsPerPixelX()!r}, 0, {extent.yMaximum()!r}, 0, " \
                   f"{-dtm.rasterUnitsPerPixelY()!r}"
    text = (f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}">'
            f'<SRS>{escape(dtm.crs().toWkt())}</SRS><GeoTransform>{geotransform}</GeoTransform>'
            f'<VRTRasterBand dataType="Float32" band="1">{fill}{data}</VRTRasterBand></VRTDataset>')
    try:
        with open(path, "w", encoding="utf-8") as handle:  # a few hundred bytes
            handle.write(text)
    except OSError:
        return None
    return path


def make_elevation_layer(layers: Sequence[QgsMapLayer]) -> Optional[QgsRasterLayer]:
    """The DTM without holes as a layer added nowhere yet (see :func:`add_elevation_layer`);
    None when the results have no DTM. Safe on a worker thread, like ``prepare_layers``:
    opening it reads the whole mosaic's VRT, too long for the main thread with many tiles."""
    dtm = terrain_layer(layers)
    if dtm is None:
        return None
    low, _ = _terrain_heights(dtm)
    path = _elevation_vrt(dtm, low)
    if path is None:
        return None
    layer = QgsRasterLayer(path, tr("Terrain (3D elevation)"), "gdal")
    if not layer.isValid():
        return None
    layer.setCustomProperty(KIND_PROPERTY, "dtm")
    return layer


def add_elevation_layer(project: QgsProject, group: QgsLayerTreeGroup, layers: Sequence[QgsMapLayer],
                        prepared: Optional[QgsRasterLayer] = None) -> Optional[QgsRasterLayer]:
    """The DTM without holes, added to the project outside the layer tree (it is only the
    3D views' elevation; the map shows the DTM itself), replacing the one of an earlier load
    of the same results. ``prepared``: the layer :func:`make_elevation_layer` made on a
    worker thread (else it is made here). None when the results have no DTM."""
    layer = prepared if prepared is not None else make_elevation_layer(layers)
    if layer is None:
        return None
    layer.removeCustomProperty(ELEVATION_PENDING)
    path = layer.source()
    project.removeMapLayers([other.id() for other in project.mapLayers().values()
                             if other.customProperty(ELEVATION_PROPERTY) and other.source() == path])
    layer.setCustomProperty(ELEVATION_PROPERTY, group.customProperty(GROUP_PROPERTY) or True)
    project.addMapLayer(layer, False)
    return layer


def results_layers(project: QgsProject, group: QgsLayerTreeGroup) -> List[QgsMapLayer]:
    """The layers of a results group, with its 3D elevation layer (kept outside the tree)."""
    layers = group_layers(group)
    out_dir = group.customProperty(GROUP_PROPERTY)
    layers += [layer for layer in project.mapLayers().values()
               if out_dir and layer.customProperty(ELEVATION_PROPERTY) == out_dir]
    return layers


def scene_layers(layers: Sequence[QgsMapLayer], mode: str = MODE_EXTRUSIONS) -> List[QgsMapLayer]:
    """The layers of a 3D view of results: draped 2D layers (terrain colours, hillshade,
    roads) and, as ``mode`` says, the extruded buildings and trees and/or the 3D Tiles."""
    layers = [layer for layer in layers if layer is not None and layer.isValid()]
    wanted: List[QgsMapLayer] = []
    if mode in (MODE_EXTRUSIONS, MODE_BOTH) or not tiled_scenes_supported():
        wanted += _by_kind(layers, "building") + _by_kind(layers, "tree")
    if mode in (MODE_TILES, MODE_BOTH) and tiled_scenes_supported():
        wanted += [layer for layer in layers if layer.customProperty(THREE_D_PROPERTY)]
    wanted += _by_kind(layers, "road")
    wanted += [layer for layer in _by_kind(layers, "dtm") if not layer.customProperty(ELEVATION_PROPERTY)]
    return wanted


def scene_extent(layers: Sequence[QgsMapLayer], crs, project: QgsProject) -> QgsRectangle:
    """The extent of ``layers`` in ``crs``, framed on the 2D layers where there are any: the
    bounding volumes of 3D Tiles are loose and would put the camera far away."""
    flat = [layer for layer in layers if not layer.customProperty(THREE_D_PROPERTY)]
    extent = empty_extent()
    for layer in flat or layers:
        if layer.extent().isEmpty():
            continue
        layer_extent = layer.extent()
        if layer.crs() != crs:
            try:
                transform = QgsCoordinateTransform(layer.crs(), crs, project)
                layer_extent = transform.transformBoundingBox(layer_extent)
            except qgis.core.QgsCsException:
                continue
        extent.combineExtentWith(layer_extent)
    return extent if not extent.isEmpty() else QgsRectangle()


def _band_statistics(dtm: QgsRasterLayer, extent: QgsRectangle):
    """All the statistics of the DTM's band over ``extent`` (empty: all of it), from a sample.
    The statistics are left to their default (all): an explicit flag picks the overload that
    QGIS >= 3.40 deprecates, whatever its type."""
    return dtm.dataProvider().bandStatistics(1, extent=extent, sampleSize=2000)


def _terrain_heights(dtm: Optional[QgsRasterLayer]) -> Tuple[float, float]:
    """The lowest and highest ground: the terrain style is stretched over them when loaded."""
    if dtm is None or dtm.dataProvider() is None:
        return 0.0, 0.0
    renderer = dtm.renderer()
    if hasattr(renderer, "classificationMin") and renderer.classificationMax() > renderer.classificationMin():
        return float(renderer.classificationMin()), float(renderer.classificationMax())
    stats = _band_statistics(dtm, QgsRectangle())
    return float(stats.minimumValue), float(stats.maximumValue)


def _ground_height(dtm: Optional[QgsRasterLayer], extent: QgsRectangle, crs, project: QgsProject) -> float:
    """The mean height of the ground over ``extent`` (in ``crs``): where the camera looks."""
    low, high = _terrain_heights(dtm)
    if dtm is None or dtm.dataProvider() is None or extent.isEmpty():
        return (low + high) / 2.0
    area = extent
    if dtm.crs() != crs:
        try:
            area = QgsCoordinateTransform(crs, dtm.crs(), project).transformBoundingBox(extent)
        except qgis.core.QgsCsException:
            return (low + high) / 2.0
    stats = _band_statistics(dtm, area)
    mean = float(stats.mean)
    return mean if low <= mean <= high or high <= low else (low + high) / 2.0


def _crs_xml(crs) -> str:
    document = QDomDocument()
    element = document.createElement("crs")
    crs.writeXml(element, document)
    document.appendChild(element)
    return document.toString()


def _settings_xml(crs, origin, dtm, layers) -> str:
    """The XML of a scene as ``Qgs3DMapSettings.readXml`` reads it (QGIS 3.22 has no Python
    binding for terrain generators: the DEM terrain can only be set this way there)."""
    layer_xml = "".join(f'<layer id="{layer.id()}"/>' for layer in layers)
    if dtm is not None:
        generator = f'<generator type="dem" layer="{dtm.id()}" resolution="32" skirt-height="1"/>'
    else:
        generator = '<generator type="flat"/>'
    return (f'<qgis3d><origin x="{origin.x()!r}" y="{origin.y()!r}" z="0"/>'
            f'<camera field-of-view="45" projection-type="1"'
            f' camera-navigation-mode="terrain-based-navigation"/>'
            f'<color background="176,204,230,255" selection="255,255,0,255"/>'
            f'{_crs_xml(crs)}'
            f'<terrain terrain-rendering-enabled="1" exaggeration="1" texture-size="1024"'
            f' max-terrain-error="2"'
            f' max-ground-error="1" shading-enabled="0" show-labels="0" elevation-offset="0">'
            f'<layers>{layer_xml}</layers>{generator}</terrain>'
            f'<point-lights><point-light x="0" y="2000" z="0" color="255,255,255,255" intensity="0.6"'
            f' attenuation-0="1" attenuation-1="0" attenuation-2="0"/></point-lights>'
            f'<directional-lights><directional-light x="-0.4" y="-1" z="-0.6" color="255,255,255,255"'
            f' intensity="0.9"/></directional-lights></qgis3d>')


def set_dem_terrain(settings, dtm: QgsRasterLayer) -> None:
    """On QGIS with Python terrain classes, set the DEM terrain through them as well."""
    if hasattr(q3d, "QgsDemTerrainSettings") and hasattr(settings, "setTerrainSettings"):
        terrain = q3d.QgsDemTerrainSettings()  # QGIS >= 3.42
        terrain.setLayer(dtm)
        terrain.setResolution(32)
        terrain.setSkirtHeight(1.0)
        settings.setTerrainSettings(terrain)
    elif hasattr(q3d, "QgsDemTerrainGenerator") and hasattr(settings, "setTerrainGenerator"):
        generator = q3d.QgsDemTerrainGenerator()  # QGIS 3.26 .. 3.40 bindings
        generator.setCrs(settings.crs(), settings.transformContext())
        generator.setLayer(dtm)
        generator.setResolution(32)
        generator.setSkirtHeight(1.0)
        settings.setTerrainGenerator(generator)


def scene_settings(layers: Sequence[QgsMapLayer], project: Optional[QgsProject] = None,
                   mode: str = MODE_EXTRUSIONS, crs=None):
    """The 3D scene of a results group: ``Qgs3DMapSettings`` in a projected CRS, the DTM
    as the terrain's elevation with its colours, hillshade and the roads draped on it, the
    buildings and trees (or their 3D Tiles, per ``mode``) standing on it."""
    project = project or QgsProject.instance()
    shown = scene_layers(layers, mode)
    dtm = elevation_layer(layers)
    if crs is None:
        crs = project.crs()
    if not crs.isValid() or crs.isGeographic():
        # a 3D scene needs metres: the results' own CRS (EPSG:3857 by default)
        projected = [layer.crs() for layer in shown
                     if layer.crs().isValid() and not layer.crs().isGeographic()]
        crs = projected[0] if projected else qgis.core.QgsCoordinateReferenceSystem("EPSG:3857")
    extent = scene_extent(shown, crs, project)
    origin = extent.center()
    document = QDomDocument()
    document.setContent(_settings_xml(crs, origin, dtm, shown))
    settings = q3d.Qgs3DMapSettings()
    settings.setTransformContext(project.transformContext())
    settings.setPathResolver(project.pathResolver())
    settings.readXml(document.documentElement(), QgsReadWriteContext())
    settings.resolveReferences(project)
    settings.setLayers(shown)
    settings.setCrs(crs)
    if hasattr(settings, "setExtent") and not extent.isEmpty():
        # QGIS >= 3.30 keeps the scene's extent (it bounds the terrain and, from 3.44, places the
        # scene's origin): the results' own, not one QGIS derives from the project's layers
        settings.setExtent(extent)
        if hasattr(settings, "setOrigin"):
            settings.setOrigin(QgsVector3D(origin.x(), origin.y(), 0.0))
    if dtm is not None:
        set_dem_terrain(settings, dtm)
    return settings


def camera_pose(settings, layers: Sequence[QgsMapLayer], project: Optional[QgsProject] = None,
                pitch: float = CAMERA_PITCH, heading: float = CAMERA_HEADING):
    """An oblique view of the scene's area: its centre, from far enough to see all of it."""
    project = project or QgsProject.instance()
    # framed on the area itself (the vector results are clipped to it; the rasters cover
    # whole tiles around it), at the mean height of the ground there
    area = [layer for layer in scene_layers(layers, MODE_BOTH) if isinstance(layer, QgsVectorLayer)]
    extent = scene_extent(area or scene_layers(layers, MODE_BOTH), settings.crs(), project)
    centre = QgsVector3D(extent.center().x(), extent.center().y(),
                         _ground_height(terrain_layer(layers), extent, settings.crs(), project))
    if hasattr(settings, "mapToWorldCoordinates"):
        world = settings.mapToWorldCoordinates(centre)
    else:  # pragma: no cover - newer QGIS: world coordinates are map coordinates minus origin
        origin = settings.origin()
        world = QgsVector3D(centre.x() - origin.x(), centre.y() - origin.y(), centre.z() - origin.z())
    pose = q3d.QgsCameraPose()
    pose.setCenterPoint(world)
    pose.setDistanceFromCenterPoint(max(extent.width(), extent.height(), 100.0) * CAMERA_DISTANCE)
    pose.setPitchAngle(pitch)
    pose.setHeadingAngle(heading)
    return pose


# -- kept with the project --------------------------------------------------------------------
_primed = []


def prime() -> None:
    """Get QGIS's 3D and layout machinery ready ahead of the results' load (main thread, once
    per session): QGIS sets it up on the first layout item made, 10 to 40 ms, which would
    otherwise add to the load's own time in ``finished()`` and freeze the map that much longer.
    Called while the download runs, when the main thread has nothing else to do."""
    if _primed or not available():
        return
    _primed.append(True)
    layout = QgsPrintLayout(QgsProject.instance())
    QgsLayoutItemPage(layout)  # an item, never added: both go with this function's scope


def layout_name(group_name: str) -> str:
    return tr("{} (3D)", group_name)


def _scene_layout(project: QgsProject, settings, pose, name: str, size_mm=(297.0, 198.0)):
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(size_mm[0], size_mm[1], mm))
    item = q3d.QgsLayoutItem3DMap(layout)
    item.attemptMove(QgsLayoutPoint(0, 0, mm))
    item.attemptResize(QgsLayoutSize(size_mm[0], size_mm[1], mm))
    item.setBackgroundColor(settings.backgroundColor())
    item.setBackgroundEnabled(True)
    item.setMapSettings(settings)  # the item takes ownership
    item.setCameraPose(pose)
    layout.addLayoutItem(item)
    return layout


def save_scene(project: QgsProject, group: QgsLayerTreeGroup, layers: Sequence[QgsMapLayer],
               mode: str = MODE_EXTRUSIONS):
    """Keep the 3D scene of ``group`` in the project: a print layout named "<group> (3D)"
    holding a 3D map of it (replaced when the results are loaded again), and on QGIS 3.26
    and newer the DTM as the project's terrain (used by new 3D views). Returns the layout."""
    if not available():
        return None
    manager = project.layoutManager()
    name = layout_name(group.name())
    out_dir = group.customProperty(GROUP_PROPERTY)
    for old in list(manager.printLayouts()):
        if old.name() == name or (out_dir and old.customProperty(LAYOUT_PROPERTY) == out_dir):
            manager.removeLayout(old)
    settings = scene_settings(layers, project, mode)
    layout = _scene_layout(project, settings, camera_pose(settings, layers, project), name)
    layout.setCustomProperty(LAYOUT_PROPERTY, group.customProperty(GROUP_PROPERTY) or "")
    if not manager.addLayout(layout):
        return None
    dtm = elevation_layer(layers)
    elevation = getattr(project, "elevationProperties", None)
    if dtm is not None and elevation is not None and hasattr(qgis.core, "QgsRasterDemTerrainProvider"):
        provider = qgis.core.QgsRasterDemTerrainProvider()
        provider.setLayer(dtm)
        project.elevationProperties().setTerrainProvider(provider)
    return layout


def scene_layout(project: QgsProject, group_name: str):
    """The layout ``save_scene`` kept for ``group_name``, or None."""
    return project.layoutManager().layoutByName(layout_name(group_name))


def render_scene(layout, path: str, size: Tuple[int, int] = (1600, 1000)) -> bool:
    """Draw the 3D map of ``layout`` (from ``save_scene``) to the image ``path``.

    Needs an OpenGL context, as in the QGIS desktop (a headless ``offscreen`` Qt has none)."""
    width, height = int(size[0]), int(size[1])
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    page_height = 198.0
    page_width = page_height * width / height  # the image size is used only at the page's aspect ratio
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(page_width, page_height, mm))
    for item in layout.items():
        if isinstance(item, q3d.QgsLayoutItem3DMap):
            item.attemptResize(QgsLayoutSize(page_width, page_height, mm))
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.imageSize = QSize(width, height)
    result = QgsLayoutExporter(layout).exportToImage(str(path), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        QgsMessageLog.logMessage(tr("The 3D view could not be drawn to {} (error {}).", path, int(result)),
                                 LOG_TAG, Qgis.MessageLevel.Warning)
        return False
    return True


def remembered_mode() -> str:
    """The user's last choice of what 3D views show (extrusions unless 3D Tiles can show)."""
    from .settings import Settings

    mode = Settings().dock_choice(MODE_CHOICE, MODE_EXTRUSIONS)
    return mode if mode in MODES else MODE_EXTRUSIONS


def remember_mode(mode: str) -> None:
    from .settings import Settings

    if mode in MODES:
        Settings().set_dock_choice(MODE_CHOICE, mode)


def prepare_results_3d(project: QgsProject, group: QgsLayerTreeGroup, layers: Sequence[QgsMapLayer],
                       notes: Optional[List[str]] = None, mode: Optional[str] = None,
                       elevation: Optional[QgsRasterLayer] = None) -> bool:
    """What ``load_results`` does for 3D: renderers on the buildings and trees, the scene
    kept with the project (``elevation``: the terrain's layer made by ``prepare_layers``).
    A failure becomes a note; the 2D results stay loaded."""
    if not available():
        return False
    try:
        apply_3d_renderers(layers)
        elevation = add_elevation_layer(project, group, layers, elevation)
        layers = list(layers) + ([elevation] if elevation is not None and elevation not in layers else [])
        return save_scene(project, group, layers, mode or remembered_mode()) is not None
    except (AttributeError, TypeError, RuntimeError) as error:  # an API this QGIS lacks
        text = tr("The 3D view of the results could not be prepared: {}", error)
        if notes is not None and text not in notes:
            notes.append(text)
        QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)
        return False


__all__ = ["MODES", "MODE_BOTH", "MODE_CHOICE", "MODE_EXTRUSIONS", "MODE_TILES", "apply_3d_renderers",
           "available", "building_renderer", "camera_pose", "find_group", "group_layers", "height_classes",
           "prepare_results_3d", "remember_mode", "remembered_mode", "render_scene", "save_scene",
           "scene_layers", "scene_layout", "scene_settings", "terrain_layer", "tree_renderer",
           "results_layers", "elevation_layer", "add_elevation_layer", "make_elevation_layer"]

"""Put merged results in the map: one styled layer per kind in a group named after the job.

Main thread only (creates layers and touches the layer tree). The heavy work was done by
``merge_outputs`` in a task; here files are only opened and styled.
"""

import os
import time
from typing import List, Optional

import qgis.core
from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGraduatedSymbolRenderer,
    QgsHillshadeRenderer,
    QgsLayerTree,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsMapLayerLegendUtils,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSimpleLegendNode,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QPainter

from .i18n import tr
from .layer_kinds import (
    CLUTTER_CLASSES,
    LayerKind,
    clutter_class_title,
    hillshade_title,
    kind_for,
    three_d_title,
)
from .results_model import MergedLayer, MergedResults, MergedTileset

LOG_TAG = "BEOD"
#: custom layer property naming the output kind, so other code can find the layers
KIND_PROPERTY = "beod/kind"
#: custom layer property marking a 3D Tiles layer (added unchecked: it is meant for 3D views)
THREE_D_PROPERTY = "beod/3d"
#: custom layer property of the 3D views' terrain made by ``prepare_layers``: ``add_layers``
#: puts it in the project outside the layer tree
ELEVATION_PENDING = "beod/3d_elevation_pending"
#: custom property of a layer tree group: the output folder it was loaded from
GROUP_PROPERTY = "beod/out_dir"


def tiled_scenes_supported() -> bool:
    """True when this QGIS can show 3D Tiles (it has tiled-scene layers: QGIS 3.34 and newer)."""
    return hasattr(qgis.core, "QgsTiledSceneLayer")


def _note(merged: MergedResults, text: str) -> None:
    """Keep a note for the caller, which shows and logs the notes once."""
    if text not in merged.notes:
        merged.notes.append(text)


def _apply_style(layer: QgsMapLayer, path, merged: MergedResults) -> bool:
    if path is None or not path.is_file():
        return False
    message, ok = layer.loadNamedStyle(str(path))
    if not ok:
        _note(merged, tr("The style {} could not be applied to {}: {}", path.name, layer.name(), message))
    return bool(ok)


def _stretch(layer: QgsRasterLayer, value_range) -> None:
    """Spread the style's colour stops over the values the mosaic really holds."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsSingleBandPseudoColorRenderer) or not value_range:
        return
    low, high = value_range
    if not high > low:
        return
    shader_function = renderer.shader().rasterShaderFunction()
    if not isinstance(shader_function, QgsColorRampShader):
        return
    items = shader_function.colorRampItemList()
    if len(items) < 2:
        return
    old_low, old_high = items[0].value, items[-1].value
    span = (old_high - old_low) or 1.0
    stretched = []
    for item in items:
        value = low + (item.value - old_low) / span * (high - low)
        stretched.append(QgsColorRampShader.ColorRampItem(value, item.color, tr("{} m", f"{value:.0f}")))
    shader_function.setColorRampItemList(stretched)
    shader_function.setMinimumValue(low)
    shader_function.setMaximumValue(high)
    renderer.setClassificationMin(low)
    renderer.setClassificationMax(high)


def _translate_clutter_legend(layer: QgsRasterLayer) -> None:
    renderer = layer.renderer()
    if isinstance(renderer, QgsPalettedRasterRenderer):
        for item in CLUTTER_CLASSES:
            renderer.setLabel(item.code, clutter_class_title(item.code))


def _translate_vector_legend(layer: QgsMapLayer) -> None:
    """The legend labels of the ``.qml`` (``up to 6 m``...) in the user's language; the
    translation tools take them from the style files."""
    renderer = layer.renderer() if isinstance(layer, QgsVectorLayer) else None
    if isinstance(renderer, QgsGraduatedSymbolRenderer):
        for index, item in enumerate(renderer.ranges()):
            renderer.updateRangeLabel(index, tr(item.label()))
    elif isinstance(renderer, QgsCategorizedSymbolRenderer):
        for index, item in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(index, tr(item.label()))


def apply_kind_style(layer: QgsMapLayer, kind_name: str, value_range=None,
                     notes: Optional[List[str]] = None) -> bool:
    """Style ``layer`` as the output kind ``kind_name`` (its ``.qml``, translated clutter
    legend, terrain colours stretched over ``value_range``). False when it has no style."""
    kind = kind_for(kind_name)
    holder = MergedResults("", notes=notes if notes is not None else [])
    if kind is None or not _apply_style(layer, kind.style_path, holder):
        return False
    layer.setCustomProperty(KIND_PROPERTY, kind.name)
    if kind.name == "clutter":
        _translate_clutter_legend(layer)
    _translate_vector_legend(layer)
    if kind.is_raster and kind.stretch_to_data:
        _stretch(layer, value_range)
    layer.triggerRepaint()
    return True


def _open_layer(item: MergedLayer, kind: LayerKind) -> QgsMapLayer:
    if item.is_raster:
        return QgsRasterLayer(item.path, kind.title, "gdal")
    return QgsVectorLayer(f"{item.path}|layername={item.layer_name}", kind.title, "ogr")


def _layers_for(item: MergedLayer, merged: MergedResults) -> List[QgsMapLayer]:
    """The map layers of one merged kind, top first (the DTM adds its hillshade below)."""
    kind = kind_for(item.kind)
    if kind is None:
        return []
    layer = _open_layer(item, kind)
    if not layer.isValid():
        _note(merged, tr("{} could not be opened from {}.", kind.title, item.path))
        return []
    apply_kind_style(layer, kind.name, item.value_range, merged.notes)
    layers = [layer]
    if kind.hillshade_style:
        shade = QgsRasterLayer(item.path, hillshade_title(), "gdal")
        if shade.isValid() and _apply_style(shade, kind.hillshade_style_path, merged):
            shade.setCustomProperty(KIND_PROPERTY, kind.name)
            if shade.crs().isGeographic() and isinstance(shade.renderer(), QgsHillshadeRenderer):
                # heights in metres over a grid in degrees: about 111 km per degree
                shade.renderer().setZFactor(shade.renderer().zFactor() / 111320.0)
            # the colours are multiplied onto the relief drawn under them
            layer.setBlendMode(QPainter.CompositionMode.CompositionMode_Multiply)
            layers.append(shade)
    return layers


def _fetch_tile_tilesets(layer: QgsMapLayer) -> None:
    """Read now the tile tilesets a merged root references (local files, one per result tile).

    QGIS fetches external tilesets lazily, when a render first reaches them: a one-shot render
    (a layout export, a print) would otherwise draw none of the 3D content.
    """
    index = layer.dataProvider().index()
    root = index.rootTile().id()
    for tile_id in [root] + list(index.childTileIds(root)):
        if index.childAvailability(tile_id) == Qgis.TileChildrenAvailability.NeedFetching:
            index.fetchHierarchy(tile_id)


def _tiled_scene_layer(tileset: MergedTileset) -> Optional[QgsMapLayer]:
    layer = qgis.core.QgsTiledSceneLayer(tileset.path, three_d_title(tileset.kind), "cesiumtiles")
    if not layer.isValid():
        return None
    _fetch_tile_tilesets(layer)
    layer.setCustomProperty(KIND_PROPERTY, tileset.kind)
    layer.setCustomProperty(THREE_D_PROPERTY, True)
    return layer


def _relative(path: str, root: str) -> str:
    try:
        return os.path.relpath(path, root) if root else os.path.basename(path)
    except ValueError:  # another drive
        return path


def _same_folder(a, b) -> bool:
    if not a or not b:
        return False
    return os.path.normcase(os.path.abspath(str(a))) == os.path.normcase(os.path.abspath(str(b)))


def _replace_group(project: QgsProject, group_name: str, out_dir: str = ""):
    """The group of the run in ``out_dir``: loading the same folder again replaces its group
    (in place); another run never replaces it. A name already taken by another run's group
    gets the time of this one, so two runs of one name can be told apart."""
    root = project.layerTreeRoot()
    position = 0
    taken = set()
    for index, node in enumerate(root.children()):
        if not QgsLayerTree.isGroup(node):
            continue
        if _same_folder(node.customProperty(GROUP_PROPERTY), out_dir):
            position = index
            project.removeMapLayers(node.findLayerIds())
            root.removeChildNode(node)
            break
        taken.add(node.name())
    taken.update(node.name() for node in root.children()[position:] if QgsLayerTree.isGroup(node))
    return root.insertGroup(position, _free_name(group_name, taken))


def _free_name(name: str, taken) -> str:
    if name not in taken:
        return name
    for stamp in (time.strftime("%H:%M"), time.strftime("%H:%M:%S"), time.strftime("%Y-%m-%d %H:%M:%S")):
        candidate = tr("{} ({})", name, stamp)
        if candidate not in taken:
            return candidate
    number = 2
    while tr("{} (run {})", name, number) in taken:
        number += 1
    return tr("{} (run {})", name, number)


def _hide_band_name(node, layer: QgsMapLayer) -> None:
    """Keep a raster's classes or colour ramp in the legend, without the "Band 1 (Gray)"
    line QGIS puts first, which means nothing to a reader of this map (the choice is a
    layer-tree property, so it is saved with the project)."""
    legend = layer.legend() if isinstance(layer, QgsRasterLayer) else None
    if legend is None:
        return
    nodes = legend.createLayerTreeModelLegendNodes(node)
    keep = [index for index, item in enumerate(nodes) if not isinstance(item, QgsSimpleLegendNode)]
    if keep and len(keep) < len(nodes):
        QgsMapLayerLegendUtils.setLegendNodeOrder(node, keep)


def prepare_layers(merged: MergedResults) -> List[QgsMapLayer]:
    """Open and style the layers of ``merged``, top first, without adding them anywhere.

    Safe on a worker thread (opening a large mosaic reads it to set up its renderer): move
    the layers to the main thread (``layer.moveToThread``) before :func:`add_layers`.
    Layers that cannot be opened become notes in ``merged.notes``. With the results' DTM
    comes, last, the 3D views' terrain (marked ``ELEVATION_PENDING``), which ``add_layers``
    keeps out of the layer tree.
    """
    ordered = sorted(merged.layers, key=lambda item: kind_for(item.kind).order if kind_for(item.kind) else 99)
    layers: List[QgsMapLayer] = []
    for item in ordered:
        layers.extend(_layers_for(item, merged))
    if merged.tilesets:
        if tiled_scenes_supported():
            three_d = []
            for tileset in merged.tilesets:
                layer = _tiled_scene_layer(tileset)
                if layer is None:
                    _note(merged, tr("The 3D Tiles in {} could not be opened.", tileset.path))
                else:
                    three_d.append(layer)
            layers[:0] = three_d  # on top, in the order of their kinds
        else:
            _note(merged, tr("3D Tiles were saved but not added to the map: QGIS {} cannot display them "
                             "(QGIS 3.34 or newer can). They are in the run's folder: {}.",
                             Qgis.QGIS_VERSION.split("-")[0],
                             ", ".join(_relative(item.path, merged.out_dir) for item in merged.tilesets)))
    from .results_3d import make_elevation_layer, q3d  # imports this module

    if q3d is not None:  # the 3D views' terrain, opened here rather than on the main thread
        elevation = make_elevation_layer(layers)
        if elevation is not None:
            elevation.setCustomProperty(ELEVATION_PENDING, True)
            layers.append(elevation)
    return layers


def empty_extent() -> QgsRectangle:
    """A rectangle that any extent combined with it replaces (``setNull`` from QGIS 3.34,
    where ``setMinimal`` is deprecated)."""
    extent = QgsRectangle()
    if hasattr(extent, "setNull"):
        extent.setNull()
    else:
        extent.setMinimal()
    return extent


def adopt_crs_on_main_thread(layers: List[QgsMapLayer]) -> None:
    """Give ``layers``, opened by :func:`prepare_layers` on a worker thread, CRSs made on the
    main thread. Main thread, before the worker thread ends.

    A CRS first made on a thread keeps its PROJ object in that thread's PROJ context; when the
    thread ends (a task's pool thread expires after 30 s idle) QGIS drops that object but keeps
    the CRS, valid-looking, in its cache and in the layers. From then on every new thread (the
    map renderer's, a background Processing run) gets no PROJ object for it and its transforms
    silently return the coordinates unchanged: a layer drawn at the wrong place, an area sent
    in metres. Emptying QGIS's CRS cache takes the worker's CRSs out of reach of later look-ups,
    and the layers get their CRS again, made here from its WKT.
    """
    QgsCoordinateReferenceSystem.invalidateCache()
    for code in ("EPSG:4326", "EPSG:3857"):  # the CRSs of BEOD's results, back in the cache from here
        QgsCoordinateReferenceSystem(code)
    made = {}  # the layers share two or three CRSs: each made once
    for layer in layers:
        crs = layer.crs()
        if crs.isValid():
            if hasattr(Qgis, "CrsWktVariant"):  # QGIS 3.36+, where the old enum is deprecated
                wkt = crs.toWkt(Qgis.CrsWktVariant.Preferred)
            else:
                wkt = crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED)
            fresh = made.get(wkt)
            if fresh is None:
                fresh = made[wkt] = QgsCoordinateReferenceSystem.fromWkt(wkt)
            if fresh.isValid():
                layer.setCrs(fresh, False)


def add_layers(merged: MergedResults, layers: List[QgsMapLayer], group_name: str, *,
               project: Optional[QgsProject] = None) -> List[QgsMapLayer]:
    """Put ``layers`` (from :func:`prepare_layers`) in ``project`` in a group named
    ``group_name`` (loading the same folder again replaces its group; another run of the
    same name gets its own group, named with its time). Main thread. Returns ``layers``."""
    project = project or QgsProject.instance()
    pending = [layer for layer in layers if layer.customProperty(ELEVATION_PENDING)]
    layers = [layer for layer in layers if not layer.customProperty(ELEVATION_PENDING)]
    if not layers:
        if not merged.notes:
            _note(merged, tr("No results could be loaded from {}.", merged.out_dir))
        return []
    group = _replace_group(project, group_name, merged.out_dir)
    group.setCustomProperty(GROUP_PROPERTY, merged.out_dir)
    merged.group_name = group.name()
    for layer in layers:
        project.addMapLayer(layer, False)
        # the node is finished before it enters the tree, so every legend view sees it as is
        node = QgsLayerTreeLayer(layer)
        _hide_band_name(node, layer)
        group.addChildNode(node)
        if layer.name() == hillshade_title():
            node.setExpanded(False)  # its legend is only a grey ramp
        if layer.customProperty(THREE_D_PROPERTY):
            node.setItemVisibilityChecked(False)  # meshes would cover the 2D layers
    from .results_3d import prepare_results_3d  # imports this module

    # 3D renderers, the 3D scene in the project
    prepare_results_3d(project, group, layers, merged.notes, elevation=pending[0] if pending else None)
    return layers


def load_results(merged: MergedResults, group_name: str, *, project: Optional[QgsProject] = None,
                 iface=None) -> List[QgsMapLayer]:
    """Add the merged layers of ``merged`` to ``project`` in a group named ``group_name``.

    One layer per kind in drawing order (buildings on top, terrain at the bottom with its
    hillshade), each styled with its ``.qml``; 3D Tiles as tiled-scene layers where QGIS
    supports them, otherwise a note in ``merged.notes``. Loading the same folder again
    replaces its group; another run of the same name gets its own group, named with its
    time. Returns the layers added, top first. ``iface`` is accepted for
    symmetry with the other loaders; nothing here needs it.
    """
    return add_layers(merged, prepare_layers(merged), group_name, project=project)


def results_extent(layers: List[QgsMapLayer], project: Optional[QgsProject] = None) -> QgsRectangle:
    """The extent of ``layers`` in the project's CRS (empty when none has one).

    A project without a CRS yet gets the extent in the CRS of the first 2D layer.
    """
    project = project or QgsProject.instance()
    layers = [layer for layer in layers
              if layer is not None and layer.isValid() and not layer.extent().isEmpty()]
    # a 2D layer's CRS (the 3D Tiles, on top, are in geographic coordinates with heights)
    flat = [layer for layer in layers if not layer.customProperty(THREE_D_PROPERTY)] or layers
    target = project.crs() if project.crs().isValid() else (flat[0].crs() if flat else project.crs())
    extent = empty_extent()
    for layer in layers:
        layer_extent = layer.extent()
        if layer.crs().isValid() and target.isValid() and layer.crs() != target:
            transform = QgsCoordinateTransform(layer.crs(), target, project)
            try:
                layer_extent = transform.transformBoundingBox(layer_extent)
            except qgis.core.QgsCsException:
                continue
        extent.combineExtentWith(layer_extent)
    return extent if not extent.isEmpty() else QgsRectangle()

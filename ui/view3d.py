""""Show in 3D": a 3D map view of a job's results, framed on its area at an oblique angle.

On QGIS versions whose interface creates 3D views for plugins (``createNewMapCanvas3D``),
the view gets the scene of ``core.results_3d`` as is: the DTM as its terrain, the draped
terrain colours, the extruded buildings and trees (or the server's 3D Tiles, per the
remembered choice) and the oblique camera. QGIS 3.22 to 3.34 offer plugins no access to a
3D view: there the view is opened with QGIS's own "New 3D Map View" action over the
results' extent, showing what the map shows (the extruded buildings and trees over the
draped terrain), and tilted with its own navigation buttons; its terrain is the project's
(the DTM, set by ``results_3d.save_scene``) on 3.26 and newer, and on 3.22 the DTM set
through the view's own "Configure…" dialog.
The full scene, DEM terrain included, is in the project's layout "<job> (3D)" everywhere.
"""

from typing import List, Optional

from qgis.core import Qgis, QgsMessageLog, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.PyQt.QtWidgets import QAction, QActionGroup, QDockWidget, QMenu, QToolButton, QWidget

from ..core import results_3d
from ..core.i18n import tr
from ..core.results_load import tiled_scenes_supported

LOG_TAG = "BEOD"
NEW_3D_VIEW_ACTION = "mActionNew3DMapCanvas"
DOCK_CLASS = "Qgs3DMapCanvasDockWidget"
NAVIGATION_CLASS = "Qgs3DNavigationWidget"
#: the "Tilt Down" button of QGIS 3.22's 3D navigation widget turns the camera by one degree per click
TILT_CLICKS = int(results_3d.CAMERA_PITCH)
BUTTON_NAME = "beodShow3DButton"
#: the DEM entry of the terrain types of QGIS 3.22's 3D view configuration (QgsTerrainGenerator::Dem)
DEM_TERRAIN = 1


def mode_titles() -> dict:
    return {
        results_3d.MODE_EXTRUSIONS: tr("Extruded buildings and trees"),
        results_3d.MODE_TILES: tr("The server's 3D Tiles"),
        results_3d.MODE_BOTH: tr("Both"),
    }


def view_docks(iface) -> List[QDockWidget]:
    """The 3D map views open in the main window."""
    return [dock for dock in iface.mainWindow().findChildren(QDockWidget)
            if dock.metaObject().className() == DOCK_CLASS]


def open_views(iface) -> list:
    """The open 3D views: ``Qgs3DMapCanvas`` windows where the interface lists them (QGIS
    >= 3.36), else the docks of QGIS's 3D views."""
    if hasattr(iface, "mapCanvases3D"):
        return list(iface.mapCanvases3D())
    return view_docks(iface)


#: the names of the 3D views opened through ``createNewMapCanvas3D`` (it closes views by name)
OPENED_NAMES: List[str] = []


def close_views(iface, names=()) -> None:
    """Close the 3D views: on QGIS >= 3.36 those opened here and those named ``names``,
    before that every 3D view (the desktop test does before quitting QGIS)."""
    if hasattr(iface, "closeMapCanvas3D"):
        for name in list(OPENED_NAMES) + list(names):
            iface.closeMapCanvas3D(name)
        OPENED_NAMES.clear()
        return
    for dock in view_docks(iface):
        dock.close()
        dock.deleteLater()


def _unique_name(iface, name: str) -> str:
    taken = set()
    if hasattr(iface, "mapCanvases3D"):
        taken = {canvas.objectName() for canvas in iface.mapCanvases3D()}
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} {number}", number + 1
    return candidate


def _warn(iface, text: str) -> None:
    QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)
    if iface is not None:
        iface.messageBar().pushMessage(tr("BrightEarth On Demand"), text, Qgis.MessageLevel.Warning, 8)


def show_results_in_3d(iface, out_dir: Optional[str] = None, name: Optional[str] = None,
                       mode: Optional[str] = None, project: Optional[QgsProject] = None):
    """Open a 3D view of the results loaded from ``out_dir`` (or the group ``name``).

    Returns the new view (a ``Qgs3DMapCanvas`` or the 3D view's dock widget), or None with
    a message in QGIS's message bar when it cannot be shown."""
    project = project or QgsProject.instance()
    if not results_3d.available():
        _warn(iface, tr("This QGIS was built without 3D views."))
        return None
    group = results_3d.find_group(project, out_dir, name)
    if group is None:
        _warn(iface, tr("The results of “{}” are not in the project: load them first.",
                        name or out_dir or ""))
        return None
    layers = results_3d.results_layers(project, group)
    results_3d.apply_3d_renderers(layers)  # also for results loaded by an older version
    mode = mode or results_3d.remembered_mode()
    if hasattr(iface, "createNewMapCanvas3D"):
        try:
            view = _open_scene_view(iface, project, group, layers, mode)
            if view is not None:
                return view
        except (AttributeError, TypeError, RuntimeError) as error:
            QgsMessageLog.logMessage(tr("The 3D view API of this QGIS differs: {}", error), LOG_TAG,
                                     Qgis.MessageLevel.Info)
    return _open_with_action(iface, project, group, layers, mode)


def _open_scene_view(iface, project, group, layers, mode):
    """QGIS >= 3.36: a new 3D view given the results' scene and camera."""
    name = _unique_name(iface, results_3d.layout_name(group.name()))
    canvas = iface.createNewMapCanvas3D(name)
    if canvas is None:
        return None
    OPENED_NAMES.append(name)
    canvas.setObjectName(name)
    settings = canvas.mapSettings()
    scene = results_3d.scene_settings(layers, project, mode, crs=settings.crs())
    settings.setLayers(scene.layers())
    settings.setBackgroundColor(scene.backgroundColor())
    dtm = results_3d.elevation_layer(layers)
    if dtm is not None:
        results_3d.set_dem_terrain(settings, dtm)
    controller = canvas.cameraController()
    if controller is not None:
        controller.setCameraPose(results_3d.camera_pose(settings, layers, project))
    return canvas


def _open_with_action(iface, project, group, layers, mode):
    """QGIS 3.22 .. 3.34: QGIS's "New 3D Map View" over the results, then tilted."""
    action = iface.mainWindow().findChild(QAction, NEW_3D_VIEW_ACTION)
    if action is None:
        _warn(iface, tr("This QGIS has no 3D map views."))
        return None
    shown = results_3d.scene_layers(layers, mode)
    crs = project.crs()
    if not crs.isValid() or crs.isGeographic():
        _warn(iface, tr("A 3D view needs a projected coordinate reference system: set the project's CRS "
                        "to the results' one ({}) and try again.", shown[0].crs().authid() if shown else ""))
        return None
    canvas = iface.mapCanvas()
    extent = results_3d.scene_extent(shown, canvas.mapSettings().destinationCrs(), project)
    if not extent.isEmpty():
        canvas.setExtent(extent)  # the new view frames the map's extent
        canvas.refresh()
    before = set(view_docks(iface))
    # the new view shows the map's visible layers: those of the chosen mode, for its creation
    restore = _show_only(project, group, layers, shown)
    try:
        action.trigger()
    finally:
        for node, checked in restore:
            node.setItemVisibilityChecked(checked)
    added = [dock for dock in view_docks(iface) if dock not in before]
    if not added:
        return None
    dock = added[0]
    dock.setWindowTitle(results_3d.layout_name(group.name()))
    _place_over_map(iface, dock)
    if not hasattr(project, "elevationProperties"):  # QGIS < 3.26: no project terrain for new views
        _set_dem_terrain(dock, results_3d.elevation_layer(layers))
    _tilt(dock, TILT_CLICKS)
    return dock


def _layer_id_role() -> int:
    """The item data role of a layer combo box holding the layer's id."""
    from qgis.core import QgsMapLayerModel

    roles = getattr(QgsMapLayerModel, "ItemDataRole", None)
    if roles is not None and hasattr(roles, "LayerId"):  # QGIS >= 3.36
        return int(roles.LayerId)
    return int(QgsMapLayerModel.LayerIdRole)


def _configure_action(dock: QDockWidget) -> Optional[QAction]:
    """The "Configure…" action of a QGIS 3D view's toolbar (its text, in any language)."""
    context, text = DOCK_CLASS, "Configure…"  # QGIS's own text, translated by QGIS's catalogue
    wanted = {QCoreApplication.translate(context, text), text}
    for action in dock.findChildren(QAction):
        if action.text().replace("&", "") in wanted:
            return action
    return None


def when_modal(slot, tries: int = 40) -> None:
    """Call ``slot(dialog)`` once a modal dialog is open (polled every 25 ms, ``tries`` times),
    for a dialog about to run its own event loop (``exec``)."""
    from qgis.PyQt.QtWidgets import QApplication, QDialog

    def poll(left):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            slot(dialog)
        elif left:
            QTimer.singleShot(25, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))


def _set_dem_terrain(dock: QDockWidget, dtm) -> bool:
    """QGIS 3.22: give a view opened with QGIS's own action the DTM as its terrain, through
    the view's "Configure…" dialog (the only way there), filled and accepted at once.
    True when the dialog took the terrain; otherwise the view keeps its flat terrain."""
    action = _configure_action(dock)
    if dtm is None or action is None:
        return False
    from qgis.PyQt.QtWidgets import QComboBox

    taken = []

    def fill(dialog):
        kind = dialog.findChild(QComboBox, "cboTerrainType")
        layer_box = dialog.findChild(QComboBox, "cboTerrainLayer")  # a QgsMapLayerComboBox
        index = kind.findData(DEM_TERRAIN) if kind is not None else -1
        if index < 0 or layer_box is None:
            dialog.reject()
            return
        kind.setCurrentIndex(index)
        layer_index = layer_box.findData(dtm.id(), _layer_id_role())
        if layer_index < 0:
            dialog.reject()
            return
        layer_box.setCurrentIndex(layer_index)
        taken.append(True)
        dialog.accept()

    when_modal(fill)
    action.trigger()  # the dialog's own event loop runs ``fill``
    if not taken:
        QgsMessageLog.logMessage(tr("The 3D view shows a flat terrain: its terrain could not be set to {}.",
                                    dtm.name()), LOG_TAG, Qgis.MessageLevel.Info)
    return bool(taken)


def _show_only(project, group, layers, shown):
    """Check the results layers of ``shown`` (3D Tiles included) and uncheck the other 3D
    ones (extrusions or tiles, per the mode); returns what to restore."""
    from ..core.results_load import THREE_D_PROPERTY

    restore = []
    root = project.layerTreeRoot()
    for layer in layers:
        node = root.findLayer(layer.id())
        if node is None:
            continue
        is_3d = bool(layer.customProperty(THREE_D_PROPERTY)) or layer.customProperty("beod/kind") in (
            "building", "tree")
        wanted = layer in shown if is_3d else node.itemVisibilityChecked()
        if node.itemVisibilityChecked() != wanted:
            restore.append((node, node.itemVisibilityChecked()))
            node.setItemVisibilityChecked(wanted)
    return restore


def _place_over_map(iface, dock: QDockWidget) -> None:
    """A floating 3D view as large as the map, on top of it (QGIS opens a small one)."""
    if not dock.isFloating():
        return
    map_widget = iface.mapCanvas()
    corner = map_widget.mapToGlobal(map_widget.rect().topLeft())
    dock.setGeometry(corner.x(), corner.y(), max(640, map_widget.width()), max(480, map_widget.height()))


def _tilt(dock: QDockWidget, clicks: int) -> None:
    """Tilt the camera down by ``clicks`` degrees with the view's own "Tilt Down" button,
    once the scene is up (the view resets its camera when it first shows)."""
    def press():
        for widget in dock.findChildren(QWidget):
            if widget.metaObject().className() != NAVIGATION_CLASS:
                continue
            for button in widget.findChildren(QToolButton):
                if button.toolTip().replace("&", "").lower() in ("tilt down", tr("Tilt Down").lower()):
                    for _ in range(clicks):
                        button.click()
                    return

    QTimer.singleShot(700, press)


# -- the dock's button ---------------------------------------------------------------------------
def can_show(job) -> bool:
    """A finished job whose results were loaded can be shown in 3D."""
    from ..core import jobs as jobs_module

    return job.state == jobs_module.SUCCEEDED and bool(job.out_dir)


def show_button(job, iface_getter=None) -> QToolButton:
    """The "3D" button of a finished job's row in the dock's Jobs list; on QGIS >= 3.34 its
    menu chooses extrusions, the server's 3D Tiles or both (remembered)."""
    button = QToolButton()
    button.setObjectName(BUTTON_NAME)
    button.setText(tr("3D"))
    button.setToolTip(tr("Show in 3D: the buildings and trees standing on the extracted terrain"))

    def iface():
        if iface_getter is not None:
            return iface_getter()
        from qgis.utils import iface as qgis_iface

        return qgis_iface

    def show(mode=None):
        if mode:
            results_3d.remember_mode(mode)
        show_results_in_3d(iface(), out_dir=job.out_dir, name=job.name, mode=mode)

    button.clicked.connect(lambda checked=False: show())
    if tiled_scenes_supported():
        menu = QMenu(button)
        choices = QActionGroup(menu)  # one choice checked at a time
        choices.setExclusive(True)
        for mode, title in mode_titles().items():
            entry = menu.addAction(title)
            entry.setCheckable(True)
            choices.addAction(entry)
            entry.setChecked(mode == results_3d.remembered_mode())
            entry.triggered.connect(lambda checked=False, mode=mode: show(mode))
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    return button


# -- the layer tree's context menu ---------------------------------------------------------------
class ResultsMenu:
    """"Show in 3D" in the layer tree's context menu of loaded results.

    Where the layer tree view announces its context menu (``contextMenuAboutToShow``, newer
    QGIS), the entry goes to the menu of a results group and of its layers. QGIS 3.22 lets a
    plugin add entries only to layers' menus (``addCustomActionForLayer``): there the entry
    is in the context menu of every layer of loaded results, not of the group itself."""

    def __init__(self, iface):
        self.iface = iface
        self.actions: List[QAction] = []
        self._signal = None
        self._project = None

    def install(self) -> None:
        view = self.iface.layerTreeView() if self.iface is not None else None
        if view is None:
            return
        signal = getattr(view, "contextMenuAboutToShow", None)
        if signal is not None:
            signal.connect(self._about_to_show)
            self._signal = signal
            return
        from qgis.core import QgsMapLayerType

        for layer_type in (QgsMapLayerType.VectorLayer, QgsMapLayerType.RasterLayer):
            action = QAction(tr("Show in 3D"), self.iface.mainWindow())
            action.setToolTip(tr("Open a 3D view of these results"))
            action.triggered.connect(self._from_current_layer)
            self.iface.addCustomActionForLayerType(action, "", layer_type, False)
            self.actions.append(action)
        self._project = QgsProject.instance()
        self._project.layersAdded.connect(self._layers_added)
        self._layers_added(list(self._project.mapLayers().values()))

    def uninstall(self) -> None:
        if self._signal is not None:
            try:
                self._signal.disconnect(self._about_to_show)
            except TypeError:
                pass
            self._signal = None
        if self._project is not None:
            try:
                self._project.layersAdded.disconnect(self._layers_added)
            except TypeError:
                pass
            self._project = None
        for action in self.actions:
            self.iface.removeCustomActionForLayerType(action)
            action.deleteLater()
        self.actions = []

    def _layers_added(self, layers) -> None:
        from ..core.results_load import KIND_PROPERTY

        for layer in layers:
            if layer.customProperty(KIND_PROPERTY) and \
                    not layer.customProperty(results_3d.ELEVATION_PROPERTY):
                for action in self.actions:
                    self.iface.addCustomActionForLayer(action, layer)

    @staticmethod
    def _results_group(node):
        from qgis.core import QgsLayerTree

        from ..core.results_load import GROUP_PROPERTY

        while node is not None:
            if QgsLayerTree.isGroup(node) and node.customProperty(GROUP_PROPERTY):
                return node
            node = node.parent()
        return None

    def _show_group(self, group) -> None:
        from ..core.results_load import GROUP_PROPERTY

        show_results_in_3d(self.iface, out_dir=group.customProperty(GROUP_PROPERTY), name=group.name())

    def _from_current_layer(self, checked=False) -> None:
        group = self._results_group(self.iface.layerTreeView().currentNode())
        if group is not None:
            self._show_group(group)

    def _about_to_show(self, menu) -> None:
        group = self._results_group(self.iface.layerTreeView().currentNode())
        if group is not None:
            action = menu.addAction(tr("Show in 3D"))
            action.triggered.connect(lambda checked=False, group=group: self._show_group(group))

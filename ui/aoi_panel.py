"""The "Area of interest" section of the dock: draw, take from a layer, or the map extent.

The chosen area stays drawn on the canvas as a rubber band; its area, vertex count
and validity are shown under the buttons, and every problem is explained there.
"""

from html import escape

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsMapLayerProxyModel, QgsMessageLog, QgsWkbTypes
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core import aoi_sources
from ..core.aoi_sources import MAX_AOI_KM2
from ..core.i18n import tr
from .aoi_tool import PolygonMapTool
from .messages import format_km2, too_large_message

LOG_TAG = "BEOD"
AOI_COLOR = QColor(230, 60, 20)
AOI_FILL = QColor(230, 60, 20, 40)


class AoiPanel(QObject):
    """Drives the AOI widgets and keeps the chosen :class:`AoiSelection`."""

    aoiChanged = pyqtSignal(object)  # AoiSelection or None

    def __init__(self, form, iface, settings, parent=None):
        super().__init__(parent)
        self.form = form
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.settings = settings
        self.selection = None
        self.tool = PolygonMapTool(self.canvas)
        self.band = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.band.setStrokeColor(AOI_COLOR)
        self.band.setFillColor(AOI_FILL)
        self.band.setWidth(2)

        form.layerCombo.setFilters(QgsMapLayerProxyModel.Filter.HasGeometry)
        form.layerCombo.setAllowEmptyLayer(True)
        form.layerCombo.setLayer(None)
        form.partsCombo.addItem(tr("Several areas: one outline"), aoi_sources.PARTS_MERGE)
        form.partsCombo.setItemData(0, tr("Features that do not touch are joined by the outline "
                                          "around them: one extraction"), Qt.ItemDataRole.ToolTipRole)
        form.partsCombo.addItem(tr("Several areas: one run each"), aoi_sources.PARTS_SPLIT)
        form.partsCombo.setItemData(1, tr("Features that do not touch get one extraction each"),
                                    Qt.ItemDataRole.ToolTipRole)
        parts = settings.dock_choice("aoi_parts", aoi_sources.PARTS_MERGE)
        form.partsCombo.setCurrentIndex(max(0, form.partsCombo.findData(parts)))
        form.selectedOnlyCheck.setChecked(settings.dock_choice("aoi_selected_only", False, bool))

        form.drawButton.toggled.connect(self._draw_toggled)
        form.extentButton.clicked.connect(self.use_extent)
        form.useLayerButton.clicked.connect(self.use_layer)
        # The layer's options take effect at once when the area comes from the layer.
        form.selectedOnlyCheck.toggled.connect(self._layer_options_changed)
        form.partsCombo.currentIndexChanged.connect(self._layer_options_changed)
        form.layerCombo.layerChanged.connect(self._layer_options_changed)
        self._layer = None  # the layer the current area comes from
        form.clearAoiButton.clicked.connect(self.clear)
        self.tool.polygonFinished.connect(self._polygon_drawn)
        self.tool.drawingCancelled.connect(self._drawing_cancelled)
        self.tool.tooFewPoints.connect(self._too_few_points)
        self.canvas.mapToolSet.connect(self._map_tool_changed)
        self.canvas.destinationCrsChanged.connect(self._redraw)
        self._show_info()

    # -- the three sources ----------------------------------------------------------------
    def start_drawing(self) -> None:
        self.form.drawButton.setChecked(True)

    def use_points(self, points) -> bool:
        """Use the polygon drawn with ``points`` (canvas CRS) as the AOI."""
        crs = self.canvas.mapSettings().destinationCrs()
        return self._apply(lambda: aoi_sources.from_points(points, crs))

    def use_extent(self) -> bool:
        extent = self.canvas.extent()
        crs = self.canvas.mapSettings().destinationCrs()
        return self._apply(lambda: aoi_sources.from_extent(extent, crs))

    def use_layer(self) -> bool:
        layer = self.form.layerCombo.currentLayer()
        selected = self.form.selectedOnlyCheck.isChecked()
        parts = self.form.partsCombo.currentData() or aoi_sources.PARTS_MERGE
        self.settings.set_dock_choice("aoi_selected_only", selected)
        self.settings.set_dock_choice("aoi_parts", parts)
        applied = self._apply(lambda: aoi_sources.from_layer(layer, selected_only=selected, parts=parts))
        if applied:
            self._follow_layer(layer)
        return applied

    def clear(self) -> None:
        self._follow_layer(None)
        self.selection = None
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self._show_info()
        self.aoiChanged.emit(None)

    def cleanup(self) -> None:
        """Unset the drawing tool and remove the rubber band (plugin unload)."""
        self._follow_layer(None)
        try:
            self.canvas.mapToolSet.disconnect(self._map_tool_changed)
            self.canvas.destinationCrsChanged.disconnect(self._redraw)
        except TypeError:
            pass
        if self.canvas.mapTool() is self.tool:
            self.tool.restore_previous()
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        if self.band is not None:
            self.canvas.scene().removeItem(self.band)
            self.band = None

    # -- internals -----------------------------------------------------------------------------
    def _apply(self, make) -> bool:
        try:
            selection = make()
        except aoi_sources.AoiSourceError as exc:
            self._show_error(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 (an explanation, never a traceback dialog)
            QgsMessageLog.logMessage(repr(exc), LOG_TAG, Qgis.MessageLevel.Warning)
            self._show_error(tr("The area cannot be used: {}", exc))
            return False
        if selection.source != aoi_sources.SOURCE_LAYER:
            self._follow_layer(None)
        self.selection = selection
        self._redraw()
        self._show_info()
        self.aoiChanged.emit(selection)
        return True

    def _follow_layer(self, layer) -> None:
        """Re-read the area when the selection of the layer it comes from changes."""
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self._layer_selection_changed)
            except (TypeError, RuntimeError):
                pass
        self._layer = layer
        if layer is not None:
            layer.selectionChanged.connect(self._layer_selection_changed)

    def _layer_options_changed(self, *_args) -> None:
        if self.selection is not None and self.selection.source == aoi_sources.SOURCE_LAYER:
            if self.form.layerCombo.currentLayer() is None:
                return
            if not self.use_layer():
                # the old area no longer matches the options shown: it must not be run
                self._drop_selection()
        else:
            self.settings.set_dock_choice("aoi_selected_only", self.form.selectedOnlyCheck.isChecked())
            self.settings.set_dock_choice("aoi_parts", self.form.partsCombo.currentData()
                                          or aoi_sources.PARTS_MERGE)

    def _layer_selection_changed(self, *_args) -> None:
        if (self.form.selectedOnlyCheck.isChecked() and self.selection is not None
                and self.selection.source == aoi_sources.SOURCE_LAYER
                and self.form.layerCombo.currentLayer() is self._layer):
            if not self.use_layer():
                self._drop_selection()

    def _drop_selection(self) -> None:
        text = self.form.aoiInfoLabel.text().replace("<br>" + tr("The previous area is kept."), "")
        self._follow_layer(None)
        self.selection = None
        if self.band is not None:
            self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self.aoiChanged.emit(None)
        self.form.aoiInfoLabel.setText(text)

    def _too_few_points(self, count: int) -> None:
        self._show_hint(tr("An area needs at least three corners; {} placed so far. Keep clicking on the "
                           "map, or press Esc to cancel.", count))

    def _redraw(self) -> None:
        if self.band is None:
            return
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        if self.selection is not None:
            self.band.setToGeometry(self.selection.geometry, QgsCoordinateReferenceSystem(aoi_sources.WGS84))

    def _draw_toggled(self, checked: bool) -> None:
        if checked:
            self.tool.start()
            self._show_hint(
                tr("Click on the map to add corners; right-click or double-click to finish; "
                   "Backspace removes the last corner; Esc cancels.")
            )
        elif self.canvas.mapTool() is self.tool:
            self.tool.restore_previous()
            self._show_info()

    def _polygon_drawn(self, points) -> None:
        self._uncheck_draw()
        self.use_points(points)

    def _drawing_cancelled(self) -> None:
        self._uncheck_draw()
        self._show_info()

    def _map_tool_changed(self, new_tool, old_tool=None) -> None:
        if new_tool is not self.tool:
            self._uncheck_draw()

    def _uncheck_draw(self) -> None:
        button = self.form.drawButton
        if button.isChecked():
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)

    def _show_info(self) -> None:
        label = self.form.aoiInfoLabel
        label.setStyleSheet("")
        selection = self.selection
        if selection is None:
            label.setText(tr("No area yet: draw one, pick a layer or use the map extent."))
            return
        validity = tr("valid (repaired)") if selection.repaired else tr("valid")
        lines = [
            f"<b>{escape(selection.label)}</b>",
            tr("Area: <b>{} km²</b> (at most {} km² per extraction) · {} vertices · {}",
               _area(selection.area_km2), _area(MAX_AOI_KM2), selection.vertex_count, validity),
        ]
        if len(selection.parts) > 1:
            lines.append(tr("{} extractions will run, one per area.", len(selection.parts)))
        features = selection.features_km2
        if features and selection.area_km2 > features * 1.05:
            lines.append(tr("The outline covers {} km², {} times the {} km² of the features: "
                            "“Several areas: one run each” extracts (and charges) only the features.",
                            _area(selection.area_km2), f"{selection.area_km2 / features:.1f}",
                            _area(features)))
        largest = max(part.area_km2 for part in selection.parts)
        if largest > MAX_AOI_KM2:
            lines.append("<span style='color:#b00020'>" + escape(too_large_message(largest, MAX_AOI_KM2))
                         + "</span>")
        lines.extend(escape(note) for note in selection.all_notes())
        label.setText("<br>".join(lines))

    def _show_error(self, text: str) -> None:
        label = self.form.aoiInfoLabel
        label.setStyleSheet("color: #b00020;")
        suffix = ""
        if self.selection is not None:
            suffix = "<br>" + tr("The previous area is kept.")
        label.setText(escape(text) + suffix)

    def _show_hint(self, text: str) -> None:
        label = self.form.aoiInfoLabel
        label.setStyleSheet("")
        label.setText(text)


def _area(value: float) -> str:
    return format_km2(value)

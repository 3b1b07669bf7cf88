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
from ..core.i18n import localized_number, tr
from .aoi_tool import PolygonMapTool

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
        form.clearAoiButton.clicked.connect(self.clear)
        self.tool.polygonFinished.connect(self._polygon_drawn)
        self.tool.drawingCancelled.connect(self._drawing_cancelled)
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
        return self._apply(lambda: aoi_sources.from_layer(layer, selected_only=selected, parts=parts))

    def clear(self) -> None:
        self.selection = None
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self._show_info()
        self.aoiChanged.emit(None)

    def cleanup(self) -> None:
        """Unset the drawing tool and remove the rubber band (plugin unload)."""
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
        self.selection = selection
        self._redraw()
        self._show_info()
        self.aoiChanged.emit(selection)
        return True

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
            tr("Area: <b>{} km²</b> · {} vertices · {}",
               _area(selection.area_km2), selection.vertex_count, validity),
        ]
        if len(selection.parts) > 1:
            lines.append(tr("{} extractions will run, one per area.", len(selection.parts)))
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
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 1:
        return localized_number(f"{value:.2f}")
    return localized_number(f"{value:.3f}")

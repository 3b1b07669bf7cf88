"""Map tool drawing the area of interest as a polygon on the canvas.

Click adds a vertex, right-click or double-click finishes, Backspace undoes the last
vertex, Esc cancels. A rubber band previews the polygon with the mouse position as the
next vertex. When the tool finishes or is cancelled, the previously active map tool is
restored.
"""

from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

PREVIEW_COLOR = QColor(230, 100, 20, 200)
PREVIEW_FILL = QColor(230, 100, 20, 50)


class PolygonMapTool(QgsMapTool):
    """Draws a polygon; emits ``polygonFinished(points)`` in map canvas coordinates."""

    polygonFinished = pyqtSignal(list)
    drawingCancelled = pyqtSignal()
    tooFewPoints = pyqtSignal(int)  # a finish asked for with fewer than three corners (how many)

    def __init__(self, canvas):
        super().__init__(canvas)
        self._canvas = canvas
        self._points = []
        self._previous_tool = None
        self._band = None
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- activation ----------------------------------------------------------------
    def start(self):
        """Make this tool the canvas's map tool, remembering the one it replaces."""
        current = self._canvas.mapTool()
        if current is not self:
            self._previous_tool = current
        self._points = []
        self._canvas.setMapTool(self)

    def deactivate(self):
        self._clear_band()
        self._points = []
        super().deactivate()

    def restore_previous(self):
        """Give the canvas back to the tool that was active before ``start()``."""
        previous, self._previous_tool = self._previous_tool, None
        if self._canvas.mapTool() is not self:
            return
        if previous is not None:
            self._canvas.setMapTool(previous)
        else:
            self._canvas.unsetMapTool(self)

    def points(self):
        """The vertices placed so far (map canvas coordinates)."""
        return list(self._points)

    def flags(self):
        # Transient, like pan and zoom: giving the canvas back to the previous tool on a
        # right click must not make the canvas return to this one on the next right click.
        return QgsMapTool.Flag.Transient

    # -- events ----------------------------------------------------------------------
    def canvasPressEvent(self, event):
        if event.button() == Qt.MouseButton.RightButton:
            self._finish()
        elif event.button() == Qt.MouseButton.LeftButton:
            self._add_point(event.mapPoint())

    def canvasDoubleClickEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            # The press of the double click already added this vertex.
            self._finish()

    def canvasMoveEvent(self, event):
        if self._points:
            self._update_band(event.mapPoint())

    def keyPressEvent(self, event):
        key = event.key()
        if key == Qt.Key.Key_Backspace or key == Qt.Key.Key_Delete:
            if self._points:
                self._points.pop()
                self._update_band()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            event.accept()
            self._cancel()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self._finish()
        else:
            event.ignore()

    # -- drawing -----------------------------------------------------------------------
    def _add_point(self, point):
        point = QgsPointXY(point)
        if self._points and self._points[-1] == point:
            return
        self._points.append(point)
        self._update_band()

    def _update_band(self, hover=None):
        if self._band is None:
            self._band = QgsRubberBand(self._canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
            self._band.setStrokeColor(PREVIEW_COLOR)
            self._band.setFillColor(PREVIEW_FILL)
            self._band.setWidth(2)
        points = list(self._points)
        if hover is not None:
            points.append(QgsPointXY(hover))
        if len(points) >= 3:
            geometry = QgsGeometry.fromPolygonXY([points + [points[0]]])
        else:
            geometry = QgsGeometry.fromPolylineXY(points)
        self._band.setToGeometry(geometry, None)

    def _clear_band(self):
        if self._band is not None:
            self._canvas.scene().removeItem(self._band)
            self._band = None

    def _finish(self):
        points = self._distinct_points()
        if len(points) < 3:
            # Not a polygon yet: keep drawing (a stray right-click should not lose work),
            # and say why nothing happened.
            self.tooFewPoints.emit(len(points))
            return
        self._points = []
        self._clear_band()
        self.restore_previous()
        self.polygonFinished.emit(points)

    def _cancel(self):
        self._points = []
        self._clear_band()
        self.restore_previous()
        self.drawingCancelled.emit()

    def _distinct_points(self):
        points = []
        for point in self._points:
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        return points

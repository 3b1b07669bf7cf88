"""Simulated user input on the map canvas for the UI tests (QTest on the viewport), and
waiting for the event loop to bring a condition about."""

import time

from qgis.core import QgsPointXY, QgsRectangle
from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication


def prepare_canvas(canvas, crs, extent: QgsRectangle, size=(600, 600)) -> None:
    """A visible canvas of ``size`` pixels showing ``extent`` in ``crs``."""
    window = canvas.window()
    if window is not canvas and not window.isVisible():
        window.resize(size[0] + 200, size[1] + 100)
        window.show()
    canvas.resize(*size)
    canvas.show()
    QApplication.processEvents()
    canvas.setDestinationCrs(crs)
    canvas.setExtent(extent)
    canvas.refresh()
    QApplication.processEvents()


def pixel(canvas, x: float, y: float) -> QPoint:
    """The viewport pixel showing map coordinates ``(x, y)``."""
    point = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    return QPoint(int(round(point.x())), int(round(point.y())))


def click(canvas, x, y, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, pixel(canvas, x, y))
    QApplication.processEvents()


def double_click(canvas, x, y) -> None:
    """A double click as Qt delivers it: press, release, double-click, release."""
    viewport, where = canvas.viewport(), pixel(canvas, x, y)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QApplication.processEvents()


def move(canvas, x, y) -> None:
    QTest.mouseMove(canvas.viewport(), pixel(canvas, x, y))
    QApplication.processEvents()


def key(canvas, key) -> None:
    QTest.keyClick(canvas, key)
    QApplication.processEvents()


def draw_polygon(canvas, points, finish="right") -> None:
    """Click every point of ``points`` (map coordinates), then finish with a right click."""
    for x, y in points:
        move(canvas, x, y)
        click(canvas, x, y)
    if finish == "right":
        click(canvas, *points[-1], button=Qt.MouseButton.RightButton)
    elif finish == "double":
        double_click(canvas, *points[-1])


def wait_until(predicate, seconds=60.0):
    """Run the event loop until ``predicate()`` holds or ``seconds`` pass; its last value."""
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    return predicate()

"""The polygon map tool driven by simulated mouse and key events on the canvas."""

import pytest
from beod_qgis.ui.aoi_tool import PolygonMapTool
from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle
from qgis.gui import QgsMapToolEmitPoint, QgsMapToolPan
from qgis.PyQt.QtCore import Qt

from tests import ui_events

SQUARE = [(1000.0, 1000.0), (5000.0, 1000.0), (5000.0, 5000.0), (1000.0, 5000.0)]


@pytest.fixture
def canvas(qgis_canvas):
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    ui_events.prepare_canvas(qgis_canvas, crs, QgsRectangle(0, 0, 6000, 6000))
    pan = QgsMapToolPan(qgis_canvas)
    qgis_canvas.setMapTool(pan)
    yield qgis_canvas
    qgis_canvas.unsetMapTool(qgis_canvas.mapTool())


def _start(canvas):
    tool = PolygonMapTool(canvas)
    finished, cancelled = [], []
    tool.polygonFinished.connect(finished.append)
    tool.drawingCancelled.connect(lambda: cancelled.append(True))
    previous = canvas.mapTool()
    tool.start()
    return tool, previous, finished, cancelled


def _xy(points):
    return [(round(p.x()), round(p.y())) for p in points]


def _near(actual, expected, tolerance=20.0):
    return len(actual) == len(expected) and all(
        abs(a[0] - e[0]) <= tolerance and abs(a[1] - e[1]) <= tolerance for a, e in zip(actual, expected)
    )


def test_clicks_then_right_click_give_the_polygon_and_restore_the_previous_tool(canvas):
    tool, previous, finished, _ = _start(canvas)
    assert canvas.mapTool() is tool
    ui_events.draw_polygon(canvas, SQUARE, finish="right")
    assert len(finished) == 1
    assert _near(_xy(finished[0]), SQUARE)
    assert canvas.mapTool() is previous


def test_finishing_returns_to_a_non_transient_previous_tool(canvas):
    other = QgsMapToolEmitPoint(canvas)
    canvas.setMapTool(other)
    tool, previous, finished, _ = _start(canvas)
    assert previous is other
    ui_events.draw_polygon(canvas, SQUARE, finish="right")
    assert len(finished) == 1
    assert canvas.mapTool() is other


def test_double_click_finishes_without_a_duplicate_vertex(canvas):
    tool, previous, finished, _ = _start(canvas)
    ui_events.draw_polygon(canvas, SQUARE, finish="double")
    assert len(finished) == 1
    assert _near(_xy(finished[0]), SQUARE)
    assert canvas.mapTool() is previous


def test_backspace_removes_the_last_vertex(canvas):
    tool, _, finished, _ = _start(canvas)
    for x, y in SQUARE + [(3000.0, 5800.0)]:
        ui_events.click(canvas, x, y)
    assert len(tool.points()) == 5
    ui_events.key(canvas, Qt.Key.Key_Backspace)
    assert _near(_xy(tool.points()), SQUARE)
    ui_events.click(canvas, *SQUARE[-1], button=Qt.MouseButton.RightButton)
    assert _near(_xy(finished[0]), SQUARE)


def test_escape_cancels_and_restores_the_previous_tool(canvas):
    tool, previous, finished, cancelled = _start(canvas)
    ui_events.click(canvas, 1000, 1000)
    ui_events.click(canvas, 5000, 1000)
    ui_events.key(canvas, Qt.Key.Key_Escape)
    assert cancelled == [True]
    assert finished == []
    assert canvas.mapTool() is previous
    assert tool.points() == []


def test_right_click_with_two_vertices_keeps_drawing(canvas):
    tool, _, finished, _ = _start(canvas)
    ui_events.click(canvas, 1000, 1000)
    ui_events.click(canvas, 5000, 1000)
    ui_events.click(canvas, 5000, 1000, button=Qt.MouseButton.RightButton)
    assert finished == []
    assert canvas.mapTool() is tool
    assert len(tool.points()) == 2


def test_rubber_band_previews_the_mouse_position(canvas):
    tool, _, _, _ = _start(canvas)
    ui_events.click(canvas, 1000, 1000)
    ui_events.click(canvas, 5000, 1000)
    ui_events.move(canvas, 5000, 5000)
    band = tool._band
    assert band is not None and band.isVisible()
    geometry = band.asGeometry()
    assert geometry.area() == pytest.approx(8_000_000, rel=0.02)

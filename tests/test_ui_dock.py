"""The dock as a user sees it: defaults, sign in against the emulator, AOI messages, memory."""


import pytest
import qgis.core
from beod_qgis.core.settings import DEFAULT_SERVER_URL, Settings
from beod_qgis.ui.dock import BeodDock
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from tests import ui_events
from tests.test_core_auth import unlock_test_auth_db
from tests.ui_events import wait_until

DOWN_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture
def fresh_settings(qgis_app):
    settings = Settings()
    for name in ("server_url", "authcfg", "email", "last_params", "output_folder"):
        setattr(settings, name, None)
    settings.remember_me = False
    yield settings
    for name in ("server_url", "authcfg", "email", "last_params", "output_folder"):
        setattr(settings, name, None)


@pytest.fixture
def dock(qgis_iface, qgis_new_project, fresh_settings):
    canvas = qgis_iface.mapCanvas()
    ui_events.prepare_canvas(canvas, QgsCoordinateReferenceSystem("EPSG:3857"),
                             QgsRectangle(772_000, 5_407_000, 776_000, 5_411_000))
    widget = BeodDock(qgis_iface)
    widget.resize(350, 900)
    widget.show()
    yield widget
    widget.cleanup()
    widget.deleteLater()
    QgsProject.instance().removeAllMapLayers()


def sign_in(dock, url, email, password, remember=False):
    form = dock.form
    form.serverUrlEdit.setText(url)
    form.serverUrlEdit.editingFinished.emit()
    form.emailEdit.setText(email)
    form.passwordEdit.setText(password)
    form.rememberCheck.setChecked(remember)
    QTest.mouseClick(form.signInButton, Qt.MouseButton.LeftButton)
    assert wait_until(lambda: form.signInButton.isEnabled() and "Signing in" not in form.accountLabel.text(),
                      seconds=30.0)
    return form.accountLabel.text()


def _layer(kind, geometries, name):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:3857", name, "memory")
    features = []
    for geometry in geometries:
        feature = QgsFeature()
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_sections_and_tutorial_defaults(dock):
    form = dock.form
    for group, title in ((form.accountGroup, "Account"), (form.aoiGroup, "Area of interest"),
                         (form.settingsGroup, "Extraction settings")):
        assert title in group.title()
    tabs = [dock.tabs.tabText(index) for index in range(dock.tabs.count())]
    assert tabs == ["Jobs", "History"]
    assert form.serverUrlEdit.text() == DEFAULT_SERVER_URL
    params = dock.extraction.params("My First extraction")
    # 3D Tiles are asked for by default only where this QGIS can show them
    three_d = "3d_tiles" if hasattr(qgis.core, "QgsTiledSceneLayer") else ""
    assert params == {
        "name": "My First extraction", "source_image_type": "basemap", "source_image_id": 1,
        "augmented": False, "output_crs": 3857, "vector_formats": "shapefile,geopackage",
        "raster_formats": "geotiff", "three_d_formats": three_d, "dl_models": [],
    }
    assert form.folderEdit.text().endswith("beod_results")
    assert "Not signed in" in form.accountLabel.text()
    QTest.mouseClick(form.runButton, Qt.MouseButton.LeftButton)
    assert "Sign in first" in form.runLabel.text()


def test_sign_in_shows_the_user_and_the_credits(dock, emulator):
    text = sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    assert emulator.email in text
    assert "1 000 000" in text
    assert dock.account.signed_in
    assert not dock.form.signInPanel.isVisible()
    assert dock.form.signOutButton.isVisible()
    # Not remembered: nothing stored, the password field is emptied.
    assert Settings().authcfg == ""
    assert dock.form.passwordEdit.text() == ""


def test_wrong_password_is_explained(dock, emulator):
    text = sign_in(dock, emulator.api_url, emulator.email, "not-the-password")
    assert "Wrong email or password" in text
    assert not dock.account.signed_in
    assert dock.form.signInPanel.isVisible()


def test_server_down_is_explained(dock):
    text = sign_in(dock, DOWN_URL, "someone@beod.example", "whatever-password")
    assert "Cannot reach the BrightEarth On Demand server (127.0.0.1:9)" in text
    assert not dock.account.signed_in


def test_remember_me_keeps_only_an_auth_config_id_and_sign_out_removes_it(dock, emulator, qgis_iface):
    from beod_qgis.core.auth import load_credentials

    unlock_test_auth_db()
    sign_in(dock, emulator.api_url, emulator.email, emulator.password, remember=True)
    authcfg = Settings().authcfg
    assert authcfg
    assert load_credentials(authcfg) == (emulator.email, emulator.password)
    stored = " ".join(str(value) for value in Settings().all_values().values())
    assert emulator.password not in stored

    # A new dock (next QGIS session) signs in by itself.
    again = BeodDock(qgis_iface)
    try:
        assert wait_until(lambda: again.account.signed_in, seconds=30.0)
        assert emulator.email in again.form.accountLabel.text()
        QTest.mouseClick(again.form.signOutButton, Qt.MouseButton.LeftButton)
        assert "Signed out" in again.form.accountLabel.text()
        assert Settings().authcfg == ""
        assert load_credentials(authcfg) is None
    finally:
        again.cleanup()
        again.deleteLater()


def test_aoi_from_the_map_extent_is_shown(dock):
    QTest.mouseClick(dock.form.extentButton, Qt.MouseButton.LeftButton)
    text = dock.form.aoiInfoLabel.text()
    assert "Map extent" in text and "km²" in text and "valid" in text
    assert dock.aoi.band.asGeometry().area() > 0


def test_aoi_drawn_on_the_map(dock, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    QTest.mouseClick(dock.form.drawButton, Qt.MouseButton.LeftButton)
    assert canvas.mapTool() is dock.aoi.tool
    ui_events.draw_polygon(canvas, [(773_000, 5_408_000), (774_000, 5_408_000), (774_000, 5_409_000),
                                    (773_000, 5_409_000)])
    assert not dock.form.drawButton.isChecked()
    assert canvas.mapTool() is not dock.aoi.tool
    text = dock.form.aoiInfoLabel.text()
    assert "Drawn on the map" in text and "0.520 km²" in text and "4 vertices" in text
    # The AOI stays on the map, in the canvas CRS.
    assert dock.aoi.band.asGeometry().area() == pytest.approx(1e6, rel=0.02)


def test_aoi_from_a_point_layer_is_explained(dock):
    layer = _layer("Point", [QgsGeometry.fromPointXY(QgsPointXY(773_500, 5_408_500))], "wells")
    dock.form.layerCombo.setLayer(layer)
    QTest.mouseClick(dock.form.useLayerButton, Qt.MouseButton.LeftButton)
    assert "“wells” is not a polygon layer" in dock.form.aoiInfoLabel.text()
    assert dock.aoi.selection is None


def test_aoi_from_an_empty_selection_is_explained(dock):
    square = QgsGeometry.fromRect(QgsRectangle(773_000, 5_408_000, 774_000, 5_409_000))
    layer = _layer("Polygon", [square], "fields")
    dock.form.layerCombo.setLayer(layer)
    dock.form.selectedOnlyCheck.setChecked(True)
    QTest.mouseClick(dock.form.useLayerButton, Qt.MouseButton.LeftButton)
    assert "No feature of “fields” is selected" in dock.form.aoiInfoLabel.text()
    layer.selectAll()
    QTest.mouseClick(dock.form.useLayerButton, Qt.MouseButton.LeftButton)
    assert "1 feature(s) of “fields”" in dock.form.aoiInfoLabel.text()
    assert dock.aoi.selection is not None


def test_settings_are_remembered_between_sessions(dock, qgis_iface, tmp_path):
    form = dock.form
    form.crsCombo.setCurrentIndex(form.crsCombo.findData(4326))
    form.shapefileCheck.setChecked(False)
    form.augmentedCheck.setChecked(True)
    form.modelsEdit.setText("roofs-v2, trees-v3")
    form.modelsEdit.editingFinished.emit()
    form.folderEdit.setText(str(tmp_path / "results"))
    form.folderEdit.editingFinished.emit()
    again = BeodDock(qgis_iface)
    try:
        params = again.extraction.params("x")
        assert params["output_crs"] == 4326
        assert params["vector_formats"] == "geopackage"
        assert params["augmented"] is True
        assert params["dl_models"] == ["roofs-v2", "trees-v3"]
        assert again.form.folderEdit.text() == str(tmp_path / "results")
    finally:
        again.cleanup()
        again.deleteLater()


def test_default_output_folder_follows_the_saved_project(dock, tmp_path):
    assert dock.form.folderEdit.text() == Settings().output_folder
    QgsProject.instance().setFileName(str(tmp_path / "city" / "city.qgz"))
    assert dock.form.folderEdit.text() == str(tmp_path / "city" / "beod_results")
    dock.form.folderEdit.setText(str(tmp_path / "mine"))
    QgsProject.instance().setFileName(str(tmp_path / "other" / "other.qgz"))
    assert dock.form.folderEdit.text() == str(tmp_path / "mine")  # a chosen folder stays


def test_aoi_with_crossing_edges_is_explained_and_the_previous_area_kept(dock):
    QTest.mouseClick(dock.form.extentButton, Qt.MouseButton.LeftButton)
    previous = dock.aoi.selection
    bowtie = QgsGeometry.fromWkt("POLYGON((773000 5408000, 774000 5409000, 774000 5408000, "
                                 "773000 5409000, 773000 5408000))")
    layer = _layer("Polygon", [bowtie], "bow tie")
    dock.form.layerCombo.setLayer(layer)
    dock.form.selectedOnlyCheck.setChecked(False)
    QTest.mouseClick(dock.form.useLayerButton, Qt.MouseButton.LeftButton)
    text = dock.form.aoiInfoLabel.text()
    assert "redraw it without crossing edges" in text
    assert "The previous area is kept" in text
    assert dock.aoi.selection is previous

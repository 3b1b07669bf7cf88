"""End to end, as a user does it: the plugin loaded by QGIS, the dock driven with the mouse.

Plugin loaded with ``qgis.utils.loadPlugin``/``startPlugin`` from the release copy, dock
opened from the Web menu, signed in against the emulator, the AOI drawn with simulated
mouse events on the canvas, Run clicked, the task awaited, and the layers with features
checked in the project. Then: cancel, the history download, wrong password, server down.
"""

import importlib

import pytest
import qgis.utils
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtTest import QTest

from tests import ui_events
from tests.test_plugin_load import (
    PLUGIN,
    load,
    qgis_env,  # noqa: F401 (a fixture: the plugin path and interface)
    web_entry,
)
from tests.ui_events import wait_until

# Around the LuxCarta office in Sophia Antipolis, in Web Mercator metres (about 500 m a side).
AOI = [(773_700, 5_407_800), (774_200, 5_407_800), (774_200, 5_408_300), (773_700, 5_408_300)]
AOI_WKT = "POLYGON ((6.950 43.606, 6.955 43.606, 6.955 43.610, 6.950 43.610, 6.950 43.606))"
VIEW = QgsRectangle(772_900, 5_407_000, 775_000, 5_409_100)


def click(widget):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()


@pytest.fixture
def opened(qgis_env, qgis_new_project, tmp_path):  # noqa: F811 (the imported fixture)
    """The plugin loaded, its dock opened from the Web menu, the map around the AOI."""
    iface = qgis_env
    plugin = load(iface)
    settings_module = importlib.import_module(PLUGIN + ".core.settings")
    settings = settings_module.Settings()
    for name in ("server_url", "authcfg", "email", "last_params", "output_folder"):
        setattr(settings, name, None)
    settings.remember_me = False
    web_entry(iface).trigger()
    dock = plugin.dock
    assert dock is not None and dock.isVisible()
    canvas = iface.mapCanvas()
    ui_events.prepare_canvas(canvas, QgsCoordinateReferenceSystem("EPSG:3857"), VIEW)
    dock.form.folderEdit.setText(str(tmp_path / "results"))
    yield iface, plugin, dock
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    tasks.TASKS.cancel_all(for_restart=False)
    tasks.TASKS.wait_all(60)
    for name in ("server_url", "authcfg", "email", "last_params", "output_folder"):
        setattr(settings, name, None)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def sign_in(dock, url, email, password):
    form = dock.form
    form.advancedGroup.setCollapsed(False)
    form.serverUrlEdit.setText(url)
    form.serverUrlEdit.editingFinished.emit()
    QTest.keyClicks(form.emailEdit, email)
    QTest.keyClicks(form.passwordEdit, password)
    click(form.signInButton)
    assert wait_until(lambda: form.signInButton.isEnabled() and "Signing in" not in form.accountLabel.text())
    return form.accountLabel.text()


def draw_aoi(dock, iface):
    click(dock.form.drawButton)
    ui_events.draw_polygon(iface.mapCanvas(), AOI, finish="double")
    assert "km²" in dock.form.aoiInfoLabel.text(), dock.form.aoiInfoLabel.text()


def job_rows(dock):
    tree = dock.form.jobsTree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [(item.text(0), item.text(1)) for item in items]


def history_item(form, name):
    """The History row of the extraction called ``name`` (None while not listed)."""
    tree = form.historyTree
    for i in range(tree.topLevelItemCount()):
        project = tree.topLevelItem(i)
        for j in range(project.childCount()):
            if project.child(j).text(0) == name:
                return project.child(j)
    return None


def group_layers(name):
    group = QgsProject.instance().layerTreeRoot().findGroup(name)
    assert isinstance(group, QgsLayerTreeGroup), f"no layer group {name!r}"
    return [node.layer() for node in group.findLayers()]


def test_sign_in_draw_run_and_find_the_layers_in_the_map(opened, emulator):
    iface, plugin, dock = opened
    form = dock.form
    text = sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    assert emulator.email in text and "Credits" in text
    draw_aoi(dock, iface)
    form.nameEdit.setText("Sophia test run")
    click(form.runButton)
    assert "1 extraction(s) started" in form.runLabel.text()
    assert job_rows(dock)[0][0] == "Sophia test run"

    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    assert tasks.TASKS.wait_all(180), "the extraction did not finish"
    assert wait_until(lambda: job_rows(dock)[0][1] == "Done", 10), job_rows(dock)

    layers = group_layers("Sophia test run")
    vectors = [layer for layer in layers if isinstance(layer, QgsVectorLayer)]
    assert vectors and all(layer.isValid() for layer in layers)
    assert sum(layer.featureCount() for layer in vectors) > 0
    names = " ".join(layer.name().lower() for layer in layers)
    assert "building" in names
    assert "credits" in form.runLabel.text().lower()

    # History: the run is listed as successful; "Download and load" brings it back again.
    assert wait_until(lambda: history_item(form, "Sophia test run") is not None, 30), form.historyLabel.text()
    scenario = history_item(form, "Sophia test run")
    assert scenario.text(1).upper() == "SUCCESSFUL"
    form.historyTree.setCurrentItem(scenario)
    assert form.downloadButton.isEnabled()
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()
    fetched = emulator.stats()["storage_requests"]
    click(form.downloadButton)
    assert tasks.TASKS.wait_all(120)
    assert emulator.stats()["storage_requests"] == fetched, "files already on disk were downloaded again"
    again = group_layers("Sophia test run")
    assert sum(layer.featureCount() for layer in again if isinstance(layer, QgsVectorLayer)) > 0


def test_cancel_a_running_extraction(opened, emulator):
    iface, plugin, dock = opened
    emulator.configure(run_seconds=120)
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    draw_aoi(dock, iface)
    dock.form.nameEdit.setText("Run to cancel")
    click(dock.form.runButton)
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    store = jobs.default_store()
    local_id = next(job.local_id for job in store.all() if job.name == "Run to cancel")
    assert wait_until(lambda: store.get(local_id).stage == "running", 60), store.get(local_id)

    tree = dock.form.jobsTree
    dock.jobs.refresh()
    stop = tree.itemWidget(tree.topLevelItem(0), 4)
    # On the server, the documented API cannot stop a run: the action says what it does.
    assert tree.topLevelItem(0).text(0) == "Run to cancel" and stop.text() == "Stop following"
    click(stop)
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    assert tasks.TASKS.wait_all(60)
    assert wait_until(lambda: job_rows(dock)[0] == ("Run to cancel", "Stopped following"), 10), job_rows(dock)
    assert QgsProject.instance().layerTreeRoot().findGroup("Run to cancel") is None
    assert store.get(local_id).has_ids  # still downloadable: History lists it


def test_wrong_password_and_server_down_messages(opened, emulator):
    iface, plugin, dock = opened
    text = sign_in(dock, emulator.api_url, emulator.email, "wrong-password")
    assert "Wrong email or password" in text
    dock.form.emailEdit.clear()
    dock.form.passwordEdit.clear()
    text = sign_in(dock, "http://127.0.0.1:9", emulator.email, emulator.password)
    assert "Cannot reach the BrightEarth On Demand server" in text
    click(dock.form.runButton)
    assert "Sign in first" in dock.form.runLabel.text()


def test_separate_areas_run_as_one_extraction_each(opened, emulator):
    iface, plugin, dock = opened
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857", "two sites", "memory")
    features = []
    for x in (773_700, 774_600):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, 5_407_800, x + 300, 5_408_100)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    form = dock.form
    form.layerCombo.setLayer(layer)
    form.selectedOnlyCheck.setChecked(False)
    form.partsCombo.setCurrentIndex(form.partsCombo.findData("split"))
    click(form.useLayerButton)
    assert "2 extractions will run" in form.aoiInfoLabel.text(), form.aoiInfoLabel.text()
    form.nameEdit.setText("Two sites")
    click(form.runButton)
    assert "2 extraction(s) started" in form.runLabel.text()
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    assert tasks.TASKS.wait_all(180)
    for name in ("Two sites (1 of 2)", "Two sites (2 of 2)"):
        layers = group_layers(name)
        assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0
    assert wait_until(lambda: [state for _, state in job_rows(dock)[:2]] == ["Done", "Done"], 10)


def test_a_run_interrupted_by_closing_qgis_resumes_after_sign_in(opened, emulator, tmp_path):
    iface, plugin, dock = opened
    client_module = importlib.import_module(PLUGIN + ".beod.client")
    models = importlib.import_module(PLUGIN + ".beod.models")
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    # The run QGIS was following when it closed: it exists on the server, the store remembers it.
    client = client_module.Client(emulator.api_url)
    client.login(emulator.email, emulator.password)
    project_id = client.create_project("Left running")
    client.create_aoi(project_id, AOI_WKT)
    params = models.ScenarioParams(name="Left running")
    scenario_id, activity_id = client.create_scenario(project_id, params)
    client.close()
    store = jobs.default_store()
    job = jobs.Job(name="Left running", server=emulator.api_url, params=params.to_body(), aoi_wkt=AOI_WKT,
                   out_dir=str(tmp_path / "left"), project_id=project_id, scenario_id=scenario_id,
                   activity_id=activity_id, state=jobs.RUNNING)
    store.add(job)

    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    assert wait_until(lambda: store.get(job.local_id).state == jobs.SUCCEEDED, 120), store.get(job.local_id)
    assert tasks.TASKS.wait_all(30)
    layers = group_layers("Left running")
    assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0
    assert ("Left running", "Done") in job_rows(dock)


def test_unload_while_drawing_gives_the_canvas_back(opened):
    iface, plugin, dock = opened
    canvas = iface.mapCanvas()
    before = canvas.mapTool()
    click(dock.form.extentButton)
    click(dock.form.drawButton)
    ui_events.click(canvas, *AOI[0])
    ui_events.click(canvas, *AOI[1])
    assert type(canvas.mapTool()).__module__ == PLUGIN + ".ui.aoi_tool"
    bands = [item for item in canvas.scene().items() if isinstance(item, QgsRubberBand)]
    assert len(bands) == 2  # the chosen area and the polygon being drawn

    assert qgis.utils.unloadPlugin(PLUGIN)
    QCoreApplication.processEvents()
    assert canvas.mapTool() is before
    assert [item for item in canvas.scene().items() if isinstance(item, QgsRubberBand)] == []

"""The dock kept open all day: what a run will cost and where it goes before Run, runs that
never replace one another, addresses and areas checked with a sentence that says which,
options that take effect at once, and the small things a user trips on."""

import re
import time
from http.server import BaseHTTPRequestHandler

import pytest
from beod_qgis.beod.aoi import prepare_aoi
from beod_qgis.beod.errors import AoiError, AoiTooLargeError
from beod_qgis.beod.limits import MAX_AOI_KM2
from beod_qgis.core import jobs
from beod_qgis.core.aoi_sources import AoiSourceError, from_extent
from beod_qgis.core.results import load_results, merge_outputs
from beod_qgis.core.results_load import tiled_scenes_supported
from beod_qgis.core.run_estimate import estimate
from beod_qgis.core.settings import Settings
from beod_qgis.ui import master_password
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsLayerTree,
    QgsProject,
    QgsRectangle,
    QgsTask,
)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QFont, QFontMetrics
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from tests import test_ui_dock, ui_events
from tests.loopback import LoopbackServer
from tests.results_data import build_output
from tests.test_core_auth import unlock_test_auth_db
from tests.test_ui_dock import _layer, sign_in
from tests.ui_events import wait_until

# the dock tests' fixtures: a dock on a fresh project with fresh settings
fresh_settings = test_ui_dock.fresh_settings
dock = test_ui_dock.dock

TUTORIAL_WKT = ("POLYGON ((6.9526850935291 43.6127384923652, 6.94943181004093 43.6123795674845, "
                "6.94656582220611 43.611370079773, 6.95060918882712 43.6056268939605, "
                "6.95587640971274 43.605649329347, 6.95759600241363 43.6079825638504, "
                "6.95877338119982 43.6099231178373, 6.95855649563394 43.6117963099847, "
                "6.9526850935291 43.6127384923652))")


def click(widget):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def square(x, y, side):
    return QgsGeometry.fromRect(QgsRectangle(x, y, x + side, y + side))


# -- 1. runs never replace one another ---------------------------------------------------------
def test_two_runs_of_one_name_keep_their_own_groups(qgis_new_project, tmp_path):
    first = merge_outputs(build_output(str(tmp_path / "run1"), tiles=1).out_dir)
    second = merge_outputs(build_output(str(tmp_path / "run2"), tiles=1).out_dir)

    load_results(first, "Paris", project=qgis_new_project)
    load_results(second, "Paris", project=qgis_new_project)

    root = qgis_new_project.layerTreeRoot()
    groups = [node for node in root.children() if QgsLayerTree.isGroup(node)]
    names = [group.name() for group in groups]
    assert len(groups) == 2, names
    assert "Paris" in names and len(set(names)) == 2
    other = next(name for name in names if name != "Paris")
    assert re.fullmatch(r"Paris \(\d\d:\d\d\)", other), other  # the time of the second run
    assert second.group_name == other and first.group_name == "Paris"
    assert all(group.findLayers() for group in groups), "a run lost its layers"
    assert all(node.layer() is not None for group in groups for node in group.findLayers())

    # loading the first run's folder again replaces its own group only
    load_results(merge_outputs(first.out_dir), "Paris", project=qgis_new_project)
    assert sorted(node.name() for node in root.children()) == sorted(names)


# -- 8. area, limit and cost before Run ---------------------------------------------------------
def test_the_service_limit_is_one_constant_the_emulator_agrees_with():
    from tests.emulator.config import Settings as EmulatorSettings

    assert MAX_AOI_KM2 == EmulatorSettings().max_aoi_km2 == 500.0


def test_a_too_large_area_is_refused_before_any_request(emulator, tmp_path):
    from beod_qgis.beod.client import Client
    from beod_qgis.beod.flow import run_extraction

    big = "POLYGON ((6.5 43.5, 6.9 43.5, 6.9 43.9, 6.5 43.9, 6.5 43.5))"  # about 1 440 km²
    client = Client(emulator.api_url, retries=0)
    client.login(emulator.email, emulator.password)
    before = len(client.list_projects())
    with pytest.raises(AoiTooLargeError, match="larger than the 500 km²"):
        run_extraction(client, big, {}, tmp_path / "out", project_name="Too large")
    assert len(client.list_projects()) == before, "an empty project was left on the account"
    client.close()


def test_the_dock_shows_the_limit_and_refuses_a_too_large_area(dock, emulator):
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    canvas = dock.iface.mapCanvas()
    # about 50 km a side: 2 500 km² of Web Mercator, about 1 300 km² on the ground
    ui_events.prepare_canvas(canvas, QgsCoordinateReferenceSystem("EPSG:3857"),
                             QgsRectangle(750_000, 5_380_000, 800_000, 5_430_000))
    click(dock.form.extentButton)
    info = dock.form.aoiInfoLabel.text()
    assert "500 km²" in info and "larger than" in info, info
    projects = len(dock.account.make_client().list_projects())
    click(dock.form.runButton)
    text = dock.form.runLabel.text()
    assert "larger than the 500 km²" in text and "smaller area" in text, text
    assert dock.jobs.store.all() == [] or all(job.name != dock.extraction.name()
                                              for job in dock.jobs.store.all())
    client = dock.account.make_client()
    client.login()
    assert len(client.list_projects()) == projects


def test_the_cost_is_estimated_from_the_account_s_past_runs(qgis_app):
    area = prepare_aoi(TUTORIAL_WKT).area_km2
    past = [
        jobs.Job(name="old", server="http://x", aoi_wkt=TUTORIAL_WKT, state=jobs.SUCCEEDED,
                 credits_before=1000.0, credits_after=1000.0 - 10.0 * area),
        jobs.Job(name="failed", server="http://x", aoi_wkt=TUTORIAL_WKT, state=jobs.FAILED,
                 credits_before=1000.0, credits_after=0.0),
        jobs.Job(name="elsewhere", server="http://y", aoi_wkt=TUTORIAL_WKT, state=jobs.SUCCEEDED,
                 credits_before=1000.0, credits_after=0.0),
    ]
    guess = estimate(50.0, past, "http://x")
    assert guess.samples == 1 and guess.per_km2 == pytest.approx(10.0)
    assert guess.credits == pytest.approx(500.0)
    assert estimate(50.0, past[1:2], "http://x") is None

    # two runs at once: each one's "after" includes the other's charge; priced together
    together = [
        jobs.Job(name=f"at once {n}", server="http://x", aoi_wkt=TUTORIAL_WKT, state=jobs.SUCCEEDED,
                 credits_before=1000.0, credits_after=1000.0 - 2 * 10.0 * area, started=100.0 + n,
                 finished=200.0 + n)
        for n in range(2)
    ]
    assert estimate(1.0, together, "http://x").per_km2 == pytest.approx(10.0)


def test_the_dock_says_what_a_run_will_cost_and_where_it_goes(dock, emulator, tmp_path):
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    area = prepare_aoi(TUTORIAL_WKT).area_km2
    past = jobs.Job(name="Earlier run", server=emulator.api_url, aoi_wkt=TUTORIAL_WKT, state=jobs.SUCCEEDED,
                    credits_before=5000.0, credits_after=5000.0 - 10.0 * area, out_dir=str(tmp_path / "old"))
    dock.jobs.store.add(past)
    try:
        dock.form.folderEdit.setText(str(tmp_path / "My results"))
        click(dock.form.extentButton)
        summary = dock.summaryLabel.text()
        selection_area = dock.aoi.selection.area_km2
        assert "Area:" in summary and "km²" in summary
        expected = f"{round(10.0 * selection_area):,}".replace(",", " ")
        assert f"about {expected} credits" in summary, summary
        assert "Results go to:" in summary and "My results" in summary
        assert dock.summaryLabel.isVisible() and dock.form.runButton.isVisible()
    finally:
        dock.jobs.store.remove(past.local_id)


def test_one_outline_around_separate_features_says_how_much_larger_it_is(dock):
    fields = [square(773_000, 5_408_000, 300), square(775_000, 5_410_000, 300)]
    layer = _layer("Polygon", fields, "Two fields")
    dock.form.layerCombo.setLayer(layer)
    dock.form.selectedOnlyCheck.setChecked(False)
    dock.form.partsCombo.setCurrentIndex(dock.form.partsCombo.findData("merge"))
    click(dock.form.useLayerButton)
    info = dock.form.aoiInfoLabel.text()
    assert "times the" in info and "one run each" in info, info
    assert dock.aoi.selection.area_km2 > 2 * dock.aoi.selection.features_km2


# -- 4. every AOI option takes effect at once ----------------------------------------------------
def test_layer_options_take_effect_without_clicking_use_layer_again(dock):
    layer = _layer("Polygon", [square(773_000, 5_408_000, 300), square(775_000, 5_410_000, 300)], "Fields")
    form = dock.form
    form.layerCombo.setLayer(layer)
    form.selectedOnlyCheck.setChecked(False)
    form.partsCombo.setCurrentIndex(form.partsCombo.findData("merge"))
    click(form.useLayerButton)
    assert len(dock.aoi.selection.parts) == 1

    form.partsCombo.setCurrentIndex(form.partsCombo.findData("split"))
    assert len(dock.aoi.selection.parts) == 2, "the mode did not take effect"

    first = next(layer.getFeatures()).id()
    layer.selectByIds([first])
    form.selectedOnlyCheck.setChecked(True)
    assert len(dock.aoi.selection.parts) == 1, "Selected features only did not take effect"
    small = dock.aoi.selection.area_km2

    layer.selectByIds([feature.id() for feature in layer.getFeatures()])
    assert len(dock.aoi.selection.parts) == 2 and dock.aoi.selection.area_km2 > small

    # an option the area can no longer satisfy drops it: Run never uses a stale area
    layer.removeSelection()
    assert dock.aoi.selection is None
    assert "No feature of" in form.aoiInfoLabel.text()
    click(form.runButton)
    assert "area of interest" in form.runLabel.text() or "Sign in" in form.runLabel.text()


# -- 5. the output folder ---------------------------------------------------------------------------
def test_the_default_output_folder_is_in_the_documents_not_the_profile(dock):
    folder = dock.form.folderEdit.text()
    assert folder.endswith("beod_results")
    assert not folder.startswith(QgsApplication.qgisSettingsDirPath())
    assert "beod_results" in dock.summaryLabel.text()


# -- 6. 3D Tiles where QGIS can show them ---------------------------------------------------------
def test_3d_tiles_default_to_what_this_qgis_can_show(dock):
    form = dock.form
    assert form.threeDCheck.isChecked() == tiled_scenes_supported()
    form.threeDCheck.setChecked(True)
    if tiled_scenes_supported():
        assert dock.extraction.three_d_note() == ""
    else:
        assert "only be saved to disk" in dock.summaryLabel.text()
        for box in (form.shapefileCheck, form.geopackageCheck, form.geotiffCheck):
            box.setChecked(False)
        assert "add nothing to the map" in dock.summaryLabel.text()


@pytest.mark.skipif(tiled_scenes_supported(), reason="this QGIS shows 3D Tiles")
def test_the_3d_tiles_note_is_short_and_logged_once(qgis_new_project, tmp_path):
    merged = merge_outputs(build_output(str(tmp_path / "job"), tiles=2).out_dir)
    logged = []

    def on_message(message, tag, level):
        if tag == "BEOD":
            logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(on_message)
    try:
        load_results(merged, "Run", project=qgis_new_project)
        QApplication.processEvents()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(on_message)
    note = next(note for note in merged.notes if "3D Tiles" in note)
    assert str(tmp_path) not in note, "the note repeats full paths"
    assert "building_tileset.json" in note
    assert not [message for message in logged if "3D Tiles" in message], "logged before the task logs it"


# -- 7. server addresses ---------------------------------------------------------------------------
class NotBeod(BaseHTTPRequestHandler):
    """A web server that is not BEOD: a page for every address."""

    def _page(self):
        body = b"<html><body>Welcome to nginx!</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _page

    def log_message(self, *args):
        pass


def test_a_server_address_without_scheme_is_explained(dock):
    text = sign_in(dock, "beod server", "someone@beod.example", "whatever-password")
    assert "not a web address" in text and "https://" in text, text
    assert "MissingSchema" not in text and "Unexpected" not in text


def test_a_reachable_server_that_is_not_beod_is_explained(dock):
    server = LoopbackServer(NotBeod)
    try:
        text = sign_in(dock, server.url, "someone@beod.example", "whatever-password")
    finally:
        server.close()
    assert "not a BrightEarth On Demand server" in text, text
    assert "Wrong email or password" not in text


def test_an_unreachable_server_is_still_said_to_be_unreachable(dock):
    text = sign_in(dock, "http://127.0.0.1:9", "someone@beod.example", "whatever-password")
    assert "Cannot reach" in text


# -- 3. the master password ----------------------------------------------------------------------
def _answer_explanation(seen, button):
    """Click ``button`` of our explanation as soon as it shows; keep its text in ``seen``."""
    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.objectName() == master_password.OBJECT_NAME \
                    and widget.isVisible():
                seen.append(widget.text())
                widget.button(button).click()
                return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def test_remember_me_says_why_qgis_asks_for_its_master_password(dock, emulator):
    manager = QgsApplication.authManager()
    manager.clearMasterPassword()  # a new QGIS session: the password store is locked
    try:
        assert master_password.will_ask()
        seen = []
        _answer_explanation(seen, QMessageBox.StandardButton.Cancel)
        text = sign_in(dock, emulator.api_url, emulator.email, emulator.password, remember=True)
        assert seen, "QGIS would have asked without a word of ours"
        assert "master password" in seen[0] and "remember" in seen[0].lower()
        assert dock.account.signed_in
        assert "not remembered" in text
        assert Settings().authcfg == ""
    finally:
        unlock_test_auth_db()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Ok])
def test_at_start_up_runs_wait_for_the_window_and_a_word_before_qgis_asks(qgis_iface, answer):
    """Runs left going when QGIS closed need the remembered password: QGIS is not made to
    ask for its master password while the plugin loads, but later, after our sentence."""
    store = jobs.default_store()
    waiting = jobs.Job(name="Left running", server="http://127.0.0.1:9", state=jobs.RUNNING,
                       project_id=1, scenario_id=2, activity_id=3)
    store.add(waiting)
    settings = Settings()
    settings.authcfg = "abcd123"
    QgsApplication.authManager().clearMasterPassword()
    resumed, seen = [], []
    try:
        assert master_password.resume_when_explained(qgis_iface, lambda: resumed.append(True)) is False
        assert resumed == [], "resumed (and QGIS asked) while the plugin was loading"
        _answer_explanation(seen, answer)
        assert wait_until(lambda: bool(seen), seconds=10.0)
        QApplication.processEvents()
        assert "still running when QGIS closed" in seen[0] and "master password" in seen[0]
        assert resumed == ([True] if answer == QMessageBox.StandardButton.Ok else [])
    finally:
        store.remove(waiting.local_id)
        settings.authcfg = None
        unlock_test_auth_db()


def test_start_up_resumes_at_once_when_nothing_is_locked(qgis_iface):
    unlock_test_auth_db()
    resumed = []
    assert master_password.resume_when_explained(qgis_iface, lambda: resumed.append(True)) is True
    assert resumed == [True]


def test_the_start_up_explanation_says_why(qgis_app):
    for purpose in (master_password.REMEMBER, master_password.SIGN_IN, master_password.RESUME):
        text = master_password.explanation(purpose)
        assert "master password" in text and "BrightEarth On Demand" in text


# -- 9. the small things ----------------------------------------------------------------------------
def test_failed_jobs_show_no_partial_progress_bar(dock, tmp_path):
    failed = jobs.Job(name="Broken run", state=jobs.FAILED, progress=42.0, error="The server failed.",
                      out_dir=str(tmp_path))
    dock.jobs.store.add(failed)
    try:
        dock.jobs.refresh()
        tree = dock.form.jobsTree
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(0) == "Broken run")
        assert item.text(1) == "Failed"
        assert tree.itemWidget(item, 2) is None, "a failed run keeps a half-full progress bar"
    finally:
        dock.jobs.store.remove(failed.local_id)


def test_job_names_and_states_can_be_read_at_the_default_width(dock, tmp_path):
    from beod_qgis.ui.job_rows import JobRowDelegate

    running = jobs.Job(name="Sophia Antipolis", state=jobs.RUNNING, stage="running", progress=30.0,
                       started=time.time() - 75, out_dir=str(tmp_path))
    # a run stopped and finished on the server: its row's action is Download
    finished = jobs.Job(name="Finished there", state=jobs.STOPPED, server_state="SUCCESSFUL", project_id=1,
                        scenario_id=2, activity_id=3, out_dir=str(tmp_path))
    dock.jobs.store.add(finished)
    dock.jobs.store.add(running)
    try:
        dock.resize(300, 800)
        dock.jobs.refresh()
        QApplication.processEvents()
        tree = dock.form.jobsTree
        rows = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
        item = rows["Sophia Antipolis"]
        bold = QFont(tree.font())
        bold.setBold(True)
        name_width = tree.columnWidth(0)
        assert QFontMetrics(bold).horizontalAdvance("Sophia Antipolis") < name_width, name_width
        delegate = tree.itemDelegateForColumn(0)
        assert isinstance(delegate, JobRowDelegate)
        detail = delegate.detail(tree.indexFromItem(item, 0))
        assert detail.startswith("Extracting on the server") and "1:1" in detail
        # the action says what it does without widening the rows
        download = tree.itemWidget(rows["Finished there"], 4)
        assert download.objectName() == "jobAction_download" and download.text() == "Download"
        assert download.toolTip().startswith("Download: ") and download.accessibleName() == "Download"
        text_width = QFontMetrics(tree.font()).horizontalAdvance("Download")
        assert not download.icon().isNull() and download.width() < text_width, download.width()
        # the running jobs are in sight together with the Run button
        dock._update_jobs_tab()
        assert dock.tabs.tabText(0) == "Jobs" and not dock.noJobsLabel.isVisible()
        assert dock.form.runButton.isVisible() and tree.isVisible()
        assert not dock.form.scrollArea.isAncestorOf(tree)
    finally:
        dock.jobs.store.remove(running.local_id)
        dock.jobs.store.remove(finished.local_id)


def test_sign_out_only_when_signed_in_and_it_says_what_it_did(dock, emulator):
    form = dock.form
    assert not form.signOutButton.isVisible()
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    assert form.signOutButton.isVisible()
    click(form.signOutButton)
    text = form.accountLabel.text()
    assert text.startswith("Signed out.") and "removed" not in text, text
    assert not form.signOutButton.isVisible()


def test_the_whole_world_as_map_extent_says_zoom_in(qgis_app):
    world = QgsRectangle(-20_000_000, -15_000_000, 20_000_000, 15_000_000)
    with pytest.raises(AoiSourceError, match="zoom in") as caught:
        from_extent(world, QgsCoordinateReferenceSystem("EPSG:3857"))
    assert "split it" not in str(caught.value)


def test_a_double_click_with_fewer_than_three_points_is_explained(dock, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    click(dock.form.drawButton)
    ui_events.draw_polygon(canvas, [(773_700, 5_407_800), (774_200, 5_407_800)], finish="double")
    text = dock.form.aoiInfoLabel.text()
    assert "at least three corners" in text, text
    assert dock.aoi.selection is None


def test_a_bow_tie_is_explained_without_raw_coordinates():
    bow_tie = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"
    with pytest.raises(AoiError) as caught:
        prepare_aoi(bow_tie)
    message = str(caught.value)
    assert "cross" in message and "[" not in message and "0.5" not in message, message


def test_a_user_s_cancel_is_not_a_failed_task(emulator, tmp_path, qgis_iface):
    """The user stops a run while it is extracting on the server: its scenario exists, so the run
    goes on there (Stop following, ``stopped``), and QGIS never says "Task failed"."""
    from beod_qgis.beod.models import ScenarioParams
    from beod_qgis.core.jobs import JobStore
    from beod_qgis.core.tasks import ExtractionTask, TaskRegistry

    emulator.configure(run_seconds=30.0)
    store = JobStore(str(tmp_path / "jobs.json"))
    registry = TaskRegistry()
    job = jobs.Job(name="Cancelled by me", server=emulator.api_url, params=ScenarioParams().to_body(),
                   aoi_wkt=TUTORIAL_WKT, out_dir=str(tmp_path / "out"))
    task = ExtractionTask(job, iface=qgis_iface, store=store, project=QgsProject.instance(),
                          email=emulator.email, password=emulator.password)
    statuses = []
    task.statusChanged.connect(statuses.append)
    registry.start(task)
    try:
        assert wait_until(lambda: store.get(job.local_id).stage == "running", 60), store.get(job.local_id)
        assert registry.stop(job.local_id)  # what the row's "Stop following" does
        assert registry.wait_all(60)
        for _ in range(10):
            QApplication.processEvents()
        record = store.get(job.local_id)
        assert record.state == jobs.STOPPED and record.has_ids, record
        assert "Stopped following" in record.message, record.message
        assert QgsTask.TaskStatus.Terminated not in statuses, "QGIS would say Task failed"
        assert not any("Cancelled by me" in message
                       for message in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    finally:
        registry.cancel_all(for_restart=False)
        registry.wait_all(30)


@pytest.mark.skipif(tiled_scenes_supported(), reason="this QGIS shows 3D Tiles")
def test_a_3d_only_run_says_where_its_tiles_are(emulator, tmp_path, qgis_iface):
    from beod_qgis.beod.models import ScenarioParams
    from beod_qgis.core.jobs import JobStore
    from beod_qgis.core.tasks import ExtractionTask, TaskRegistry

    emulator.configure(run_seconds=0.3)
    params = ScenarioParams().to_body()
    params.update(vector_formats="", raster_formats="", three_d_formats="3d_tiles")
    store = JobStore(str(tmp_path / "jobs.json"))
    registry = TaskRegistry()
    job = jobs.Job(name="Only 3D", server=emulator.api_url, params=params, aoi_wkt=TUTORIAL_WKT,
                   out_dir=str(tmp_path / "out"))
    registry.start(ExtractionTask(job, iface=qgis_iface, store=store, project=QgsProject.instance(),
                                  email=emulator.email, password=emulator.password))
    assert registry.wait_all(120)
    for _ in range(10):
        QApplication.processEvents()
    record = store.get(job.local_id)
    assert record.state == jobs.SUCCEEDED
    assert "3D Tiles are saved in" in record.message and str(tmp_path / "out") in record.message
    assert "returned no layer" not in record.message


def test_a_failed_download_says_where_to_resume_it(qgis_iface, tmp_path):
    from beod_qgis.beod.errors import DownloadError
    from beod_qgis.beod.models import User
    from beod_qgis.core.jobs import JobStore
    from beod_qgis.core.tasks import DownloadTask, TaskRegistry

    class CutOff:
        """A server whose storage keeps refusing the result files (403): no outage to wait out."""

        def login(self, *args):
            return User(id="me", credits=10.0)

        def me(self):
            return User(id="me", credits=10.0)

        def download_urls(self, *args, **kwargs):
            raise DownloadError("The storage keeps refusing the download links (403).", status=403)

        def close(self):
            pass

    store = JobStore(str(tmp_path / "jobs.json"))
    registry = TaskRegistry()
    job = jobs.Job(name="Big city", server="http://127.0.0.1:9", kind=jobs.KIND_DOWNLOAD,
                   out_dir=str(tmp_path / "out"), project_id=1, scenario_id=2)
    registry.start(DownloadTask(job, iface=qgis_iface, store=store, project=QgsProject.instance(),
                                client=CutOff()))
    assert registry.wait_all(30)
    for _ in range(10):
        QApplication.processEvents()
    error = store.get(job.local_id).error
    assert "History" in error and "Download and load" in error and "“Big city”" in error, error


@pytest.mark.skipif(tiled_scenes_supported(), reason="this QGIS shows 3D Tiles")
def test_the_3d_tiles_warning_of_a_run_is_logged_once(emulator, tmp_path, qgis_iface):
    from beod_qgis.beod.models import ScenarioParams
    from beod_qgis.core.jobs import JobStore
    from beod_qgis.core.tasks import ExtractionTask, TaskRegistry

    emulator.configure(run_seconds=0.3)
    logged = []

    def on_message(message, tag, level):
        if tag == "BEOD" and "3D Tiles" in message:
            logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(on_message)
    try:
        store = JobStore(str(tmp_path / "jobs.json"))
        registry = TaskRegistry()
        job = jobs.Job(name="With 3D", server=emulator.api_url, params=ScenarioParams().to_body(),
                       aoi_wkt=TUTORIAL_WKT, out_dir=str(tmp_path / "out"))
        registry.start(ExtractionTask(job, iface=qgis_iface, store=store, project=QgsProject.instance(),
                                      email=emulator.email, password=emulator.password))
        assert registry.wait_all(120)
        for _ in range(10):
            QApplication.processEvents()
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(on_message)
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    assert len(logged) == 1, logged

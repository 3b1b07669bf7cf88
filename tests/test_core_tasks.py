"""Extraction and download tasks against the BEOD emulator, as the user sees them:
layers with features in the project, a message bar, the job record's state."""

import contextlib
import socket
import time
import urllib.parse

import pytest
from beod_qgis.beod.models import ScenarioParams
from beod_qgis.core import auth, jobs
from beod_qgis.core import tasks as tasks_module
from beod_qgis.core.jobs import Job, JobStore
from beod_qgis.core.settings import Settings
from beod_qgis.core.tasks import DownloadTask, ExtractionTask, TaskRegistry, resume_unfinished
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QPushButton

from tests.emulator.samples import TUTORIAL_AOI
from tests.test_core_auth import unlock_test_auth_db
from tests.test_core_network import running_proxy

WRONG_PASSWORD = "definitely-wrong-fake-pw"  # pragma: allowlist secret


@pytest.fixture()
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


@pytest.fixture()
def registry(qgis_app):
    registry = TaskRegistry()
    yield registry
    registry.cancel_all(for_restart=False)
    registry.wait_all(30)


@pytest.fixture()
def store(tmp_path):
    return JobStore(str(tmp_path / "jobs.json"))


@pytest.fixture()
def account(qgis_app, emulator):
    """The emulator's user signed in the plugin's way: credentials in the auth DB."""
    unlock_test_auth_db()
    authcfg = auth.store_credentials(emulator.email, emulator.password)
    settings = Settings()
    settings.server_url = emulator.api_url
    settings.authcfg = authcfg
    yield authcfg
    auth.remove_credentials(authcfg)
    settings.forget_account()
    settings.server_url = None


def make_job(server: str, out_dir, name: str = "Sophia run") -> Job:
    return Job(
        name=name,
        server=server,
        params=ScenarioParams().to_body(),
        aoi_wkt=TUTORIAL_AOI,
        out_dir=str(out_dir),
    )


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QgsApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    return False


def finish(registry: TaskRegistry, timeout: float = 120.0) -> None:
    assert registry.wait_all(timeout), "the task did not end in time"
    for _ in range(10):
        QgsApplication.processEvents()


def group_layers(project: QgsProject, name: str):
    group = project.layerTreeRoot().findGroup(name)
    assert group is not None, f"no layer-tree group named {name!r}"
    return [node.layer() for node in group.findLayers()]


def vector_feature_counts(layers):
    return {layer.name(): layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)}


def free_closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def message_bar_buttons(iface):
    texts = []
    for item in iface.messageBar().items():
        texts.extend(button.text() for button in item.findChildren(QPushButton))
    return texts


def test_extraction_loads_layers_with_features(
    emulator, account, project, registry, store, tmp_path, qgis_iface
):
    emulator.configure(run_seconds=1.0)
    qgis_iface.messageBar().clear_messages()
    job = make_job(emulator.api_url, tmp_path / "out")
    started = []
    registry.taskAdded.connect(started.append)
    registry.start(ExtractionTask(job, iface=qgis_iface, store=store, project=project))
    finish(registry)

    layers = group_layers(project, "Sophia run")
    counts = vector_feature_counts(layers)
    assert counts, "no vector layer loaded"
    assert all(count > 0 for count in counts.values()), counts
    record = store.get(job.local_id)
    assert record.state == jobs.SUCCEEDED
    assert record.has_ids
    assert record.credits_before is not None and record.credits_after is not None
    assert record.cost == emulator.stats()["credits_charged"][emulator.email] > 0
    assert f"Cost: {tasks_module._number(record.cost)} credits" in record.message
    assert record.progress == 100.0
    assert "layer(s) loaded" in record.message
    assert (tmp_path / "out").is_dir()
    # A short task starts the run, the server part holds no task, a second task downloads.
    assert [type(task).__name__ for task in started] == ["ExtractionTask", "DownloadTask"]
    assert "scenario" in started[0].timings and {"download", "merge"} <= set(started[1].timings)
    stats = emulator.stats()  # the bearer token never went to the storage host
    assert stats.get("storage_requests", 0) > 0 and not stats.get("storage_auth_headers")
    # The user is told, with the two buttons.
    buttons = message_bar_buttons(qgis_iface)
    assert "Open folder" in buttons and "Zoom to results" in buttons
    # "Zoom to results" brings the results into view.
    canvas = qgis_iface.mapCanvas()
    canvas.setExtent(QgsRectangle(-170, -80, -160, -70))
    zoom = [b for item in qgis_iface.messageBar().items() for b in item.findChildren(QPushButton)]
    next(b for b in zoom if b.text() == "Zoom to results").click()
    transform = QgsCoordinateTransform(layers[0].crs(), canvas.mapSettings().destinationCrs(), project)
    assert canvas.extent().contains(transform.transformBoundingBox(layers[0].extent()))


def test_two_jobs_at_once(emulator, account, project, registry, store, tmp_path):
    emulator.configure(run_seconds=1.5)
    first = registry.start(
        ExtractionTask(make_job(emulator.api_url, tmp_path / "a", "Run A"), store=store, project=project)
    )
    second = registry.start(
        ExtractionTask(make_job(emulator.api_url, tmp_path / "b", "Run B"), store=store, project=project)
    )
    assert wait_for(
        lambda: all(registry.follower.is_following(t.job.local_id)
                    and store.get(t.job.local_id).stage == "running" for t in (first, second)), 60
    )
    # While on the server no task is held: QGIS's exit does not ask to cancel anything.
    active = {task.description() for task in QgsApplication.taskManager().activeTasks()}
    assert not {"BrightEarth On Demand: Run A", "BrightEarth On Demand: Run B"} & active
    finish(registry)
    for name in ("Run A", "Run B"):
        assert vector_feature_counts(group_layers(project, name))
    records = store.all()
    assert [job.state for job in records] == [jobs.SUCCEEDED, jobs.SUCCEEDED]
    # Each run's cost is its own (or explicitly "cannot be told apart"), never the sum of both.
    charged = emulator.stats()["credits_charged"][emulator.email]
    costs = [job.cost for job in records]
    for job in records:
        assert job.cost_status in (jobs.COST_ATTRIBUTED, jobs.COST_SHARED), job
        if job.cost is None:
            assert "cannot be told apart" in job.message
    if None not in costs:
        assert sum(costs) == pytest.approx(charged) and all(0 < c < charged for c in costs)


def test_cancel_before_the_scenario_exists_cancels(emulator, account, project, registry, store, tmp_path,
                                                   qgis_iface):
    emulator.configure(run_seconds=30.0)
    job = make_job(emulator.api_url, tmp_path / "out", "Cancelled early")
    task = ExtractionTask(job, iface=qgis_iface, store=store, project=project)
    task.stageChanged.connect(lambda _id, current: current == "project" and registry.stop(job.local_id))
    registry.start(task)
    finish(registry, 60)
    record = store.get(job.local_id)
    assert record.state == jobs.CANCELLED and "nothing is charged" in record.message
    assert emulator.stats()["credits_charged"].get(emulator.email, 0) == 0
    assert any(
        "cancelled" in message for message in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Info)
    )


@pytest.mark.parametrize("stage", ["running", "download"])
def test_stop_following_keeps_the_run_and_offers_its_download(
    emulator, account, project, registry, store, tmp_path, qgis_iface, stage
):
    if stage == "download":
        emulator.configure(run_seconds=0.5, latency_ms=50.0)  # a download long enough to interrupt
    else:
        emulator.configure(run_seconds=6.0)
    job = make_job(emulator.api_url, tmp_path / "out", f"Stopped at {stage}")
    registry.follower.watch_interval = 0.5
    registry.start(ExtractionTask(job, iface=qgis_iface, store=store, project=project))
    assert wait_for(lambda: store.get(job.local_id).stage == stage, 60), store.get(job.local_id)
    assert registry.stop(job.local_id)
    finish(registry, 60)
    record = store.get(job.local_id)
    assert record.state == jobs.STOPPED and record.has_ids, record
    assert project.layerTreeRoot().findGroup(job.name) is None
    # The run goes on on the server; once it is SUCCESSFUL the job can be downloaded.
    assert wait_for(lambda: store.get(job.local_id).server_state == "SUCCESSFUL", 30)
    emulator.configure(latency_ms=0.0)
    registry.resume(store.get(job.local_id), store=store, project=project)
    finish(registry, 60)
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    assert vector_feature_counts(group_layers(project, job.name))


def test_wrong_password_gives_a_clear_error(emulator, project, registry, store, tmp_path, qgis_iface):
    qgis_iface.messageBar().clear_messages()
    job = make_job(emulator.api_url, tmp_path / "out", "Wrong password")
    registry.start(
        ExtractionTask(
            job, iface=qgis_iface, store=store, project=project, email=emulator.email, password=WRONG_PASSWORD
        )
    )
    finish(registry, 60)
    record = store.get(job.local_id)
    assert record.state == jobs.FAILED
    assert "password" in record.error.lower()
    assert "Traceback" not in record.error
    critical = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical)
    assert any("password" in message.lower() for message in critical), critical
    assert project.layerTreeRoot().findGroup(job.name) is None


def test_server_down_gives_a_clear_error(qgis_app, project, registry, store, tmp_path, qgis_iface):
    qgis_iface.messageBar().clear_messages()
    server = f"http://127.0.0.1:{free_closed_port()}"
    job = make_job(server, tmp_path / "out", "Server down")
    registry.start(
        ExtractionTask(
            job,
            iface=qgis_iface,
            store=store,
            project=project,
            email="a@example.com",
            password=WRONG_PASSWORD,
        )
    )
    finish(registry, 90)
    record = store.get(job.local_id)
    assert record.state == jobs.FAILED
    assert record.error and "Traceback" not in record.error
    assert "127.0.0.1" in record.error or "connect" in record.error.lower() or "reach" in record.error.lower()
    assert qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical)


def test_no_credentials_is_refused_before_anything_is_recorded(qgis_app, store, tmp_path):
    unlock_test_auth_db()
    Settings().forget_account()
    with pytest.raises(auth.CredentialsError):
        ExtractionTask(make_job("http://127.0.0.1:9", tmp_path), store=store)
    assert store.all() == []


def test_run_interrupted_by_closing_qgis_resumes_at_next_start(
    emulator, account, project, registry, store, tmp_path, qgis_iface
):
    emulator.configure(run_seconds=4.0)
    job = make_job(emulator.api_url, tmp_path / "out", "Interrupted run")
    registry.start(ExtractionTask(job, store=store, project=project))
    assert wait_for(lambda: store.get(job.local_id).stage == "running", 60)
    registry.cancel_all()  # what unloading the plugin (closing QGIS) does
    finish(registry, 60)
    remembered = JobStore(store.path).get(job.local_id)
    assert remembered.state == jobs.RUNNING and remembered.has_ids
    assert project.layerTreeRoot().findGroup(job.name) is None
    scenarios_before = emulator.stats().get("scenarios_created")

    # "QGIS starts again": a new store read from disk, a new registry.
    new_store = JobStore(store.path)
    new_registry = TaskRegistry()
    started, waiting = resume_unfinished(qgis_iface, store=new_store, registry=new_registry, project=project)
    assert [t.job.local_id for t in started] == [job.local_id] and waiting == []
    finish(new_registry, 120)
    assert vector_feature_counts(group_layers(project, "Interrupted run"))
    assert new_store.get(job.local_id).state == jobs.SUCCEEDED
    if scenarios_before is not None:
        assert emulator.stats().get("scenarios_created") == scenarios_before, (
            "resuming created a new scenario"
        )


def test_resume_from_a_store_with_ids_of_a_running_job(emulator, account, project, store, tmp_path):
    from beod_qgis.beod.client import Client

    emulator.configure(run_seconds=2.0)
    client = Client(emulator.api_url)
    client.login(emulator.email, emulator.password)
    project_id = client.create_project("Started elsewhere")
    client.create_aoi(project_id, TUTORIAL_AOI)
    scenario_id, activity_id = client.create_scenario(project_id, ScenarioParams())
    client.close()
    job = make_job(emulator.api_url, tmp_path / "out", "Started before restart")
    job.project_id, job.scenario_id, job.activity_id = project_id, scenario_id, activity_id
    job.state = jobs.RUNNING
    store.add(job)

    registry = TaskRegistry()
    started, _waiting = resume_unfinished(
        None, store=JobStore(store.path), registry=registry, project=project
    )
    assert len(started) == 1
    finish(registry, 120)
    assert vector_feature_counts(group_layers(project, "Started before restart"))
    assert JobStore(store.path).get(job.local_id).state == jobs.SUCCEEDED


def test_download_again_reuses_files_and_loads(emulator, account, project, registry, store, tmp_path):
    emulator.configure(run_seconds=0.5)
    job = make_job(emulator.api_url, tmp_path / "out", "First")
    registry.start(ExtractionTask(job, store=store, project=project))
    finish(registry)
    first = store.get(job.local_id)
    assert first.state == jobs.SUCCEEDED
    files = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file() and "merged" not in p.parts)
    mtimes = {p: p.stat().st_mtime_ns for p in files}

    again = Job(
        name="From history",
        server=emulator.api_url,
        kind=jobs.KIND_DOWNLOAD,
        out_dir=str(tmp_path / "out"),
        project_id=first.project_id,
        scenario_id=first.scenario_id,
    )
    registry.start(DownloadTask(again, store=store, project=project))
    finish(registry)
    assert store.get(again.local_id).state == jobs.SUCCEEDED
    assert vector_feature_counts(group_layers(project, "From history"))
    unchanged = [p for p in files if p.exists() and p.stat().st_mtime_ns == mtimes[p]]
    assert unchanged, "the files already on disk were downloaded again"


def test_failed_server_run_is_reported_with_its_details(
    emulator, account, project, registry, store, tmp_path, qgis_iface
):
    qgis_iface.messageBar().clear_messages()
    emulator.configure(run_seconds=0.5, fail_next_runs=1, fail_details="The source imagery is too cloudy")
    job = make_job(emulator.api_url, tmp_path / "out", "Cloudy")
    registry.start(ExtractionTask(job, iface=qgis_iface, store=store, project=project))
    finish(registry, 60)
    record = store.get(job.local_id)
    assert record.state == jobs.FAILED
    assert "too cloudy" in record.error
    assert record.has_ids  # the scenario exists on the server (History shows it)
    assert any("too cloudy" in m for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    assert project.layerTreeRoot().findGroup("Cloudy") is None


def test_output_folder_that_cannot_be_written_is_explained(
    emulator, account, project, registry, store, tmp_path
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    job = make_job(emulator.api_url, blocker / "out", "Bad folder")
    registry.start(ExtractionTask(job, store=store, project=project))
    finish(registry, 60)
    record = store.get(job.local_id)
    assert record.state == jobs.FAILED
    assert "Choose another output folder" in record.error and "a-file" in record.error


def test_tokens_expiring_during_the_run_do_not_stop_it(emulator, account, project, registry, store, tmp_path):
    emulator.configure(run_seconds=3.0, token_ttl=1)
    job = make_job(emulator.api_url, tmp_path / "out", "Short tokens")
    registry.start(ExtractionTask(job, store=store, project=project))
    assert wait_for(lambda: store.get(job.local_id).stage == "running", 60)
    emulator.expire_tokens()
    finish(registry, 120)
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    assert vector_feature_counts(group_layers(project, "Short tokens"))


def test_resume_waits_for_credentials_when_none_are_stored(qgis_app, store, tmp_path):
    unlock_test_auth_db()
    Settings().forget_account()
    job = make_job("http://127.0.0.1:9", tmp_path / "out", "Waiting for sign-in")
    job.project_id, job.scenario_id, job.activity_id, job.state = 1, 2, 3, jobs.RUNNING
    store.add(job)
    early = make_job("http://127.0.0.1:9", tmp_path / "early", "Closed too early")
    early.state = jobs.RUNNING
    store.add(early)
    started, waiting = resume_unfinished(None, store=store, registry=TaskRegistry())
    assert started == []
    assert [j.name for j in waiting] == ["Waiting for sign-in"]
    assert store.get(job.local_id).state == jobs.RUNNING  # still remembered for later
    assert store.get(early.local_id).state == jobs.INTERRUPTED


def test_extraction_task_uses_the_qgis_proxy(emulator, account, project, registry, store, tmp_path):
    proxy = contextlib.ExitStack()
    recording_proxy = proxy.enter_context(running_proxy())
    settings = QgsSettings()
    keys = ("proxy/proxyEnabled", "proxy/proxyType", "proxy/proxyHost", "proxy/proxyPort")
    settings.setValue("proxy/proxyEnabled", True)
    settings.setValue("proxy/proxyType", "HttpProxy")
    settings.setValue("proxy/proxyHost", "127.0.0.1")
    settings.setValue("proxy/proxyPort", str(recording_proxy.server_address[1]))
    try:
        emulator.configure(run_seconds=0.5)
        job = make_job(emulator.api_url, tmp_path / "out", "Behind a proxy")
        registry.start(ExtractionTask(job, store=store, project=project))
        finish(registry)
    finally:
        for key in keys:
            settings.remove(key)
        proxy.close()
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    storage_host = urllib.parse.urlsplit(emulator.storage_url).netloc
    api_host = urllib.parse.urlsplit(emulator.api_url).netloc
    assert any(host == api_host and path == "/auth/login" for _m, host, path, _a in recording_proxy.seen)
    assert any(host == storage_host for _m, host, _p, _a in recording_proxy.seen)


def test_the_download_readies_the_load_on_the_main_thread(emulator, account, project, registry, store,
                                                         tmp_path, monkeypatch):
    """While the files arrive, the main thread sets up QGIS's layout machinery for the 3D
    scene (``results_3d.prime``), which ``finished()`` would otherwise pay for, freezing the map."""
    from beod_qgis.core import results_3d
    from qgis.PyQt.QtCore import QThread

    calls = []

    def prime():
        on_main = QThread.currentThread() == QgsApplication.instance().thread()
        calls.append((on_main, project.layerTreeRoot().findGroup("Primed") is None))

    monkeypatch.setattr(results_3d, "prime", prime)
    emulator.configure(run_seconds=0.5)
    registry.start(ExtractionTask(make_job(emulator.api_url, tmp_path / "out", "Primed"), store=store,
                                  project=project))
    finish(registry)
    assert vector_feature_counts(group_layers(project, "Primed"))
    assert calls == [(True, True)]  # once, on the main thread, before the results' group was made


def test_a_failure_to_ready_the_3d_scene_loses_nothing(emulator, account, project, registry, store, tmp_path,
                                                      monkeypatch):
    """Readying the layouts runs in a slot, where an exception would end QGIS: it is logged
    and the results load all the same."""
    from beod_qgis.core import results_3d

    def prime():
        raise RuntimeError("no layouts here")

    monkeypatch.setattr(results_3d, "prime", prime)
    emulator.configure(run_seconds=0.5)
    job = make_job(emulator.api_url, tmp_path / "out", "Unprimed")
    registry.start(ExtractionTask(job, store=store, project=project))
    finish(registry)
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    assert vector_feature_counts(group_layers(project, "Unprimed"))

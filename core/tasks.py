"""Background runs as QGIS tasks: an extraction, or the re-download of a past scenario.

Everything slow (network, downloads, unzipping, merging) happens in ``run()`` on a
worker thread; ``finished()`` runs on the main thread and only loads the merged
layers and tells the user. Every run is a :class:`~.jobs.Job` in the
:class:`~.jobs.JobStore`, updated as it goes, so a run interrupted by closing QGIS
is followed and downloaded at the next start (:func:`resume_unfinished`).
A task works with ``iface=None`` (headless use: tests, ``make demo``).
"""

import os
import time
import traceback
from typing import Callable, Dict, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsMessageLog,
    QgsProject,
    QgsRectangle,
    QgsTask,
)
from qgis.PyQt.QtCore import QObject, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

from . import jobs as jobs_module
from .auth import CredentialsError, load_credentials
from .i18n import tr
from .jobs import Job, JobStore
from .settings import Settings

LOG_TAG = "BEOD"
SAVE_INTERVAL_S = 0.5  # at most two progress writes of the job record per second

# Share of the whole task's progress bar given to each stage (start, end).
STAGE_SPANS: Dict[str, Tuple[float, float]] = {
    "login": (0.0, 2.0),
    "project": (2.0, 4.0),
    "aoi": (4.0, 6.0),
    "scenario": (6.0, 8.0),
    "running": (8.0, 70.0),
    "download": (70.0, 90.0),
    "merge": (90.0, 99.0),
    "load": (99.0, 100.0),
    "done": (100.0, 100.0),
}


def stage_title(stage: str) -> str:
    """A short user-facing name of a stage."""
    titles = {
        "login": tr("Signing in"),
        "project": tr("Creating the project"),
        "aoi": tr("Sending the area of interest"),
        "scenario": tr("Starting the extraction"),
        "running": tr("Extracting on the server"),
        "download": tr("Downloading results"),
        "merge": tr("Merging tiles"),
        "load": tr("Loading layers"),
        "done": tr("Done"),
    }
    return titles.get(stage, stage)


def _log(message: str, level=Qgis.MessageLevel.Info) -> None:
    QgsMessageLog.logMessage(message, LOG_TAG, level)


def _credentials_for(
    authcfg: Optional[str], email: Optional[str], password: Optional[str]
) -> Tuple[str, str]:
    """The credentials to sign in with, read on the calling (main) thread."""
    if email and password:
        return email, password
    pair = load_credentials(authcfg or Settings().authcfg)
    if pair is None:
        raise CredentialsError(tr("Sign in to BrightEarth On Demand first."))
    return pair


class BeodTask(QgsTask):
    """What extraction and download tasks share: the job record, progress, the end."""

    stageChanged = pyqtSignal(str, str)  # local job id, stage
    messageChanged = pyqtSignal(str, str)  # local job id, message
    jobChanged = pyqtSignal(str)  # local job id (read it again from the store)
    jobFinished = pyqtSignal(str, bool, str)  # local job id, success, message for the user

    def __init__(
        self,
        job: Job,
        *,
        iface=None,
        store: Optional[JobStore] = None,
        project: Optional[QgsProject] = None,
        authcfg: Optional[str] = None,
        email: Optional[str] = None,
        password: Optional[str] = None,
        client=None,
        client_factory: Optional[Callable] = None,
    ):
        super().__init__(tr("BrightEarth On Demand: {}", job.name), QgsTask.Flag.CanCancel)
        self.iface = iface
        self.store = store or jobs_module.default_store()
        self.project = project
        self._client = client
        self._client_factory = client_factory
        self._credentials = None
        if client is None:
            # Read first (main thread; QGIS may ask for its master password): a run
            # without credentials is refused before it is recorded.
            self._credentials = _credentials_for(authcfg, email, password)
        # QGIS's network settings, read here on the main thread (the auth DB may ask for
        # its master password when a proxy uses an authentication configuration).
        self._options = None
        if client is None and client_factory is None:
            from .network import client_options

            self._options = client_options()
        if not job.server:
            job.server = Settings().server_url
        if self.store.get(job.local_id) is None:
            self.store.add(job)
        self.job = self.store.update(job.local_id, state=jobs_module.QUEUED, error="") or job
        self.merged = None
        self._stream = None  # the tiles merged while they download (results_stream)
        self._prepared = None  # the layers opened and styled on the worker thread
        self.layers: List = []
        self.notes: List[str] = []
        self.error: str = ""
        self.summary: str = ""
        self.interrupted_for_restart = False
        self._cancelled_by_user = False
        self.timings: Dict[str, float] = {}
        self._stage = ""
        self._stage_started = 0.0
        self._last_message = ""
        self._last_saved = 0.0

    # -- helpers used from run() (worker thread) ---------------------------------
    def _make_client(self):
        if self._client is not None:
            return self._client
        if self._client_factory is not None:
            return self._client_factory(self.job.server, *self._credentials)
        from .network import make_client

        email, password = self._credentials
        return make_client(self.job.server, email=email, password=password, options=self._options)

    def _update(self, **fields) -> None:
        job = self.store.update(self.job.local_id, **fields)
        if job is not None:
            self.job = job
        self.jobChanged.emit(self.job.local_id)

    def _enter_stage(self, stage: str) -> None:
        now = time.monotonic()
        if stage == self._stage:
            return
        if self._stage:
            self.timings[self._stage] = self.timings.get(self._stage, 0.0) + now - self._stage_started
        self._stage, self._stage_started = stage, now
        self._update(stage=stage, message=stage_title(stage))
        self.stageChanged.emit(self.job.local_id, stage)
        self.messageChanged.emit(self.job.local_id, stage_title(stage))

    def _set_progress(self, stage: str, percent: Optional[float], message: str = "") -> None:
        self._enter_stage(stage)
        start, end = STAGE_SPANS.get(stage, (0.0, 100.0))
        share = max(0.0, min(100.0, float(percent or 0.0))) / 100.0
        overall = start + (end - start) * share
        self.setProgress(overall)
        if message and message != self._last_message:
            self._last_message = message
            self.messageChanged.emit(self.job.local_id, message)
        # The record on disk follows at a calmer pace than a download's progress.
        now = time.monotonic()
        changed = round(overall, 1) != self.job.progress or message not in ("", self.job.message)
        if changed and (now - self._last_saved >= SAVE_INTERVAL_S or percent in (0.0, 100.0)):
            self._last_saved = now
            fields = {"progress": round(overall, 1)}
            if message:
                fields["message"] = message
            self._update(**fields)

    def on_progress(self, progress) -> None:
        """Callback for ``beod.flow`` (``Progress(stage, percent, message)``)."""
        stage = getattr(progress, "stage", "") or self._stage
        percent = getattr(progress, "percent", None)
        if stage == "done":  # the client's end: the download is complete, merging follows
            stage, percent = "download", 100.0
        self._set_progress(stage, percent, getattr(progress, "message", "") or "")

    def on_ids(self, project_id, scenario_id, activity_id) -> None:
        """Persist the server ids as soon as they exist (resume after a restart)."""
        self._update(project_id=project_id, scenario_id=scenario_id, activity_id=activity_id)

    def _credits(self, client) -> Optional[float]:
        try:
            return client.me().credits
        except Exception as exc:  # noqa: BLE001 (credits are informative only)
            _log(tr("Could not read the credits: {}", type(exc).__name__), Qgis.MessageLevel.Warning)
            return None

    def _merge(self):
        from .results import merge_outputs

        self._set_progress("merge", 0.0)
        if self._stream is not None:
            merged = self._stream.finish()
        else:
            merged = merge_outputs(self.job.out_dir, is_cancelled=self.isCanceled)
        self._set_progress("merge", 100.0)
        return merged

    def _prepare_layers(self) -> None:
        """Open and style the merged layers on this worker thread (a large mosaic is read to
        set up its renderer), then hand them to the main thread: ``finished()`` only adds them."""
        from qgis.PyQt.QtCore import QCoreApplication

        from .results_load import prepare_layers

        layers = prepare_layers(self.merged)
        main_thread = QCoreApplication.instance().thread()
        for layer in layers:
            layer.moveToThread(main_thread)
        self._prepared = layers

    def _fetch(self, client) -> None:
        """The task's own work, on the worker thread (subclasses)."""
        raise NotImplementedError

    # -- QgsTask -------------------------------------------------------------------
    def run(self) -> bool:
        from ..beod.errors import BeodError, CancelledError, DownloadError

        self._update(state=jobs_module.RUNNING, started=self.job.started or time.time())
        client = None
        from .results_stream import StreamingMerge

        self._stream = StreamingMerge(self.job.out_dir, is_cancelled=self.isCanceled)
        try:
            client = self._make_client()
            self._enter_stage("login")
            client.login()
            credits = self._credits(client)
            if self.job.credits_before is None and credits is not None:
                self._update(credits_before=credits)
            self._fetch(client)
            if self.isCanceled():
                raise CancelledError(tr("Cancelled."))
            after = self._credits(client)
            if after is not None:
                self._update(credits_after=after)
            self.merged = self._merge()
            if self.isCanceled():
                raise CancelledError(tr("Cancelled."))
            self._enter_stage("load")
            self._prepare_layers()
            return True
        except CancelledError:
            self.error = tr("Cancelled.")
            # A user's cancel is no failure: ending "successfully" spares the "Task failed" of
            # QGIS; finished() sees the flag and reports the cancel.
            self._cancelled_by_user = self.isCanceled() and not self.interrupted_for_restart
            return self._cancelled_by_user
        except CredentialsError as exc:
            self.error = str(exc)
            return False
        except BeodError as exc:
            from ..beod.i18n import error_text  # in QGIS's language, set by the plugin

            self.error = error_text(exc) or type(exc).__name__
            if isinstance(exc, DownloadError):
                self.error += " " + tr("To resume it: in the dock's History list, select “{}” and click "
                                       "“Download and load”; the files already received are kept.",
                                       self.job.name)
            _log(tr("{} failed: {}", self.job.name, self.error), Qgis.MessageLevel.Warning)
            return False
        except OSError as exc:
            if not getattr(exc, "filename", None):
                return self._unexpected(exc)
            self.error = tr(
                "Could not write the results to {}: {}. Choose another output folder.",
                exc.filename,
                exc.strerror or type(exc).__name__,
            )
            _log(self.error, Qgis.MessageLevel.Warning)
            return False
        except Exception as exc:  # noqa: BLE001 (a task must end with a clear message, not a crash)
            return self._unexpected(exc)
        finally:
            self._stream.discard()
            if self._stage:
                self.timings[self._stage] = self.timings.get(self._stage, 0.0) + (
                    time.monotonic() - self._stage_started
                )
            if client is not None and self._client is None:
                try:
                    client.close()
                except Exception as exc:  # noqa: BLE001 (closing is best effort)
                    _log(
                        tr("Could not close the connection: {}", type(exc).__name__),
                        Qgis.MessageLevel.Warning,
                    )

    def _unexpected(self, exc: BaseException) -> bool:
        from ..beod.redact import redact

        self.error = tr("Unexpected error ({}): {}", type(exc).__name__, redact(exc))
        _log(self.error + "\n" + redact(traceback.format_exc()), Qgis.MessageLevel.Critical)
        return False

    def finished(self, result: bool) -> None:
        try:
            if result and not self._cancelled_by_user:
                self._finish_success()
            else:
                self._finish_failure()
        except Exception as exc:  # noqa: BLE001 (never a traceback dialog)
            message = tr("The results could not be loaded: {}", exc)
            _log(message + "\n" + traceback.format_exc(), Qgis.MessageLevel.Critical)
            self._update(state=jobs_module.FAILED, error=message, message=message)
            self._push(tr("BrightEarth On Demand"), message, Qgis.MessageLevel.Critical)
            self.jobFinished.emit(self.job.local_id, False, message)

    def _finish_success(self) -> None:
        from .results import load_results
        from .results_load import add_layers

        started = time.monotonic()
        project = self.project or QgsProject.instance()
        if self._prepared is not None:
            self.layers = list(add_layers(self.merged, self._prepared, self.job.name, project=project))
        else:
            self.layers = list(
                load_results(self.merged, group_name=self.job.name, project=project, iface=self.iface)
            )
        self.timings["load"] = self.timings.get("load", 0.0) + time.monotonic() - started
        self.notes = self.notes + list(getattr(self.merged, "notes", []) or [])
        counts = []
        for layer in self.layers:
            count = layer.featureCount() if hasattr(layer, "featureCount") else None
            counts.append(f"{layer.name()} ({count})" if count is not None and count >= 0 else layer.name())
        if self.layers:
            summary = tr(
                '{} layer(s) loaded in the group "{}": {}.',
                len(self.layers),
                getattr(self.merged, "group_name", "") or self.job.name,
                ", ".join(counts),
            )
        elif getattr(self.merged, "tilesets", None):
            summary = tr("The run finished; its 3D Tiles are saved in {} (this QGIS cannot show them).",
                         self.job.out_dir)
        else:
            summary = tr("The run finished but returned no layer to load.")
        credits = self._credits_text()
        if credits:
            summary += " " + credits
        self.summary = summary
        self.setProgress(100.0)
        self._update(state=jobs_module.SUCCEEDED, stage="done", progress=100.0, message=summary, error="")
        _log(tr("{} finished: {}", self.job.name, summary))
        for note in self.notes:
            _log(note, Qgis.MessageLevel.Warning)
        self._push_success(summary)
        self.jobFinished.emit(self.job.local_id, True, summary)

    def _credits_text(self) -> str:
        before, after = self.job.credits_before, self.job.credits_after
        if before is None or after is None:
            return ""
        return tr("Credits: {} before, {} after.", _number(before), _number(after))

    def _finish_failure(self) -> None:
        if self.interrupted_for_restart:
            if self.job.has_ids:
                message = tr("Interrupted: it will be followed again when QGIS starts.")
                self._update(state=jobs_module.RUNNING, message=message)
            else:
                message = tr("Interrupted before the server started it: run it again.")
                self._update(state=jobs_module.INTERRUPTED, message=message, error=message)
            return
        if self.isCanceled():
            message = tr("{} was cancelled.", self.job.name)
            self._update(state=jobs_module.CANCELLED, message=message, error="")
            self._push(tr("BrightEarth On Demand"), message, Qgis.MessageLevel.Info)
            self.jobFinished.emit(self.job.local_id, False, message)
            return
        error = self.error or tr("The run failed.")
        self._update(state=jobs_module.FAILED, message=error, error=error)
        self._push(tr("BrightEarth On Demand: {} failed", self.job.name), error, Qgis.MessageLevel.Critical)
        self.jobFinished.emit(self.job.local_id, False, error)

    # -- user feedback (main thread) ------------------------------------------------
    def _push(self, title: str, text: str, level) -> None:
        _log(f"{title}: {text}", level)
        if self.iface is None:
            return
        self.iface.messageBar().pushMessage(
            title, text, level, 0 if level == Qgis.MessageLevel.Critical else 10
        )

    def _push_success(self, summary: str) -> None:
        if self.iface is None:
            return
        bar = self.iface.messageBar()
        text = summary + ("\n" + "\n".join(self.notes) if self.notes else "")
        widget = bar.createMessage(tr("BrightEarth On Demand: {} finished", self.job.name), text)
        out_dir = self.job.out_dir
        open_button = QPushButton(widget)
        open_button.setText(tr("Open folder"))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(out_dir)))
        widget.layout().addWidget(open_button)
        if self.layers:
            zoom_button = QPushButton(widget)
            zoom_button.setText(tr("Zoom to results"))
            layer_ids = [layer.id() for layer in self.layers]
            zoom_button.clicked.connect(lambda: zoom_to_layers(self.iface, layer_ids))
            widget.layout().addWidget(zoom_button)
        # The run succeeded: notes (such as 3D Tiles needing a newer QGIS) are part of the text.
        bar.pushWidget(widget, Qgis.MessageLevel.Success, 0)


def _number(value) -> str:
    """A credit amount as people write it: ``1,000,000`` or ``999,994.35``."""
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def zoom_to_layers(iface, layer_ids: List[str], project: Optional[QgsProject] = None) -> bool:
    """Zoom the map canvas to the layers still in the project; False if none is left."""
    project = project or QgsProject.instance()
    canvas = iface.mapCanvas()
    target_crs = canvas.mapSettings().destinationCrs()
    extent = QgsRectangle()
    if hasattr(extent, "setNull"):  # QGIS 3.34+ (where setMinimal is deprecated)
        extent.setNull()
    else:
        extent.setMinimal()
    found = False
    for layer_id in layer_ids:
        layer = project.mapLayer(layer_id)
        if layer is None or layer.extent().isEmpty():
            continue
        transform = QgsCoordinateTransform(layer.crs(), target_crs, project)
        extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
        found = True
    if not found:
        return False
    extent.scale(1.05)
    canvas.setExtent(extent)
    canvas.refresh()
    return True


class ExtractionTask(BeodTask):
    """A full extraction: sign in, project, AOI, scenario, follow, download, merge, load.

    When the job already has server ids (a resumed run), the activity is followed
    and the results downloaded without creating anything new.
    """

    def _fetch(self, client) -> None:
        from ..beod import flow
        from ..beod.models import ScenarioParams

        job = self.job
        os.makedirs(job.out_dir, exist_ok=True)
        poll = (2.0, 30.0)
        if job.has_ids:
            result = flow.resume_extraction(
                client,
                job.project_id,
                job.scenario_id,
                job.activity_id,
                job.out_dir,
                on_progress=self.on_progress,
                is_cancelled=self.isCanceled,
                download_options=self._stream.download_options(),
            )
            self.notes.extend(result.notes)
            return
        params = ScenarioParams.from_dict(dict(job.params))
        result = flow.run_extraction(
            client,
            job.aoi_wkt,
            params,
            job.out_dir,
            project_name=job.name,
            on_progress=self.on_progress,
            is_cancelled=self.isCanceled,
            on_ids=self.on_ids,
            poll=poll,
            download_options=self._stream.download_options(),
        )
        self.notes.extend(result.notes)


class DownloadTask(BeodTask):
    """Download (again) the results of a past scenario, reusing files on disk, then load them."""

    def _fetch(self, client) -> None:
        from ..beod.download import download_scenario

        job = self.job
        os.makedirs(job.out_dir, exist_ok=True)
        self._set_progress("download", 0.0)

        def on_progress(progress) -> None:
            percent = getattr(progress, "percent", None)
            if percent is None and isinstance(progress, (int, float)):
                percent = progress
            self._set_progress("download", percent, getattr(progress, "message", "") or "")

        download_scenario(
            client,
            job.project_id,
            job.scenario_id,
            job.out_dir,
            on_progress=on_progress,
            is_cancelled=self.isCanceled,
            **self._stream.download_options(),
        )
        self._set_progress("download", 100.0)


class TaskRegistry(QObject):
    """Keeps a Python reference to every running task (a collected task crashes QGIS)."""

    taskAdded = pyqtSignal(object)  # the BeodTask
    taskRemoved = pyqtSignal(str)  # local job id

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tasks: Dict[str, BeodTask] = {}

    def start(self, task: BeodTask) -> BeodTask:
        """Hand ``task`` to the QGIS task manager, keeping it referenced until it ends."""
        local_id = task.job.local_id
        self._tasks[local_id] = task
        task.taskCompleted.connect(lambda: self._forget(local_id))
        task.taskTerminated.connect(lambda: self._forget(local_id))
        QgsApplication.taskManager().addTask(task)
        self.taskAdded.emit(task)
        return task

    def _forget(self, local_id: str) -> None:
        if self._tasks.pop(local_id, None) is not None:
            self.taskRemoved.emit(local_id)

    def tasks(self) -> List[BeodTask]:
        return list(self._tasks.values())

    def get(self, local_id: str) -> Optional[BeodTask]:
        return self._tasks.get(local_id)

    def is_running(self, local_id: str) -> bool:
        return local_id in self._tasks

    def cancel(self, local_id: str) -> bool:
        task = self._tasks.get(local_id)
        if task is None:
            return False
        task.cancel()
        return True

    def cancel_all(self, for_restart: bool = True) -> None:
        """Cancel every task (plugin unload). With ``for_restart`` the runs stay
        remembered as unfinished and are followed again at the next start."""
        for task in list(self._tasks.values()):
            task.interrupted_for_restart = for_restart
            task.cancel()

    def wait_all(self, timeout: float = 600.0) -> bool:
        """Process events until every task has ended (headless use); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._tasks and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        QgsApplication.processEvents()
        return not self._tasks


TASKS = TaskRegistry()


def refuse_busy_folder(job: Job, registry: Optional["TaskRegistry"] = None) -> None:
    """Raise :class:`beod.outfolder.FolderBusyError` when a running task writes into the
    output folder of ``job`` ("Download and load" clicked twice): one writer per folder."""
    from ..beod.outfolder import FolderBusyError

    if not job.out_dir:
        return
    folder = os.path.realpath(job.out_dir)
    for task in (registry or TASKS).tasks():
        if task.job.out_dir and os.path.realpath(task.job.out_dir) == folder:
            raise FolderBusyError(tr("\u201c{}\u201d is already being downloaded into {}; wait for it to "
                                     "end.", task.job.name, job.out_dir))


def start_extraction(job: Job, iface=None, **kwargs) -> ExtractionTask:
    """Create an :class:`ExtractionTask` for ``job`` and start it in :data:`TASKS`."""
    refuse_busy_folder(job)
    return TASKS.start(ExtractionTask(job, iface=iface, **kwargs))


def start_download(job: Job, iface=None, **kwargs) -> DownloadTask:
    """Create a :class:`DownloadTask` for ``job`` (kind download) and start it in :data:`TASKS`."""
    job.kind = jobs_module.KIND_DOWNLOAD
    refuse_busy_folder(job)
    return TASKS.start(DownloadTask(job, iface=iface, **kwargs))


def resume_unfinished(
    iface=None, store: Optional[JobStore] = None, registry: Optional[TaskRegistry] = None, **kwargs
) -> Tuple[List[BeodTask], List[Job]]:
    """Start again the runs left unfinished when QGIS closed.

    Returns ``(started tasks, jobs waiting for credentials)``: jobs whose server run
    exists are followed and downloaded; jobs interrupted before the server knew
    them are marked interrupted; without stored credentials the jobs wait (call
    again after signing in).
    """
    store = store or jobs_module.default_store()
    registry = registry or TASKS
    started: List[BeodTask] = []
    waiting: List[Job] = []
    for job in store.unfinished():
        if registry.is_running(job.local_id):
            continue
        if job.kind == jobs_module.KIND_DOWNLOAD:
            resumable = job.project_id is not None and job.scenario_id is not None
        else:
            resumable = job.has_ids
        if not resumable:
            message = tr("Interrupted before the server started it: run it again.")
            store.update(job.local_id, state=jobs_module.INTERRUPTED, message=message, error=message)
            continue
        task_class = DownloadTask if job.kind == jobs_module.KIND_DOWNLOAD else ExtractionTask
        try:
            task = task_class(job, iface=iface, store=store, **kwargs)
        except CredentialsError:
            waiting.append(job)
            continue
        started.append(registry.start(task))
        _log(tr("Resuming {} (scenario {}).", job.name, job.scenario_id))
    return started, waiting

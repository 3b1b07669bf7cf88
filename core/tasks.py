"""Background runs: a short task that starts an extraction, the follower, a download task.

An extraction is three steps: :class:`ExtractionTask` (a ``QgsTask``) signs in and creates
the project, AOI and scenario; the :class:`~.follower.Follower` (main thread, no task)
follows the scenario on the server; when it is SUCCESSFUL, a :class:`DownloadTask`
downloads, merges and loads the results (a History download is only the last step).
Everything slow happens in ``run()`` on a worker thread; ``finished()`` runs on the main
thread and only loads the merged layers and tells the user. Every run is a
:class:`~.jobs.Job` in the :class:`~.jobs.JobStore`, updated as it goes, so a run left
when QGIS closed is followed and downloaded at the next start (:func:`resume_unfinished`).
A task works with ``iface=None`` (headless use: tests, ``make demo``).
"""

import os
import socket
import threading
import time
import traceback
from typing import Callable, Dict, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsMessageLog,
    QgsProject,
    QgsSettings,
    QgsTask,
)
from qgis.PyQt.QtCore import QObject, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

from . import jobs as jobs_module
from .auth import CredentialsError, load_credentials
from .follower import Connection, Follower, outage_message, stopped_message
from .i18n import localized_number, tr
from .jobs import Job, JobStore
from .settings import Settings

LOG_TAG = "BEOD"
SAVE_INTERVAL_S = 0.5  # at most two progress writes of the job record per second
WATCH_INTERVAL_S = 5.0  # a download checks the server this often ...
QUIET_BEFORE_PROBE_S = 15.0  # ... once nothing came in for this long

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


def make_connection(server: str, *, client=None, client_factory: Optional[Callable] = None,
                    authcfg: Optional[str] = None, email: Optional[str] = None,
                    password: Optional[str] = None) -> Connection:
    """How a job's clients are made; read on the main thread (QGIS may ask for its master
    password). Raises :class:`CredentialsError` when there is no account."""
    if client is not None:
        return Connection(lambda: client, owned=False)
    credentials = _credentials_for(authcfg, email, password)
    if client_factory is not None:
        return Connection(lambda: client_factory(server, *credentials))
    from .network import client_options, make_client

    options = client_options()
    return Connection(lambda: make_client(server, email=credentials[0], password=credentials[1],
                                          options=options))


def same_file(first: str, second: str) -> bool:
    if not first or not second:
        return False
    return os.path.normcase(os.path.realpath(first)) == os.path.normcase(os.path.realpath(second))


def credits_text(job: Job) -> str:
    """What the run cost, or why its cost cannot be told apart ("" when unknown)."""
    if job.cost is not None:
        return tr("Cost: {} credits (balance {} before, {} after).", _number(job.cost),
                  _number(job.credits_before), _number(job.credits_after))
    if job.cost_status == jobs_module.COST_SHARED:
        return tr("Cost: cannot be told apart from other runs of the account started at the same time; "
                  "the account shows the balance.")
    return ""


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
        connection: Optional[Connection] = None,
    ):
        super().__init__(tr("BrightEarth On Demand: {}", job.name), QgsTask.Flag.CanCancel)
        self.iface = iface
        self.store = store or jobs_module.default_store()
        self.project = project
        if not job.server:
            job.server = Settings().server_url
        # Read first (main thread; QGIS may ask for its master password, also for a proxy's
        # authentication): a run without credentials is refused before it is recorded.
        self.connection = connection or make_connection(
            job.server, client=client, client_factory=client_factory, authcfg=authcfg, email=email,
            password=password)
        self.registry = None  # set by TaskRegistry.start
        self.handoff = False  # the scenario exists: the follower takes the job over
        self.stopped_by_user = False  # the user's Stop/Cancel, not QGIS's exit or task manager
        self.max_outage = Settings().max_outage_hours * 3600.0  # read here, on the main thread
        # Behind a proxy a direct connection says nothing about the server: no probe then.
        self._probe_server = not QgsSettings().value("proxy/proxyEnabled", False, type=bool) and not any(
            os.environ.get(name) for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"))
        if self.store.get(job.local_id) is None:
            if not job.project_file and project is None:
                job.project_file = QgsProject.instance().absoluteFilePath()
            self.store.add(job)
        self.job = self.store.update(job.local_id, state=jobs_module.QUEUED, error="", waiting="") or job
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
        self._best_progress = -1.0  # the highest progress so far, and when it was reached
        self._last_advance = 0.0
        # this task lives on the main thread: the slot runs there, queued from the worker
        self.stageChanged.connect(self._on_stage_main_thread)

    def _on_stage_main_thread(self, _local_id: str, stage: str) -> None:
        if stage != "download":
            return
        try:
            from .results_3d import prime  # the load's first layout, made while the files arrive

            prime()
        except Exception as exc:  # noqa: BLE001 (a slot must not raise: PyQt would abort QGIS)
            _log(tr("Getting the 3D view ready failed ({}); the results will load all the same.", exc),
                 Qgis.MessageLevel.Warning)

    # -- helpers used from run() (worker thread) ---------------------------------
    def _make_client(self):
        return self.connection.make()

    def context(self) -> dict:
        return {"store": self.store, "iface": self.iface, "project": self.project}

    def _on_outage(self, seconds: float) -> None:
        """An outage is waited out (worker thread): say so in the job."""
        # Unreachable since the last byte that came in (the download's own retries came first).
        since = self.job.unreachable_since or min(self._last_advance or time.time(), time.time() - seconds)
        message = outage_message(time.time() - since)
        self._update(unreachable_since=since, message=message)
        self._last_message = message
        self.messageChanged.emit(self.job.local_id, message)

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

    def _set_progress(self, stage: str, percent: Optional[float], message: str = "",
                      advanced: Optional[bool] = None) -> None:
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
        if advanced is None:
            advanced = stage != "download" or overall > self._best_progress + 1e-6
        self._best_progress = max(self._best_progress, overall)
        if advanced:
            self._last_advance = time.time()
        changed = round(overall, 1) != self.job.progress or message not in ("", self.job.message)
        fields = {}
        if self.job.unreachable_since is not None:
            if not advanced:
                return  # a new try during an outage: the row keeps saying the server is unreachable
            changed, self._last_saved, fields["unreachable_since"] = True, 0.0, None  # the outage is over
        if changed and (now - self._last_saved >= SAVE_INTERVAL_S or percent in (0.0, 100.0)):
            self._last_saved = now
            fields["progress"] = round(overall, 1)
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
        self._update(project_id=project_id, scenario_id=scenario_id, activity_id=activity_id,
                     server_state="CREATED")

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
            self._fetch(client)
            if self.handoff:
                return True
            if self.isCanceled():
                raise CancelledError(tr("Cancelled."))
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
            if client is not None and self.connection.owned:
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
            if self._hand_off_if_started():
                return
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

    def _hand_off_if_started(self) -> bool:
        """An extraction whose scenario exists goes on with the follower (never "cancelled")."""
        if not isinstance(self, ExtractionTask) or not self.job.has_ids or self.interrupted_for_restart:
            return False
        if self.registry is None:
            return False
        self.job = self.store.get(self.job.local_id) or self.job
        watch_only = self.stopped_by_user
        self.registry.follow(self.job, self.connection, self.context(), watch_only=watch_only)
        if watch_only:
            self._update(state=jobs_module.STOPPED, message=stopped_message())
        self.jobChanged.emit(self.job.local_id)
        return True

    def _finish_success(self) -> None:
        project = self.project
        if project is None:
            current = QgsProject.instance()
            if self.job.project_file and not same_file(current.absoluteFilePath(), self.job.project_file):
                self.setProgress(100.0)
                if self.registry is not None:
                    self.registry.load_when_project_opens(self.job, self.merged, self.notes, self.store,
                                                          self.iface)
                    return
            project = current
        started = time.monotonic()
        loaded = load_job_results(self.job, self.merged, self.notes, store=self.store, iface=self.iface,
                                  project=project, prepared=self._prepared)
        self.timings["load"] = self.timings.get("load", 0.0) + time.monotonic() - started
        self.job, self.layers, self.summary = loaded
        self.setProgress(100.0)
        self.jobFinished.emit(self.job.local_id, True, self.summary)

    def _finish_failure(self) -> None:
        if self.interrupted_for_restart:
            download = self.job.kind == jobs_module.KIND_DOWNLOAD and self.job.scenario_id is not None
            if self.job.has_ids or download:
                message = tr("Interrupted: it will be followed again when QGIS starts.")
                self._update(state=jobs_module.RUNNING, message=message)
            else:
                message = tr("Interrupted before the server started it: run it again.")
                self._update(state=jobs_module.INTERRUPTED, message=message, error=message)
            return
        if self.isCanceled():
            if isinstance(self, ExtractionTask) or self.job.kind == jobs_module.KIND_DOWNLOAD and \
                    self.stopped_by_user:
                # Before the scenario exists (or a History download): cancel really cancels.
                message = tr("{} was cancelled.", self.job.name)
                if isinstance(self, ExtractionTask):
                    message += " " + tr("Nothing was started on the server, nothing is charged.")
                self._update(state=jobs_module.CANCELLED, message=message, error="")
            elif self.stopped_by_user:
                message = tr("{}: download stopped. Click Download in the Jobs list to go on.", self.job.name)
                self._update(state=jobs_module.STOPPED, message=message, error="", unreachable_since=None)
            else:
                # QGIS's exit question or its task manager cancelled the task: the run is kept.
                message = tr("{}: the download was interrupted by QGIS; it goes on at the next start "
                             "(or click Resume in the Jobs list).", self.job.name)
                self._update(state=jobs_module.RUNNING, message=message, error="", unreachable_since=None)
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


def load_job_results(job: Job, merged, notes: List[str], *, store: JobStore, iface=None,
                     project: Optional[QgsProject] = None, prepared=None):
    """Load a finished job's merged results into ``project`` and tell the user (main thread).

    ``prepared``: the layers already opened and styled on the worker thread (then they
    are only added). Returns ``(job, layers, summary)``."""
    from .results import load_results
    from .results_load import add_layers, adopt_crs_on_main_thread

    project = project or QgsProject.instance()
    if prepared is not None:
        adopt_crs_on_main_thread(prepared)  # opened on a worker thread, whose PROJ objects die with it
        layers = list(add_layers(merged, prepared, job.name, project=project))
    else:
        layers = list(load_results(merged, group_name=job.name, project=project, iface=iface))
    notes = list(notes) + list(getattr(merged, "notes", []) or [])
    counts = []
    for layer in layers:
        count = layer.featureCount() if hasattr(layer, "featureCount") else None
        counts.append(f"{layer.name()} ({count})" if count is not None and count >= 0 else layer.name())
    if layers:
        summary = tr('{} layer(s) loaded in the group "{}": {}.', len(layers),
                     getattr(merged, "group_name", "") or job.name, ", ".join(counts))
    elif getattr(merged, "tilesets", None):
        summary = tr("The run finished; its 3D Tiles are saved in {} (this QGIS cannot show them).",
                     job.out_dir)
    else:
        summary = tr("The run finished but returned no layer to load.")
    credits = credits_text(job)
    if credits:
        summary += " " + credits
    job = store.update(job.local_id, state=jobs_module.SUCCEEDED, stage="done", progress=100.0,
                       message=summary, error="", waiting="", unreachable_since=None) or job
    _log(tr("{} finished: {}", job.name, summary))
    for note in notes:
        _log(note, Qgis.MessageLevel.Warning)
    _push_success(iface, job, layers, summary, notes)
    return job, layers, summary


def _open_folder_button(widget, out_dir: str) -> QPushButton:
    button = QPushButton(widget)
    button.setText(tr("Open folder"))
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(out_dir)))
    return button


def _push_success(iface, job: Job, layers, summary: str, notes: List[str]) -> None:
    if iface is None:
        return
    bar = iface.messageBar()
    text = summary + ("\n" + "\n".join(notes) if notes else "")
    widget = bar.createMessage(tr("BrightEarth On Demand: {} finished", job.name), text)
    widget.layout().addWidget(_open_folder_button(widget, job.out_dir))
    if layers:
        zoom_button = QPushButton(widget)
        zoom_button.setText(tr("Zoom to results"))
        layer_ids = [layer.id() for layer in layers]
        zoom_button.clicked.connect(lambda: zoom_to_layers(iface, layer_ids))
        widget.layout().addWidget(zoom_button)
    # The run succeeded: notes (such as 3D Tiles needing a newer QGIS) are part of the text.
    bar.pushWidget(widget, Qgis.MessageLevel.Success, 0)


def _number(value) -> str:
    """A credit amount as people write it: ``1,000,000`` or ``999,994.35`` (``999 994,35``
    where the decimal separator is a comma, as the account's credits are shown)."""
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.2f}"
    text = text[:-3] if text.endswith(".00") else text
    return localized_number(text.replace(",", " ")) if localized_number(".") != "." else text


def zoom_to_layers(iface, layer_ids: List[str], project: Optional[QgsProject] = None) -> bool:
    """Zoom the map canvas to the layers still in the project; False if none is left."""
    project = project or QgsProject.instance()
    canvas = iface.mapCanvas()
    target_crs = canvas.mapSettings().destinationCrs()
    from .results_load import empty_extent

    extent = empty_extent()
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
    """The start of an extraction: sign in, project, AOI, scenario (the only charged step).

    As soon as the scenario exists the job is handed to the registry's follower (see
    :mod:`.follower`); a job that already has server ids is handed over at once.
    """

    def _fetch(self, client) -> None:
        from ..beod import flow
        from ..beod.models import ScenarioParams

        job = self.job
        if not job.has_ids:
            os.makedirs(job.out_dir, exist_ok=True)
            self._enter_stage("login")
            result = flow.submit_extraction(
                client,
                job.aoi_wkt,
                ScenarioParams.from_dict(dict(job.params)),
                project_name=job.name,
                on_progress=self.on_progress,
                is_cancelled=self.isCanceled,
                on_ids=self.on_ids,
                out_dir=job.out_dir,
            )
            window = result.credits
            status = {"attributed": jobs_module.COST_ATTRIBUTED, "shared": jobs_module.COST_SHARED}
            self._update(credits_before=window.before, credits_after=window.after,
                         cost_status=status.get(window.status, ""))
            self.notes.extend(result.notes)
        self.handoff = True


class DownloadTask(BeodTask):
    """Download the results of a finished scenario (files on disk are reused), merge and load.

    Started by the follower when an extraction is SUCCESSFUL, or from History. Outages
    are waited out (the download goes on from the files already there).
    """

    def _fetch(self, client) -> None:
        from ..beod.download import download_scenario
        from ..beod.outage import wait_out

        job = self.job
        os.makedirs(job.out_dir, exist_ok=True)
        waiting = {"is_cancelled": self.isCanceled, "on_outage": self._on_outage,
                   "max_outage": self.max_outage}
        self._enter_stage("login")
        if not getattr(client, "is_signed_in", False):
            wait_out(client.login, **waiting)
        self._set_progress("download", 0.0)

        best = {"files": 0, "bytes": 0}

        def on_progress(progress) -> None:
            percent = getattr(progress, "percent", None)
            if percent is None and isinstance(progress, (int, float)):
                percent = progress
            # New data only: a new try counts the files and parts already on disk again.
            files, size = getattr(progress, "files_done", 0) or 0, getattr(progress, "bytes_done", 0) or 0
            advanced = files > best["files"] or size > best["bytes"] + 65536
            best["files"], best["bytes"] = max(best["files"], files), max(best["bytes"], size)
            self._set_progress("download", percent, getattr(progress, "message", "") or "", advanced)

        watch = threading.Event()
        watcher = threading.Thread(target=self._watch_server, args=(watch,), daemon=True)
        watcher.start()
        self._stream.download_starting()
        try:
            wait_out(lambda: download_scenario(client, job.project_id, job.scenario_id, job.out_dir,
                                               on_progress=on_progress, is_cancelled=self.isCanceled,
                                               **self._stream.download_options()),
                     **waiting)
        finally:
            watch.set()
        self._set_progress("download", 100.0)

    def _watch_server(self, done: threading.Event) -> None:
        """While the download's own retries hide an outage (nothing comes in), check whether the
        server still accepts connections, so that the row says it is unreachable."""
        from urllib.parse import urlsplit

        if not self._probe_server:
            return
        address = urlsplit(self.job.server)
        port = address.port or (443 if address.scheme == "https" else 80)
        while not done.wait(WATCH_INTERVAL_S):
            quiet = time.time() - self._last_advance
            if self.job.unreachable_since is not None or quiet < QUIET_BEFORE_PROBE_S:
                continue
            try:
                with socket.create_connection((address.hostname, port), timeout=5):
                    pass
            except OSError:
                if not done.is_set():
                    self._on_outage(0.0)


class TaskRegistry(QObject):
    """Keeps a Python reference to every running task (a collected task crashes QGIS) and
    owns the :class:`~.follower.Follower` of the runs on the server."""

    taskAdded = pyqtSignal(object)  # the BeodTask
    taskRemoved = pyqtSignal(str)  # local job id

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tasks: Dict[str, BeodTask] = {}
        self._contexts: Dict[str, Tuple[Connection, dict]] = {}
        self._pending_loads: Dict[str, Tuple] = {}
        self._project_signal = None
        self.follower = Follower(self)
        self.follower.serverSucceeded.connect(self._server_succeeded)

    def start(self, task: BeodTask) -> BeodTask:
        """Hand ``task`` to the QGIS task manager, keeping it referenced until it ends."""
        local_id = task.job.local_id
        task.registry = self
        self._tasks[local_id] = task
        self._contexts[local_id] = (task.connection, task.context())
        task.taskCompleted.connect(lambda: self._forget(local_id))
        task.taskTerminated.connect(lambda: self._forget(local_id))
        QgsApplication.taskManager().addTask(task)
        self.taskAdded.emit(task)
        return task

    def _forget(self, local_id: str) -> None:
        if self._tasks.pop(local_id, None) is not None:
            self.taskRemoved.emit(local_id)

    # -- following -------------------------------------------------------------------------
    def follow(self, job: Job, connection: Connection, context: dict, watch_only: bool = False):
        """Follow ``job`` on the server (no task is held meanwhile)."""
        self._contexts[job.local_id] = (connection, context)
        return self.follower.follow(job, connection, context, watch_only=watch_only)

    def _server_succeeded(self, local_id: str) -> None:
        connection, context = self._contexts[local_id]
        store = context.get("store") or jobs_module.default_store()
        job = store.get(local_id)
        if job is None:
            return
        task = DownloadTask(job, iface=context.get("iface"), store=store, project=context.get("project"),
                            connection=connection)
        self.start(task)

    # -- results that go to another project --------------------------------------------------
    def load_when_project_opens(self, job: Job, merged, notes, store: JobStore, iface) -> None:
        """Keep the results of ``job`` until its project is opened; offer to load them now."""
        self._pending_loads[job.local_id] = (merged, list(notes), store, iface)
        name = os.path.basename(job.project_file)
        message = tr("Results ready: they will be added to {} when you open it.", name)
        store.update(job.local_id, state=jobs_module.RUNNING, stage="load", progress=99.0, message=message,
                     waiting=jobs_module.WAITING_PROJECT, unreachable_since=None)
        if self._project_signal is None:
            self._project_signal = QgsProject.instance().readProject
            self._project_signal.connect(self._project_opened)
        _log(tr("{}: {}", job.name, message))
        if iface is None:
            return
        bar = iface.messageBar()
        widget = bar.createMessage(tr("BrightEarth On Demand: {} finished", job.name),
                                   tr("It was started from {}, which is not open now.", name))
        open_button = QPushButton(widget)
        open_button.setText(tr("Open {}", name))
        open_button.clicked.connect(lambda: iface.addProject(job.project_file))
        widget.layout().addWidget(open_button)
        here_button = QPushButton(widget)
        here_button.setText(tr("Load into this project"))
        here_button.clicked.connect(lambda: self.load_pending(job.local_id, QgsProject.instance()))
        widget.layout().addWidget(here_button)
        widget.layout().addWidget(_open_folder_button(widget, job.out_dir))
        bar.pushWidget(widget, Qgis.MessageLevel.Info, 0)

    def pending_loads(self) -> List[str]:
        return list(self._pending_loads)

    def load_pending(self, local_id: str, project: QgsProject) -> bool:
        pending = self._pending_loads.pop(local_id, None)
        if pending is None:
            return False
        merged, notes, store, iface = pending
        job = store.get(local_id)
        if job is None:
            return False
        load_job_results(job, merged, notes, store=store, iface=iface, project=project)
        return True

    def _project_opened(self, *args) -> None:
        # After QGIS finished reading the project (layers, tree), not in the middle of it.
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(0, self._load_for_open_project)

    def _load_for_open_project(self) -> None:
        project = QgsProject.instance()
        for local_id, (_merged, _notes, store, _iface) in list(self._pending_loads.items()):
            job = store.get(local_id)
            if job is not None and same_file(project.absoluteFilePath(), job.project_file):
                self.load_pending(local_id, project)

    # -- state -------------------------------------------------------------------------------
    def tasks(self) -> List[BeodTask]:
        return list(self._tasks.values())

    def get(self, local_id: str) -> Optional[BeodTask]:
        return self._tasks.get(local_id)

    def is_running(self, local_id: str) -> bool:
        """A task works on the job, or the follower follows it on the server."""
        return local_id in self._tasks or self.follower.is_following(local_id)

    def is_handled(self, local_id: str) -> bool:
        """Something of this session takes care of the job (running, watched, results held)."""
        return self.is_running(local_id) or self.follower.is_watching(local_id) or \
            local_id in self._pending_loads

    def stop(self, local_id: str) -> bool:
        """The user's Cancel / Stop following: before the scenario exists the run is cancelled;
        afterwards the run goes on on the server and the job is only watched."""
        task = self._tasks.get(local_id)
        if task is not None:
            task.stopped_by_user = True
            task.cancel()
            return True
        return self.follower.stop_following(local_id)

    def cancel(self, local_id: str) -> bool:
        return self.stop(local_id)

    def cancel_all(self, for_restart: bool = True) -> None:
        """Stop everything (plugin unload). With ``for_restart`` the runs stay remembered
        as unfinished and are followed again at the next start."""
        self.follower.shutdown()
        self._pending_loads.clear()  # the jobs stay in the store: the next start loads them
        for task in list(self._tasks.values()):
            task.interrupted_for_restart = for_restart
            task.cancel()
        if self._project_signal is not None:
            try:
                self._project_signal.disconnect(self._project_opened)
            except TypeError:
                pass
            self._project_signal = None

    def wait_all(self, timeout: float = 600.0) -> bool:
        """Process events until every task and following has ended (headless use); False on timeout."""
        deadline = time.monotonic() + timeout
        while (self._tasks or self.follower.active_count()) and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        QgsApplication.processEvents()
        return not self._tasks and not self.follower.active_count()

    def resume(self, job: Job, iface=None, store: Optional[JobStore] = None, **kwargs):
        """Follow (or download) ``job`` again now: the Jobs list's Resume and Download."""
        store = store or jobs_module.default_store()
        if self.is_running(job.local_id):
            return None
        project = kwargs.pop("project", None)
        connection = kwargs.pop("connection", None) or make_connection(job.server, **kwargs)
        context = {"store": store, "iface": iface, "project": project}
        if job.kind == jobs_module.KIND_DOWNLOAD or job.server_state == "SUCCESSFUL":
            job = store.update(job.local_id, state=jobs_module.RUNNING, waiting="", error="") or job
            task = DownloadTask(job, iface=iface, store=store, project=project, connection=connection)
            return self.start(task)
        self.follower.forget(job.local_id)
        return self.follow(job, connection, context)


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


def waiting_for_sign_in_message() -> str:
    return tr("Waiting for sign-in: sign in (section 1 of the panel) and it resumes by itself.")


def resume_unfinished(
    iface=None, store: Optional[JobStore] = None, registry: Optional[TaskRegistry] = None, **kwargs
) -> Tuple[List, List[Job]]:
    """Start again the runs left unfinished when QGIS closed.

    Returns ``(started, jobs waiting for credentials)``: ``started`` holds the download
    tasks and the followings (each with a ``.job``). Jobs whose server run exists are
    followed and downloaded; jobs interrupted before the server knew them are marked
    interrupted; without stored credentials the jobs wait, saying that signing in resumes
    them (call again after signing in). Jobs the user stopped following are watched again.
    """
    store = store or jobs_module.default_store()
    registry = registry or TASKS
    started: List = []
    waiting: List[Job] = []
    for job in reversed(store.all()):
        watch = job.state == jobs_module.STOPPED and job.has_ids and job.server_state not in (
            "SUCCESSFUL", "FAILED")
        if not job.is_active and not watch:
            continue
        if registry.is_handled(job.local_id):
            continue
        if job.kind == jobs_module.KIND_DOWNLOAD:
            resumable = job.project_id is not None and job.scenario_id is not None
        else:
            resumable = job.has_ids
        if not resumable:
            message = tr("Interrupted before the server started it: run it again.")
            store.update(job.local_id, state=jobs_module.INTERRUPTED, message=message, error=message)
            continue
        options = {key: kwargs[key] for key in ("client", "client_factory", "authcfg", "email", "password")
                   if key in kwargs}
        try:
            connection = make_connection(job.server, **options)
        except CredentialsError:
            if not watch:
                store.update(job.local_id, waiting=jobs_module.WAITING_SIGN_IN,
                             message=waiting_for_sign_in_message())
                waiting.append(job)
            continue
        context = {"store": store, "iface": iface, "project": kwargs.get("project")}
        if watch:
            registry.follow(job, connection, context, watch_only=True)
            continue
        if job.kind == jobs_module.KIND_DOWNLOAD:
            task = DownloadTask(job, iface=iface, store=store, project=kwargs.get("project"),
                                connection=connection)
            started.append(registry.start(task))
        else:
            started.append(registry.follow(job, connection, context))
        _log(tr("Resuming {} (scenario {}).", job.name, job.scenario_id))
    return started, waiting

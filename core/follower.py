"""Following runs on the server without holding a QGIS task.

A run spends most of its life "Extracting on the server", minutes to hours. Holding a
``QgsTask`` for that time would make QGIS's exit ask "Active Tasks … try canceling?"
and a Yes would cancel the run. Instead the :class:`Follower` lives on the main thread:
a ``QTimer`` ticks, and each poll of an activity is one short call on a plain daemon
thread (never in QGIS's task manager). Nothing is held that QGIS can cancel: quitting
QGIS, however it is done, leaves the job RUNNING in the job store and the next start
follows it again. When the server reports SUCCESSFUL, the registry starts a download
task; FAILED on the server, or an account that cannot sign in, fails the job; any other
error is an outage, waited out with capped back-off for ``Settings.max_outage_hours``.

A job whose following the user stopped ("Stop following") is only *watched*: its
state on the server is still read, slowly, so the Jobs list can offer the download
once the server finishes.
"""

import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from . import jobs as jobs_module
from .i18n import tr

LOG_TAG = "BEOD"
TICK_MS = 250
WATCH_INTERVAL = 60.0  # seconds between two reads of a job the user stopped following


def outage_message(seconds: float) -> str:
    from ..beod.outage import duration_text

    return tr("Server unreachable for {}, still trying", duration_text(seconds))


@dataclass
class Connection:
    """How to make a client for a job: ``make()`` on any thread; ``owned``: close it after use."""

    make: Callable
    owned: bool = True


class Followed:
    """One job being followed (or watched): its client, its pace, its poll in flight."""

    def __init__(self, job, connection: Connection, context: dict, watch_only: bool,
                 min_interval: float, max_interval: float, max_outage: float):
        from ..beod.outage import Outage

        self.job = job
        self.connection = connection
        self.context = context
        self.watch_only = watch_only
        self.client = None
        self.next_poll = 0.0
        self.interval = min_interval
        self.min_interval = min_interval
        self.max_interval = max_interval
        self.outage = Outage(min_interval, max_interval, max_outage)
        self.thread: Optional[threading.Thread] = None
        self.result = None  # ("activity", Activity) or ("error", exception), set by the thread
        self.last_state = None


class Follower(QObject):
    """Follows jobs of the store on the main thread; see the module docstring."""

    serverSucceeded = pyqtSignal(str)  # local id: the results can be downloaded now
    jobChanged = pyqtSignal(str)

    def __init__(self, parent=None, min_interval: float = 2.0, max_interval: float = 30.0,
                 max_outage: Optional[float] = None):
        super().__init__(parent)
        self.min_interval = min_interval
        self.max_interval = max_interval
        self.max_outage = max_outage
        self.watch_interval = WATCH_INTERVAL
        self._entries: Dict[str, Followed] = {}
        self._closing = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- public ---------------------------------------------------------------------------
    def follow(self, job, connection: Connection, context: dict, watch_only: bool = False) -> Followed:
        """Follow ``job`` (its server ids exist) until the server ends it."""
        self._closing.clear()
        old = self._entries.get(job.local_id)
        if old is not None and old.thread is None:
            self._close_client(old)
        max_outage = self.max_outage
        if max_outage is None:
            from .settings import Settings

            max_outage = Settings().max_outage_hours * 3600.0
        entry = Followed(job, connection, context, watch_only, self.min_interval, self.max_interval,
                         max_outage)
        if old is not None and old.thread is not None:
            entry.thread, entry.client = old.thread, None  # the old poll's answer is dropped
        self._entries[job.local_id] = entry
        if not watch_only:
            self._store(entry).update(job.local_id, state=jobs_module.RUNNING, stage="running", waiting="",
                                      error="")
        if not self._timer.isActive():
            self._timer.start()
        return entry

    def is_following(self, local_id: str) -> bool:
        entry = self._entries.get(local_id)
        return entry is not None and not entry.watch_only

    def is_watching(self, local_id: str) -> bool:
        entry = self._entries.get(local_id)
        return entry is not None and entry.watch_only

    def active_count(self) -> int:
        return sum(1 for entry in self._entries.values() if not entry.watch_only)

    def entries(self) -> List[Followed]:
        return list(self._entries.values())

    def stop_following(self, local_id: str) -> bool:
        """The user's "Stop following": the run goes on on the server, only watched from now on."""
        entry = self._entries.get(local_id)
        if entry is None or entry.watch_only:
            return False
        entry.watch_only = True
        self._store(entry).update(local_id, state=jobs_module.STOPPED, message=stopped_message(), waiting="",
                                  unreachable_since=None)
        self.jobChanged.emit(local_id)
        return True

    def forget(self, local_id: str) -> None:
        entry = self._entries.pop(local_id, None)
        if entry is not None and entry.thread is None:
            self._close_client(entry)

    def shutdown(self) -> None:
        """Plugin unload or QGIS exit: stop polling; the jobs stay RUNNING in the store."""
        self._closing.set()
        self._timer.stop()
        for entry in list(self._entries.values()):
            if entry.thread is None:
                self._close_client(entry)
        self._entries.clear()

    # -- the main-thread tick ----------------------------------------------------------------
    def _tick(self) -> None:
        now = time.monotonic()
        for local_id, entry in list(self._entries.items()):
            if entry.thread is not None:
                if entry.thread.is_alive():
                    continue
                entry.thread = None
                result, entry.result = entry.result, None
                if self._entries.get(local_id) is not entry:
                    continue
                if result is not None:
                    try:
                        self._handle(entry, *result)
                    except Exception as exc:  # noqa: BLE001 (a broken record must not stop the others)
                        QgsMessageLog.logMessage(tr("Following {} failed: {}", entry.job.name, exc), LOG_TAG,
                                                 Qgis.MessageLevel.Warning)
                        self.forget(local_id)
                continue
            if now >= entry.next_poll:
                entry.next_poll = float("inf")
                entry.thread = threading.Thread(target=self._poll, args=(entry,), daemon=True,
                                                name=f"beod-follow-{local_id}")
                entry.thread.start()
        if not self._entries:
            self._timer.stop()

    def _poll(self, entry: Followed) -> None:
        """Worker thread: one read of the activity (signing in first when needed)."""
        try:
            if entry.client is None:
                entry.client = entry.connection.make()
            client = entry.client
            if not getattr(client, "is_signed_in", False):
                client.login()
            job = entry.job
            activity = client.get_activity(job.project_id, job.activity_id, is_cancelled=self._closing.is_set)
            entry.result = ("activity", activity)
        except Exception as exc:  # noqa: BLE001 (sorted on the main thread)
            entry.result = ("error", exc)

    def _handle(self, entry: Followed, kind: str, value) -> None:
        from ..beod.errors import AuthenticationError, CancelledError
        from ..beod.outage import OutageTooLongError, is_transient

        local_id = entry.job.local_id
        store = self._store(entry)
        if kind == "activity":
            self._on_activity(entry, value)
            return
        exc = value
        if isinstance(exc, CancelledError) and self._closing.is_set():
            return
        if is_transient(exc):
            try:
                pause = entry.outage.failed(exc)
            except OutageTooLongError as too_long:
                message = tr("Stopped following: {} The run goes on on the server; download it from History "
                             "or with Download here when it is back.", too_long)
                entry.watch_only = True
                entry.next_poll = time.monotonic() + self.watch_interval
                store.update(local_id, state=jobs_module.STOPPED, message=message, unreachable_since=None)
                self._notify(entry, message, Qgis.MessageLevel.Warning)
                return
            entry.next_poll = time.monotonic() + pause
            if entry.watch_only:
                return
            since = time.time() - entry.outage.seconds
            self.job_update(entry, unreachable_since=since, message=outage_message(entry.outage.seconds))
            return
        if isinstance(exc, AuthenticationError):
            message = tr("The account could not sign in ({}). The run goes on on the server: sign in again, "
                         "then download it from History.", exc)
        else:
            message = tr("Following the run failed: {}. It may still go on on the server: see History.", exc)
        self.forget(local_id)
        if entry.watch_only:
            return
        store.update(local_id, state=jobs_module.FAILED, message=message, error=message,
                     unreachable_since=None)
        self._notify(entry, message, Qgis.MessageLevel.Critical)

    def _on_activity(self, entry: Followed, activity) -> None:
        local_id = entry.job.local_id
        entry.outage.recovered()
        state = (activity.state, round(activity.progress or 0.0, 1))
        fields = {"server_state": activity.state, "unreachable_since": None}
        if not entry.watch_only:
            from .tasks import STAGE_SPANS, stage_title

            start, end = STAGE_SPANS["running"]
            share = max(0.0, min(100.0, float(activity.progress or 0.0))) / 100.0
            fields.update(stage="running", progress=round(start + (end - start) * share, 1),
                          message=tr("{}: {} {} %", stage_title("running"), activity.state.lower(),
                                     int(activity.progress or 0)))
        self.job_update(entry, **fields)
        if activity.is_successful:
            self.forget(local_id)
            if entry.watch_only:
                self._notify(entry, tr("“{}” finished on the server: click Download in the Jobs list to get "
                                       "its results.", entry.job.name), Qgis.MessageLevel.Info)
            else:
                self.serverSucceeded.emit(local_id)
            return
        if activity.is_failed:
            self.forget(local_id)
            details = activity.details or tr("no details given")
            message = tr("The extraction failed on the server: {}", details)
            if entry.watch_only:
                self._store(entry).update(local_id, message=message)
                return
            self._store(entry).update(local_id, state=jobs_module.FAILED, message=message, error=message)
            self._notify(entry, message, Qgis.MessageLevel.Critical)
            return
        if entry.watch_only:
            entry.next_poll = time.monotonic() + self.watch_interval
            return
        from ..beod.follow import next_interval

        if entry.last_state is not None:
            entry.interval = next_interval(entry.interval, state != entry.last_state, entry.min_interval,
                                           entry.max_interval)
        entry.last_state = state
        entry.next_poll = time.monotonic() + entry.interval

    # -- helpers -------------------------------------------------------------------------------
    def job_update(self, entry: Followed, **fields) -> None:
        job = self._store(entry).update(entry.job.local_id, **fields)
        if job is not None:
            entry.job = job
        self.jobChanged.emit(entry.job.local_id)

    @staticmethod
    def _store(entry: Followed):
        return entry.context.get("store") or jobs_module.default_store()

    def _notify(self, entry: Followed, text: str, level) -> None:
        title = tr("BrightEarth On Demand: {}", entry.job.name)
        QgsMessageLog.logMessage(f"{title}: {text}", LOG_TAG, level)
        iface = entry.context.get("iface")
        if iface is not None:
            duration = 0 if level == Qgis.MessageLevel.Critical else 15
            iface.messageBar().pushMessage(title, text, level, duration)

    @staticmethod
    def _close_client(entry: Followed) -> None:
        client, entry.client = entry.client, None
        if client is not None and entry.connection.owned:
            try:
                client.close()
            except Exception as exc:  # noqa: BLE001 (closing is best effort)
                text = tr("Could not close the connection: {}", type(exc).__name__)
                QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)


def stopped_message() -> str:
    return tr("Stopped following: the run goes on on the server and is charged. Download it here or from "
              "History when it finishes.")

"""Records of extraction and download runs, persisted so interrupted runs resume.

A :class:`Job` holds what is needed to follow a run again after QGIS was closed:
the server, the BEOD project/scenario/activity ids, the output folder, the state.
Never a password, a token or a download URL. :class:`JobStore` keeps them as JSON
in the QGIS profile folder (``beod_jobs.json``); it is safe to update from a task's
worker thread and from several QGIS instances on one profile at once: every change
re-reads the file, changes it and replaces it atomically under an OS file lock
(``beod_jobs.json.lock``), so no instance's record is lost.
"""

import contextlib
import dataclasses
import json
import os
import threading
import time
import uuid
from typing import Any, Dict, List, Optional

from ..beod.outfolder import FileLock
from .settings import profile_folder

STORE_FILE_NAME = "beod_jobs.json"
MAX_RECORDS = 200
LOCK_WAIT_S = 30.0

KIND_EXTRACTION = "extraction"
KIND_DOWNLOAD = "download"

# Local states of a run (the server's activity states are in ``message``/``stage``).
QUEUED = "queued"
RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"
CANCELLED = "cancelled"  # stopped before the scenario existed: nothing charged
INTERRUPTED = "interrupted"
# "Stop following": the scenario goes on (and is charged) on the server; the plugin only
# watches its state so the Jobs list offers the download once the server finishes.
STOPPED = "stopped"

ACTIVE_STATES = (QUEUED, RUNNING)
TERMINAL_STATES = (SUCCEEDED, FAILED, CANCELLED, INTERRUPTED, STOPPED)

# What a RUNNING job waits for (``Job.waiting``).
WAITING_SIGN_IN = "sign-in"  # no credentials at start-up: signing in resumes it
WAITING_PROJECT = "project"  # results ready, to be loaded when its project is opened

# ``Job.cost_status``: whether ``credits_before - credits_after`` is this run's cost.
COST_ATTRIBUTED = "attributed"
COST_SHARED = "shared"  # other runs of the account started meanwhile: cannot be told apart


@dataclasses.dataclass
class Job:
    """One run of the plugin: an extraction, or a re-download of a past scenario."""

    name: str
    server: str = ""
    params: Dict[str, Any] = dataclasses.field(default_factory=dict)
    aoi_wkt: str = ""
    out_dir: str = ""
    kind: str = KIND_EXTRACTION
    local_id: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex[:12])
    project_id: Optional[int] = None
    scenario_id: Optional[int] = None
    activity_id: Optional[int] = None
    state: str = QUEUED
    progress: float = 0.0
    stage: str = ""
    message: str = ""
    started: Optional[float] = None
    finished: Optional[float] = None
    credits_before: Optional[float] = None  # balance just before the scenario was created
    credits_after: Optional[float] = None  # balance just after it was created
    error: str = ""
    cost_status: str = ""  # COST_ATTRIBUTED, COST_SHARED or "" (unknown)
    project_file: str = ""  # the QGIS project the run was started from ("" = unsaved)
    server_state: str = ""  # the activity state last seen on the server
    waiting: str = ""  # WAITING_SIGN_IN, WAITING_PROJECT or ""
    unreachable_since: Optional[float] = None  # start of the current outage (wall clock)

    @property
    def cost(self) -> Optional[float]:
        """This run's credits, only when they can be told apart from other runs'."""
        if self.cost_status != COST_ATTRIBUTED or self.credits_before is None or self.credits_after is None:
            return None
        return round(self.credits_before - self.credits_after, 2)

    @property
    def has_ids(self) -> bool:
        """The server-side run exists: it can be followed and downloaded again."""
        return self.project_id is not None and self.scenario_id is not None and self.activity_id is not None

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def elapsed(self) -> float:
        """Seconds since the start (until the end when finished)."""
        if self.started is None:
            return 0.0
        end = self.finished if self.finished is not None else time.time()
        return max(0.0, end - self.started)

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Job":
        known = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


_LOCKS: Dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(path: str) -> threading.RLock:
    """One lock per store file, shared by every store of this process."""
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.RLock())


def default_store_path() -> str:
    return os.path.join(profile_folder(), STORE_FILE_NAME)


class JobStore:
    """The persisted list of jobs (newest last in the file, newest first from :meth:`all`)."""

    def __init__(self, path: Optional[str] = None):
        self.path = path or default_store_path()
        self._lock = _lock_for(self.path)
        self._jobs: Dict[str, Job] = {}
        self._signature = None
        with self._lock:
            self._refresh()

    # -- persistence -------------------------------------------------------------
    @contextlib.contextmanager
    def _changing(self):
        """Hold this process's lock and the store file's OS lock; the file is read again."""
        with self._lock:
            folder = os.path.dirname(self.path)
            if folder:
                os.makedirs(folder, exist_ok=True)
            lock = FileLock(self.path + ".lock")
            # a holder that does not let go in LOCK_WAIT_S: go on rather than lose this change
            locked = lock.acquire(wait=LOCK_WAIT_S)
            try:
                self._signature = object()  # the file is read again, whatever its signature
                self._refresh()
                yield
            finally:
                if locked:
                    lock.release()

    def _file_signature(self):
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _refresh(self) -> None:
        """Read the file again when another store (or QGIS instance) changed it."""
        signature = self._file_signature()
        if signature == self._signature:
            return
        self._signature = signature
        self._jobs = {}
        if signature is None:
            return
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return
        records = data.get("jobs", []) if isinstance(data, dict) else []
        for record in records:
            if isinstance(record, dict) and record.get("name") is not None:
                try:
                    job = Job.from_dict(record)
                except TypeError:
                    continue
                self._jobs[job.local_id] = job

    def _save(self) -> None:
        jobs = sorted(self._jobs.values(), key=lambda job: job.started or 0.0)
        if len(jobs) > MAX_RECORDS:
            for old in [job for job in jobs if not job.is_active][: len(jobs) - MAX_RECORDS]:
                self._jobs.pop(old.local_id, None)
            jobs = sorted(self._jobs.values(), key=lambda job: job.started or 0.0)
        folder = os.path.dirname(self.path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        tmp = f"{self.path}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"version": 1, "jobs": [job.to_dict() for job in jobs]}, handle, indent=1)
        os.replace(tmp, self.path)
        self._signature = self._file_signature()

    # -- access ------------------------------------------------------------------
    def add(self, job: Job) -> Job:
        with self._changing():
            if job.started is None:
                job.started = time.time()
            self._jobs[job.local_id] = job
            self._save()
            return dataclasses.replace(job)

    def update(self, local_id: str, **fields) -> Optional[Job]:
        """Change fields of a job and save; returns a copy of the updated job."""
        with self._changing():
            job = self._jobs.get(local_id)
            if job is None:
                return None
            for key, value in fields.items():
                if not hasattr(job, key):
                    raise AttributeError(key)
                setattr(job, key, value)
            if job.state in TERMINAL_STATES and job.finished is None:
                job.finished = time.time()
            self._save()
            return dataclasses.replace(job)

    def get(self, local_id: str) -> Optional[Job]:
        with self._lock:
            self._refresh()
            job = self._jobs.get(local_id)
            return dataclasses.replace(job) if job else None

    def all(self) -> List[Job]:
        """Every job, newest first."""
        with self._lock:
            self._refresh()
            jobs = [dataclasses.replace(job) for job in self._jobs.values()]
        return sorted(jobs, key=lambda job: job.started or 0.0, reverse=True)

    def unfinished(self) -> List[Job]:
        """Jobs left running when QGIS closed (oldest first)."""
        return [job for job in reversed(self.all()) if job.is_active]

    def remove(self, local_id: str) -> bool:
        with self._changing():
            removed = self._jobs.pop(local_id, None) is not None
            if removed:
                self._save()
            return removed

    def clear_finished(self) -> int:
        """Forget every finished job; returns how many were removed."""
        with self._changing():
            done = [key for key, job in self._jobs.items() if not job.is_active]
            for key in done:
                del self._jobs[key]
            self._save()
            return len(done)


_STORE: Optional[JobStore] = None


def default_store() -> JobStore:
    """The job store of the active QGIS profile (one per session)."""
    global _STORE
    if _STORE is None or _STORE.path != default_store_path():
        _STORE = JobStore()
    return _STORE

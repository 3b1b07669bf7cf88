"""The output folder of a download: one writer at a time, one scenario, files we wrote.

A download keeps its bookkeeping in ``<out>/.beod/`` (hidden: the result scan skips it):

- ``lock``: an OS file lock (``flock`` / ``msvcrt.locking``) held while the download
  writes. A second writer, in this or another process, gets :class:`FolderBusyError` at
  once (or waits ``wait`` seconds for it). The OS drops the lock when a process dies.
- ``scenario.json``: which server, project and scenario the folder holds. A download of
  another scenario into it is refused with :class:`FolderInUseError` and changes nothing.
- ``files.jsonl``: one line per complete file (its size, and the ETag or checksum the
  server gave), appended when the file is complete. Only a file found there with the
  same size counts as already downloaded; a file or ``.part`` in the way that is not
  there was not written by a download of this scenario and is never overwritten or
  deleted (:class:`FolderInUseError`).
"""

import json
import os
import threading
import time
from typing import Dict, Optional, Tuple

from .errors import DownloadError
from .redact import redact

STATE_DIR = ".beod"
LOCK_FILE = "lock"
IDENTITY_FILE = "scenario.json"
JOURNAL_FILE = "files.jsonl"
FORMAT_VERSION = 1

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None
    import msvcrt


class OutputFolderError(DownloadError):
    """The output folder cannot take this download (nothing in it was changed)."""
    final = True  # waiting does not change it (see beod.outage.is_transient)

    default_message = "The output folder cannot be used for this download; choose another one."


class FolderBusyError(OutputFolderError):
    default_message = ("Another download is writing into this output folder; wait for it to end or "
                       "choose another folder.")


class FolderInUseError(OutputFolderError):
    default_message = ("The output folder holds files this download did not write; choose an empty "
                       "folder or the folder of this scenario.")


def _try_lock(handle) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover (Windows)
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(handle) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        else:  # pragma: no cover (Windows)
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


class FileLock:
    """An exclusive OS lock on ``path`` (created when missing), across processes and threads."""

    def __init__(self, path: str):
        self.path = path
        self._handle = None

    def acquire(self, wait: float = 0.0, is_cancelled=None) -> bool:
        """Take the lock, waiting up to ``wait`` seconds; False when another holder keeps it."""
        handle = open(self.path, "a+b")  # noqa: SIM115 (kept open while locked)
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(handle):
            if time.monotonic() >= deadline or (is_cancelled is not None and is_cancelled()):
                handle.close()
                return False
            time.sleep(0.05)
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self):
        if not self.acquire(wait=3600.0):
            raise OSError(f"could not lock {self.path}")
        return self

    def __exit__(self, *exc):
        self.release()


def can_take(out_dir, project_id, scenario_id) -> bool:
    """Whether a download of this scenario may go into ``out_dir``: it is missing or empty,
    or its bookkeeping names this scenario (a folder without bookkeeping but with files, such
    as one written before the bookkeeping existed, is not taken: its files are unknown)."""
    out_dir = os.fspath(out_dir)
    try:
        entries = os.listdir(out_dir)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        with open(os.path.join(out_dir, STATE_DIR, IDENTITY_FILE), encoding="utf-8") as handle:
            known = json.load(handle)
    except FileNotFoundError:
        return not [name for name in entries if name != STATE_DIR]
    except (OSError, ValueError):
        return False
    return isinstance(known, dict) and str(known.get("project_id")) == str(project_id) and \
        str(known.get("scenario_id")) == str(scenario_id)


def check_folder_for_new_scenario(out_dir) -> None:
    """Before a scenario is created (and credits spent): refuse an output folder that holds
    another scenario's results (:class:`FolderInUseError`) or that a download is writing
    into (:class:`FolderBusyError`). Nothing is written."""
    out_dir = os.fspath(out_dir)
    state_dir = os.path.join(out_dir, STATE_DIR)
    try:
        with open(os.path.join(state_dir, IDENTITY_FILE), encoding="utf-8") as handle:
            known = json.load(handle)
    except FileNotFoundError:
        known = None
    except (OSError, ValueError):
        known = {}
    if known is not None:
        holder = "another extraction"
        if isinstance(known, dict) and known.get("scenario_id") is not None:
            holder = f"scenario {known.get('scenario_id')} of project {known.get('project_id')}"
        raise FolderInUseError(f"{out_dir} holds the results of {redact(holder)}; choose an empty folder "
                               "(nothing was started on the server).")
    lock_path = os.path.join(state_dir, LOCK_FILE)
    if os.path.isfile(lock_path):
        lock = FileLock(lock_path)
        if not lock.acquire():
            raise FolderBusyError(f"Another download is writing into {out_dir}; choose another folder "
                                  "(nothing was started on the server).")
        lock.release()


class OutputFolder:
    """The bookkeeping of one download into ``out_dir`` (use as a context manager)."""

    def __init__(self, out_dir, *, server: str, project_id, scenario_id, wait: float = 0.0,
                 is_cancelled=None):
        self.out_dir = os.fspath(out_dir)
        self.state_dir = os.path.join(self.out_dir, STATE_DIR)
        self.identity = {"version": FORMAT_VERSION, "server": str(server or ""),
                         "project_id": project_id, "scenario_id": scenario_id}
        self.wait = wait
        self.is_cancelled = is_cancelled
        self._lock = FileLock(os.path.join(self.state_dir, LOCK_FILE))
        #: key -> (size, crc) of each file recorded: what is read back of a record, kept small
        #: (a large result has a hundred thousand of them); size None while in progress
        self._records: Dict[str, Tuple[Optional[int], Optional[int]]] = {}
        self._write_lock = threading.Lock()
        self._journal = None
        self._identity_written = True

    # -- lifetime ------------------------------------------------------------------------
    def __enter__(self) -> "OutputFolder":
        os.makedirs(self.state_dir, exist_ok=True)
        if not self._lock.acquire(self.wait, self.is_cancelled):
            raise FolderBusyError(f"Another download is writing into {self.out_dir}; wait for it to end or "
                                  "choose another folder.")
        try:
            self._check_identity()
            self._records = self._read_journal()
            self._journal = open(os.path.join(self.state_dir, JOURNAL_FILE), "a", encoding="utf-8")  # noqa: SIM115
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._lock.release()

    def _check_identity(self) -> None:
        path = os.path.join(self.state_dir, IDENTITY_FILE)
        try:
            with open(path, encoding="utf-8") as handle:
                known = json.load(handle)
        except FileNotFoundError:
            known = None
        except (OSError, ValueError):
            known = {}
        if known is None:
            self._identity_written = False  # written with the first file (a failed listing leaves none)
            return
        same = isinstance(known, dict) and all(
            str(known.get(key)) == str(self.identity[key]) for key in ("server", "project_id", "scenario_id"))
        if not same:
            holder = "another download"
            if isinstance(known, dict) and known.get("scenario_id") is not None:
                holder = f"scenario {known.get('scenario_id')} of project {known.get('project_id')}"
            raise FolderInUseError(
                f"{self.out_dir} holds the results of {redact(holder)}; scenario "
                f"{self.identity['scenario_id']} is not downloaded into it (nothing was changed). Choose an "
                "empty folder.")

    def _read_journal(self) -> Dict[str, Tuple[Optional[int], Optional[int]]]:
        records: Dict[str, Tuple[Optional[int], Optional[int]]] = {}
        try:
            with open(os.path.join(self.state_dir, JOURNAL_FILE), encoding="utf-8") as handle:
                for line in handle:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # a line cut by a crash
                    if isinstance(record, dict) and isinstance(record.get("key"), str):
                        records[record["key"]] = _compact(record)
        except FileNotFoundError:
            pass
        return records

    # -- files -----------------------------------------------------------------------------
    def record_for(self, key: str) -> Optional[dict]:
        """What the journal holds of ``key`` (``size``, None while in progress, and ``crc``), or None."""
        with self._write_lock:
            found = self._records.get(key)
        return None if found is None else {"key": key, "size": found[0], "crc": found[1]}

    def complete(self, key: str, path: str) -> Optional[dict]:
        """The record of ``key`` when ``path`` is the complete file written for it, else None."""
        record = self.record_for(key)
        if record is None:
            return None
        try:
            size = os.path.getsize(path)
        except OSError:
            return None
        return record if size == record.get("size") else None

    def check_free(self, key: str, path: str, *extra_paths: str) -> None:
        """Refuse (:class:`FolderInUseError`) when ``path`` or its ``.part`` exists without a record:
        neither a download of this scenario nor this folder's bookkeeping wrote it."""
        if self.record_for(key) is not None:
            return
        for candidate in (path, *extra_paths):
            if os.path.lexists(candidate):
                shown = os.path.relpath(candidate, self.out_dir)
                raise FolderInUseError(
                    f"{self.out_dir} already holds {redact(shown)!r}, which this download did not write; "
                    "it was left as it is. Choose an empty folder.")

    def claim(self, key: str, path: str, part: str) -> None:
        """Mark ``part`` as ours before writing it (a record with no size: in progress)."""
        if self.record_for(key) is None:
            self.check_free(key, path, part)
            self._append({"key": key, "size": None})

    def record(self, key: str, size: int, **facts) -> None:
        """``key`` is complete with ``size`` bytes (and ``facts``: etag, checksum...)."""
        self._append(dict({"key": key, "size": int(size)}, **{k: v for k, v in facts.items() if v}))

    def _write_identity(self) -> None:
        path = os.path.join(self.state_dir, IDENTITY_FILE)
        temporary = path + ".part"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.identity, handle)
        os.replace(temporary, path)
        self._identity_written = True

    def _append(self, record: dict) -> None:
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._write_lock:
            if not self._identity_written:
                self._write_identity()
            self._records[record["key"]] = _compact(record)
            if self._journal is not None:
                self._journal.write(line)
                self._journal.flush()


def _compact(record: dict) -> Tuple[Optional[int], Optional[int]]:
    """(size, crc) of a journal record, each None when absent or not an integer."""
    size, crc = record.get("size"), record.get("crc")
    return (size if isinstance(size, int) else None, crc if isinstance(crc, int) else None)

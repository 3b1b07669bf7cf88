"""What a run cost, only when it can be told apart from the other runs of the account.

The documented API gives no price per scenario: the cost is the balance read just before
and just after the scenario is created. That difference belongs to one run only when no
other run of the account was started in between, so:

- on this computer, the submissions of one account are taken one at a time
  (:func:`submission_lock`, a lock file shared by QGIS, Processing and ``python -m beod``);
- the account's projects are listed before and after: a project created meanwhile (a run
  from another computer) makes the difference "shared" (:attr:`CostWindow.attributable`
  is False) and no cost is claimed.
"""

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Iterator, Optional, Set

LOG = logging.getLogger("beod")
LOCK_TIMEOUT = 300.0  # after this, submit without the lock (the project check still guards)

_THREAD_LOCKS = {}
_THREAD_LOCKS_GUARD = threading.Lock()


@dataclass
class CostWindow:
    """The balance around one scenario's creation."""

    before: Optional[float] = None
    after: Optional[float] = None
    attributable: bool = False

    @property
    def cost(self) -> Optional[float]:
        """Credits charged for this run, or None when they cannot be told apart."""
        if not self.attributable or self.before is None or self.after is None:
            return None
        return round(self.before - self.after, 2)

    @property
    def status(self) -> str:
        """``attributed``, ``shared`` (other runs started meanwhile) or ``unknown``."""
        if self.before is None or self.after is None:
            return "unknown"
        return "attributed" if self.attributable else "shared"


def _lock_path(server: str, user_id: str) -> str:
    digest = hashlib.sha256(f"{server}|{user_id}".encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"beod-submit-{digest}.lock")


def _try_lock(handle) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


@contextlib.contextmanager
def submission_lock(server: str, user_id: str, timeout: float = LOCK_TIMEOUT,
                    is_cancelled=None) -> Iterator[bool]:
    """Hold the account's submission lock of this computer; yields whether it was obtained."""
    path = _lock_path(server, str(user_id))
    with _THREAD_LOCKS_GUARD:
        thread_lock = _THREAD_LOCKS.setdefault(path, threading.Lock())
    deadline = time.monotonic() + timeout
    have_thread = False
    handle = None
    got = False
    try:
        while not have_thread and time.monotonic() < deadline:
            have_thread = thread_lock.acquire(timeout=0.2)
            _check(is_cancelled)
        if have_thread:
            try:
                handle = open(path, "a+b")  # noqa: SIM115 (closed below)
            except OSError as exc:
                LOG.info("No submission lock (%s): costs are checked against the project list only", exc)
            while handle is not None and not got and time.monotonic() < deadline:
                got = _try_lock(handle)
                if not got:
                    _check(is_cancelled)
                    time.sleep(0.1)
        if not got:
            LOG.info("Submitting without the submission lock of the account")
        yield got
    finally:
        if handle is not None:
            handle.close()  # closing releases the file lock
        if have_thread:
            thread_lock.release()


def _check(is_cancelled) -> None:
    if is_cancelled is not None and is_cancelled():
        from .errors import CancelledError

        raise CancelledError()


def project_ids(client) -> Optional[Set[int]]:
    """The ids of the account's projects, or None when they cannot be listed."""
    try:
        return {project.id for project in client.list_projects()}
    except Exception as exc:  # noqa: BLE001 (informative only: without it the cost is not claimed)
        LOG.info("Could not list the projects (%s): the cost will not be claimed", type(exc).__name__)
        return None


def balance(client) -> Optional[float]:
    try:
        return client.me().credits
    except Exception as exc:  # noqa: BLE001 (informative only)
        LOG.info("Could not read the credits (%s)", type(exc).__name__)
        return None


def judge(window: CostWindow, before_ids: Optional[Set[int]], after_ids: Optional[Set[int]],
          own_project: int) -> CostWindow:
    """Mark ``window`` attributable when no other project appeared between the two reads."""
    if before_ids is None or after_ids is None:
        window.attributable = False
    else:
        others = after_ids - before_ids - {own_project}
        window.attributable = not others
        if others:
            LOG.info("Other runs of the account started meanwhile (projects %s): the cost is shared",
                     sorted(others))
    return window

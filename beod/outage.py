"""Network outages waited out: capped back-off, a sentence for the user, a limit.

A run on the server goes on whatever happens to the network between it and us. While
following a run or downloading its results, a connection refused, a time-out, a 5xx or
a 429 is an *outage*, never the end of the run: the call is tried again with a growing
pause (``min_interval`` up to ``max_interval``) until it works or the outage has lasted
``max_outage`` seconds (24 h by default). Only then does :class:`OutageTooLongError`
end the wait; the run can still be downloaded later (History, ``beod download``).
"""

import logging
import time
from typing import Callable, Optional, TypeVar

from .errors import DownloadError, NetworkError, ServerError
from .i18n import _

LOG = logging.getLogger("beod")
DEFAULT_MAX_OUTAGE = 24 * 3600.0
T = TypeVar("T")


class OutageTooLongError(NetworkError):
    """The server stayed unreachable longer than the allowed outage."""


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` is an outage (network, time-out, 5xx, 429, a transfer cut) to wait out."""
    if isinstance(exc, OutageTooLongError):
        return False
    if isinstance(exc, (NetworkError, ServerError)):
        return True
    # A damaged archive, an unsafe link or an output folder in use stays what it is: no outage.
    if isinstance(exc, DownloadError) and not getattr(exc, "final", False):
        status = getattr(exc, "status", None)
        return status is None or status >= 500 or status in (408, 429)
    return False


def duration_text(seconds: float) -> str:
    """``45 s``, ``2 min``, ``3 h 05 min``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def outage_text(seconds: float) -> str:
    """The sentence shown while an outage is waited out."""
    return _("Server unreachable for {}, still trying").format(duration_text(seconds))


class Outage:
    """The current outage, if any: when it began and the next pause."""

    def __init__(self, min_interval: float = 2.0, max_interval: float = 30.0,
                 max_outage: Optional[float] = DEFAULT_MAX_OUTAGE, clock=time.monotonic):
        self.min_interval = float(min_interval)
        self.max_interval = float(max(min_interval, max_interval))
        self.max_outage = max_outage
        self.clock = clock
        self.since: Optional[float] = None
        self.interval = self.min_interval

    @property
    def active(self) -> bool:
        return self.since is not None

    @property
    def seconds(self) -> float:
        return 0.0 if self.since is None else self.clock() - self.since

    def failed(self, exc: BaseException) -> float:
        """Record a failed call; the pause before the next try. Raises
        :class:`OutageTooLongError` once the outage is longer than ``max_outage``."""
        now = self.clock()
        if self.since is None:
            self.since = now
            self.interval = self.min_interval
        else:
            self.interval = min(self.max_interval, self.interval * 2)
        if self.max_outage is not None and now - self.since >= self.max_outage:
            raise OutageTooLongError(
                f"The server stayed unreachable for {duration_text(now - self.since)} ({exc}); "
                "the run goes on on the server: download its results later.")
        return self.interval

    def recovered(self) -> None:
        self.since = None
        self.interval = self.min_interval


def wait_out(call: Callable[[], T], *, is_cancelled: Optional[Callable[[], bool]] = None,
             on_outage: Optional[Callable[[float], None]] = None, min_interval: float = 2.0,
             max_interval: float = 30.0, max_outage: Optional[float] = DEFAULT_MAX_OUTAGE) -> T:
    """``call()`` until it returns, waiting out outages; other errors are raised at once.

    ``on_outage(seconds)`` is called before each pause with the outage's length so far
    (:func:`outage_text` makes the sentence). ``is_cancelled`` ends the wait
    (:class:`~.errors.CancelledError`).
    """
    from .client import sleep_unless_cancelled

    outage = Outage(min_interval, max_interval, max_outage)
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 (sorted below: only outages are waited out)
            if not is_transient(exc):
                raise
            pause = outage.failed(exc)
            LOG.info("%s (%s); trying again in %.0f s", outage_text(outage.seconds), exc, pause)
            if on_outage is not None:
                on_outage(outage.seconds)
            sleep_unless_cancelled(pause, is_cancelled)

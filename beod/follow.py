"""Follow a BEOD activity (a running scenario) until it ends.

The activity is polled with a growing interval (``min_interval`` up to ``max_interval``:
x1.5 per poll, x1.2 while the progress moves). ``on_progress(activity)`` is called after
each poll; ``is_cancelled()`` is checked at least every 0.1 s. SUCCESSFUL returns the activity; FAILED raises
:class:`ScenarioFailedError` with the server's ``details``. Outages (network, 5xx, 429) are
waited out (:mod:`.outage`), for 24 h by default.
"""

import logging
import time
from typing import Callable, Optional

from .client import sleep_unless_cancelled
from .errors import CancelledError, NetworkError, ScenarioFailedError, ServerError
from .models import Activity
from .outage import DEFAULT_MAX_OUTAGE, Outage, outage_text

LOG = logging.getLogger("beod")


def next_interval(current: float, changed: bool, min_interval: float, max_interval: float) -> float:
    """The next poll interval: it grows 1.5 times per poll (1.2 times while the progress moves)."""
    factor = 1.2 if changed else 1.5
    return min(max_interval, max(min_interval, current * factor))


def follow_activity(client, pid, aid, *, on_progress: Optional[Callable[[Activity], None]] = None,
                    is_cancelled: Optional[Callable[[], bool]] = None, min_interval: float = 2.0,
                    max_interval: float = 30.0, timeout: Optional[float] = None,
                    max_failures: Optional[int] = None, max_outage: Optional[float] = DEFAULT_MAX_OUTAGE,
                    on_outage: Optional[Callable[[float], None]] = None) -> Activity:
    """Poll activity ``aid`` of project ``pid`` until SUCCESSFUL (returned) or FAILED (raised).

    A poll that fails on the network, a time-out, a 5xx or a 429 is an outage: it is waited
    out with a pause growing up to ``max_interval`` (``on_outage(seconds)`` reports it) for
    up to ``max_outage`` seconds (:class:`~.outage.OutageTooLongError` after that), or at
    most ``max_failures`` polls in a row when given. ``timeout`` bounds the whole wait
    (:class:`CancelledError`: the scenario goes on on the server).
    """
    started = time.monotonic()
    failures = 0
    interval = min_interval
    last = None
    outage = Outage(min_interval, max_interval, max_outage)
    while True:
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        try:
            activity = client.get_activity(pid, aid, is_cancelled=is_cancelled)
        except (NetworkError, ServerError) as exc:
            failures += 1
            if max_failures is not None and failures > max_failures:
                raise
            pause = outage.failed(exc)
            LOG.info("Activity %s: %s (%s); next try in %.0f s", aid, outage_text(outage.seconds), exc, pause)
            if on_outage is not None:
                on_outage(outage.seconds)
            _check_timeout(timeout, started, pause, None)
            sleep_unless_cancelled(pause, is_cancelled)
            continue
        failures = 0
        outage.recovered()
        if on_progress is not None:
            on_progress(activity)
        if activity.is_successful:
            return activity
        if activity.is_failed:
            which = f"Scenario {activity.scenario_id}" if activity.scenario_id is not None else "The scenario"
            raise ScenarioFailedError(f"{which} failed on the server.",
                                      details=activity.details or "no details given")
        state = (activity.state, round(activity.progress, 1))
        if last is not None:
            interval = next_interval(interval, state != last, min_interval, max_interval)
        last = state
        _check_timeout(timeout, started, interval, activity)
        LOG.debug("Activity %s: %s %.0f%%; next poll in %.1f s", aid, activity.state, activity.progress,
                  interval)
        sleep_unless_cancelled(interval, is_cancelled)


def _check_timeout(timeout: Optional[float], started: float, pause: float,
                   activity: Optional[Activity]) -> None:
    if timeout is None or time.monotonic() - started + pause <= timeout:
        return
    where = activity.state.lower() if activity is not None else "running (the server cannot be reached now)"
    raise CancelledError(f"Stopped waiting after {timeout:.0f} s; the scenario is still {where} on the "
                         "server: its results can be downloaded later.")

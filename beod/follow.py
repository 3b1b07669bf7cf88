"""Follow a BEOD activity (a running scenario) until it ends.

The activity is polled with a growing interval (``min_interval`` up to ``max_interval``:
x1.5 per poll, x1.2 while the progress moves). ``on_progress(activity)`` is called after
each poll; ``is_cancelled()`` is checked at least every 0.1 s. SUCCESSFUL returns the activity; FAILED raises
:class:`ScenarioFailedError` with the server's ``details``.
"""

import logging
import time
from typing import Callable, Optional

from .client import sleep_unless_cancelled
from .errors import CancelledError, NetworkError, ScenarioFailedError, ServerError
from .models import Activity

LOG = logging.getLogger("beod")


def next_interval(current: float, changed: bool, min_interval: float, max_interval: float) -> float:
    """The next poll interval: it grows 1.5 times per poll (1.2 times while the progress moves)."""
    factor = 1.2 if changed else 1.5
    return min(max_interval, max(min_interval, current * factor))


def follow_activity(client, pid, aid, *, on_progress: Optional[Callable[[Activity], None]] = None,
                    is_cancelled: Optional[Callable[[], bool]] = None, min_interval: float = 2.0,
                    max_interval: float = 30.0, timeout: Optional[float] = None,
                    max_failures: int = 5) -> Activity:
    """Poll activity ``aid`` of project ``pid`` until SUCCESSFUL (returned) or FAILED (raised).

    Up to ``max_failures`` polls in a row may fail (network or server errors, each already
    retried by the client) before the error is raised.
    """
    started = time.monotonic()
    failures = 0
    interval = min_interval
    last = None
    while True:
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        try:
            activity = client.get_activity(pid, aid, is_cancelled=is_cancelled)
        except (NetworkError, ServerError) as exc:
            # each call already retried; a longer outage is waited out a few polls more
            failures += 1
            if failures > max_failures:
                raise
            LOG.info("Activity %s could not be read (%s); trying again in %.0f s", aid, exc, interval)
            sleep_unless_cancelled(interval, is_cancelled)
            interval = next_interval(interval, False, min_interval, max_interval)
            continue
        failures = 0
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
        if timeout is not None and time.monotonic() - started + interval > timeout:
            raise CancelledError(f"Stopped waiting after {timeout:.0f} s; the scenario is still "
                                 f"{activity.state.lower()} on the server.")
        LOG.debug("Activity %s: %s %.0f%%; next poll in %.1f s", aid, activity.state, activity.progress,
                  interval)
        sleep_unless_cancelled(interval, is_cancelled)

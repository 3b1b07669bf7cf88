"""Short network calls of the dock (sign in, credits, history) in a QgsTask.

The call runs on a worker thread; ``on_done(result, error)`` is called back on the
main thread. A reference to each running call is kept until it ends (a collected
task crashes QGIS).
"""

import traceback
from typing import Callable, Set

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

LOG_TAG = "BEOD"

_RUNNING: Set["CallTask"] = set()


class CallTask(QgsTask):
    """Runs ``function()`` in the background and reports its result or exception."""

    def __init__(self, description: str, function: Callable, on_done: Callable):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self._function = function
        self._on_done = on_done
        self.result = None
        self.error = None

    def run(self) -> bool:
        try:
            self.result = self._function()
        except Exception as exc:  # noqa: BLE001 (handed to the dock, which explains it)
            self.error = exc
            return False
        return True

    def finished(self, ok: bool) -> None:
        _RUNNING.discard(self)
        callback, self._on_done = self._on_done, None
        if callback is None or self.isCanceled():
            return
        try:
            callback(self.result, self.error)
        except Exception:  # noqa: BLE001 (an exception escaping here would abort QGIS)
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.MessageLevel.Critical)

    def forget(self) -> None:
        """Drop the callback (its widget is going away) and cancel the call."""
        self._on_done = None
        self.cancel()


class Calls:
    """The background calls of one widget, forgotten together when it goes away."""

    def __init__(self):
        self._calls: Set[CallTask] = set()

    def start(self, description: str, function: Callable, on_done: Callable) -> CallTask:
        holder = []

        def done(result, error):
            self._calls.discard(holder[0])
            on_done(result, error)

        task = run_in_background(description, function, done)
        holder.append(task)
        self._calls.add(task)
        return task

    def forget_all(self) -> None:
        for task in list(self._calls):
            task.forget()
        self._calls.clear()


def run_in_background(description: str, function: Callable, on_done: Callable) -> CallTask:
    """Start ``function`` in a task; ``on_done(result, error)`` runs on the main thread."""
    task = CallTask(description, function, on_done)
    _RUNNING.add(task)
    QgsApplication.taskManager().addTask(task)
    return task

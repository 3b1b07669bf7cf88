"""Short network calls of the dock (sign in, credits, history) in a QgsTask.

The call runs on a worker thread; ``on_done(result, error)`` is called back on the
main thread. A reference to each running call is kept until it ends (a collected
task crashes QGIS).
"""

from typing import Callable, Set

from qgis.core import QgsApplication, QgsTask

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
        if callback is not None and not self.isCanceled():
            callback(self.result, self.error)

    def forget(self) -> None:
        """Drop the callback (its widget is going away) and cancel the call."""
        self._on_done = None
        self.cancel()


def run_in_background(description: str, function: Callable, on_done: Callable) -> CallTask:
    """Start ``function`` in a task; ``on_done(result, error)`` runs on the main thread."""
    task = CallTask(description, function, on_done)
    _RUNNING.add(task)
    QgsApplication.taskManager().addTask(task)
    return task

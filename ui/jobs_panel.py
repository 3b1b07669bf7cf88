"""The "Jobs" section: every run with its state, progress, elapsed time and a Cancel button.

Rows come from the persisted job store (so runs resumed after a restart show too) and
are refreshed every second while the dock is open.
"""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QToolButton, QTreeWidgetItem

from ..core import jobs as jobs_module
from ..core import tasks as tasks_module
from ..core.i18n import tr
from . import view3d

MAX_ROWS = 30
COL_NAME, COL_STATE, COL_PROGRESS, COL_TIME, COL_CANCEL = range(5)


def state_text(job) -> str:
    if job.state == jobs_module.RUNNING:
        return tasks_module.stage_title(job.stage) if job.stage else tr("Running")
    return {
        jobs_module.QUEUED: tr("Waiting"),
        jobs_module.SUCCEEDED: tr("Done"),
        jobs_module.FAILED: tr("Failed"),
        jobs_module.CANCELLED: tr("Cancelled"),
        jobs_module.INTERRUPTED: tr("Interrupted"),
    }.get(job.state, job.state)


def elapsed_text(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class JobsPanel(QObject):
    """Keeps the jobs tree of the dock in step with the job store and the running tasks."""

    jobFinished = pyqtSignal(str, bool, str)  # local id, success, message

    def __init__(self, form, parent=None, store=None, registry=None):
        super().__init__(parent)
        self.form = form
        self.tree = form.jobsTree
        self.store = store or jobs_module.default_store()
        self.registry = registry or tasks_module.TASKS
        self._items = {}
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([tr("Name"), tr("State"), tr("Progress"), tr("Time"), ""])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COL_STATE, COL_TIME, COL_CANCEL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_PROGRESS, 56)
        # Narrow dock: state and time are drawn under the name (job_rows), not in columns.
        from .job_rows import JobRowDelegate

        self.tree.setItemDelegateForColumn(COL_NAME, JobRowDelegate(COL_STATE, COL_TIME, self.tree))
        self.tree.setColumnHidden(COL_STATE, True)
        self.tree.setColumnHidden(COL_TIME, True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHeaderHidden(True)
        self.registry.taskAdded.connect(self._task_added)
        for task in self.registry.tasks():
            self._task_added(task)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Show the newest jobs of the store as they are now."""
        jobs = self.store.all()[:MAX_ROWS]
        wanted = {job.local_id for job in jobs}
        for local_id in list(self._items):
            if local_id not in wanted:
                index = self.tree.indexOfTopLevelItem(self._items.pop(local_id))
                self.tree.takeTopLevelItem(index)
        for position, job in enumerate(jobs):
            item = self._items.get(job.local_id)
            if item is None:
                item = self._new_item(job)
                self.tree.insertTopLevelItem(position, item)
                self._add_widgets(item, job)
            self._fill(item, job)

    def cancel(self, local_id: str) -> bool:
        return self.registry.cancel(local_id)

    def cleanup(self) -> None:
        self.timer.stop()
        try:
            self.registry.taskAdded.disconnect(self._task_added)
        except TypeError:
            pass

    # -- internals --------------------------------------------------------------------------
    def _task_added(self, task) -> None:
        task.jobFinished.connect(self._task_finished)

    def _task_finished(self, local_id: str, success: bool, message: str) -> None:
        self.refresh()
        self.jobFinished.emit(local_id, success, message)

    def _new_item(self, job) -> QTreeWidgetItem:
        item = QTreeWidgetItem([job.name, "", "", "", ""])
        self._items[job.local_id] = item
        return item

    def _add_widgets(self, item, job) -> None:
        from .job_rows import SlimProgressBar

        bar = SlimProgressBar()
        bar.setRange(0, 100)
        bar.setTextVisible(True)
        self.tree.setItemWidget(item, COL_PROGRESS, bar)

    def _cancel_button(self, local_id: str) -> QToolButton:
        button = QToolButton()
        button.setText(tr("Cancel"))
        button.setIcon(QgsApplication.getThemeIcon("/mTaskCancel.svg"))
        button.setAutoRaise(True)
        button.setToolTip(tr("Stop this job (an extraction already started keeps running on the server)"))
        button.clicked.connect(lambda checked=False, local_id=local_id: self.cancel(local_id))
        return button

    def _fill(self, item, job) -> None:
        item.setText(COL_NAME, job.name)
        item.setText(COL_STATE, state_text(job))
        item.setText(COL_TIME, elapsed_text(job.elapsed))
        tip = job.error or job.message or ""
        if job.scenario_id is not None:
            tip = (tip + "\n" if tip else "") + tr("Project {}, scenario {}", job.project_id, job.scenario_id)
        if job.out_dir:
            tip = (tip + "\n" if tip else "") + tr("Folder: {}", job.out_dir)
        for column in (COL_NAME, COL_STATE, COL_TIME):
            item.setToolTip(column, tip)
        bar = self.tree.itemWidget(item, COL_PROGRESS)
        # a run that ended without results shows no half-full bar
        ended = job.state in (jobs_module.FAILED, jobs_module.CANCELLED, jobs_module.INTERRUPTED)
        if ended and bar is not None:
            bar.hide()  # at once: the view deletes it later
            self.tree.removeItemWidget(item, COL_PROGRESS)
            bar = None
        elif not ended and bar is None:
            self._add_widgets(item, job)
            bar = self.tree.itemWidget(item, COL_PROGRESS)
        if bar is not None:
            bar.setValue(int(round(job.progress or 0)))
        # Only a job that is still running has a Cancel button.
        button = self.tree.itemWidget(item, COL_CANCEL)
        running = self.registry.is_running(job.local_id)
        if running and button is None:
            self.tree.setItemWidget(item, COL_CANCEL, self._cancel_button(job.local_id))
        elif not running and button is not None and button.objectName() != view3d.BUTTON_NAME:
            self.tree.removeItemWidget(item, COL_CANCEL)
            button = None
        if not running and button is None and view3d.can_show(job):  # "Show in 3D"
            self.tree.setItemWidget(item, COL_CANCEL, view3d.show_button(job))

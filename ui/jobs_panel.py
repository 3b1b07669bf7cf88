"""The "Jobs" section: every run with its state, progress, elapsed time and one action.

Rows come from the persisted job store (so runs resumed after a restart show too) and
are refreshed every second while the dock is open. The action of a row says what it
does: "Cancel" before the scenario exists (nothing is charged), "Stop following" once it
runs on the server (it goes on there), "Download" when a run the user stopped following
has finished on the server, "Resume" for a run left unfollowed, "Sign in" for a run
waiting for the account.
"""

import os
import time

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QToolButton, QTreeWidgetItem

from ..core import jobs as jobs_module
from ..core import tasks as tasks_module
from ..core.follower import outage_message
from ..core.i18n import tr
from . import view3d

MAX_ROWS = 30
COL_NAME, COL_STATE, COL_PROGRESS, COL_TIME, COL_CANCEL = range(5)


def state_text(job) -> str:
    if job.state == jobs_module.RUNNING:
        if job.waiting == jobs_module.WAITING_SIGN_IN:
            return tr("Waiting for sign-in")
        if job.waiting == jobs_module.WAITING_PROJECT:
            return tr("Ready: open {}", os.path.basename(job.project_file))
        if job.unreachable_since is not None:
            return outage_message(time.time() - job.unreachable_since)
        return tasks_module.stage_title(job.stage) if job.stage else tr("Running")
    if job.state == jobs_module.STOPPED:
        if job.server_state == "SUCCESSFUL":
            return tr("Stopped following: finished on the server")
        if job.server_state == "FAILED":
            return tr("Stopped following: failed on the server")
        return tr("Stopped following")
    return {
        jobs_module.QUEUED: tr("Waiting"),
        jobs_module.SUCCEEDED: tr("Done"),
        jobs_module.FAILED: tr("Failed"),
        jobs_module.CANCELLED: tr("Cancelled"),
        jobs_module.INTERRUPTED: tr("Interrupted"),
    }.get(job.state, job.state)


def action_for(job, registry) -> str:
    """The row's action: ``cancel``, ``stop``, ``download``, ``resume``, ``sign-in`` or ""."""
    if registry.is_running(job.local_id):
        # A History download only stops a download; an extraction on the server goes on there.
        return "stop" if job.has_ids and job.kind != jobs_module.KIND_DOWNLOAD else "cancel"
    if job.state == jobs_module.RUNNING and job.waiting == jobs_module.WAITING_SIGN_IN:
        return "sign-in"
    if job.state == jobs_module.RUNNING and job.waiting == jobs_module.WAITING_PROJECT:
        return ""
    resumable = job.has_ids or (job.kind == jobs_module.KIND_DOWNLOAD and job.scenario_id is not None)
    if job.state == jobs_module.STOPPED and job.server_state == "SUCCESSFUL" and resumable:
        return "download"
    if job.state == jobs_module.RUNNING and resumable:
        return "resume"
    return ""


def elapsed_text(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class JobsPanel(QObject):
    """Keeps the jobs tree of the dock in step with the job store and the running tasks."""

    jobFinished = pyqtSignal(str, bool, str)  # local id, success, message
    signInRequested = pyqtSignal(str)  # local id of a job waiting for the account

    def __init__(self, form, parent=None, store=None, registry=None):
        super().__init__(parent)
        self.form = form
        self.tree = form.jobsTree
        self.store = store or jobs_module.default_store()
        self.registry = registry or tasks_module.TASKS
        self.iface = None  # set by the dock: where resumed runs report
        self.credentials = lambda: None  # set by the dock: (email, password) of the signed-in account
        self._items = {}
        self._actions = {}
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
                self._actions.pop(local_id, None)
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
        """The row's Cancel / Stop following."""
        return self.registry.stop(local_id)

    def resume(self, local_id: str):
        """Follow or download the job again now (Resume, Download)."""
        job = self.store.get(local_id)
        if job is None:
            return None
        email, password = self.credentials() or (None, None)
        try:
            started = self.registry.resume(job, iface=self.iface, store=self.store, email=email,
                                           password=password)
        except Exception as exc:  # noqa: BLE001 (explained in the row, never a traceback)
            self.store.update(local_id, message=tr("Could not resume: {}", exc))
            started = None
        self.refresh()
        return started

    def trigger(self, local_id: str) -> str:
        """Click the row's action (what a user does); returns which action it was."""
        job = self.store.get(local_id)
        action = action_for(job, self.registry) if job is not None else ""
        if action in ("cancel", "stop"):
            self.cancel(local_id)
        elif action in ("download", "resume"):
            self.resume(local_id)
        elif action == "sign-in":
            self.signInRequested.emit(local_id)
        return action

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

    def _action_button(self, local_id: str, action: str) -> QToolButton:
        # A narrow dock: each action is an icon whose tooltip says what it does; the text stays
        # the button's text and accessible name (screen readers, the row's description).
        texts = {
            "cancel": (tr("Cancel"),
                       tr("Cancel before the extraction starts on the server: nothing is charged"),
                       "/mTaskCancel.svg"),
            "stop": (tr("Stop following"),
                     tr("The extraction goes on on the server and is charged; download it later here or "
                        "from History"),
                     "/mActionStop.svg"),
            "download": (tr("Download"), tr("Download and load the results of this extraction"),
                         "/downloading_svg.svg"),
            "resume": (tr("Resume"), tr("Follow this extraction again and download its results"),
                       "/mActionPlay.svg"),
            "sign-in": (tr("Sign in"), tr("Sign in to follow this extraction again"), "/locked.svg"),
        }
        text, tip, icon = texts[action]
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)
        button.setToolTip(tr("{}: {}", text, tip))
        button.setObjectName(f"jobAction_{action}")
        button.setAutoRaise(True)
        button.setIcon(QgsApplication.getThemeIcon(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.clicked.connect(lambda checked=False, local_id=local_id: self.trigger(local_id))
        return button

    def _fill(self, item, job) -> None:
        item.setText(COL_NAME, job.name)
        item.setText(COL_STATE, state_text(job))
        item.setText(COL_TIME, elapsed_text(job.elapsed))
        tip = job.error or job.message or ""
        if job.waiting == jobs_module.WAITING_SIGN_IN:
            tip = tasks_module.waiting_for_sign_in_message()
        credits = tasks_module.credits_text(job)
        if credits and credits not in tip:
            tip = (tip + "\n" if tip else "") + credits
        if job.project_file:
            tip = (tip + "\n" if tip else "") + tr("Project: {}", job.project_file)
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
        action = action_for(job, self.registry)
        if not action and view3d.can_show(job):  # a finished run: "Show in 3D"
            action = "3d"
        if self._actions.get(job.local_id) != action:
            if self.tree.itemWidget(item, COL_CANCEL) is not None:
                self.tree.removeItemWidget(item, COL_CANCEL)
            if action == "3d":
                self.tree.setItemWidget(item, COL_CANCEL, view3d.show_button(job))
            elif action:
                self.tree.setItemWidget(item, COL_CANCEL, self._action_button(job.local_id, action))
            self._actions[job.local_id] = action

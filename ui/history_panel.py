"""The "History" section: the user's projects and scenarios on the server, with their states.

"Download and load" fetches the results of a successful scenario again (files already
on disk are reused) and adds them to the map, like a finished run.
"""

import os
import re

from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QHeaderView, QTreeWidgetItem

from ..core import jobs as jobs_module
from ..core.i18n import tr
from .background import run_in_background
from .messages import describe_error

MAX_PROJECTS = 50
SUCCESS_STATES = ("SUCCESSFUL", "SUCCEEDED", "SUCCESS", "COMPLETED", "DONE")
ROLE_IDS = Qt.ItemDataRole.UserRole


def safe_folder_name(text: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "_", str(text), flags=re.UNICODE).strip("._")
    return cleaned[:60] or "extraction"


def is_successful(state) -> bool:
    return str(state or "").upper() in SUCCESS_STATES


def state_text(state) -> str:
    """A scenario state of the server in the user's language."""
    state = str(state or "").upper()
    if not state:
        return tr("unknown")
    if state in SUCCESS_STATES:
        return tr("Successful")
    return {"CREATED": tr("Created"), "PENDING": tr("Pending"), "RUNNING": tr("Running"),
            "FAILED": tr("Failed")}.get(state, state.capitalize())


def fetch_history(client, max_projects: int = MAX_PROJECTS):
    """``[(project, [scenario, ...]), ...]``, newest projects first (runs in a task)."""
    try:
        client.login()
        projects = list(client.list_projects())
        projects.sort(key=lambda p: (str(getattr(p, "creation_date", "") or ""), getattr(p, "id", 0)),
                      reverse=True)
        result = []
        for project in projects[:max_projects]:
            result.append((project, list(client.list_scenarios(project.id))))
        return result
    finally:
        client.close()


class HistoryPanel(QObject):
    """Lists past projects and scenarios; downloads and loads a chosen one."""

    downloadRequested = pyqtSignal(object)  # a jobs.Job of kind download, ready to start

    def __init__(self, form, account, settings_panel, parent=None, store=None):
        super().__init__(parent)
        self.form = form
        self.account = account
        self.settings_panel = settings_panel
        self.store = store or jobs_module.default_store()
        self._call = None
        form.refreshHistoryButton.clicked.connect(self.refresh)
        form.downloadButton.clicked.connect(self.download_selected)
        form.historyTree.itemSelectionChanged.connect(self._selection_changed)
        form.historyTree.itemDoubleClicked.connect(lambda item, column: self.download_selected())
        header = form.historyTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._selection_changed()
        self._status(tr("Sign in, then click Refresh to list your past extractions."))

    def refresh(self) -> None:
        if not self.account.signed_in:
            self._status(tr("Sign in first to see your projects."), error=True)
            return
        if self._call is not None:
            self._call.forget()  # only the newest listing is shown
        client = self.account.make_client()
        self.form.refreshHistoryButton.setEnabled(False)
        self._status(tr("Loading your projects…"))
        self._call = run_in_background(
            tr("BrightEarth On Demand: history"), lambda: fetch_history(client), self._refresh_done
        )

    def clear(self) -> None:
        self.form.historyTree.clear()
        self._selection_changed()

    def download_selected(self):
        """A download job for the selected successful scenario (None and a message otherwise)."""
        item = self.form.historyTree.currentItem()
        ids = item.data(0, ROLE_IDS) if item is not None else None
        if not ids or ids.get("scenario_id") is None:
            self._status(tr("Select a successful extraction in the list first."), error=True)
            return None
        if not is_successful(ids.get("state")):
            self._status(tr("Only a successful extraction can be downloaded (this one is {}).",
                            state_text(ids.get("state"))), error=True)
            return None
        if not self.account.signed_in:
            self._status(tr("Sign in first."), error=True)
            return None
        job = jobs_module.Job(
            name=ids["name"],
            server=self.account.server_url,
            out_dir=self._folder_for(ids),
            kind=jobs_module.KIND_DOWNLOAD,
            project_id=ids["project_id"],
            scenario_id=ids["scenario_id"],
        )
        self._status(tr("Downloading “{}” to {}", job.name, job.out_dir))
        self.downloadRequested.emit(job)
        return job

    def cleanup(self) -> None:
        if self._call is not None:
            self._call.forget()
            self._call = None

    # -- internals ----------------------------------------------------------------------------
    def _folder_for(self, ids) -> str:
        """The folder that already holds this scenario's results, else a new one (never a
        folder holding other files: their origin is unknown)."""
        from ..beod.outfolder import can_take

        pid, sid = ids["project_id"], ids["scenario_id"]
        for job in self.store.all():
            if (job.project_id == pid and job.scenario_id == sid and job.out_dir
                    and os.path.isdir(job.out_dir) and can_take(job.out_dir, pid, sid)):
                return job.out_dir
        base = self.settings_panel.output_folder() or self.account.settings.output_folder
        name = f"{safe_folder_name(ids['name'])}_p{pid}_s{sid}"
        folder = os.path.join(base, name)
        number = 2
        while not can_take(folder, pid, sid):
            folder = os.path.join(base, f"{name}_{number}")
            number += 1
        return folder

    def _refresh_done(self, history, error) -> None:
        self._call = None
        self.form.refreshHistoryButton.setEnabled(True)
        if error is not None:
            self._status(describe_error(error, self.account.server_url), error=True)
            return
        tree = self.form.historyTree
        tree.clear()
        scenario_count = 0
        for project, scenarios in history:
            date = str(getattr(project, "creation_date", "") or "")[:16].replace("T", " ")
            title = getattr(project, "name", "") or tr("Project {}", project.id)
            project_item = QTreeWidgetItem([title, date])
            project_item.setToolTip(0, tr("Project {}", project.id))
            project_item.setToolTip(1, tr("Created {}", date))
            project_item.setForeground(1, QBrush(QColor("gray")))
            tree.addTopLevelItem(project_item)
            for scenario in scenarios:
                scenario_count += 1
                state = str(getattr(scenario, "state", "") or "")
                name = getattr(scenario, "name", "") or tr("Scenario {}", scenario.id)
                child = QTreeWidgetItem([name, state_text(state)])
                child.setToolTip(0, tr("Project {}, scenario {}", project.id, scenario.id))
                child.setData(0, ROLE_IDS, {
                    "project_id": project.id, "scenario_id": scenario.id, "name": name, "state": state,
                })
                project_item.addChild(child)
            project_item.setExpanded(True)
        if history:
            self._status(tr("{} project(s), {} extraction(s).", len(history), scenario_count))
        else:
            self._status(tr("No project yet on this account."))
        self._selection_changed()

    def _selection_changed(self) -> None:
        item = self.form.historyTree.currentItem()
        ids = item.data(0, ROLE_IDS) if item is not None else None
        self.form.downloadButton.setEnabled(bool(ids) and is_successful(ids.get("state")))

    def _status(self, text: str, error: bool = False) -> None:
        label = self.form.historyLabel
        label.setStyleSheet("color: #b00020;" if error else "")
        label.setText(text)

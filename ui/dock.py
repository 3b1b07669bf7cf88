"""The BrightEarth On Demand dock: account, area of interest, settings, run, jobs, history.

The form comes from ``dock.ui`` (Qt Designer); each section is driven by its own small
controller (``*_panel.py``). This module puts them together and starts the runs: one
``ExtractionTask`` per area, kept in ``core.tasks.TASKS`` and shown in the Jobs list.
"""

import os
import time
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QComboBox, QWidget

from ..core import jobs as jobs_module
from ..core.i18n import tr
from ..core.settings import Settings
from .account_panel import AccountPanel, format_credits
from .aoi_panel import AoiPanel
from .history_panel import HistoryPanel, safe_folder_name
from .jobs_panel import JobsPanel
from .messages import describe_error
from .settings_panel import SettingsPanel

LOG_TAG = "BEOD"
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).resolve().parent / "dock.ui"))


class BeodDock(QgsDockWidget):
    """The plugin's panel; ``cleanup()`` releases map tools and canvas items on unload."""

    def __init__(self, iface, parent=None):
        super().__init__(tr("BrightEarth On Demand"), parent)
        self.iface = iface
        self.settings = Settings()
        self.form = FORM_CLASS()
        contents = QWidget(self)
        self.form.setupUi(contents)
        self.setWidget(contents)
        self.setMinimumWidth(300)
        # Long entries must not widen the narrow dock: combo boxes elide instead.
        form = self.form
        for combo in (form.layerCombo, form.partsCombo, form.crsCombo, form.sourceTypeCombo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.account = AccountPanel(self.form, self.settings, self)
        self.aoi = AoiPanel(self.form, iface, self.settings, self)
        self.extraction = SettingsPanel(self.form, self.settings, self)
        self.jobs = JobsPanel(self.form, self)
        self.history = HistoryPanel(self.form, self.account, self.extraction, self)

        self.form.runButton.clicked.connect(self.run)
        self.account.signedIn.connect(self._signed_in)
        self.account.signedOut.connect(self._signed_out)
        self.account.creditsChanged.connect(self._credits_changed)
        self.aoi.aoiChanged.connect(lambda selection: self._update_run_state())
        self.history.downloadRequested.connect(self.start_download)
        self.jobs.jobFinished.connect(self._job_finished)
        self.jobs.iface = iface
        self.jobs.credentials = lambda: self.account.credentials
        self.jobs.signInRequested.connect(self._focus_sign_in)
        self._credits_before = None
        self._update_run_state()
        # Signing in with remembered credentials waits until the dock is shown.
        self._auto_sign_in = QTimer(self)
        self._auto_sign_in.setSingleShot(True)
        self._auto_sign_in.timeout.connect(self.account.auto_sign_in)
        self._auto_sign_in.start(0)

    # -- run -----------------------------------------------------------------------------
    def run(self):
        """Start one extraction per area with the current settings; the started jobs."""
        problem = self._run_problem()
        if problem:
            self._run_message(problem, error=True)
            return []
        selection = self.aoi.selection
        base_name = self.extraction.name()
        self.extraction.remember()
        folder = self.extraction.output_folder()
        email, password = self.account.credentials
        count = len(selection.parts)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        started = []
        for index, part in enumerate(selection.parts, start=1):
            name = base_name if count == 1 else tr("{} ({} of {})", base_name, index, count)
            out_dir = os.path.join(folder, f"{safe_folder_name(name)}_{stamp}")
            job = jobs_module.Job(
                name=name,
                server=self.account.server_url,
                params=self.extraction.params(name),
                aoi_wkt=part.wkt,
                out_dir=out_dir,
            )
            task = self._start_task("start_extraction", job, email, password)
            if task is None:
                break
            started.append(task)
        if started:
            self._run_message(
                tr("{} extraction(s) started. You can keep working; progress is under Jobs.", len(started))
            )
        self.jobs.refresh()
        return started

    def start_download(self, job):
        """Start the download of a past scenario (from the History section)."""
        email, password = self.account.credentials or (None, None)
        task = self._start_task("start_download", job, email, password)
        self.jobs.refresh()
        return task

    def _start_task(self, starter: str, job, email, password):
        from ..core import tasks

        try:
            return getattr(tasks, starter)(job, iface=self.iface, email=email, password=password)
        except Exception as exc:  # noqa: BLE001 (explained in the dock, never a traceback)
            QgsMessageLog.logMessage(repr(exc), LOG_TAG, Qgis.MessageLevel.Warning)
            self._run_message(describe_error(exc, self.account.server_url), error=True)
            return None

    def _run_problem(self) -> str:
        if not self.account.signed_in:
            return tr("Sign in first (section 1).")
        if self.aoi.selection is None:
            return tr("Choose an area of interest first (section 2).")
        return self.extraction.problem()

    def _update_run_state(self) -> None:
        problem = self._run_problem()
        self.form.runButton.setToolTip(problem or tr("Start the extraction on BrightEarth On Demand"))
        if not self.form.runLabel.text() or self.form.runLabel.property("hint"):
            self._run_message(problem, hint=True)

    def _run_message(self, text: str, error: bool = False, hint: bool = False) -> None:
        label = self.form.runLabel
        label.setProperty("hint", hint)
        label.setStyleSheet("color: #b00020;" if error else ("color: palette(mid);" if hint else ""))
        label.setText(text)

    # -- account events ----------------------------------------------------------------------
    def _signed_in(self, user) -> None:
        self._credits_before = getattr(user, "credits", None)
        self._update_run_state()
        self.history.refresh()
        self._resume_waiting_jobs()

    def _signed_out(self) -> None:
        self.history.clear()
        self._update_run_state()

    def _credits_changed(self, credits) -> None:
        if credits is None:
            return
        before = self._credits_before
        if before is not None and credits != before:
            self._run_message(
                tr("Credits: {} before, {} now.", format_credits(before), format_credits(credits))
            )
        self._credits_before = credits

    def _job_finished(self, local_id: str, success: bool, message: str) -> None:
        from ..core.tasks import credits_text

        job = self.jobs.store.get(local_id)
        credits = credits_text(job) if job is not None else ""
        if success and credits:
            self._run_message(tr("“{}”: {}", job.name, credits))
        elif not success:
            self._run_message(message, error=True)
        if success:
            self.account.refresh_credits()
            if self.account.signed_in:
                self.history.refresh()

    def _focus_sign_in(self, local_id: str = "") -> None:
        """A job's "Sign in": bring the account fields forward."""
        self.setUserVisible(True)
        field = self.form.passwordEdit if self.form.emailEdit.text() else self.form.emailEdit
        field.setFocus()
        self.account._status(tr("Sign in: the runs waiting for the account resume by themselves."))

    def _resume_waiting_jobs(self) -> None:
        """Runs interrupted by closing QGIS that waited for credentials start now."""
        from ..core import tasks

        email, password = self.account.credentials
        try:
            tasks.resume_unfinished(self.iface, email=email, password=password)
        except Exception as exc:  # noqa: BLE001 (never block the dock on a resume problem)
            QgsMessageLog.logMessage(repr(exc), LOG_TAG, Qgis.MessageLevel.Warning)

    # -- unload ------------------------------------------------------------------------------
    def cleanup(self):
        """Release map tools, canvas items, timers and background calls before unload."""
        self._auto_sign_in.stop()
        self.jobs.cleanup()
        self.aoi.cleanup()
        self.account.cleanup()
        self.history.cleanup()
        self.extraction.cleanup()

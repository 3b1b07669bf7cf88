"""The BrightEarth On Demand dock: account, area of interest, settings, run, jobs, history.

The form comes from ``dock.ui`` (Qt Designer); each section is driven by its own small
controller (``*_panel.py``). This module arranges them for a narrow dock kept open all
day (the form scrolls above a fixed Run bar; Jobs and History are tabs below it), says
before Run what a run will do (area against the service's limit, estimated cost, where
the results go) and starts the runs: one ``ExtractionTask`` per area, kept in
``core.tasks.TASKS`` and shown in the Jobs list.
"""

import os
import time
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QComboBox, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ..core import jobs as jobs_module
from ..core import run_estimate
from ..core.aoi_sources import MAX_AOI_KM2
from ..core.i18n import guide_url, tr
from ..core.settings import Settings
from .account_panel import AccountPanel, format_credits
from .aoi_panel import AoiPanel
from .history_panel import HistoryPanel, safe_folder_name
from .jobs_panel import JobsPanel
from .messages import describe_error, format_km2, too_large_message
from .settings_panel import SettingsPanel

LOG_TAG = "BEOD"
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).resolve().parent / "dock.ui"))


def short_path(folder: str, keep: int = 2) -> str:
    """The last ``keep`` folders of a path (``…/Documents/BEOD results``): a narrow dock
    cannot break a path, and the end names the place; the whole path is in the tooltip."""
    parts = Path(folder).parts
    if len(parts) <= keep + 1:
        return folder
    return "…" + os.sep + os.path.join(*parts[-keep:])


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
        self._arrange()
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
        self.form.helpButton.clicked.connect(self.open_help)
        self.account.signedIn.connect(self._signed_in)
        self.account.signedOut.connect(self._signed_out)
        self.account.creditsChanged.connect(self._credits_changed)
        self.aoi.aoiChanged.connect(lambda selection: self._update_run_state())
        self.form.folderEdit.textChanged.connect(lambda text: self._update_summary())
        for box in (self.form.threeDCheck, self.form.shapefileCheck, self.form.geopackageCheck,
                    self.form.geotiffCheck):
            box.toggled.connect(lambda checked: self._update_run_state())
        self.history.downloadRequested.connect(self.start_download)
        self.jobs.jobFinished.connect(self._job_finished)
        self.jobs.timer.timeout.connect(self._update_jobs_tab)
        self._update_jobs_tab()
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

    # -- layout ----------------------------------------------------------------------------
    def _arrange(self) -> None:
        """Run controls and the jobs in sight together: the form scrolls above a fixed Run
        bar (what Run will do, its button, its messages); Jobs and History are tabs below
        it, in a pane the user can resize."""
        form = self.form
        form.outerLayout.removeWidget(form.scrollArea)
        run_bar = QWidget()
        run_bar.setObjectName("runBar")
        run_layout = QVBoxLayout(run_bar)
        run_layout.setContentsMargins(4, 4, 4, 2)
        self.summaryLabel = QLabel(run_bar)
        self.summaryLabel.setObjectName("runSummaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (form.runButton, self.summaryLabel, form.runLabel):
            form.contentsLayout.removeWidget(widget)
            run_layout.addWidget(widget)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(form.scrollArea, 1)
        top_layout.addWidget(run_bar)
        # Jobs and History: one tab each, below the Run bar. Their widgets move out of the
        # form's group boxes (which stay, hidden, with their object names).
        tabs = QTabWidget()
        tabs.setObjectName("activityTabs")
        tabs.setDocumentMode(True)
        self.jobs_page = self._page_of(form.jobsGroup, "jobsPage")
        self.history_page = self._page_of(form.historyGroup, "historyPage")
        self.noJobsLabel = QLabel(tr("No run yet. Runs show here while they go on, and stay listed "
                                     "after they end."))
        self.noJobsLabel.setObjectName("noJobsLabel")
        self.noJobsLabel.setWordWrap(True)
        self.noJobsLabel.setStyleSheet("font-style: italic;")
        self.jobs_page.layout().insertWidget(0, self.noJobsLabel)
        tabs.addTab(self.jobs_page, tr("Jobs"))
        tabs.addTab(self.history_page, tr("History"))
        form.jobsTree.setMaximumHeight(16777215)
        form.historyTree.setMaximumHeight(16777215)
        self.tabs = tabs
        pane = tabs
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("dockSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 200])
        self.splitter = splitter
        form.outerLayout.addWidget(splitter)

    def _page_of(self, group, name: str) -> QWidget:
        """A tab page holding what ``group`` held; the empty group is hidden."""
        page = QWidget()
        page.setObjectName(name)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        source = group.layout()
        while source.count():
            item = source.takeAt(0)
            if item.widget() is not None:
                layout.addWidget(item.widget())
            elif item.layout() is not None:
                child = item.layout()
                child.setParent(None)
                layout.addLayout(child)
            elif item.spacerItem() is not None:
                layout.addItem(item)
        self.form.contentsLayout.removeWidget(group)
        group.setParent(page)
        group.hide()
        return page

    def _update_jobs_tab(self) -> None:
        self.noJobsLabel.setVisible(self.form.jobsTree.topLevelItemCount() == 0)
        running = sum(1 for task in self.jobs.registry.tasks())
        self.tabs.setTabText(0, tr("Jobs ({} running)", running) if running else tr("Jobs"))

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
            self.tabs.setCurrentWidget(self.jobs_page)
            self._update_jobs_tab()
            self._run_message(
                tr("{} extraction(s) started. You can keep working; progress is under Jobs, below.",
                   len(started))
            )
        self.jobs.refresh()
        return started

    def open_help(self) -> str:
        """Open the user guide in the user's language in the web browser; its address."""
        url = guide_url()
        QDesktopServices.openUrl(QUrl(url))
        return url

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
        largest = max(part.area_km2 for part in self.aoi.selection.parts)
        if largest > MAX_AOI_KM2:
            return too_large_message(largest, MAX_AOI_KM2)
        return self.extraction.problem()

    def _update_summary(self) -> None:
        """What Run will do: the area and its limit, the estimated cost, where results go."""
        lines = []
        selection = self.aoi.selection
        if selection is not None:
            count = len(selection.parts)
            area = tr("{} km²", format_km2(selection.area_km2))
            if count > 1:
                area = tr("{} in {} extractions", area, count)
            lines.append(tr("Area: {} (at most {} km² each).", area, format_km2(MAX_AOI_KM2)))
            guess = run_estimate.estimate(selection.area_km2, self.jobs.store.all(), self.account.server_url)
            if guess is not None:
                lines.append(tr("Estimated cost: about {} credits ({} per km², from your last {} run(s)).",
                                format_credits(round(guess.credits)), f"{guess.per_km2:.3g}", guess.samples))
            elif self.account.signed_in:
                lines.append(tr("Cost: charged by area; an estimate appears after your first run here."))
        folder = self.extraction.output_folder()
        if folder:
            lines.append(tr("Results go to: {}", short_path(folder)))
        note = self.extraction.three_d_note()
        if note:
            lines.append(note)
        self.summaryLabel.setText("\n".join(lines))
        self.summaryLabel.setToolTip(folder)

    def _update_run_state(self) -> None:
        self._update_summary()
        problem = self._run_problem()
        self.form.runButton.setToolTip(problem or tr("Start the extraction on BrightEarth On Demand"))
        if not self.form.runLabel.text() or self.form.runLabel.property("hint"):
            self._run_message(problem, hint=True)

    def _run_message(self, text: str, error: bool = False, hint: bool = False) -> None:
        label = self.form.runLabel
        label.setProperty("hint", hint)
        label.setStyleSheet("color: #b00020;" if error else ("font-style: italic;" if hint else ""))
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

        self._update_summary()  # the estimate learns from the run that just ended
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

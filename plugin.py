"""Wiring of the plugin into QGIS: toolbar button, Web menu entry, dock and Processing provider.

Nothing else lives here. ``unload()`` removes every action, menu entry, dock, map tool,
running task and the Processing provider so the plugin can be reloaded in the same session.
"""

import sys
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core.i18n import tr, user_language

PLUGIN_DIR = Path(__file__).resolve().parent
ICON_PATH = str(PLUGIN_DIR / "icons" / "beod.svg")
LOG_TAG = "BEOD"
ACTION_NAME = "beodShowDockAction"


def _log(message: str, level=Qgis.MessageLevel.Info) -> None:
    QgsMessageLog.logMessage(message, LOG_TAG, level)


class BeodPlugin:
    """The object QGIS creates through ``classFactory``."""

    def __init__(self, iface):
        self.iface = iface
        self.action = None
        self.dock = None
        self.results_menu = None
        self.provider = None
        self.translator = None
        self._install_translator()
        self.menu_name = tr("&BrightEarth On Demand")

    # -- Processing ------------------------------------------------------------
    def initProcessing(self):
        """Register the Processing provider (also called alone by ``qgis_process``)."""
        if self.provider is not None:
            return
        try:
            from .processing_provider.provider import BeodProvider
        except ImportError as exc:
            _log(tr("Processing algorithms unavailable: {}", exc), Qgis.MessageLevel.Warning)
            return
        self.provider = BeodProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # -- GUI -------------------------------------------------------------------
    def initGui(self):
        """Add the toolbar button and the Web menu entry, register the provider."""
        self.initProcessing()
        self.action = QAction(QIcon(ICON_PATH), tr("BrightEarth On Demand"), self.iface.mainWindow())
        self.action.setObjectName(ACTION_NAME)
        self.action.setToolTip(tr("Extract buildings, trees, roads and terrain with BrightEarth On Demand"))
        self.action.setCheckable(True)
        self.action.triggered.connect(self._on_action_triggered)
        self.iface.addWebToolBarIcon(self.action)
        self.iface.addPluginToWebMenu(self.menu_name, self.action)
        self._report_missing_dependencies()
        self._resume_unfinished_jobs()
        self._install_results_menu()

    def _install_results_menu(self):
        """"Show in 3D" in the layer tree's context menu of loaded results."""
        try:
            from .ui.view3d import ResultsMenu
        except ImportError as exc:  # a QGIS built without 3D
            _log(tr("3D views unavailable: {}", exc), Qgis.MessageLevel.Info)
            return
        self.results_menu = ResultsMenu(self.iface)
        self.results_menu.install()

    def _on_action_triggered(self, checked=False):
        """First click creates the dock; afterwards the dock's toggle action drives it."""
        if self.dock is not None:
            return
        dock = self._create_dock()
        if dock is None:
            self.action.setChecked(False)
            return
        self.dock = dock
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.setToggleVisibilityAction(self.action)
        dock.setUserVisible(True)
        self.action.setChecked(True)

    def _create_dock(self):
        try:
            from .ui.dock import BeodDock
        except ImportError as exc:
            hint = self._dependency_hint()
            self._warn(hint or tr("The BrightEarth On Demand panel could not open: {}", exc))
            return None
        dock = BeodDock(self.iface, self.iface.mainWindow())
        dock.setObjectName("BeodDock")
        return dock

    def show_dock(self):
        """Open the dock (creating it on first use) and bring it to the front."""
        if self.dock is None:
            self._on_action_triggered(True)
        elif not self.dock.isUserVisible():
            self.dock.setUserVisible(True)

    # -- dependencies and resumed jobs ----------------------------------------
    def _dependency_hint(self):
        """What to install when shapely or requests is missing, else None."""
        try:
            from .core.dependencies import install_hint, missing_dependencies
        except ImportError as exc:
            _log(tr("Dependency check unavailable: {}", exc), Qgis.MessageLevel.Warning)
            return None
        return install_hint() if missing_dependencies() else None

    def _report_missing_dependencies(self):
        hint = self._dependency_hint()
        if hint:
            self._warn(hint)

    def _warn(self, text: str):
        _log(text, Qgis.MessageLevel.Warning)
        self.iface.messageBar().pushMessage(
            tr("BrightEarth On Demand"), text, level=Qgis.MessageLevel.Warning, duration=0
        )

    def _resume_unfinished_jobs(self):
        """Follow and download again the runs that were still going when QGIS closed."""
        try:
            from .core import tasks
        except ImportError as exc:
            _log(tr("Background runs unavailable: {}", exc), Qgis.MessageLevel.Warning)
            return
        try:
            from .ui.master_password import resume_when_explained

            # QGIS may ask for its master password: then only once its window is up, after a word of ours.
            resume_when_explained(self.iface, lambda: tasks.resume_unfinished(self.iface))
        except Exception as exc:  # noqa: BLE001 (a broken job record must not stop the plugin loading)
            self._warn(tr("Runs left unfinished when QGIS closed could not be resumed: {}", exc))

    # -- translations ----------------------------------------------------------
    def _install_translator(self):
        locale = user_language()
        from .beod import i18n as beod_i18n  # no dependency: always importable

        beod_i18n.set_language(locale)  # the client's messages (areas of interest) alike
        qm_file = PLUGIN_DIR / "i18n" / f"beod_{locale}.qm"
        if locale and qm_file.is_file():
            self.translator = QTranslator()
            if self.translator.load(str(qm_file)):
                QCoreApplication.installTranslator(self.translator)
            else:
                self.translator = None

    # -- unload ------------------------------------------------------------------
    def unload(self):
        """Remove everything the plugin added to QGIS and stop its running tasks."""
        self._cancel_tasks()
        self._unset_our_map_tool()
        if self.results_menu is not None:
            self.results_menu.uninstall()
            self.results_menu = None
        if self.dock is not None:
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removePluginWebMenu(self.menu_name, self.action)
            self.iface.removeWebToolBarIcon(self.action)
            self.action.setParent(None)
            self.action.deleteLater()
            self.action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        self._forget_submodules()

    @staticmethod
    def _forget_submodules():
        """Drop every submodule so a reload runs fresh code.

        QGIS forgets the modules it saw imported, which misses intermediate packages
        of nested relative imports (``from .ui.dock import ...`` leaves ``ui``).
        """
        prefix = f"{__package__}."
        for name in [name for name in sys.modules if name.startswith(prefix)]:
            del sys.modules[name]

    def _cancel_tasks(self):
        # Only when the tasks module was ever imported: no task can exist otherwise.
        tasks = sys.modules.get(f"{__package__}.core.tasks")
        registry = getattr(tasks, "TASKS", None)
        if registry is not None:
            registry.cancel_all()

    def _unset_our_map_tool(self):
        canvas = self.iface.mapCanvas()
        tool = canvas.mapTool() if canvas is not None else None
        if tool is not None and type(tool).__module__.startswith(f"{__package__}."):
            canvas.unsetMapTool(tool)

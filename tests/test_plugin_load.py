"""The plugin loaded and unloaded the way QGIS does it, from the unzipped release copy.

pytest-qgis's ``qgis_iface`` only records a few calls (the rest are mocks), so the
interface methods the plugin uses are given the behaviour they have in QGIS: they add
and remove real toolbar buttons, menus and docks in the main window. The tests then
look at what a user would see there, and at the Processing registry.
"""

import importlib
import sys

import pytest
import qgis.utils
from qgis.core import Qgis, QgsApplication, QgsTask
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAbstractButton, QAction, QMenu, QToolBar

from tests.ui_events import wait_until

PLUGIN = "beod_qgis"
MENU_TITLE = "&BrightEarth On Demand"
WEB_MENU = "mWebMenu"
WEB_TOOLBAR = "mWebToolBar"
AOI_WKT = "POLYGON ((6.946 43.606, 6.958 43.606, 6.958 43.612, 6.946 43.612, 6.946 43.606))"


class RealInterface:
    """Gives the mock interface QGIS's behaviour for toolbar, Web menu and docks."""

    def __init__(self, iface):
        self.iface = iface
        self.window = iface.mainWindow()

    def install(self, monkeypatch):
        for name in ("addWebToolBarIcon", "removeWebToolBarIcon", "addPluginToWebMenu",
                     "removePluginWebMenu", "addDockWidget", "removeDockWidget"):
            monkeypatch.setattr(self.iface, name, getattr(self, name), raising=False)

    def web_toolbar(self, create=False):
        toolbar = self.window.findChild(QToolBar, WEB_TOOLBAR)
        if toolbar is None and create:
            toolbar = QToolBar("Web Toolbar", self.window)
            toolbar.setObjectName(WEB_TOOLBAR)
            self.window.addToolBar(toolbar)
        return toolbar

    def web_menu(self, create=False):
        """The Web menu while it is shown in the menu bar (QGIS hides it when empty)."""
        bar = self.window.menuBar()
        for action in bar.actions():
            if action.menu() is not None and action.menu().objectName() == WEB_MENU:
                return action.menu()
        if not create:
            return None
        menu = bar.findChild(QMenu, WEB_MENU) or QMenu("&Web", bar)
        menu.setObjectName(WEB_MENU)
        bar.addMenu(menu)
        return menu

    def addWebToolBarIcon(self, action):
        self.web_toolbar(create=True).addAction(action)

    def removeWebToolBarIcon(self, action):
        toolbar = self.web_toolbar()
        if toolbar is not None:
            toolbar.removeAction(action)

    def addPluginToWebMenu(self, name, action):
        web = self.web_menu(create=True)
        submenu = plugin_submenu(web, name)
        if submenu is None:
            submenu = web.addMenu(name)
        submenu.addAction(action)

    def removePluginWebMenu(self, name, action):
        web = self.web_menu()
        submenu = plugin_submenu(web, name) if web is not None else None
        if submenu is None:
            return
        submenu.removeAction(action)
        if submenu.isEmpty():
            web.removeAction(submenu.menuAction())
        if web.isEmpty():
            self.window.menuBar().removeAction(web.menuAction())

    def addDockWidget(self, area, dock):
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):
        self.window.removeDockWidget(dock)


def plugin_submenu(web_menu, title):
    for action in web_menu.actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    return None


def flush_deletions():
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def our_docks(window):
    return [dock for dock in window.findChildren(QgsDockWidget)
            if type(dock).__module__.startswith(PLUGIN + ".")]


def our_actions(window):
    return [action for action in window.findChildren(QAction) if action.objectName() == "beodShowDockAction"]


def critical_messages(iface):
    return iface.messageBar().get_messages(Qgis.MessageLevel.Critical)


@pytest.fixture
def qgis_env(qgis_app, qgis_iface, plugins_path, monkeypatch):
    """A clean slate: plugin found on the plugin path, not imported yet, interface wired."""
    saved = {name: mod for name, mod in sys.modules.items()
             if name == PLUGIN or name.startswith(PLUGIN + ".")}
    for name in saved:
        del sys.modules[name]
    monkeypatch.setattr(qgis.utils, "plugin_paths", [str(plugins_path)])
    qgis.utils.updateAvailablePlugins()
    RealInterface(qgis_iface).install(monkeypatch)
    qgis_iface.messageBar().clear_messages()
    window = qgis_iface.mainWindow()
    window.show()
    yield qgis_iface
    if qgis.utils.isPluginLoaded(PLUGIN):
        qgis.utils.unloadPlugin(PLUGIN)
    flush_deletions()
    window.hide()
    for name in [n for n in sys.modules if n == PLUGIN or n.startswith(PLUGIN + ".")]:
        del sys.modules[name]
    sys.modules.update(saved)


def load(iface):
    assert qgis.utils.loadPlugin(PLUGIN), critical_messages(iface)
    assert qgis.utils.startPlugin(PLUGIN), critical_messages(iface)
    assert qgis.utils.isPluginLoaded(PLUGIN)
    return qgis.utils.plugins[PLUGIN]


def unload(iface):
    assert qgis.utils.unloadPlugin(PLUGIN), critical_messages(iface)
    flush_deletions()


def web_entry(iface):
    web = RealInterface(iface).web_menu()
    submenu = plugin_submenu(web, MENU_TITLE) if web is not None else None
    return submenu.actions()[0] if submenu is not None and submenu.actions() else None


def toolbar_button(iface):
    toolbar = RealInterface(iface).web_toolbar()
    actions = toolbar.actions() if toolbar is not None else []
    return next((a for a in actions if a.objectName() == "beodShowDockAction"), None)


def assert_nothing_left(iface):
    window = iface.mainWindow()
    assert our_actions(window) == []
    assert toolbar_button(iface) is None
    assert web_entry(iface) is None
    assert RealInterface(iface).web_menu() is None
    assert our_docks(window) == []
    tool = iface.mapCanvas().mapTool()
    assert tool is None or not type(tool).__module__.startswith(PLUGIN + ".")
    assert QgsApplication.processingRegistry().providerById("beod") is None
    assert PLUGIN not in qgis.utils.plugins
    assert not [n for n in sys.modules if n == PLUGIN or n.startswith(PLUGIN + ".")]


def test_toolbar_button_and_web_menu_open_the_dock(qgis_env):
    iface = qgis_env
    load(iface)
    assert critical_messages(iface) == []
    button, entry = toolbar_button(iface), web_entry(iface)
    assert button is not None and entry is not None
    assert entry.text() == "BrightEarth On Demand" and not entry.icon().isNull()
    assert our_docks(iface.mainWindow()) == []

    entry.trigger()
    docks = our_docks(iface.mainWindow())
    assert len(docks) == 1
    dock = docks[0]
    assert dock.isUserVisible() and dock.isVisible()
    assert button.isChecked()
    assert iface.mainWindow().dockWidgetArea(dock) != 0

    button.trigger()  # the same button closes it ...
    assert not dock.isUserVisible()
    button.trigger()  # ... and opens it again, without a second dock
    assert dock.isUserVisible()
    assert our_docks(iface.mainWindow()) == [dock]


def test_processing_provider_registered(qgis_env):
    load(qgis_env)
    provider = QgsApplication.processingRegistry().providerById("beod")
    assert provider is not None
    assert provider.name() == "BrightEarth On Demand"
    assert not provider.icon().isNull()


def test_unload_leaves_nothing_behind(qgis_env):
    iface = qgis_env
    load(iface)
    web_entry(iface).trigger()
    (dock,) = our_docks(iface.mainWindow())
    draw = [b for b in dock.findChildren(QAbstractButton) if b.text() == "Draw on map"]
    assert draw, "no 'Draw on map' button in the dock"
    draw[0].click()  # the plugin's polygon tool takes the canvas
    tool = iface.mapCanvas().mapTool()
    assert type(tool).__module__ == PLUGIN + ".ui.aoi_tool"

    unload(iface)
    assert_nothing_left(iface)


def test_unload_cancels_a_running_extraction(qgis_env, emulator, tmp_path):
    iface = qgis_env
    load(iface)
    emulator.configure(run_seconds=120)
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    models = importlib.import_module(PLUGIN + ".beod.models")
    store = jobs.JobStore(str(tmp_path / "jobs.json"))
    job = jobs.Job(name="Run during unload", server=emulator.api_url, aoi_wkt=AOI_WKT,
                   params=models.ScenarioParams().to_body(), out_dir=str(tmp_path / "out"))
    task = tasks.TASKS.start(tasks.ExtractionTask(job, store=store, email=emulator.email,
                                                  password=emulator.password))
    assert wait_until(lambda: emulator.stats()["scenarios_created"].get(emulator.email), 60), \
        "the run never reached the server"
    # On the server the run is followed without a task (nothing for QGIS's exit to cancel).
    assert wait_until(lambda: tasks.TASKS.follower.is_following(job.local_id), 30)
    assert task.status() == QgsTask.TaskStatus.Complete

    unload(iface)
    assert tasks.TASKS.tasks() == [] and tasks.TASKS.follower.active_count() == 0
    assert_nothing_left(iface)
    # Cancelled by the unload, the run stays remembered to be followed at the next start.
    assert store.get(job.local_id).has_ids and store.get(job.local_id).is_active


def test_load_again_after_unload(qgis_env):
    iface = qgis_env
    for _ in range(2):
        load(iface)
        web_entry(iface).trigger()
        assert len(our_docks(iface.mainWindow())) == 1
        assert QgsApplication.processingRegistry().providerById("beod") is not None
        unload(iface)
        assert_nothing_left(iface)
    assert critical_messages(iface) == []


def test_plugin_reloader_style_reload(qgis_env):
    iface = qgis_env
    load(iface)
    web_entry(iface).trigger()
    assert qgis.utils.reloadPlugin(PLUGIN)
    flush_deletions()
    assert len(our_actions(iface.mainWindow())) == 1
    assert our_docks(iface.mainWindow()) == []  # the old dock went with the old code
    web_entry(iface).trigger()
    assert len(our_docks(iface.mainWindow())) == 1
    assert QgsApplication.processingRegistry().providerById("beod") is not None


def test_missing_python_packages_show_a_hint_instead_of_failing(qgis_env, monkeypatch):
    iface = qgis_env
    for name in ("shapely", "requests"):
        monkeypatch.setitem(sys.modules, name, None)  # makes "import name" fail, as if not installed
    load(iface)
    assert critical_messages(iface) == []
    warnings = " ".join(iface.messageBar().get_messages(Qgis.MessageLevel.Warning))
    assert "shapely" in warnings and "requests" in warnings
    assert toolbar_button(iface) is not None and web_entry(iface) is not None
    unload(iface)
    assert_nothing_left(iface)

"""Check the plugin inside the real QGIS desktop; run by ``tests/test_desktop.py``.

The same file plays two parts, chosen by how QGIS runs it:

* copied to the profile's ``python/startup.py`` (imported as module ``startup`` before the
  plugins load), it records every message-log entry and Python error into
  ``$BEOD_CHECK_DIR/log.jsonl``;
* run with ``qgis --code desktop_check.py`` once QGIS is up, it checks that the plugin is
  active, opens the dock from the Web menu, saves screenshots, checks the Processing provider,
  unloads and reloads the plugin, writes ``$BEOD_CHECK_DIR/result.json`` and quits QGIS.
"""

import json
import os
import sys
import traceback
from pathlib import Path

OUT = Path(os.environ.get("BEOD_CHECK_DIR", "."))
LOG_FILE = OUT / "log.jsonl"
PLUGIN = "beod_qgis"
MENU_TITLE = "&BrightEarth On Demand"
ACTION_NAME = "beodShowDockAction"


def record(entry: dict) -> None:
    with LOG_FILE.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(entry) + "\n")


# -- part 1: the startup collector ------------------------------------------------------------
_KEEP = []  # Python callables connected to QGIS signals must stay referenced


def install_collector() -> None:
    import qgis.utils
    from qgis.core import QgsApplication

    def on_message(message, tag, level):
        record({"tag": tag, "level": int(level), "message": message})

    QgsApplication.messageLog().messageReceived.connect(on_message)
    _KEEP.append(on_message)

    def no_stack_dialog(kind, value, tb, msg, pop_error=True):
        # The error is in the message log already (tag "Python error"); a modal dialog
        # would block the unattended QGIS until the test's timeout.
        record({"tag": "Python error", "level": 2,
                "message": f"{msg}\n" + "".join(traceback.format_exception(kind, value, tb))})

    qgis.utils.open_stack_dialog = no_stack_dialog
    record({"tag": "desktop-check", "level": 0, "message": "collector installed"})


# -- part 2: the check run once QGIS is up ----------------------------------------------------
class DesktopCheck:
    """Steps spaced by timers so QGIS paints between them."""

    def __init__(self):
        from qgis.utils import iface

        self.iface = iface
        self.result = {"steps": []}

    def step(self, name, ok, **details):
        self.result["steps"].append({"name": name, "ok": bool(ok), **details})

    def web_entry(self):
        for action in self.iface.webMenu().actions():
            menu = action.menu()
            if menu is not None and action.text() == MENU_TITLE:
                return next(iter(menu.actions()), None)
        return None

    def our_docks(self):
        from qgis.gui import QgsDockWidget

        return [d for d in self.iface.mainWindow().findChildren(QgsDockWidget)
                if type(d).__module__.startswith(PLUGIN + ".")]

    def start(self):
        import qgis.utils
        from qgis.core import Qgis, QgsApplication

        self.result["qgis_version"] = Qgis.QGIS_VERSION
        self.result["python"] = sys.version.split()[0]
        self.step("plugin active", PLUGIN in qgis.utils.active_plugins,
                  active_plugins=list(qgis.utils.active_plugins))
        toolbar = [a.objectName() for a in self.iface.webToolBar().actions()]
        self.step("toolbar button", ACTION_NAME in toolbar)
        entry = self.web_entry()
        self.step("web menu entry", entry is not None)
        self.step("processing provider", QgsApplication.processingRegistry().providerById("beod") is not None)
        self.add_background_map()
        window = self.iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)  # no window manager under Xvfb: size it to the screen
        if entry is not None:
            entry.trigger()
        self.later(500, self.widen_dock)

    def add_background_map(self):
        """QGIS's bundled world map around the Côte d'Azur, so the screenshot shows a map."""
        from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

        path = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
        layer = QgsVectorLayer(f"{path}|layername=countries", "Countries", "ogr")
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer)

    def zoom_to_cote_d_azur(self):
        from qgis.core import QgsRectangle

        # After QGIS's own zoom to the first layer, which happens once events are processed.
        self.iface.mapCanvas().setExtent(QgsRectangle(4.0, 42.0, 10.5, 45.5))
        self.iface.mapCanvas().refresh()

    def widen_dock(self):
        from qgis.PyQt.QtCore import Qt

        self.zoom_to_cote_d_azur()
        docks = self.our_docks()
        if docks:
            self.iface.mainWindow().resizeDocks(docks[:1], [460], Qt.Orientation.Horizontal)
        self.later(2000, self.screenshot)

    def screenshot(self):
        docks = self.our_docks()
        visible = bool(docks) and docks[0].isVisible()
        self.step("dock opened", visible)
        self.iface.mainWindow().grab().save(str(OUT / "qgis.png"))
        if docks:
            docks[0].grab().save(str(OUT / "dock.png"))
        self.reload()

    def reload(self):
        import qgis.utils
        from qgis.core import QgsApplication

        unloaded = qgis.utils.unloadPlugin(PLUGIN)
        self.step("unload", unloaded and self.web_entry() is None and not self.our_docks()
                  and QgsApplication.processingRegistry().providerById("beod") is None)
        started = qgis.utils.loadPlugin(PLUGIN) and qgis.utils.startPlugin(PLUGIN)
        self.step("load again", started and self.web_entry() is not None)
        self.later(500, self.finish)

    def finish(self):
        from qgis.core import QgsApplication, QgsProject

        self.result["ok"] = all(step["ok"] for step in self.result["steps"])
        (OUT / "result.json").write_text(json.dumps(self.result, indent=2), encoding="utf-8")
        QgsProject.instance().clear()  # QGIS 3.40 crashes at exit with the world map still loaded
        QgsApplication.instance().exit(0)

    def later(self, msec, slot):
        from qgis.PyQt.QtCore import QTimer

        def guarded():
            try:
                slot()
            except Exception:  # noqa: BLE001 - any failure must end QGIS with a report
                self.step("exception", False, traceback=traceback.format_exc())
                self.finish()

        QTimer.singleShot(msec, guarded)


def run_check() -> None:
    check = DesktopCheck()
    _KEEP.append(check)  # keep it alive across timers
    check.later(3000, check.start)


if __name__ == "startup":
    install_collector()
elif __name__ == "__main__":
    run_check()

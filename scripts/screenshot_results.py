"""Take the README screenshot: the real QGIS desktop with the dock and an extraction's results.

Run it with the development Python (``.venv/bin/python scripts/screenshot_results.py``):
it builds the release zip, installs it in a throwaway QGIS profile, starts the BEOD
emulator and runs QGIS under Xvfb with this same file as the ``--code`` script. Inside
QGIS the file drives the dock the way a user does (sign in, draw the tutorial's area
around Sophia Antipolis on the map, Run), waits for the results to be loaded, and saves
the main window to ``docs/results.png`` (or ``--out``), the dock with its Jobs and
History to ``docs/results-dock.png``, and the dock at the widths a user keeps it (300 and
420 px) while two runs of one name go on and once they are done:
``docs/dock-<width>-running.png`` and ``docs/dock-<width>-done.png`` (beside it).
``--lang fr`` runs QGIS in French (``locale/userLocale`` of the profile) and saves
``docs/results-fr.png`` and ``docs/results-fr-dock.png``: the screenshots of the French user guide.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

PLUGIN = "beod_qgis"
MENU_TITLE = "&BrightEarth On Demand"
RUN_NAME = "Sophia Antipolis"
ENV_PREFIX = "BEOD_SHOT_"
# The tutorial's AOI around the LuxCarta office (lon/lat).
TUTORIAL_AOI = [
    (6.9526850935291, 43.6127384923652), (6.94943181004093, 43.6123795674845),
    (6.94656582220611, 43.611370079773), (6.95060918882712, 43.6056268939605),
    (6.95587640971274, 43.605649329347), (6.95759600241363, 43.6079825638504),
    (6.95877338119982, 43.6099231178373), (6.95855649563394, 43.6117963099847),
]
TIMEOUT_S = 300


# -- inside QGIS ----------------------------------------------------------------------------------
class Shot:
    """Steps spaced by timers so QGIS paints and the tasks run between them."""

    def __init__(self):
        from qgis.utils import iface

        self.iface = iface
        self.out = Path(os.environ[ENV_PREFIX + "OUT"])
        self.report = Path(os.environ[ENV_PREFIX + "REPORT"])
        self.steps = []
        self.dock = None
        self.waited = 0

    # helpers
    def later(self, msec, slot):
        from qgis.PyQt.QtCore import QTimer

        def guarded():
            try:
                slot()
            except Exception:  # noqa: BLE001 - any failure ends QGIS with a report
                self.steps.append({"step": slot.__name__, "error": traceback.format_exc()})
                self.finish(False)

        QTimer.singleShot(msec, guarded)

    def note(self, step, **details):
        self.steps.append({"step": step, **details})

    def click(self, widget):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    # steps
    def start(self):
        import qgis.utils
        from qgis.core import QgsCoordinateReferenceSystem, QgsProject

        window = self.iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)  # no window manager under Xvfb: size it to the screen
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        self.hide_browser()
        entry = None
        for action in self.iface.webMenu().actions():
            if action.menu() is not None and action.text() == MENU_TITLE:
                entry = next(iter(action.menu().actions()), None)
        if entry is None:
            raise RuntimeError("the plugin's Web menu entry is missing")
        entry.trigger()
        self.dock = qgis.utils.plugins[PLUGIN].dock
        self.note("dock opened", visible=self.dock.isVisible())
        self.later(500, self.sign_in)

    def hide_browser(self):
        """More room for the layer tree with its legends."""
        from qgis.PyQt.QtWidgets import QDockWidget

        for dock in self.iface.mainWindow().findChildren(QDockWidget):
            if dock.objectName() == "Browser":
                dock.hide()

    def sign_in(self):
        from qgis.PyQt.QtCore import Qt

        self.iface.mainWindow().resizeDocks([self.dock], [380], Qt.Orientation.Horizontal)
        form = self.dock.form
        form.advancedGroup.setCollapsed(False)
        form.serverUrlEdit.setText(os.environ[ENV_PREFIX + "URL"])
        form.serverUrlEdit.editingFinished.emit()
        form.emailEdit.setText(os.environ[ENV_PREFIX + "EMAIL"])
        form.passwordEdit.setText(os.environ[ENV_PREFIX + "PASSWORD"])
        self.click(form.signInButton)
        self.waited = 0
        self.later(500, self.wait_signed_in)

    def wait_signed_in(self):
        if not self.dock.account.signed_in:
            self.waited += 1
            if self.waited > 60:
                raise RuntimeError("sign in failed: " + self.dock.form.accountLabel.text())
            self.later(500, self.wait_signed_in)
            return
        self.dock.form.advancedGroup.setCollapsed(True)
        self.note("signed in", account=self.dock.form.accountLabel.text())
        self.zoom_to_aoi()
        self.later(1500, self.draw)

    def zoom_to_aoi(self):
        from qgis.core import (
            QgsCoordinateReferenceSystem,
            QgsCoordinateTransform,
            QgsGeometry,
            QgsPointXY,
            QgsProject,
        )

        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                           canvas.mapSettings().destinationCrs(), QgsProject.instance())
        polygon = QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in TUTORIAL_AOI]])
        polygon.transform(transform)
        extent = polygon.boundingBox()
        extent.scale(1.3)
        canvas.setExtent(extent)
        canvas.refresh()

    def draw(self):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
        from qgis.PyQt.QtCore import QPoint, Qt
        from qgis.PyQt.QtTest import QTest

        canvas = self.iface.mapCanvas()
        self.click(self.dock.form.drawButton)
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                           canvas.mapSettings().destinationCrs(), QgsProject.instance())
        viewport = canvas.viewport()
        last = None
        for lon, lat in TUTORIAL_AOI:
            point = canvas.getCoordinateTransform().transform(transform.transform(QgsPointXY(lon, lat)))
            last = QPoint(int(round(point.x())), int(round(point.y())))
            QTest.mouseMove(viewport, last)
            QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
        QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, last)
        self.note("area drawn", info=self.dock.form.aoiInfoLabel.text())
        self.later(500, self.run)

    def run(self):
        form = self.dock.form
        form.nameEdit.setText(RUN_NAME)
        form.folderEdit.setText(os.environ[ENV_PREFIX + "WORK"])
        self.click(form.runButton)
        self.note("run clicked", message=form.runLabel.text())
        # the same name again a moment later: each run keeps its own layer group
        self.later(1500, self.run_again)

    def run_again(self):
        self.click(self.dock.form.runButton)
        self.note("run clicked again", message=self.dock.form.runLabel.text())
        self.later(3000, lambda: self.save_widths("running", self.wait_first))

    def wait_first(self):
        self.waited = 0
        self.later(1000, self.wait_results)

    def save_widths(self, state, then, widths=(300, 420)):
        """The dock at each width, as a user keeps it open: ``dock-<width>-<state>.png``."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QApplication

        width = widths[0]
        self.dock.setMinimumWidth(width)  # the main window's other docks must give way
        self.iface.mainWindow().resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        QApplication.processEvents()

        def grab():
            QApplication.processEvents()
            path = self.out.with_name(f"dock-{width}-{state}.png")
            ok = self.dock.grab().save(str(path))
            self.note("saved", path=str(path), ok=ok, width=self.dock.width())
            if len(widths) > 1:
                self.save_widths(state, then, widths[1:])
            else:
                self.dock.setMinimumWidth(300)
                self.iface.mainWindow().resizeDocks([self.dock], [380], Qt.Orientation.Horizontal)
                self.later(500, then)

        self.later(800, grab)

    def wait_results(self):
        import sys as _sys

        tasks = _sys.modules[PLUGIN + ".core.tasks"]
        if tasks.TASKS.tasks() or tasks.TASKS.follower.active_count():
            self.waited += 1
            if self.waited > 200:
                raise RuntimeError("the extraction did not finish")
            self.later(1000, self.wait_results)
            return
        self.note("run finished", message=self.dock.form.runLabel.text())
        self.later(500, self.arrange)

    def arrange(self):
        from qgis.core import QgsProject

        form = self.dock.form
        form.settingsGroup.setCollapsed(True)
        group = QgsProject.instance().layerTreeRoot().findGroup(RUN_NAME)
        layers = [node.layer() for node in group.findLayers()] if group is not None else []
        self.note("layers", names=[layer.name() for layer in layers],
                  groups=[node.name() for node in QgsProject.instance().layerTreeRoot().children()])
        self.zoom_to_aoi()
        self.later(4000, self.save)

    def drop_task_notices(self):
        """QGIS's own "Task complete" notice would hide the plugin's message."""
        bar = self.iface.messageBar()
        for item in list(bar.items()):
            if not item.title().startswith("BrightEarth On Demand"):
                bar.popWidget(item)

    def save(self):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QApplication, QDockWidget

        self.drop_task_notices()
        # the run's message bar may have squeezed the docks: give them their width back
        window = self.iface.mainWindow()
        layers = [dock for dock in window.findChildren(QDockWidget) if dock.objectName() == "Layers"]
        window.resizeDocks([self.dock, *layers], [380, 250][:1 + len(layers)], Qt.Orientation.Horizontal)
        self.dock.form.scrollArea.verticalScrollBar().setValue(0)
        QApplication.processEvents()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        ok = self.iface.mainWindow().grab().save(str(self.out))
        self.note("saved", path=str(self.out), ok=ok)
        self.later(500, lambda: self.save_widths("done", lambda: self.history(ok)))

    def history(self, ok):
        # the lower half of the dock: the job list and the History of the account
        self.click(self.dock.form.refreshHistoryButton)
        self.later(2000, lambda: self.save_dock(ok))

    def save_dock(self, ok):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QApplication

        self.iface.mainWindow().resizeDocks([self.dock], [420], Qt.Orientation.Horizontal)
        self.dock.form.accountGroup.setCollapsed(True)
        self.dock.form.aoiGroup.setCollapsed(True)
        self.dock.tabs.setCurrentWidget(self.dock.history_page)
        self.dock.splitter.setSizes([300, 460])  # room for the History
        QApplication.processEvents()
        dock_out = self.out.with_name(self.out.stem + "-dock" + self.out.suffix)
        dock_ok = self.dock.grab().save(str(dock_out))
        self.note("saved", path=str(dock_out), ok=dock_ok)
        self.finish(ok and dock_ok)

    def finish(self, ok):
        from qgis.core import QgsApplication

        self.report.write_text(json.dumps({"ok": bool(ok), "steps": self.steps}, indent=2), encoding="utf-8")
        QgsApplication.instance().exit(0)


_KEEP = []


def run_inside_qgis():
    shot = Shot()
    _KEEP.append(shot)
    shot.later(3000, shot.start)


# -- the launcher ------------------------------------------------------------------------------------
def launch(out: Path, lang: str = "") -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "scripts"))
    import qgis_profile

    from tests.emulator.launch import start_emulator

    base = Path(tempfile.mkdtemp(prefix="beod-shot-"))
    try:
        settings = {"locale/userLocale": lang, "locale/overrideFlag": "true"} if lang else None
        qgis_profile.make_profile(base / "profiles", settings=settings)
        (base / "runtime").mkdir(mode=0o700)
        report = base / "report.json"
        with start_emulator(run_seconds=12.0) as emulator:
            env = dict(
                os.environ,
                HOME=str(base / "home"),
                QT_QPA_PLATFORM="xcb",
                XDG_RUNTIME_DIR=str(base / "runtime"),
                **{
                    ENV_PREFIX + "URL": emulator.api_url,
                    ENV_PREFIX + "EMAIL": emulator.email,
                    ENV_PREFIX + "PASSWORD": emulator.password,
                    ENV_PREFIX + "OUT": str(out.resolve()),
                    ENV_PREFIX + "WORK": str(base / "results"),
                    ENV_PREFIX + "REPORT": str(report),
                },
            )
            env.pop("QGIS_PLUGINPATH", None)
            command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--noversioncheck",
                       "--nologo", "--profiles-path", str(base / "profiles"),
                       "--code", str(Path(__file__).resolve())]
            proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    start_new_session=True)
            try:
                output, _ = proc.communicate(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                output, _ = proc.communicate()
        if not report.exists():
            print(output.decode("utf-8", "replace")[-4000:])
            print("QGIS wrote no report.")
            return 1
        result = json.loads(report.read_text(encoding="utf-8"))
        print(json.dumps(result, indent=2))
        return 0 if result.get("ok") else 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=None,
                        help="the screenshot (default docs/results.png, docs/results-<lang>.png)")
    parser.add_argument("--lang", default="", help="QGIS language code, e.g. fr (default: QGIS's own)")
    args = parser.parse_args(argv)
    out = args.out or root / "docs" / (f"results-{args.lang}.png" if args.lang else "results.png")
    return launch(out, args.lang)


if __name__ == "__main__":
    if os.environ.get(ENV_PREFIX + "REPORT") and "qgis.utils" in sys.modules:
        run_inside_qgis()
    else:
        sys.exit(main())

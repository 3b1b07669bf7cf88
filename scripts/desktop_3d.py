"""The results in 3D in the real QGIS desktop (under Xvfb, where OpenGL is Mesa's).

Run with the development Python; it starts ``qgis --code`` on this same file, which then
plays one of two parts:

* ``check`` (``tests/test_desktop_3d.py``): opens an empty 3D view first (the baseline),
  then loads a job's results as a finished extraction does, opens the dock and clicks the
  job's "3D" button in the Jobs list; grabs the 3D view from the screen, draws the scene
  kept in the project ("<job> (3D)" layout) to a PNG, measures both against the baseline,
  closes the 3D views and clears the project before quitting (QGIS 3.22 may crash on exit
  after a 3D view: the report is written first);
* ``render`` (``make demo``): opens a saved project and draws its 3D scene to a PNG.

``--qgis-root DIR`` runs the ``qgis`` of a chroot-like tree (``DIR/usr/bin/qgis``) instead.
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
ENV = "BEOD_3D_"
JOB_NAME = "Sophia Antipolis 3D"
TIMEOUT_S = int(os.environ.get("BEOD_3D_TIMEOUT", "180"))


# -- inside QGIS -----------------------------------------------------------------------------------
def plugin_module(name: str):
    """A module of the installed plugin (``beod_qgis.<name>``)."""
    import importlib

    return importlib.import_module(f"{PLUGIN}.{name}")


def image_stats(image) -> dict:
    """How much an image shows: distinct colours (5 bits a channel) and the share of pixels
    that differ from its most common colour (the background), sampled every 3 pixels."""
    counts = {}
    total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            rgb = image.pixel(x, y) & 0xFFFFFF
            key = ((rgb >> 19) & 31, (rgb >> 11) & 31, (rgb >> 3) & 31)
            counts[key] = counts.get(key, 0) + 1
            total += 1
    background = max(counts.values()) if counts else 0
    # building roofs and walls: the height classes' red to pale yellow, however lit (the
    # terrain's browns are darker; roads and sky have as much blue as red)
    warm = sum(n for (r, g, b), n in counts.items() if r >= 24 and r >= g and r - b >= 8)
    return {"colours": len(counts), "drawn": round(1 - background / total, 4) if total else 0.0,
            "warm": round(warm / total, 4) if total else 0.0,
            "width": image.width(), "height": image.height()}


class Check:
    """Steps spaced by timers so QGIS paints and loads between them."""

    def __init__(self):
        from qgis.utils import iface

        self.iface = iface
        self.out = Path(os.environ[ENV + "OUT"])  # a folder: the report, the PNGs
        self.mode = os.environ.get(ENV + "MODE", "check")
        self.steps = []
        self.result = {"steps": self.steps}
        self.waited = 0

    def later(self, msec, slot):
        from qgis.PyQt.QtCore import QTimer

        def guarded():
            try:
                slot()
            except Exception:  # noqa: BLE001 - any failure ends QGIS with a report
                self.steps.append({"step": slot.__name__, "ok": False, "error": traceback.format_exc()})
                self.finish()

        QTimer.singleShot(msec, guarded)

    def note(self, step, ok=True, **details):
        self.steps.append({"step": step, "ok": bool(ok), **details})
        self.save_progress()

    def save_progress(self):
        """The steps so far, in case QGIS crashes before the end."""
        (self.out / "progress.json").write_text(json.dumps(self.result, indent=2), encoding="utf-8")

    def view3d(self):
        return plugin_module("ui.view3d")

    def grab_view(self, dock, path):
        """The 3D view as the screen shows it (its OpenGL window is not in a widget grab)."""
        from qgis.PyQt.QtCore import QPoint
        from qgis.PyQt.QtGui import QGuiApplication, QWindow
        from qgis.PyQt.QtWidgets import QWidget

        if isinstance(dock, QWindow):  # QGIS >= 3.36: the view is a Qgs3DMapCanvas window
            corner = dock.mapToGlobal(QPoint(0, 0))
            pixmap = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), dock.width(),
                                                                dock.height())
            pixmap.save(str(path))
            return pixmap.toImage()

        containers = [widget for widget in dock.findChildren(QWidget)
                      if widget.metaObject().className() == "QWindowContainer"]
        container = containers[0] if containers else None
        target = container if container is not None and container.isVisible() else dock
        corner = target.mapToGlobal(target.rect().topLeft())
        pixmap = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), target.width(),
                                                            target.height())
        pixmap.save(str(path))
        return pixmap.toImage()

    # -- steps
    def start(self):
        from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsProject

        self.result["qgis_version"] = Qgis.QGIS_VERSION
        self.note("QGIS started", True, version=Qgis.QGIS_VERSION)
        window = self.iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)  # no window manager under Xvfb: size it to the screen
        if self.mode == "render":
            self.later(500, self.render_project)
            return
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        self.later(500, self.open_empty_view)

    def render_project(self):
        from qgis.core import QgsProject

        results_3d = plugin_module("core.results_3d")
        project = QgsProject.instance()
        ok = project.read(os.environ[ENV + "PROJECT"])
        layout = next((item for item in project.layoutManager().printLayouts()
                       if item.customProperty(results_3d.LAYOUT_PROPERTY) is not None), None)
        self.note("project read", ok and layout is not None, layouts=[
            item.name() for item in project.layoutManager().printLayouts()])
        if layout is None:
            self.finish()
            return
        size = tuple(int(part) for part in os.environ.get(ENV + "SIZE", "1600x1000").lower().split("x"))
        self.later(1000, lambda: self.render_layout(layout, self.out / "render.png", size))

    def render_layout(self, layout, path, size):
        from qgis.PyQt.QtGui import QImage

        results_3d = plugin_module("core.results_3d")
        ok = results_3d.render_scene(layout, str(path), size)
        stats = image_stats(QImage(str(path))) if ok else {}
        self.note("scene rendered", ok, path=str(path), stats=stats)
        self.result["scene"] = stats
        if self.mode == "render":
            self.finish()

    def open_empty_view(self):
        """The baseline: a 3D view of the empty project, opened with QGIS's own action."""
        from qgis.core import QgsFeature, QgsFillSymbol, QgsGeometry, QgsProject, QgsRectangle, QgsVectorLayer
        from qgis.PyQt.QtWidgets import QAction, QDockWidget

        # QGIS refuses a 3D view of a project without extent: one invisible square over the area
        outline = QgsVectorLayer("Polygon?crs=EPSG:3857", "Empty scene", "memory")
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(772800, 5404200, 775200, 5406100)))
        outline.dataProvider().addFeatures([feature])
        outline.updateExtents()
        outline.renderer().setSymbol(QgsFillSymbol.createSimple({"style": "no", "outline_style": "no"}))
        QgsProject.instance().addMapLayer(outline)
        self.outline = outline
        self.iface.mapCanvas().setExtent(outline.extent())
        view3d = self.view3d()
        before = set(view3d.open_views(self.iface))
        if hasattr(self.iface, "createNewMapCanvas3D"):
            self.iface.createNewMapCanvas3D("Empty scene")
        else:
            self.iface.mainWindow().findChild(QAction, view3d.NEW_3D_VIEW_ACTION).trigger()
        added = [view for view in view3d.open_views(self.iface) if view not in before]
        self.note("empty 3D view opened", bool(added))
        dock = added[0] if added else None
        if isinstance(dock, QDockWidget):
            view3d._place_over_map(self.iface, dock)
        self.later(5000, lambda: self.grab_empty(dock))

    def grab_empty(self, dock):
        if dock is not None:
            self.result["empty"] = image_stats(self.grab_view(dock, self.out / "empty3d.png"))
            # QGIS 3.40 under Xvfb crashes when layers are loaded with a 3D view open
            self.view3d().close_views(self.iface, names=["Empty scene"])
        from qgis.core import QgsProject

        QgsProject.instance().removeMapLayer(self.outline.id())
        self.later(500, self.load_results)

    def load_results(self):
        """What a finished extraction does: merge, load, remember the job as done."""
        from qgis.core import QgsProject

        merge = plugin_module("core.results")
        jobs = plugin_module("core.jobs")
        out_dir = os.environ[ENV + "RESULTS"]
        merged = merge.merge_outputs(out_dir)
        layers = merge.load_results(merged, JOB_NAME, project=QgsProject.instance(), iface=self.iface)
        store = jobs.default_store()
        job = jobs.Job(name=JOB_NAME, server="http://127.0.0.1:9", params={}, aoi_wkt="", out_dir=out_dir)
        store.add(job)
        store.update(job.local_id, state=jobs.SUCCEEDED, progress=100.0)
        self.note("results loaded", bool(layers), layers=[layer.name() for layer in layers],
                  notes=merged.notes)
        self.later(500, self.open_dock)

    def open_dock(self):
        import qgis.utils

        plugin = qgis.utils.plugins[PLUGIN]
        for action in self.iface.webMenu().actions():
            if action.menu() is not None and "BrightEarth" in action.text():
                next(iter(action.menu().actions())).trigger()
        self.dock = plugin.dock
        self.note("dock opened", self.dock is not None and self.dock.isVisible())
        self.waited = 0
        self.later(1500, self.click_3d)

    def find_button(self):
        from qgis.PyQt.QtWidgets import QToolButton

        view3d = self.view3d()
        for button in self.dock.findChildren(QToolButton, view3d.BUTTON_NAME):
            return button
        return None

    def click_3d(self):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        button = self.find_button()
        if button is None:
            self.waited += 1
            if self.waited > 10:
                self.note("3D button in the Jobs list", False)
                self.finish()
                return
            self.later(1000, self.click_3d)
            return
        view3d = self.view3d()
        self.before = set(view3d.open_views(self.iface))
        self.dock.form.jobsTree.scrollToItem(self.dock.form.jobsTree.topLevelItem(0))
        self.note("3D button in the Jobs list", True, text=button.text(), tooltip=button.toolTip())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.later(8000, self.grab_scene)

    def grab_scene(self):
        view3d = self.view3d()
        added = [view for view in view3d.open_views(self.iface) if view not in self.before]
        titles = [view.windowTitle() if hasattr(view, "windowTitle") else view.objectName() for view in added]
        self.note("3D view opened from the dock", bool(added), titles=titles)
        if added:
            self.result["view"] = image_stats(self.grab_view(added[0], self.out / "view3d.png"))
            self.iface.mainWindow().grab().save(str(self.out / "window.png"))
            from qgis.PyQt.QtGui import QGuiApplication

            QGuiApplication.primaryScreen().grabWindow(0).save(str(self.out / "screen.png"))
            self.result["view_terrain"] = self.view_terrain(added[0])
        self.later(500, self.layer_menu)

    def view_terrain(self, view):
        """The terrain of a QGIS < 3.36 view, as its own "Configure…" dialog shows it: the
        terrain type's name and layer (None where the view is a Qgs3DMapCanvas window, whose
        map settings the report does not need: the scene is set through the API there)."""
        from qgis.PyQt.QtWidgets import QComboBox, QDockWidget

        view3d = self.view3d()
        action = view3d._configure_action(view) if isinstance(view, QDockWidget) else None
        if action is None:
            return None
        seen = {}

        def read(dialog):
            kind = dialog.findChild(QComboBox, "cboTerrainType")
            layer = dialog.findChild(QComboBox, "cboTerrainLayer")
            seen["type"] = kind.currentData() if kind is not None else None
            seen["layer"] = layer.currentText() if layer is not None else None
            dialog.reject()

        view3d.when_modal(read)
        action.trigger()
        return seen

    def layer_menu(self):
        """Right-click the Buildings layer: its context menu offers "Show in 3D"."""
        from qgis.core import QgsProject
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QContextMenuEvent
        from qgis.PyQt.QtTest import QTest
        from qgis.PyQt.QtWidgets import QApplication

        view = self.iface.layerTreeView()
        buildings = next(layer for layer in QgsProject.instance().mapLayers().values()
                         if layer.name() == "Buildings")
        view.setCurrentLayer(buildings)
        rect = view.visualRect(view.currentIndex())
        self.later(1000, self.read_menu)  # the menu runs its own event loop
        # the event a right click makes (a synthetic mouse click does not open context menus)
        position = rect.center()
        for send in (QTest.mousePress, QTest.mouseRelease):
            send(view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, position)
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position,
                                                                  view.viewport().mapToGlobal(position)))

    def read_menu(self):
        from qgis.PyQt.QtWidgets import QApplication

        menu = QApplication.activePopupWidget()
        texts = [action.text().replace("&", "") for action in menu.actions()] if menu is not None else []
        self.note("Show in 3D in the layer's context menu", "Show in 3D" in texts,
                  entries=[text for text in texts if "3D" in text])
        if menu is not None:
            menu.close()
        self.later(500, self.render_saved_scene)

    def render_saved_scene(self):
        from qgis.core import QgsProject

        results_3d = plugin_module("core.results_3d")
        layout = results_3d.scene_layout(QgsProject.instance(), JOB_NAME)
        self.note("scene kept in the project", layout is not None)
        if layout is not None:
            self.render_layout(layout, self.out / "scene3d.png", (1200, 800))
        self.later(500, self.close_views)

    def close_views(self):
        """Close the 3D views and clear the project before quitting (QGIS 3.22 may crash at
        exit after a 3D view otherwise)."""
        from qgis.core import QgsProject

        self.view3d().close_views(self.iface)
        self.later(1500, lambda: (QgsProject.instance().clear(), self.finish()))

    def finish(self):
        from qgis.core import QgsApplication

        self.result["ok"] = all(step["ok"] for step in self.steps)
        (self.out / "report.json").write_text(json.dumps(self.result, indent=2), encoding="utf-8")
        QgsApplication.instance().exit(0)


_KEEP = []


def run_inside_qgis():
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtGui import QGuiApplication

    check = Check()
    _KEEP.append(check)
    check.later(3000, check.start)
    # what the screen shows if QGIS hangs (a modal dialog, for instance)
    QTimer.singleShot(40000, lambda: QGuiApplication.primaryScreen().grabWindow(0).save(
        str(check.out / "after-40s.png")))


# -- the launcher -----------------------------------------------------------------------------------
def make_results(folder: Path) -> None:
    """The tutorial area's results as the emulator generates them (GeoPackage, GeoTIFF)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.emulator import geodata
    from tests.emulator.aoi_check import parse_aoi
    from tests.emulator.samples import TUTORIAL_AOI

    geodata.generate(str(folder), TUTORIAL_AOI, parse_aoi(TUTORIAL_AOI), 3857, ("geopackage",), ("geotiff",),
                     ())


def launch(mode: str, out: Path, project: Path = None, size: str = "1600x1000", qgis_root: Path = None,
           plugin_zip: Path = None) -> dict:
    """Run QGIS under Xvfb in ``mode``; return its report (``returncode`` and ``output`` added)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "scripts"))
    import qgis_profile

    base = Path(tempfile.mkdtemp(prefix="beod-3d-"))
    try:
        qgis_profile.make_profile(base / "profiles", plugin_zip)
        (base / "runtime").mkdir(mode=0o700)
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").unlink(missing_ok=True)
        env = dict(os.environ, HOME=str(base / "home"), QT_QPA_PLATFORM="xcb",
                   XDG_RUNTIME_DIR=str(base / "runtime"),
                   **{ENV + "OUT": str(out), ENV + "MODE": mode, ENV + "SIZE": size})
        env.pop("QGIS_PLUGINPATH", None)
        if mode == "check":
            make_results(base / "results")
            env[ENV + "RESULTS"] = str(base / "results")
        else:
            env[ENV + "PROJECT"] = str(project)
        qgis = "qgis"
        if qgis_root is not None:
            qgis = str(Path(qgis_root) / "usr" / "bin" / "qgis")
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", qgis, "--noversioncheck", "--nologo",
                   "--profiles-path", str(base / "profiles"), "--code", str(Path(__file__).resolve())]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
        report_file = out / "report.json"
        report = {"ok": False}
        if report_file.exists():
            report = json.loads(report_file.read_text(encoding="utf-8"))
        elif (out / "progress.json").exists():  # QGIS ended before the last step
            report = dict(json.loads((out / "progress.json").read_text(encoding="utf-8")), ok=False)
        report["returncode"] = proc.returncode
        report["output"] = output.decode("utf-8", "replace")[-4000:]
        return report
    finally:
        shutil.rmtree(base, ignore_errors=True)


def render_project(project: Path, png: Path, size: str = "1600x1000") -> dict:
    """Draw the 3D scene kept in ``project`` to ``png`` in the QGIS desktop under Xvfb."""
    work = Path(tempfile.mkdtemp(prefix="beod-3d-out-"))
    try:
        report = launch("render", work, project=project, size=size)
        if (work / "render.png").exists():
            shutil.copyfile(work / "render.png", png)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("check", "render"))
    parser.add_argument("--out", type=Path, required=True, help="folder (check) or PNG (render)")
    parser.add_argument("--project", type=Path, help="the project to render (render)")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--qgis-root", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "render":
        report = render_project(args.project, args.out, args.size)
    else:
        report = launch("check", args.out, qgis_root=args.qgis_root)
    print(json.dumps({key: value for key, value in report.items() if key != "output"}, indent=2))
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    if os.environ.get(ENV + "OUT") and "qgis.utils" in sys.modules:
        run_inside_qgis()
    else:
        sys.exit(main())

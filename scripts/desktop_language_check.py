"""The plugin in the real QGIS desktop set to a language: texts of the dock and screenshots.

Run it with the development Python::

    .venv/bin/python scripts/desktop_language_check.py --lang fr --out docs
    .venv/bin/python scripts/desktop_language_check.py --lang en --shots processing

It builds the release zip, installs it in a throwaway QGIS profile whose ``QGIS3.ini`` sets
``locale/userLocale`` to the language (with ``locale/overrideFlag=true``, as QGIS's Options
dialog does), and runs QGIS under Xvfb with this same file as the ``--code`` script. Inside
QGIS it opens the dock from the Web menu, records every text the dock shows (titles, labels,
buttons, tooltips, placeholders, list headers and entries) in ``texts.json``, and saves
``dock-<lang>.png`` (the main window with the dock) and ``processing-<lang>.png`` (the
"Run extraction" dialog of the Processing toolbox) in the output folder. English files are
named without the ``-en`` suffix (``processing.png``), as the README's ``dock.png``.
``tests/test_desktop_language.py`` runs it for French and checks the texts.
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
ENV_PREFIX = "BEOD_LANG_"
TIMEOUT_S = 150


# -- inside QGIS ----------------------------------------------------------------------------------
def widget_texts(root) -> list:
    """Every text a user can see or hover in ``root`` and its children."""
    from qgis.PyQt.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QDockWidget,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTreeWidget,
        QWidget,
    )

    texts = []

    def add(kind, widget, text):
        if text and str(text).strip():
            texts.append({"kind": kind, "widget": widget.objectName(), "text": str(text)})

    for widget in [root, *root.findChildren(QWidget)]:
        add("tooltip", widget, widget.toolTip())
        if isinstance(widget, QDockWidget):
            add("title", widget, widget.windowTitle())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add("text", widget, widget.text())
        if isinstance(widget, QGroupBox):
            add("title", widget, widget.title())
        if isinstance(widget, QLineEdit):
            add("placeholder", widget, widget.placeholderText())
        if isinstance(widget, QComboBox) and widget.objectName() not in ("layerCombo",):
            for index in range(widget.count()):
                add("item", widget, widget.itemText(index))
                add("tooltip", widget, widget.itemData(index, 3))  # Qt.ToolTipRole
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(header.columnCount()):
                add("header", widget, header.text(column))
    return texts


class LanguageCheck:
    """Steps spaced by timers so QGIS paints between them."""

    def __init__(self):
        from qgis.utils import iface

        self.iface = iface
        self.out = Path(os.environ[ENV_PREFIX + "OUT"])
        self.lang = os.environ[ENV_PREFIX + "LANG"]
        self.result = {"steps": [], "lang": self.lang}
        self.dock = None

    def name(self, stem):
        return f"{stem}.png" if self.lang == "en" else f"{stem}-{self.lang}.png"

    def step(self, name, ok, **details):
        self.result["steps"].append({"name": name, "ok": bool(ok), **details})

    def later(self, msec, slot):
        from qgis.PyQt.QtCore import QTimer

        def guarded():
            try:
                slot()
            except Exception:  # noqa: BLE001 - any failure must end QGIS with a report
                self.step("exception", False, traceback=traceback.format_exc())
                self.finish()

        QTimer.singleShot(msec, guarded)

    def start(self):
        import qgis.utils
        from qgis.core import QgsApplication, QgsProject, QgsSettings, QgsVectorLayer

        self.result["userLocale"] = QgsSettings().value("locale/userLocale", "")
        window = self.iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)  # no window manager under Xvfb: size it to the screen
        path = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
        layer = QgsVectorLayer(f"{path}|layername=countries", "Countries", "ogr")
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer)
        entry = None
        for action in self.iface.webMenu().actions():
            if action.menu() is not None and action.text() == MENU_TITLE:
                entry = next(iter(action.menu().actions()), None)
        self.step("web menu entry", entry is not None)
        if entry is not None:
            entry.trigger()
        self.dock = getattr(qgis.utils.plugins.get(PLUGIN), "dock", None)
        self.step("dock opened", self.dock is not None and self.dock.isVisible())
        self.later(500, self.arrange)

    def arrange(self):
        from qgis.core import QgsRectangle
        from qgis.PyQt.QtCore import Qt

        self.iface.mapCanvas().setExtent(QgsRectangle(4.0, 42.0, 10.5, 45.5))
        self.iface.mapCanvas().refresh()
        if self.dock is not None:
            self.iface.mainWindow().resizeDocks([self.dock], [460], Qt.Orientation.Horizontal)
        self.later(2000, self.screenshot)

    def screenshot(self):
        ok = self.iface.mainWindow().grab().save(str(self.out / self.name("dock")))
        self.step("screenshot", ok)
        if self.dock is not None:
            self.result["texts"] = widget_texts(self.dock)
        self.processing_dialog()

    def processing_dialog(self):
        import processing

        dialog = processing.createAlgorithmDialog("beod:runextraction")
        self.step("processing dialog", dialog is not None)
        if dialog is None:
            self.finish()
            return
        dialog.move(40, 40)
        dialog.resize(900, 640)
        dialog.show()
        self._dialog = dialog
        self.later(1500, self.processing_screenshot)

    def processing_screenshot(self):
        dialog = self._dialog
        ok = dialog.grab().save(str(self.out / self.name("processing")))
        self.step("processing screenshot", ok, title=dialog.windowTitle())
        self.result["processing_title"] = dialog.windowTitle()
        dialog.close()
        self.finish()

    def finish(self):
        from qgis.core import QgsApplication

        self.result["ok"] = all(step["ok"] for step in self.result["steps"])
        (self.out / "texts.json").write_text(json.dumps(self.result, indent=2, ensure_ascii=False),
                                             encoding="utf-8")
        QgsApplication.instance().exit(0)


_KEEP = []


def run_inside_qgis():
    check = LanguageCheck()
    _KEEP.append(check)
    check.later(3000, check.start)


# -- the launcher ------------------------------------------------------------------------------------
def run(lang: str, out: Path, plugin_zip: Path = None) -> dict:
    """Run QGIS in ``lang``; the report (``texts``, ``steps``, ``ok``), files in ``out``."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "scripts"))
    import qgis_profile

    out.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="beod-lang-"))
    try:
        qgis_profile.make_profile(base / "profiles", plugin_zip,
                                  settings={"locale/userLocale": lang, "locale/overrideFlag": "true"})
        (base / "runtime").mkdir(mode=0o700)
        work = base / "out"
        work.mkdir()
        env = dict(os.environ, HOME=str(base / "home"), QT_QPA_PLATFORM="xcb",
                   XDG_RUNTIME_DIR=str(base / "runtime"), LANG="C.UTF-8",
                   **{ENV_PREFIX + "OUT": str(work), ENV_PREFIX + "LANG": lang})
        env.pop("QGIS_PLUGINPATH", None)
        env.pop("LC_ALL", None)
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--noversioncheck", "--nologo",
                   "--profiles-path", str(base / "profiles"), "--code", str(Path(__file__).resolve())]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
        report_file = work / "texts.json"
        if not report_file.exists():
            return {"ok": False, "steps": [], "texts": [],
                    "output": output.decode("utf-8", "replace")[-4000:]}
        report = json.loads(report_file.read_text(encoding="utf-8"))
        for png in work.glob("*.png"):
            shutil.copyfile(png, out / png.name)
        shutil.copyfile(report_file, out / f"texts-{lang}.json")
        return report
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--lang", default="fr", help="QGIS language code (default fr)")
    parser.add_argument("--out", type=Path, default=root / "docs", help="folder of the screenshots")
    parser.add_argument("--shots", nargs="+", choices=("dock", "processing"), default=("dock", "processing"),
                        help="which screenshots to keep (the English dock.png is the desktop test's)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="beod-lang-out-") as tmp:
        report = run(args.lang, Path(tmp))
        for png in Path(tmp).glob("*.png"):
            if png.stem.split("-")[0] not in args.shots:
                continue
            shutil.copyfile(png, args.out / png.name)
            print(args.out / png.name)
    print(json.dumps({key: value for key, value in report.items() if key != "texts"}, indent=2))
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    if os.environ.get(ENV_PREFIX + "OUT") and "qgis.utils" in sys.modules:
        run_inside_qgis()
    else:
        sys.exit(main())

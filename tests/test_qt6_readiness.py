"""QGIS 4 (Qt 6) readiness, as far as it can be checked without a QGIS 4 build.

The dock's Designer file must compile with PyQt6's ``uic`` and build a real Qt 6 widget tree,
and no Python module may name a Qt enum without its enum class (Qt 6 refuses ``Qt.AlignLeft``).
PyQt6 is a development tool of requirements-dev.txt; it runs in a subprocess of its own, since
a process cannot hold both PyQt5 (QGIS 3) and PyQt6.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import lint  # noqa: E402

# Run by a fresh Python: compile the .ui with PyQt6's uic, then run the generated setupUi on a
# Qt 6 widget, QGIS's custom widgets stood in by the Qt classes they extend.
BUILD_WITH_QT6 = r"""
import io, json, sys, types
import xml.etree.ElementTree as ET
from PyQt6 import uic, QtWidgets
ui_path = sys.argv[1]
code = io.StringIO()
uic.compileUi(ui_path, code)
for custom in ET.parse(ui_path).getroot().iter("customwidget"):
    base = getattr(QtWidgets, custom.findtext("extends"))
    module = custom.findtext("header").rsplit(".", 1)[0]
    stub = sys.modules.setdefault(module, types.ModuleType(module))
    setattr(stub, custom.findtext("class"), type(custom.findtext("class"), (base,), {}))
namespace = {}
exec(compile(code.getvalue(), "dock_ui_qt6", "exec"), namespace)
app = QtWidgets.QApplication([])
form_class = next(value for name, value in namespace.items() if name.startswith("Ui_"))
top = getattr(QtWidgets, ET.parse(ui_path).getroot().find("widget").get("class"))()
form = form_class()
form.setupUi(top)
print(json.dumps(sorted(name for name in vars(form) if not name.startswith("_"))))
"""


def test_dock_ui_builds_with_pyqt6_uic(tmp_path):
    ui_path = ROOT / "ui" / "dock.ui"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", BUILD_WITH_QT6, str(ui_path)], capture_output=True,
                         text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    built = set(json.loads(run.stdout.strip().splitlines()[-1]))
    top, *named = re.findall(r'<widget class="[^"]+" name="([^"]+)"', ui_path.read_text(encoding="utf-8"))
    assert top and named and set(named) <= built, sorted(set(named) - built)


def test_unscoped_qt_enums_are_reported(tmp_path):
    module = tmp_path / "widget.py"
    module.write_text(
        "from qgis.PyQt import QtCore\n"
        "from qgis.PyQt.QtCore import Qt, QVariant\n"
        "from qgis.PyQt.QtWidgets import QMessageBox\n"
        "from qgis.core import QgsProcessing\n"
        "a = Qt.AlignLeft\n"
        "b = QMessageBox.Yes | QMessageBox.StandardButton.No\n"
        "c = QtCore.Qt.UserRole\n"
        "d = QVariant.String\n"
        "e = QgsProcessing.TypeVectorPolygon\n",
        encoding="utf-8",
    )
    assert lint.unscoped_qt_enums(module) == [
        (5, "Qt.AlignLeft"), (6, "QMessageBox.Yes"), (7, "QtCore.Qt.UserRole"), (8, "QVariant.String")]


def test_scoped_qt_enums_and_nested_classes_pass(tmp_path):
    module = tmp_path / "ok.py"
    module.write_text(
        "from qgis.PyQt import QtCore\n"
        "from qgis.PyQt.QtCore import Qt, QTimer\n"
        "from qgis.PyQt.QtGui import QFont\n"
        "a = Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop\n"
        "b = QFont.Weight.Bold\n"
        "c = Qt.ItemDataRole(256)\n"
        "QTimer.singleShot(0, print)\n",
        encoding="utf-8",
    )
    assert lint.unscoped_qt_enums(module) == []


def test_the_plugin_names_every_qt_enum_with_its_enum():
    findings = [(rel, line, text) for rel in lint.repository_files() if rel.endswith(".py")
                for line, text in lint.unscoped_qt_enums(ROOT / rel)]
    assert findings == []

"""The real QGIS desktop under Xvfb: the dock runs an extraction and the results are in the map.

``scripts/screenshot_results.py`` (the README screenshot) drives the dock inside QGIS like a
user: sign in to the emulator, draw the tutorial's area, Run; it reports each step and
saves the main window. Here it saves to a temporary file instead of ``docs/``.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "screenshot_results.py"

pytestmark = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")),
    reason="needs the qgis and xvfb packages (make deps installs them)",
)


def test_dock_runs_an_extraction_in_real_qgis(tmp_path):
    from qgis.PyQt.QtGui import QImage

    out = tmp_path / "results.png"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], cwd=str(ROOT),
                          capture_output=True, text=True, timeout=400)
    report = proc.stdout
    assert proc.returncode == 0, report[-4000:] + proc.stderr[-2000:]
    assert '"step": "signed in"' in report and "demo@beod.example" in report
    assert "8 vertices" in report  # the tutorial's area, drawn with mouse clicks on the canvas
    assert '"Buildings"' in report and '"Trees"' in report and '"Roads"' in report
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1200

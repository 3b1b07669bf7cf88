"""``make demo`` end to end, at a faster pace: the project, the map render and the summary."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from beod_qgis.core.results_load import tiled_scenes_supported
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
GROUP = "BEOD demo - Sophia Antipolis"


def test_make_demo_writes_project_render_and_summary(qgis_app, tmp_path):
    out = tmp_path / "demo-output"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BEOD_DEMO_RUN_SECONDS="1")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py"), "--out", str(out), "--size", "800x600"],
        cwd=str(ROOT),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    summary = run.stdout
    for stage in ("Signing in", "Extracting on the server", "Downloading results", "Merging tiles", "Total"):
        assert stage in summary
    assert "Buildings" in summary and "features" in summary
    assert "salt hex" not in run.stderr  # no auth debug noise
    assert "DeprecationWarning" not in run.stderr, run.stderr

    # The saved project opens with the group and layers with features.
    qgz = out / "beod_demo.qgz"
    assert zipfile.is_zipfile(qgz)
    project = QgsProject()
    assert project.read(str(qgz))
    group = project.layerTreeRoot().findGroup(GROUP)
    assert group is not None
    layers = [node.layer() for node in group.findLayers()]
    vectors = [layer for layer in layers if isinstance(layer, QgsVectorLayer)]
    rasters = [layer for layer in layers if isinstance(layer, QgsRasterLayer)]
    assert vectors and all(layer.isValid() and layer.featureCount() > 0 for layer in vectors)
    assert rasters and all(layer.isValid() for layer in rasters)
    if tiled_scenes_supported():  # QGIS 3.34+: the 3D Tiles too, as tiled-scene layers
        three_d = {layer.name(): layer.isValid() for layer in layers
                   if type(layer).__name__ == "QgsTiledSceneLayer"}
        assert three_d == {"Buildings (3D)": True, "Trees (3D)": True}
    project.clear()

    # The render shows something: many different colours, not a blank image.
    image = QImage(str(out / "beod_demo.png"))
    assert (image.width(), image.height()) == (800, 600)
    colours = {image.pixel(x, y) for x in range(0, 800, 10) for y in range(0, 600, 10)}
    assert len(colours) > 50

    # The 3D render (where the QGIS desktop can run under Xvfb): buildings on the terrain.
    if shutil.which("qgis") and shutil.which("xvfb-run"):
        assert "3D render:" in summary and "skipped" not in summary.split("3D render:")[1].splitlines()[0]
        image = QImage(str(out / "beod_demo_3d.png"))
        assert (image.width(), image.height()) == (800, 600)
        counts = {}
        for x in range(0, 800, 4):
            for y in range(0, 600, 4):
                counts[image.pixel(x, y)] = counts.get(image.pixel(x, y), 0) + 1
        sky = max(counts.values())
        assert len(counts) > 200  # shaded terrain, roofs and walls, trees: not a blank sky
        assert 1 - sky / sum(counts.values()) > 0.2

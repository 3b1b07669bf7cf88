"""The real QGIS desktop under Xvfb: "3D" on a finished job in the dock's Jobs list opens a
3D view where the buildings and the terrain are drawn.

``scripts/desktop_3d.py check`` first opens a 3D view of an (invisible) square, the empty
scene, then loads the tutorial area's results as a finished extraction does, clicks the
job's "3D" button and grabs the new 3D view from the screen. The scene kept in the project
(the "<job> (3D)" layout, DEM terrain included) is drawn to a PNG as well. The 3D views are
closed and the project cleared before QGIS quits; a crash of QGIS 3.22 at exit after a 3D
view is tolerated (the report is written before).

``BEOD_QGIS_ROOT=/path/to/root`` runs the ``qgis`` of another installation tree (a chroot of
another QGIS version) instead of the system's.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import desktop_3d  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")),
    reason="needs the qgis and xvfb packages (make deps installs them)",
)


@pytest.fixture(scope="module")
def run(tmp_path_factory, plugin_zip):
    out = tmp_path_factory.mktemp("desktop3d")
    qgis_root = os.environ.get("BEOD_QGIS_ROOT")
    report = desktop_3d.launch("check", out, qgis_root=Path(qgis_root) if qgis_root else None,
                               plugin_zip=plugin_zip)
    return report, out


def test_show_in_3d_from_the_jobs_list(run):
    report, out = run
    steps = {step["step"]: step for step in report.get("steps", [])}
    failed = [step for step in report.get("steps", []) if not step["ok"]]
    assert report.get("ok") and not failed, (failed, report.get("output", "")[-3000:])
    assert steps["3D button in the Jobs list"]["text"] == "3D"
    assert steps["3D view opened from the dock"]["titles"] == ["Sophia Antipolis 3D (3D)"]
    assert (out / "view3d.png").exists()
    assert steps["Show in 3D in the layer's context menu"]["ok"]


def test_the_view_stands_on_the_extracted_terrain(run):
    """Where the view is QGIS's own dock (QGIS < 3.36), its configuration shows the DTM as
    a DEM terrain (on 3.22 set through that dialog, on 3.26+ from the project's terrain)."""
    report, _ = run
    terrain = report.get("view_terrain")
    if terrain is None:
        pytest.skip("QGIS >= 3.36: the view gets the scene's DEM terrain through the API "
                    "(tests/test_results_3d.py checks those settings)")
    assert terrain == {"type": 1, "layer": "Terrain (3D elevation)"}, terrain


def test_buildings_and_terrain_drawn_in_the_view(run):
    """Against the empty scene (nearly one flat colour), the view shows many colours over most
    of its area, and the warm colours of the buildings' height classes."""
    report, _ = run
    empty, view = report["empty"], report["view"]
    assert view["width"] > 300 and view["height"] > 300
    # QGIS 3.22: one flat colour; 3.40 adds its axis gizmo in a corner
    assert empty["colours"] <= 40 and empty["drawn"] < 0.15, empty
    assert view["colours"] > max(200, 10 * empty["colours"]), (view, empty)
    assert view["drawn"] > max(0.3, 3 * empty["drawn"]), (view, empty)  # terrain over most of the view
    assert view["warm"] > 0.01, view  # roofs and walls in the building colours


def test_scene_kept_in_the_project_draws(run):
    report, out = run
    scene = report["scene"]
    assert (out / "scene3d.png").exists()
    assert scene["colours"] > 200 and scene["drawn"] > 0.2 and scene["warm"] > 0.01, scene

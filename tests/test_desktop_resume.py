"""Quitting QGIS never loses a run: the real desktop under Xvfb, closed and started again.

Three starts of QGIS on one profile (``scripts/desktop_resume_check.py`` plays each part):
the run is started from the dock of a saved project and the main window closed while the
run is "Extracting on the server"; QGIS starts again, follows the run by itself, and the
window is closed again while the results download, QGIS's "Active Tasks" question answered
Yes in one test and No in the other; at the third start the results are in the ORIGINAL
project file, and the server created (and charged) one scenario only.
"""

import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from tests.emulator.launch import start_emulator
from tests.test_desktop import run_in_own_group

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import qgis_profile  # noqa: E402

SCRIPT = ROOT / "scripts" / "desktop_resume_check.py"
RUN_NAME = "Left running"

pytestmark = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")),
    reason="needs the qgis and xvfb packages (make deps installs them)",
)


def start_qgis(base: Path, out: Path, phase: str, answer: str, emulator) -> dict:
    env = dict(os.environ, BEOD_CHECK_DIR=str(out), HOME=str(base / "home"), QT_QPA_PLATFORM="xcb",
               XDG_RUNTIME_DIR=str(base / "runtime"), XDG_DATA_HOME=str(base / "data"),
               BEOD_RESUME_PHASE=phase, BEOD_RESUME_ANSWER=answer, BEOD_RESUME_URL=emulator.api_url,
               BEOD_RESUME_EMAIL=emulator.email, BEOD_RESUME_PASSWORD=emulator.password,
               TMPDIR=str(base / "tmp"))  # the results folder is not in QGIS's temporary folder
    env.pop("QGIS_PLUGINPATH", None)
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--noversioncheck", "--nologo",
               "--profiles-path", str(base / "profiles"), "--code", str(SCRIPT)]
    returncode, output = run_in_own_group(command, env)
    (out / f"{phase}-output.txt").write_text(output, encoding="utf-8")
    report = out / f"{phase}.json"
    assert report.exists(), f"{phase}: no report; QGIS output:\n{output[-4000:]}"
    result = json.loads(report.read_text(encoding="utf-8"))
    result["returncode"] = returncode
    errors = [step for step in result["steps"] if step["step"] in ("exception", "timeout")]
    assert not errors, json.dumps(result, indent=1)[-6000:]
    return result


def step(result: dict, name: str) -> dict:
    found = [entry for entry in result["steps"] if entry["step"] == name]
    assert found, f"no step {name!r}: {json.dumps(result, indent=1)[-4000:]}"
    return found[-1]


def saved_groups(project_file: Path) -> str:
    with zipfile.ZipFile(project_file) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".qgs"))
        return archive.read(name).decode("utf-8")


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_quit_during_a_run_and_find_the_results_in_the_original_project(tmp_path, plugin_zip, answer):
    base = tmp_path
    out = base / "out"
    out.mkdir()
    (base / "runtime").mkdir(mode=0o700)
    (base / "tmp").mkdir()
    qgis_profile.make_profile(base / "profiles", plugin_zip)
    startup = base / "data" / "QGIS" / "QGIS3" / "startup.py"
    startup.parent.mkdir(parents=True)
    shutil.copyfile(SCRIPT, startup)
    with start_emulator(run_seconds=20.0) as emulator:
        # Many tiles, each answer slowed down: the download lasts long enough to quit during it.
        emulator.configure(forced_tile_count=12, zip_max_km2=0.0, latency_ms=250.0)

        first = start_qgis(base, out, "start", answer, emulator)
        on_server = step(first, "on the server")
        assert on_server["job"]["stage"] == "running"
        assert on_server["jobs_row"] == ["Extracting on the server", "Stop following"], on_server
        # Nothing of the run is a QGIS task while it is on the server: QGIS closes without asking.
        assert not [t for t in on_server["active_tasks"] if RUN_NAME in t], on_server
        assert not [d for d in first["dialogs"] if "Active Tasks" in d["title"]], first["dialogs"]
        store = json.loads((qgis_profile.profile_dir(base / "profiles") / "beod_jobs.json").read_text())
        job = next(j for j in store["jobs"] if j["name"] == RUN_NAME)
        assert job["state"] == "running" and job["scenario_id"] is not None
        assert job["project_file"] == str(out / "original.qgz")

        second = start_qgis(base, out, "resume", answer, emulator)
        downloading = step(second, "downloading")
        assert any(RUN_NAME in t for t in downloading["active_tasks"]), downloading
        asked = [d for d in second["dialogs"] if "Active Tasks" in d["title"]]
        assert asked and asked[0]["answer"] == ("&Yes" if answer == "yes" else "&No"), second["dialogs"]
        if answer == "no":
            assert RUN_NAME in step(second, "finished while QGIS stayed open")["groups"]

        third = start_qgis(base, out, "check", answer, emulator)
        final = step(third, "original project")
        assert final["file"] == str(out / "original.qgz")
        layers = final["groups"][RUN_NAME]
        assert sum(count for count in layers.values() if count > 0) > 0, layers
        assert final["job"]["state"] == "succeeded"
        if answer == "yes":
            buttons = step(third, "message bar")["buttons"]
            assert "Open original.qgz" in buttons and "Load into this project" in buttons, buttons
        assert f'name="{RUN_NAME}"' in saved_groups(out / "original.qgz")
        assert emulator.stats()["scenarios_created"][emulator.email] == 1  # nothing paid twice

"""The real QGIS desktop, under Xvfb, starts with the plugin installed from the release zip.

A fresh profile gets the unzipped plugin, enabled, and ``scripts/desktop_check.py`` runs both
as ``startup.py`` (recording every message-log entry from before the plugins load) and as the
``--code`` script (opening the dock, screenshots, unload and reload, then quitting QGIS).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import qgis_profile  # noqa: E402

CHECK_SCRIPT = ROOT / "scripts" / "desktop_check.py"
TIMEOUT = 120

pytestmark = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")),
    reason="needs the qgis and xvfb packages (make deps installs them)",
)


def run_in_own_group(command, env):
    """Run ``command``; (exit code or None on timeout, output). A timeout kills the whole
    process group (xvfb-run, Xvfb and QGIS)."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=TIMEOUT)
        return proc.returncode, output.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        return None, f"QGIS did not finish within {TIMEOUT} s\n" + output.decode("utf-8", "replace")


def mentions_plugin(entry: dict) -> bool:
    text = entry["message"]
    return entry["tag"] in ("BEOD", "Python error") or "beod_qgis" in text or "BrightEarth" in text


@pytest.fixture(scope="module")
def desktop_run(tmp_path_factory, plugin_zip):
    """Run QGIS once for the whole module; return (result, log entries, output folder)."""
    base = tmp_path_factory.mktemp("desktop")
    out = base / "out"
    out.mkdir()
    qgis_profile.make_profile(base / "profiles", plugin_zip)
    # QGIS imports every "startup.py" of its application-data folders before loading plugins.
    startup = base / "data" / "QGIS" / "QGIS3" / "startup.py"
    startup.parent.mkdir(parents=True)
    shutil.copyfile(CHECK_SCRIPT, startup)
    env = dict(os.environ, BEOD_CHECK_DIR=str(out), HOME=str(base / "home"), QT_QPA_PLATFORM="xcb",
               XDG_RUNTIME_DIR=str(base / "runtime"), XDG_DATA_HOME=str(base / "data"))
    env.pop("QGIS_PLUGINPATH", None)  # only the profile's copy of the plugin
    (base / "runtime").mkdir(mode=0o700)
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--noversioncheck", "--nologo",
               "--profiles-path", str(base / "profiles"), "--code", str(CHECK_SCRIPT)]
    returncode, output = run_in_own_group(command, env)
    (out / "qgis-output.txt").write_text(output, encoding="utf-8")
    result_file = out / "result.json"
    assert result_file.exists(), f"no result written by the desktop check; QGIS output:\n{output[-4000:]}"
    log_file = out / "log.jsonl"
    entries = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()] \
        if log_file.exists() else []
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["returncode"] = returncode
    return result, entries, out


def test_plugin_starts_in_real_qgis(desktop_run):
    result, _, _ = desktop_run
    failed = [step for step in result["steps"] if not step["ok"]]
    assert failed == [], json.dumps(result, indent=2)


def test_qgis_exits_cleanly(desktop_run):
    """A crash (for instance while QGIS deletes the dock at exit) or a hang fails here."""
    result, _, out = desktop_run
    output = (out / "qgis-output.txt").read_text(encoding="utf-8")
    assert result["returncode"] == 0, output[-6000:]


def test_no_error_while_loading(desktop_run):
    _, entries, _ = desktop_run
    python_errors = [e for e in entries if e["tag"] == "Python error"]
    ours = [e for e in entries if mentions_plugin(e) and e["level"] >= 1]  # Warning or Critical
    assert python_errors == [] and ours == [], json.dumps(python_errors + ours, indent=2)


def test_startup_collector_was_active(desktop_run):
    """The error check above means something only if the collector saw QGIS's log."""
    _, entries, out = desktop_run
    assert (out / "log.jsonl").exists(), "startup.py did not run: the error check saw nothing"
    assert entries, "the message log recorded nothing at all"


def test_screenshots_saved(desktop_run):
    from qgis.PyQt.QtGui import QImage

    _, _, out = desktop_run
    for name, min_width in (("qgis.png", 800), ("dock.png", 100)):
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() >= min_width, name
    if os.environ.get("BEOD_SAVE_SCREENSHOT"):
        shutil.copyfile(out / "qgis.png", ROOT / "docs" / "dock.png")


def test_make_qgis_starts_qgis_against_the_emulator(tmp_path):
    """``make qgis`` unattended: emulator up, profile pointed at it, QGIS started and closed."""
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(tmp_path / "runtime"))
    env.pop("DISPLAY", None)
    (tmp_path / "runtime").mkdir(mode=0o700)
    command = [sys.executable, str(ROOT / "scripts" / "run_qgis.py"), "--quit-after", "6",
               "--run-seconds", "1", "--profiles-path", str(tmp_path / "profiles")]
    returncode, output = run_in_own_group(command, env)
    assert returncode == 0, output[-4000:]
    assert "email:" in output and "password:" in output
    ini = (tmp_path / "profiles" / "profiles" / "default" / "QGIS" / "QGIS3.ini").read_text(encoding="utf-8")
    api_url = output.split("BEOD emulator: ")[1].split()[0]
    assert f"server_url={api_url}" in ini
    assert (tmp_path / "profiles" / "profiles" / "default" / "python" / "plugins" / "beod_qgis"
            / "metadata.txt").exists()

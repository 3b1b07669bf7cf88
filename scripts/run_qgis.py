"""``make qgis``: try the plugin by hand in the real QGIS against the local BEOD emulator.

Starts the emulator (jobs take ``--run-seconds``, 20 s by default, like a short real run),
builds a throwaway QGIS profile with the plugin installed from the release zip, enabled and
pointed at the emulator, prints the demo account to sign in with, and runs QGIS (on your
display when ``$DISPLAY`` is set, otherwise under Xvfb). The emulator stops when QGIS exits.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import build_zip  # noqa: E402
import qgis_profile  # noqa: E402

QUIT_CODE = """
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
QTimer.singleShot({msec}, QgsApplication.instance().quit)
"""


def server_url_key(plugin_zip: Path, work: Path) -> str:
    """The plugin's own settings key for the server URL (read from ``core/settings.py``)."""
    unpacked = work / "plugin-copy"
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(unpacked)
    sys.path.insert(0, str(unpacked))
    try:
        from beod_qgis.core.settings import KEY_SERVER_URL
    finally:
        sys.path.remove(str(unpacked))
    return KEY_SERVER_URL


def qgis_command(profiles: Path, code_file: Path = None) -> list:
    command = ["qgis", "--noversioncheck", "--profiles-path", str(profiles)]
    if code_file is not None:
        command += ["--code", str(code_file)]
    if not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    return command


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run-seconds", type=float, default=20.0,
                        help="how long an extraction runs on the emulator (default 20)")
    parser.add_argument("--profiles-path", help="keep the QGIS profile in this folder (default: temporary)")
    parser.add_argument("--quit-after", type=float, default=None,
                        help="close QGIS after this many seconds (unattended smoke run)")
    args = parser.parse_args(argv)

    from tests.emulator.launch import start_emulator

    work = Path(tempfile.mkdtemp(prefix="beod-qgis-"))
    profiles = Path(args.profiles_path).resolve() if args.profiles_path else work / "profiles"
    try:
        plugin_zip = build_zip.build_zip(work / "dist")
        key = server_url_key(plugin_zip, work)
        with start_emulator(run_seconds=args.run_seconds) as emulator:
            profile = qgis_profile.make_profile(profiles, plugin_zip, settings={key: emulator.api_url})
            print(f"BEOD emulator: {emulator.api_url} (jobs take {args.run_seconds:g} s)")
            print(f"QGIS profile:  {profile}")
            print("Sign in to the BrightEarth On Demand panel (Web menu or toolbar) with the demo account:")
            print(f"    email:    {emulator.email}")
            print(f"    password: {emulator.password}")
            code_file = None
            if args.quit_after is not None:
                code_file = work / "quit.py"
                code_file.write_text(QUIT_CODE.format(msec=int(args.quit_after * 1000)), encoding="utf-8")
            # The Makefile exports QT_QPA_PLATFORM=offscreen for the tests; the desktop needs X11.
            env = dict(os.environ, QT_QPA_PLATFORM="xcb")
            process = subprocess.Popen(qgis_command(profiles, code_file), env=env)
            try:
                returncode = process.wait()
            except KeyboardInterrupt:
                process.terminate()
                returncode = process.wait()
            print(f"QGIS exited with code {returncode}; stopping the emulator.")
            return returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""``python -m beod`` run as a user runs it (a subprocess) against the emulator."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AOI = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def beod(*args, env=None, timeout=120, stdin=subprocess.DEVNULL):
    return subprocess.run([sys.executable, "-m", "beod", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=stdin)


@pytest.fixture
def env(emulator):
    values = dict(os.environ, BEOD_SERVER=emulator.api_url, BEOD_EMAIL=emulator.email,
                  BEOD_PASSWORD=emulator.password, PYTHONPATH=str(ROOT))
    values.pop("http_proxy", None)
    values.pop("HTTP_PROXY", None)
    return values


def test_me_prints_user_and_credits(env, emulator):
    done = beod("me", env=env)
    assert done.returncode == 0, done.stderr
    assert "user_id: " in done.stdout and "credits: 1000000" in done.stdout
    assert emulator.password not in done.stdout + done.stderr


def test_run_then_list_status_and_download(env, emulator, tmp_path):
    aoi_file = tmp_path / "aoi.wkt"
    aoi_file.write_text(AOI)
    out = tmp_path / "results"
    done = beod("run", "--aoi", str(aoi_file), "--name", "cli run", "--crs", "4326",
                "--vector-formats", "geopackage", "--raster-formats", "geotiff", "--dl-model", "m1",
                "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.strip().splitlines())
    pid, sid = lines["project_id"], lines["scenario_id"]
    assert Path(lines["output"]) == out
    assert list(out.glob("0/EXPORT/building/geopackage/building.gpkg"))
    assert not list(out.glob("0/EXPORT/building/shapefile"))  # only the requested format
    assert "download:" in done.stderr or "download " in done.stderr  # progress on stderr

    listed = beod("projects", env=env)
    assert listed.returncode == 0 and "cli run" in listed.stdout
    scenarios = beod("scenarios", pid, env=env)
    assert scenarios.returncode == 0 and "SUCCESSFUL" in scenarios.stdout and sid in scenarios.stdout
    activity = scenarios.stdout.strip().splitlines()[2].split()[-2]
    status = beod("status", pid, activity, env=env)
    assert status.returncode == 0 and "state: SUCCESSFUL" in status.stdout

    again = beod("download", pid, sid, "--out", str(out), env=env)
    assert again.returncode == 0, again.stderr
    assert "already there" in again.stdout


@pytest.mark.parametrize("args, change, code, text", [
    (("me",), {"BEOD_PASSWORD": "wrong-password-fake"}, 3, "email and password"),  # pragma: allowlist secret
    (("scenarios", "999999"), {}, 7, "not found"),
    (("run", "--aoi", "POINT (7 43)", "--out", "unused"), {}, 4, "must be a polygon"),
    (("run", "--aoi", "missing-file.geojson", "--out", "unused"), {}, 2, "no such file"),
    (("me",), {"BEOD_SERVER": "http://127.0.0.1:9"}, 5, "could not reach"),
    (("me",), {"BEOD_EMAIL": ""}, 2, "--email"),
])
def test_errors_are_one_clear_line_and_an_exit_code(env, args, change, code, text):
    done = beod(*args, env=dict(env, **change))
    assert done.returncode == code
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and text in lines[0]
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback_without_secrets(env):
    wrong = "wrong-password-fake-2"  # pragma: allowlist secret
    done = beod("--debug", "me", env=dict(env, BEOD_PASSWORD=wrong))
    assert done.returncode == 3
    assert "Traceback" in done.stderr and wrong not in done.stderr


def test_password_is_never_an_argument_and_not_asked_without_a_terminal(env):
    no_password = dict(env)
    no_password.pop("BEOD_PASSWORD")
    done = beod("me", env=no_password)
    assert done.returncode == 2 and "BEOD_PASSWORD" in done.stderr
    assert beod("--password", "x", "me", env=env).returncode == 2


def test_failed_scenario_exit_code(env, emulator, tmp_path):
    emulator.configure(fail_next_runs=1, fail_details="No imagery here")
    done = beod("run", "--aoi", AOI, "--out", str(tmp_path), env=env)
    assert done.returncode == 6
    assert done.stderr.strip().splitlines()[-1].startswith("error: ") and "No imagery here" in done.stderr
    assert "project_id: " in done.stdout  # the ids are printed so the run can be inspected


def test_debug_log_of_a_download_shows_no_signature_or_token(env, emulator, tmp_path):
    first = beod("run", "--aoi", AOI, "--out", str(tmp_path / "a"), env=env)
    assert first.returncode == 0, first.stderr
    ids = dict(line.split(": ", 1) for line in first.stdout.strip().splitlines())
    done = beod("--debug", "download", ids["project_id"], ids["scenario_id"], "--out", str(tmp_path / "b"),
                env=env)
    assert done.returncode == 0, done.stderr
    assert "DEBUG" in done.stderr and "/download/urls" in done.stderr  # the debug log is there
    assert "X-Amz-" not in done.stderr  # no query string of a presigned URL
    assert "Bearer ey" not in done.stderr and emulator.password not in done.stderr


def test_password_is_asked_without_echo_in_a_terminal(env, emulator):
    import pty
    import select

    no_password = dict(env)
    no_password.pop("BEOD_PASSWORD")
    pid, fd = pty.fork()
    if pid == 0:  # the child runs the command line on the terminal
        try:
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "beod", "me"], no_password)  # noqa: S606
        finally:
            os._exit(127)
    output = b""

    def read_until(marker, seconds=60):
        nonlocal output
        deadline = time.monotonic() + seconds
        while marker not in output and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
        return marker in output

    assert read_until(b"BEOD password:")
    os.write(fd, emulator.password.encode() + b"\n")
    assert read_until(b"credits:")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert emulator.password.encode() not in output  # typed without echo

"""One writer per output folder, one scenario per folder, and no file we did not write is
ever replaced: two ``python -m beod download`` of one scenario into one folder, two
scenarios into one ``--out``, a folder holding the user's own files."""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from beod.download import download_scenario
from beod.follow import follow_activity
from beod.models import ScenarioParams
from beod.outfolder import FolderBusyError, FolderInUseError, OutputFolder

ROOT = Path(__file__).resolve().parent.parent
SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def finished_scenario(client, emulator, name, **settings):
    emulator.configure(run_seconds=0.2, **settings)
    pid = client.create_project(name)
    client.create_aoi(pid, SQUARE)
    sid, aid = client.create_scenario(pid, ScenarioParams(name=name))
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.3)
    client.download_urls(pid, sid)
    return pid, sid


def tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".beod" not in p.parts}


def _env(emulator):
    values = dict(os.environ, BEOD_SERVER=emulator.api_url, BEOD_EMAIL=emulator.email,
                  BEOD_PASSWORD=emulator.password, PYTHONPATH=str(ROOT))
    for name in ("http_proxy", "HTTP_PROXY"):
        values.pop(name, None)
    return values


def test_two_command_line_downloads_into_one_folder(client, emulator, tmp_path):
    """The second writer is refused with a clear message; the first completes a file of
    exactly the right size (the finding: 100 MB grew to 122-152 MB, both exited 0)."""
    pid, sid = finished_scenario(client, emulator, "two writers", zip_max_km2=0, forced_tile_count=3,
                                 big_file_mb=16)
    reference = tmp_path / "reference"
    download_scenario(client, pid, sid, reference)
    emulator.configure(latency_ms=300)  # the first run lasts a few seconds
    out = tmp_path / "out"
    command = [sys.executable, "-m", "beod", "download", str(pid), str(sid), "--out", str(out)]
    first = subprocess.Popen(command, cwd=ROOT, env=_env(emulator), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list(out.rglob("*.part")) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run(command, cwd=ROOT, env=_env(emulator), capture_output=True, text=True,
                            timeout=120)
    first_out, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode != 0
    assert "Another download is writing into" in second.stderr
    assert tree(out) == tree(reference)
    # a third run finds everything complete
    third = subprocess.run(command, cwd=ROOT, env=_env(emulator), capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and "already there" in third.stdout
    assert tree(out) == tree(reference)


def test_the_lock_is_held_across_processes_and_released(tmp_path):
    code = ("import sys, time; from beod.outfolder import OutputFolder\n"
            "with OutputFolder(sys.argv[1], server='s', project_id=1, scenario_id=2):\n"
            "    print('locked', flush=True); time.sleep(30)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(FolderBusyError, match="Another download is writing"):
            with OutputFolder(tmp_path, server="s", project_id=1, scenario_id=2):
                pass
    finally:
        holder.kill()
        holder.wait()
    with OutputFolder(tmp_path, server="s", project_id=1, scenario_id=2, wait=5.0):
        pass  # the OS released the lock of the killed process


def test_a_second_scenario_into_the_same_folder_changes_nothing(client, emulator, tmp_path):
    first_pid, first_sid = finished_scenario(client, emulator, "first", zip_max_km2=0, forced_tile_count=2)
    second_pid, second_sid = finished_scenario(client, emulator, "second", zip_max_km2=0, forced_tile_count=2)
    out = tmp_path / "out"
    download_scenario(client, first_pid, first_sid, out)
    before = tree(out)
    with pytest.raises(FolderInUseError, match=f"holds the results of scenario {first_sid}"):
        download_scenario(client, second_pid, second_sid, out)
    assert tree(out) == before


def test_the_command_line_refuses_a_folder_of_another_scenario(client, emulator, tmp_path):
    first_pid, first_sid = finished_scenario(client, emulator, "cli first")
    second_pid, second_sid = finished_scenario(client, emulator, "cli second")
    out = tmp_path / "out"
    download_scenario(client, first_pid, first_sid, out)
    before = tree(out)
    done = subprocess.run([sys.executable, "-m", "beod", "download", str(second_pid), str(second_sid),
                           "--out", str(out)], cwd=ROOT, env=_env(emulator), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert f"holds the results of scenario {first_sid}" in done.stderr
    assert tree(out) == before


def test_the_users_own_file_in_the_way_is_never_replaced(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, "user file", zip_max_km2=0)
    out = tmp_path / "out"
    own = out / "0" / "EXPORT" / "building" / "geopackage" / "building.gpkg"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"the user's own data")
    with pytest.raises(FolderInUseError, match="which this download did not write"):
        download_scenario(client, pid, sid, out)
    assert own.read_bytes() == b"the user's own data"


def test_the_users_own_file_in_the_way_of_a_zip_is_never_replaced(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, "user file zip")
    out = tmp_path / "out"
    own = out / "0" / "EXPORT" / "building" / "shapefile" / "building.shp"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"the user's own shapefile")
    with pytest.raises(FolderInUseError, match="which this download did not write"):
        download_scenario(client, pid, sid, out)
    assert own.read_bytes() == b"the user's own shapefile"


def test_a_file_is_skipped_only_when_recorded_complete(client, emulator, tmp_path):
    """A file of the right name is not enough: one damaged after the run (another size) is
    fetched again; one recorded complete is skipped."""
    pid, sid = finished_scenario(client, emulator, "journal", zip_max_km2=0)
    out = tmp_path / "out"
    download_scenario(client, pid, sid, out)
    expected = tree(out)
    damaged = next(p for p in out.rglob("building.gpkg"))
    damaged.write_bytes(damaged.read_bytes()[:100])
    result = download_scenario(client, pid, sid, out)
    assert tree(out) == expected
    assert result.skipped == len(expected) - 1


def test_run_into_a_folder_of_another_scenario_starts_nothing(client, emulator, tmp_path):
    """Refused before the project and the scenario are created: no credit is spent on a
    run whose results could not be written."""
    pid, sid = finished_scenario(client, emulator, "earlier run")
    out = tmp_path / "out"
    download_scenario(client, pid, sid, out)
    before = tree(out)
    created = sum(emulator.stats()["scenarios_created"].values())
    aoi = tmp_path / "aoi.wkt"
    aoi.write_text(SQUARE)
    done = subprocess.run([sys.executable, "-m", "beod", "run", "--aoi", str(aoi), "--out", str(out)],
                          cwd=ROOT, env=_env(emulator), capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"holds the results of scenario {sid}" in done.stderr
    assert "nothing was started on the server" in done.stderr
    assert sum(emulator.stats()["scenarios_created"].values()) == created
    assert tree(out) == before


def test_which_folders_can_take_a_scenario(client, emulator, tmp_path):
    from beod.outfolder import can_take

    pid, sid = finished_scenario(client, emulator, "can take")
    assert can_take(tmp_path / "missing", pid, sid)
    (tmp_path / "empty").mkdir()
    assert can_take(tmp_path / "empty", pid, sid)
    download_scenario(client, pid, sid, tmp_path / "ours")
    assert can_take(tmp_path / "ours", pid, sid)
    assert not can_take(tmp_path / "ours", pid, sid + 1)
    older = tmp_path / "older"  # files without bookkeeping: their origin is unknown
    (older / "0" / "EXPORT").mkdir(parents=True)
    assert not can_take(older, pid, sid)

"""``python -m beod`` through outages and next to other runs, as a user runs it (subprocesses).

The emulator's listeners are closed (connections refused) for ``BEOD_CLI_OUTAGE_SECONDS``
(default 20 s: the dock test holds the three-minute outage) while ``run`` follows the
scenario, and while ``download`` fetches the results; both end in success on their own.
Two ``run`` at once each print their own cost, or say it cannot be told apart.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.emulator.launch import start_emulator

ROOT = Path(__file__).resolve().parent.parent
AOI = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"
AOI_2 = "POLYGON ((6.96 43.605, 6.963 43.605, 6.963 43.608, 6.96 43.608, 6.96 43.605))"
OUTAGE_SECONDS = float(os.environ.get("BEOD_CLI_OUTAGE_SECONDS", "20"))


@pytest.fixture(scope="module")
def closable():
    with start_emulator(run_seconds=1.0, closable=True) as handle:
        yield handle


def wait_reachable(emulator, timeout: float = 300.0) -> None:
    """Until a previous test's outage is over."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            emulator.settings()
            return
        except OSError:
            assert time.monotonic() < deadline, "the emulator stayed closed"
            time.sleep(0.5)


@pytest.fixture
def env(closable):
    wait_reachable(closable)
    closable.reset()
    values = dict(os.environ, BEOD_SERVER=closable.api_url, BEOD_EMAIL=closable.email,
                  BEOD_PASSWORD=closable.password, PYTHONPATH=str(ROOT))
    for name in ("http_proxy", "HTTP_PROXY"):
        values.pop(name, None)
    return values


def start(args, env):
    return subprocess.Popen([sys.executable, "-m", "beod", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def fields(stdout: str) -> dict:
    return dict(line.split(": ", 1) for line in stdout.strip().splitlines() if ": " in line)


def test_run_and_download_wait_out_outages(env, closable, tmp_path):
    closable.configure(run_seconds=OUTAGE_SECONDS / 2)
    out = tmp_path / "run"
    run = start(["run", "--aoi", AOI, "--name", "cli outage", "--out", str(out), "--poll", "0.5", "3"], env)
    deadline = time.monotonic() + 60
    while closable.stats()["scenarios_created"].get(closable.email, 0) < 1:
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.2)
    closable.outage(OUTAGE_SECONDS)
    stdout, stderr = run.communicate(timeout=OUTAGE_SECONDS + 180)
    assert run.returncode == 0, stderr[-3000:]
    assert "Server unreachable for" in stderr and "still trying" in stderr, stderr[-3000:]
    assert list(out.rglob("*.gpkg")) or list(out.rglob("*.shp"))
    result = fields(stdout)
    assert "credits" in result["cost"] or "told apart" in result["cost"], result

    # download of the same scenario into a new folder, the storage and API closed meanwhile
    # A download of many files, each slowed down, so that it is still going when the ports close.
    closable.configure(latency_ms=300.0, zip_max_km2=0.0, forced_tile_count=8, run_seconds=0.5)
    done = start(["run", "--aoi", AOI, "--name", "cli tiles", "--out", str(tmp_path / "tiles")], env)
    stdout, stderr = done.communicate(timeout=300)
    assert done.returncode == 0, stderr[-3000:]
    tiles = fields(stdout)
    again = tmp_path / "again"
    download = start(["download", tiles["project_id"], tiles["scenario_id"], "--out", str(again),
                      "--poll", "0.5", "3"], env)
    deadline = time.monotonic() + 60
    while not [p for p in again.rglob("*") if p.is_file()]:
        assert time.monotonic() < deadline and download.poll() is None, download.communicate()
        time.sleep(0.1)
    closable.outage(OUTAGE_SECONDS)
    closed = time.monotonic()
    stdout, stderr = download.communicate(timeout=OUTAGE_SECONDS + 180)
    assert download.returncode == 0, stderr[-3000:]
    assert "files: " in stdout
    assert time.monotonic() - closed >= OUTAGE_SECONDS, "the download ended before the outage did"
    if OUTAGE_SECONDS >= 60:  # shorter outages are absorbed by the retries of each file
        assert "Server unreachable for" in stderr, stderr[-3000:]
    first = tmp_path / "tiles"
    assert sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file()) == \
        sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())


def test_status_waits_out_an_outage(env, closable, tmp_path):
    from beod.client import Client
    from beod.models import ScenarioParams

    with Client(closable.api_url) as client:
        client.login(closable.email, closable.password)
        pid = client.create_project("status outage")
        client.create_aoi(pid, AOI)
        _sid, aid = client.create_scenario(pid, ScenarioParams())
    closable.outage(6.0)
    time.sleep(0.6)
    status = start(["status", str(pid), str(aid), "--poll", "0.5", "2"], env)
    stdout, stderr = status.communicate(timeout=90)
    assert status.returncode == 0, stderr
    assert "Server unreachable for" in stderr and "state: " in stdout


def test_two_runs_at_once_print_their_own_cost(env, closable, tmp_path):
    closable.configure(run_seconds=2.0)
    runs = [start(["run", "--aoi", aoi, "--name", f"cli cost {i}", "--out", str(tmp_path / str(i)),
                   "--poll", "0.5", "2"], env) for i, aoi in enumerate((AOI, AOI_2))]
    results = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=180)
        assert run.returncode == 0, stderr[-3000:]
        results.append(fields(stdout)["cost"])
    charged = closable.stats()["credits_charged"][closable.email]
    costs = []
    for text in results:
        if "told apart" in text:
            costs.append(None)
            continue
        cost = float(text.split()[0])
        assert 0 < cost < charged, (text, charged)  # never the cost of both runs
        costs.append(cost)
    if None not in costs:
        assert sum(costs) == pytest.approx(charged)
        assert costs[0] != costs[1]  # two areas of different sizes: two different prices

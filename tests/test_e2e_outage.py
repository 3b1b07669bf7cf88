"""Outages, as a user meets them, with the dock of the plugin loaded in QGIS.

The emulator's API and storage ports are closed (connections refused, open ones reset)
while the run is "Extracting on the server", and again while its results download. The
Jobs list says "Server unreachable for …, still trying"; the run ends Done, with its
layers, without a click. The outage lasts ``BEOD_OUTAGE_SECONDS`` (default 180 s, the
three minutes of the issue; set it lower for a quick check).

Then two runs at once: each shows its own cost, or says it cannot be told apart.
"""

import importlib
import os
import time

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from tests.emulator.launch import start_emulator
from tests.test_e2e_dock import (  # noqa: F401 (fixtures)
    click,
    draw_aoi,
    group_layers,
    job_rows,
    opened,
    qgis_env,
    sign_in,
)
from tests.ui_events import wait_until

OUTAGE_SECONDS = float(os.environ.get("BEOD_OUTAGE_SECONDS", "180"))


@pytest.fixture(scope="module")
def closable_emulator():
    with start_emulator(run_seconds=1.0, closable=True) as handle:
        yield handle


def shown_seconds(texts):
    """The longest outage the row showed, in seconds ("Server unreachable for 2 min, …")."""
    longest = -1
    for text in texts:
        if not text.startswith("Server unreachable for "):
            continue
        words = text[len("Server unreachable for "):].split(",")[0].split()
        value = {"s": int(words[0]), "min": 60 * int(words[0])}.get(words[1], 3600 * int(words[0]))
        longest = max(longest, value)
    return longest


def row_texts(dock, name):
    return [state for row_name, state in job_rows(dock) if row_name == name]


def watch_rows(dock, name, seen, until, timeout):
    """Keep the dock alive, recording every state its row shows, until ``until()``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        wait_until(lambda: False, 0.5)  # events flow, the dock's timer refreshes the rows
        dock.jobs.refresh()
        seen.update(row_texts(dock, name))
        if until():
            return True
    return False


def test_outages_on_the_server_and_while_downloading_end_in_success(opened, closable_emulator):  # noqa: F811 (the imported fixture)
    iface, plugin, dock = opened
    emulator = closable_emulator
    emulator.reset()
    # A run long enough to close the API while it is on the server, results in many tiles so
    # that the download is still going when the ports close again.
    emulator.configure(run_seconds=min(OUTAGE_SECONDS / 2, 60.0), forced_tile_count=12, latency_ms=300.0,
                       zip_max_km2=0.0)
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    draw_aoi(dock, iface)
    dock.form.nameEdit.setText("Through outages")
    click(dock.form.runButton)
    jobs = importlib.import_module("beod_qgis.core.jobs")
    store = jobs.default_store()
    local_id = next(job.local_id for job in store.all() if job.name == "Through outages")
    seen = set()

    # 1. On the server: the API refuses connections.
    assert watch_rows(dock, "Through outages", seen, lambda: store.get(local_id).stage == "running", 60)
    emulator.outage(OUTAGE_SECONDS, ["api", "storage"])
    assert watch_rows(dock, "Through outages", seen,
                      lambda: store.get(local_id).unreachable_since is not None, 60), store.get(local_id)
    assert watch_rows(dock, "Through outages", seen, lambda: store.get(local_id).stage == "download",
                      OUTAGE_SECONDS + 120), store.get(local_id)
    first = {text for text in seen if text.startswith("Server unreachable for")}
    assert first, seen
    assert all(text.endswith("still trying") for text in first)
    if OUTAGE_SECONDS >= 130:
        assert "Server unreachable for 2 min, still trying" in seen, sorted(seen)
    assert store.get(local_id).state == jobs.RUNNING  # never failed

    # 2. While downloading: API and storage closed again. The download's own retries absorb
    # the first seconds (about 15 s); a longer outage shows in the row.
    emulator.outage(OUTAGE_SECONDS, ["api", "storage"])
    seen.clear()
    ended = watch_rows(dock, "Through outages", seen, lambda: store.get(local_id).state != jobs.RUNNING,
                       OUTAGE_SECONDS + 180)
    assert ended, store.get(local_id)
    if OUTAGE_SECONDS >= 40:
        # the download's own retries hide the first seconds, the pauses (at most 30 s) the last
        assert shown_seconds(seen) >= OUTAGE_SECONDS - 60, sorted(seen, key=len)
    if OUTAGE_SECONDS >= 130:
        assert "Server unreachable for 2 min, still trying" in seen, sorted(seen, key=len)

    record = store.get(local_id)
    assert record.state == jobs.SUCCEEDED, record
    assert wait_until(lambda: ("Through outages", "Done") in job_rows(dock), 10), job_rows(dock)
    layers = group_layers("Through outages")
    assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0
    assert emulator.stats()["scenarios_created"].get(emulator.email) == 1  # nothing paid twice


def test_two_runs_at_once_show_their_own_cost(opened, closable_emulator):  # noqa: F811 (a fixture)
    iface, plugin, dock = opened
    emulator = closable_emulator
    emulator.reset()
    emulator.configure(run_seconds=2.0)
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    draw_aoi(dock, iface)
    charged_before = emulator.stats()["credits_charged"].get(emulator.email, 0)
    for name in ("Cost A", "Cost B"):
        dock.form.nameEdit.setText(name)
        click(dock.form.runButton)
    tasks = importlib.import_module("beod_qgis.core.tasks")
    assert tasks.TASKS.wait_all(180)
    jobs = importlib.import_module("beod_qgis.core.jobs")
    records = {job.name: job for job in jobs.default_store().all() if job.name in ("Cost A", "Cost B")}
    assert {job.state for job in records.values()} == {jobs.SUCCEEDED}
    charged = emulator.stats()["credits_charged"][emulator.email] - charged_before
    for job in records.values():
        tip = dock.form.jobsTree.topLevelItem(
            [name for name, _state in job_rows(dock)].index(job.name)).toolTip(1)
        if job.cost is not None:
            assert 0 < job.cost < charged, (job, charged)  # not the cost of both runs
            assert f"Cost: {tasks._number(job.cost)} credits" in tip, tip
        else:
            assert "cannot be told apart" in tip, tip
    costs = [job.cost for job in records.values()]
    if None not in costs:
        assert sum(costs) == pytest.approx(charged)
    assert QgsProject.instance().layerTreeRoot().findGroup("Cost A") is not None

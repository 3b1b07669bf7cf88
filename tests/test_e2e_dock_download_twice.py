""""Download and load" clicked twice on one History entry runs one download, not two
writers in one folder: the second click is refused with a message, the first loads the
layers, and every file on disk is complete."""

import importlib
import os

from qgis.core import QgsProject, QgsVectorLayer

from beod.client import Client
from beod.follow import follow_activity
from beod.models import ScenarioParams
from tests.test_e2e_dock import PLUGIN, click, group_layers, history_item, opened, sign_in  # noqa: F401
from tests.test_plugin_load import qgis_env  # noqa: F401 (a fixture)
from tests.ui_events import wait_until

SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def test_download_and_load_clicked_twice_runs_one_download(opened, emulator):  # noqa: F811
    iface, plugin, dock = opened
    form = dock.form
    client = Client(emulator.api_url)
    client.login(emulator.email, emulator.password)
    emulator.configure(run_seconds=0.2)
    name = "Clicked twice"
    pid = client.create_project(name)
    client.create_aoi(pid, SQUARE)
    sid, aid = client.create_scenario(pid, ScenarioParams(name=name))
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.3)
    client.close()

    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    assert wait_until(lambda: history_item(form, name) is not None, 30), form.historyLabel.text()
    form.historyTree.setCurrentItem(history_item(form, name))
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    click(form.downloadButton)
    click(form.downloadButton)

    running = [task for task in tasks.TASKS.tasks() if task.job.scenario_id == sid]
    assert len(running) == 1
    assert "is already being downloaded into" in form.runLabel.text()
    out_dir = running[0].job.out_dir
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    records = [job for job in jobs.default_store().all() if job.scenario_id == sid]
    assert len(records) == 1  # the refused click left no record to resume

    assert tasks.TASKS.wait_all(180)
    layers = group_layers(name)
    assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0
    parts = [f for _, _, files in os.walk(out_dir) for f in files if f.endswith(".part")]
    assert parts == []
    QgsProject.instance().removeAllMapLayers()

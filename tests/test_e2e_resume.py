"""Runs found unfinished at start-up, as a user meets them in the dock.

A run waiting for the account says so, with a Sign in button, and signing in resumes it.
A run started from another project waits for it, and "Load into this project" in the
message bar loads it where the user is.
"""

import importlib

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QPushButton

from tests.test_e2e_dock import (  # noqa: F401 (fixtures)
    AOI_WKT,
    click,
    group_layers,
    job_rows,
    opened,
    qgis_env,
    sign_in,
)
from tests.ui_events import wait_until

PLUGIN = "beod_qgis"


def left_running(emulator, tmp_path, name, **fields):
    """A run that exists on the server and that the job store remembers as running."""
    client_module = importlib.import_module(PLUGIN + ".beod.client")
    models = importlib.import_module(PLUGIN + ".beod.models")
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    client = client_module.Client(emulator.api_url)
    client.login(emulator.email, emulator.password)
    project_id = client.create_project(name)
    client.create_aoi(project_id, AOI_WKT)
    params = models.ScenarioParams(name=name)
    scenario_id, activity_id = client.create_scenario(project_id, params)
    client.close()
    job = jobs.Job(name=name, server=emulator.api_url, params=params.to_body(), aoi_wkt=AOI_WKT,
                   out_dir=str(tmp_path / name.replace(" ", "_")), project_id=project_id,
                   scenario_id=scenario_id, activity_id=activity_id, state=jobs.RUNNING, **fields)
    jobs.default_store().add(job)
    return job


def row(dock, name):
    dock.jobs.refresh()
    tree = dock.form.jobsTree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == name:
            return item, tree.itemWidget(item, 4)
    raise AssertionError(f"no row {name!r}: {job_rows(dock)}")


def test_a_job_waiting_for_sign_in_says_so_and_signing_in_resumes_it(opened, emulator, tmp_path):  # noqa: F811
    iface, plugin, dock = opened
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    tasks = importlib.import_module(PLUGIN + ".core.tasks")
    job = left_running(emulator, tmp_path, "Waiting run")
    # What the plugin does when QGIS starts: no account is remembered, the job waits.
    _started, waiting = tasks.resume_unfinished(iface)
    assert [j.local_id for j in waiting] == [job.local_id]
    item, button = row(dock, "Waiting run")
    assert item.text(1) == "Waiting for sign-in"
    assert "sign in" in item.toolTip(1).lower() and "resumes by itself" in item.toolTip(1)
    assert button is not None and button.text() == "Sign in"
    click(button)
    assert "resume by themselves" in dock.form.accountLabel.text()

    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    store = jobs.default_store()
    assert wait_until(lambda: store.get(job.local_id).state == jobs.SUCCEEDED, 120), store.get(job.local_id)
    layers = group_layers("Waiting run")
    assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0
    assert wait_until(lambda: ("Waiting run", "Done") in job_rows(dock), 10), job_rows(dock)


def test_results_of_another_project_wait_and_load_here_on_request(opened, emulator, tmp_path):  # noqa: F811
    iface, plugin, dock = opened
    jobs = importlib.import_module(PLUGIN + ".core.jobs")
    other = tmp_path / "elsewhere.qgz"
    job = left_running(emulator, tmp_path, "From elsewhere", project_file=str(other))
    sign_in(dock, emulator.api_url, emulator.email, emulator.password)
    store = jobs.default_store()
    assert wait_until(lambda: store.get(job.local_id).waiting == jobs.WAITING_PROJECT, 120), \
        store.get(job.local_id)
    assert QgsProject.instance().layerTreeRoot().findGroup("From elsewhere") is None  # not silently here
    item, _button = row(dock, "From elsewhere")
    assert item.text(1) == "Ready: open elsewhere.qgz"
    buttons = [b for widget in iface.messageBar().items() for b in widget.findChildren(QPushButton)]
    texts = [b.text() for b in buttons]
    assert "Open elsewhere.qgz" in texts and "Open folder" in texts, texts
    next(b for b in buttons if b.text() == "Load into this project").click()
    assert store.get(job.local_id).state == jobs.SUCCEEDED
    layers = group_layers("From elsewhere")
    assert sum(layer.featureCount() for layer in layers if isinstance(layer, QgsVectorLayer)) > 0

"""Two processes (two QGIS instances on one profile) writing the job store at once lose no
record: each change happens under an OS file lock and replaces the file atomically.
Before, 98 to 103 of 200 records survived."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import sys
from beod_qgis.core.jobs import Job, JobStore, SUCCEEDED
store = JobStore(sys.argv[1])
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
for index in range(int(sys.argv[3])):
    job = store.add(Job(name=f"{sys.argv[2]}-{index}"))
    store.update(job.local_id, state=SUCCEEDED, progress=100.0)
"""


def test_two_processes_adding_jobs_keep_every_record(qgis_app, tmp_path, plugins_path):
    path = tmp_path / "beod_jobs.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(plugins_path), str(ROOT)]),
               QT_QPA_PLATFORM="offscreen")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "100"], cwd=tmp_path,
                                env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for name in ("first", "second")]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both start writing at once
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    records = json.loads(path.read_text())["jobs"]
    names = sorted(record["name"] for record in records)
    assert len(names) == 200
    assert names == sorted([f"first-{i}" for i in range(100)] + [f"second-{i}" for i in range(100)])
    assert all(record["state"] == "succeeded" for record in records)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


QGIS_INSTANCE = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False, sys.argv[1])  # the profile folder of this instance
app.initQgis()
from beod_qgis.core.jobs import Job, SUCCEEDED, default_store
store = default_store()
sys.stdout.write(store.path + "\\n"); sys.stdout.flush()
sys.stdin.readline()
for index in range(int(sys.argv[3])):
    job = store.add(Job(name=f"{sys.argv[2]}-{index}"))
    store.update(job.local_id, state=SUCCEEDED)
app.exitQgis()
"""


def test_two_qgis_instances_on_one_profile_keep_every_record(qgis_app, tmp_path, plugins_path):
    """Two QGIS applications started on one profile folder, each recording runs in the
    profile's job store (``default_store()``) at the same time."""
    profile = tmp_path / "profile"
    profile.mkdir()
    # QGIS 3.22 takes the profile folder given to QgsApplication; QGIS 3.40 ignores it outside
    # the desktop application and takes QGIS_CUSTOM_CONFIG_PATH (else the user's default
    # profile), which pytest-qgis sets to its own folder for this session: both point here.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(plugins_path), str(ROOT)]),
               QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profile))
    instances = [subprocess.Popen([sys.executable, "-c", QGIS_INSTANCE, str(profile), name, "60"],
                                  cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True)
                 for name in ("one", "two")]
    paths = {instance.stdout.readline().strip() for instance in instances}
    assert len(paths) == 1 and paths.pop().startswith(str(profile))
    for instance in instances:
        instance.stdin.write("go\n")
        instance.stdin.flush()
    for instance in instances:
        instance.communicate(timeout=120)
        assert instance.returncode == 0
    store_file = next(profile.rglob("beod_jobs.json"))
    names = sorted(record["name"] for record in json.loads(store_file.read_text())["jobs"])
    assert names == sorted([f"one-{i}" for i in range(60)] + [f"two-{i}" for i in range(60)])

"""Run records survive a restart: ids and states on disk, never secrets."""

import json

import pytest
from beod_qgis.core import jobs
from beod_qgis.core.jobs import Job, JobStore


def test_jobs_persist_and_unfinished_are_found_again(qgis_app, tmp_path):
    path = str(tmp_path / "jobs.json")
    store = JobStore(path)
    done = store.add(Job(name="Old run", server="http://127.0.0.1:1", out_dir=str(tmp_path / "a")))
    store.update(done.local_id, state=jobs.SUCCEEDED, progress=100.0)
    running = store.add(
        Job(name="Sophia", params={"output_crs": 4326}, aoi_wkt="POLYGON ((0 0, 1 0, 1 1, 0 0))")
    )
    store.update(running.local_id, state=jobs.RUNNING, project_id=7, scenario_id=11, activity_id=13)

    again = JobStore(path)  # QGIS restarted
    unfinished = again.unfinished()
    assert [job.name for job in unfinished] == ["Sophia"]
    job = unfinished[0]
    assert (job.project_id, job.scenario_id, job.activity_id) == (7, 11, 13)
    assert job.has_ids and job.is_active
    assert job.params == {"output_crs": 4326}
    old = again.get(done.local_id)
    assert old.state == jobs.SUCCEEDED and old.finished is not None and old.elapsed >= 0.0
    assert [j.name for j in again.all()] == ["Sophia", "Old run"]


def test_store_file_holds_no_secret_fields(qgis_app, tmp_path):
    path = tmp_path / "jobs.json"
    store = JobStore(str(path))
    store.add(Job(name="Run"))
    record = json.loads(path.read_text())["jobs"][0]
    assert not {key for key in record if "password" in key or "token" in key or "url" in key}


def test_unknown_field_is_refused_and_corrupt_file_is_ignored(qgis_app, tmp_path):
    path = tmp_path / "jobs.json"
    path.write_text("{not json")
    store = JobStore(str(path))
    assert store.all() == []
    job = store.add(Job(name="Run"))
    with pytest.raises(AttributeError):
        store.update(job.local_id, password="x")  # pragma: allowlist secret
    assert store.remove(job.local_id)
    assert JobStore(str(path)).all() == []


def test_two_stores_on_one_file_do_not_overwrite_each_other(qgis_app, tmp_path):
    path = str(tmp_path / "jobs.json")
    first, second = JobStore(path), JobStore(path)
    a = first.add(Job(name="A"))
    b = second.add(Job(name="B"))
    first.update(a.local_id, state=jobs.SUCCEEDED)
    second.update(b.local_id, state=jobs.RUNNING, project_id=1, scenario_id=2, activity_id=3)
    fresh = JobStore(path)
    assert fresh.get(a.local_id).state == jobs.SUCCEEDED
    assert fresh.get(b.local_id).state == jobs.RUNNING
    assert [job.name for job in first.unfinished()] == ["B"]

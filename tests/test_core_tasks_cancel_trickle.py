"""Cancelling a download task in QGIS ends it within 2 s even while the storage trickles
bytes, and no download thread lives on afterwards."""

import threading
import time

from beod_qgis.beod.client import Client
from beod_qgis.core import jobs
from beod_qgis.core.jobs import Job, JobStore
from beod_qgis.core.tasks import DownloadTask, TaskRegistry
from qgis.core import QgsApplication

from tests.hostile import HostileApi
from tests.test_beod_download_hostile import LISTING, _listing, _trickle


def test_cancelling_a_trickling_download_task_ends_it_within_2_s(qgis_app, tmp_path):
    api = HostileApi()
    api.routes[LISTING] = _listing(api, ["slow1.bin", "slow2.bin"])
    api.routes["GET /files/slow1.bin"] = _trickle
    api.routes["GET /files/slow2.bin"] = _trickle
    client = Client(api.url, retries=0)
    client.login("someone@example.test", "hostile-password-fake")  # pragma: allowlist secret
    store = JobStore(str(tmp_path / "jobs.json"))
    registry = TaskRegistry()
    job = Job(name="Trickle", server=api.url, out_dir=str(tmp_path / "out"), kind=jobs.KIND_DOWNLOAD,
              project_id=1, scenario_id=2)
    registry.start(DownloadTask(job, store=store, client=client))
    try:
        deadline = time.monotonic() + 30
        while not any(p.startswith("/files/") for p in api.paths("GET")) and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        time.sleep(0.5)
        started = time.monotonic()
        registry.stop(job.local_id)  # the user's Cancel of a History download
        assert registry.wait_all(10)
        took = time.monotonic() - started
        assert took < 2.0, f"the task ended {took:.1f} s after the cancel"
        assert store.get(job.local_id).state == jobs.CANCELLED
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and any(
                t.name.startswith("beod-dl") for t in threading.enumerate() if t.is_alive()):
            time.sleep(0.05)
        assert not [t.name for t in threading.enumerate() if t.name.startswith("beod-dl") and t.is_alive()]
    finally:
        registry.cancel_all(for_restart=False)
        registry.wait_all(10)
        client.close()
        api.close()

"""The whole extraction (``beod.flow``) against the emulator, as the plugin and the CLI use it."""

import threading
import time

import pytest

from beod.client import Client
from beod.errors import AoiError, CancelledError, ScenarioFailedError
from beod.flow import STAGES, resume_extraction, run_extraction
from beod.follow import next_interval
from beod.models import ScenarioParams

TUTORIAL_AOI = """POLYGON (( 6.9526850935291 43.6127384923652, 6.94943181004093 43.6123795674845,
6.94656582220611 43.611370079773, 6.95060918882712 43.6056268939605, 6.95587640971274 43.605649329347,
6.95759600241363 43.6079825638504, 6.95877338119982 43.6099231178373, 6.95855649563394 43.6117963099847,
6.9526850935291 43.6127384923652 ))"""
FAST = (0.1, 0.3)


@pytest.fixture
def client(emulator):
    client = Client(emulator.api_url, credentials=lambda: (emulator.email, emulator.password),
                    backoff=0.05, max_backoff=2.0)
    yield client
    client.close()


def test_full_run_reports_every_stage_and_downloads(client, emulator, tmp_path):
    progress, ids = [], []
    result = run_extraction(client, TUTORIAL_AOI, ScenarioParams(), tmp_path, project_name="flow test",
                            on_progress=progress.append, on_ids=lambda *i: ids.append(i), poll=FAST)
    stages = [p.stage for p in progress]
    assert [s for s in STAGES if s in stages] == list(STAGES)
    assert stages.index("scenario") < stages.index("running") < stages.index("download")
    assert ids == [(result.project_id, result.scenario_id, result.activity_id)]
    assert result.activity.state == "SUCCESSFUL"
    assert any(f.endswith("building.gpkg") for f in result.files)
    assert (tmp_path / "0" / "EXPORT" / "building" / "geopackage" / "building.gpkg").is_file()
    scenario = client.get_scenario(result.project_id, result.scenario_id)
    assert scenario.name == "flow test"
    assert 0.5 < result.aoi.area_km2 < 0.6


def test_bad_aoi_creates_nothing_on_the_server(client, emulator, tmp_path):
    client.login()
    before = len(client.list_projects())
    with pytest.raises(AoiError):
        run_extraction(client, "POLYGON ((7 43, 7.01 43.01, 7.01 43, 7 43.01, 7 43))", ScenarioParams(),
                       tmp_path, project_name="never created", poll=FAST)
    assert len(client.list_projects()) == before


def test_failed_scenario_raises_with_the_server_details(client, emulator, tmp_path):
    emulator.configure(fail_next_runs=1, fail_details="Imagery unavailable over this area")
    ids = []
    with pytest.raises(ScenarioFailedError, match="Imagery unavailable over this area") as caught:
        run_extraction(client, TUTORIAL_AOI, ScenarioParams(), tmp_path, project_name="fails",
                       on_ids=lambda *i: ids.append(i), poll=FAST)
    assert caught.value.details == "Imagery unavailable over this area"
    assert ids  # the ids were known before the failure


def test_cancel_while_running_then_resume(client, emulator, tmp_path):
    emulator.configure(run_seconds=3.0)
    ids = []
    stop = threading.Event()

    def on_progress(progress):
        if progress.stage == "running":
            stop.set()

    started = time.monotonic()
    with pytest.raises(CancelledError):
        run_extraction(client, TUTORIAL_AOI, ScenarioParams(), tmp_path, project_name="resumed",
                       on_progress=on_progress, is_cancelled=stop.is_set, on_ids=lambda *i: ids.append(i),
                       poll=FAST)
    assert time.monotonic() - started < 3.0
    assert not any(p.is_file() and not p.name.endswith(".part") for p in tmp_path.rglob("*"))
    (pid, sid, aid), = ids
    created = emulator.stats()["scenarios_created"][emulator.email]
    result = resume_extraction(client, pid, sid, aid, tmp_path, poll=FAST)
    assert result.activity.state == "SUCCESSFUL" and result.files
    assert emulator.stats()["scenarios_created"][emulator.email] == created  # nothing created again


def test_poll_interval_backs_off_between_limits():
    interval, seen = 2.0, []
    for _ in range(12):
        interval = next_interval(interval, False, 2.0, 30.0)
        seen.append(interval)
    assert seen[0] == 3.0 and seen[-1] == 30.0 and seen == sorted(seen)
    assert next_interval(10.0, True, 2.0, 30.0) == 12.0


def test_following_survives_an_outage_of_the_api(client, emulator, tmp_path):
    from beod.follow import follow_activity

    client.login()
    pid = client.create_project("outage")
    client.create_aoi(pid, TUTORIAL_AOI)
    emulator.configure(run_seconds=2.0)
    _, aid = client.create_scenario(pid, ScenarioParams())
    client.retries = 0  # every failing poll reaches follow_activity
    emulator.configure(error_rate=0.6)
    polls = []
    activity = follow_activity(client, pid, aid, on_progress=polls.append, min_interval=0.1, max_interval=0.2,
                               max_failures=30)
    assert activity.state == "SUCCESSFUL" and polls
    assert emulator.stats()["faults"].get("api_5xx", 0) > 0

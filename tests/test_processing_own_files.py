"""``beod:downloadresults`` never overwrites or deletes a file our runs did not write: the
user's own ``merged/building.gpkg`` in the chosen folder is kept, byte for byte, and a
folder holding another scenario's results is refused with a clear error."""

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from beod.client import Client
from beod.follow import follow_activity
from beod.models import ScenarioParams
from tests.test_processing_algorithms import account, common  # noqa: F401 (fixture)

SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def _finished_scenario(emulator, name):
    client = Client(emulator.api_url, backoff=0.05, max_backoff=2.0)
    client.login(emulator.email, emulator.password)
    emulator.configure(run_seconds=0.2)
    pid = client.create_project(name)
    client.create_aoi(pid, SQUARE)
    sid, aid = client.create_scenario(pid, ScenarioParams(name=name))
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.3)
    client.close()
    return pid, sid


def test_download_results_keeps_the_users_own_merged_file(account, emulator, tmp_path):  # noqa: F811
    pid, sid = _finished_scenario(emulator, "own merged file")
    out = tmp_path / "mine"
    own = out / "merged" / "building.gpkg"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"the user's own buildings")

    result = processing.run("beod:downloadresults", common(account, emulator, out, PROJECT_ID=pid,
                                                            SCENARIO_ID=sid))

    assert own.read_bytes() == b"the user's own buildings"
    assert result["BUILDING"].startswith(str(out / "merged" / "building-2.gpkg"))
    assert QgsVectorLayer(result["BUILDING"], "b", "ogr").featureCount() > 0


def test_download_results_refuses_a_folder_of_another_scenario(account, emulator, tmp_path):  # noqa: F811
    first = _finished_scenario(emulator, "first of two")
    second = _finished_scenario(emulator, "second of two")
    out = tmp_path / "shared"
    processing.run("beod:downloadresults", common(account, emulator, out, PROJECT_ID=first[0],
                                                  SCENARIO_ID=first[1]))
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    with pytest.raises(QgsProcessingException, match=f"holds the results of scenario {first[1]}"):
        processing.run("beod:downloadresults", common(account, emulator, out, PROJECT_ID=second[0],
                                                      SCENARIO_ID=second[1]))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before

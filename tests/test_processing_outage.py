"""Processing's "Run extraction" through an outage, and its time-out parameter.

The emulator's API and storage refuse connections (ports closed) while the run is on the
server: with the default time-out (24 h) the algorithm waits and returns the layers; with
a time-out shorter than the outage it stops with the ids to download the run later.
"""

import processing
import pytest
from beod_qgis.core import auth
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.emulator.launch import start_emulator
from tests.test_beod_cli_outages import wait_reachable
from tests.test_core_auth import unlock_test_auth_db
from tests.test_processing_algorithms import aoi_layer  # noqa: F401 (a fixture)

OUTAGE_SECONDS = 12.0


@pytest.fixture(scope="module")
def closable():
    with start_emulator(run_seconds=1.0, closable=True) as handle:
        yield handle


@pytest.fixture
def account(provider, closable):
    wait_reachable(closable)
    closable.reset()
    unlock_test_auth_db()
    authcfg = auth.store_credentials(closable.email, closable.password)
    yield authcfg
    auth.remove_credentials(authcfg)


class OutageWhenFollowing(QgsProcessingFeedback):
    """Closes the emulator's ports once the run is followed on the server."""

    def __init__(self, emulator):
        super().__init__()
        self.emulator = emulator
        self.closed = False
        self.texts = []

    def setProgressText(self, text):
        super().setProgressText(text)
        self.texts.append(text)
        if not self.closed and "Following scenario" in text:
            self.closed = True
            self.emulator.outage(OUTAGE_SECONDS)


def run(account, emulator, tmp_path, feedback, **extra):
    values = {"AUTHCFG": account, "SERVER": emulator.api_url, "OUTPUT_FOLDER": str(tmp_path / "out"),
              "INPUT": extra.pop("INPUT"), "MODE": 1, "NAME": "Through an outage"}
    values.update(extra)
    return processing.run("beod:runextraction", values, feedback=feedback)


def test_the_run_waits_out_an_outage(account, closable, aoi_layer, tmp_path):  # noqa: F811
    closable.configure(run_seconds=4.0)
    feedback = OutageWhenFollowing(closable)
    result = run(account, closable, tmp_path, feedback, INPUT=aoi_layer)
    assert feedback.closed
    assert any(text.startswith("Server unreachable for") for text in feedback.texts), feedback.texts
    assert QgsVectorLayer(result["BUILDING"], "b", "ogr").featureCount() > 0
    assert "Cost: " in feedback.textLog()


def test_a_time_out_shorter_than_the_outage_stops_with_the_ids(account, closable, aoi_layer, tmp_path):  # noqa: F811
    closable.configure(run_seconds=4.0)
    feedback = OutageWhenFollowing(closable)
    with pytest.raises(QgsProcessingException) as raised:
        run(account, closable, tmp_path, feedback, INPUT=aoi_layer, MAX_OUTAGE_HOURS=0.001)  # 3.6 s
    assert "unreachable" in str(raised.value)
    assert "Download scenario results" in feedback.textLog()

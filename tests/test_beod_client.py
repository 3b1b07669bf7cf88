"""``beod.client.Client`` against the emulator: typed results, auth renewal, retries, errors."""

import threading
import time

import pytest

from beod import errors
from beod.client import Client
from beod.follow import follow_activity
from beod.models import Activity, Asset, Project, Scenario, ScenarioParams, User
from tests.loopback import LoopbackServer

SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def _project_with_aoi(client, name="client test"):
    pid = client.create_project(name)
    client.create_aoi(pid, SQUARE)
    return pid


def test_sign_in_and_typed_results(client, emulator):
    user = client.me()
    assert isinstance(user, User) and user.id and user.credits > 0 and user.email == emulator.email
    pid = client.create_project("typed results")
    asset_id = client.create_aoi(pid, SQUARE)
    sid, aid = client.create_scenario(pid, ScenarioParams(name="typed"))
    projects = client.list_projects()
    assert all(isinstance(p, Project) for p in projects)
    assert [p.name for p in projects if p.id == pid] == ["typed results"]
    assert client.get_project(pid).name == "typed results"
    assets = client.list_assets(pid)
    assert [a.id for a in assets] == [asset_id] and isinstance(assets[0], Asset) and assets[0].is_aoi
    scenarios = client.list_scenarios(pid)
    assert [s.id for s in scenarios] == [sid] and isinstance(scenarios[0], Scenario)
    assert client.get_scenario(pid, sid).name == "typed"
    activity = client.get_activity(pid, aid)
    assert isinstance(activity, Activity) and activity.scenario_id == sid
    assert activity.state in ("CREATED", "PENDING", "RUNNING", "SUCCESSFUL")
    assert aid in [a.id for a in client.list_activities(pid)]


def test_wrong_password_is_an_authentication_error(emulator):
    client = Client(emulator.api_url)
    wrong = "wrong-password-fake"  # pragma: allowlist secret
    with pytest.raises(errors.AuthenticationError) as caught:
        client.login(emulator.email, wrong)
    assert "email and password" in str(caught.value)
    assert wrong not in str(caught.value) and wrong not in repr(caught.value)


def test_expired_token_is_refreshed_once(client, emulator):
    emulator.expire_tokens()
    assert client.me().id
    stats = emulator.stats()
    assert stats["refreshes"] == 1 and stats["logins"] == 1


def test_many_simultaneous_401s_cause_one_refresh(client, emulator):
    emulator.expire_tokens()
    results, failures = [], []

    def call():
        try:
            results.append(client.me().id)
        except errors.BeodError as exc:
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(results) == 12
    assert emulator.stats()["refreshes"] == 1


def test_without_refresh_endpoint_the_client_signs_in_again(emulator):
    emulator.configure(refresh_enabled=False)
    client = Client(emulator.api_url, credentials=lambda: (emulator.email, emulator.password))
    client.login()
    emulator.expire_tokens()
    assert client.list_projects() is not None
    stats = emulator.stats()
    assert stats["logins"] == 2 and stats["refreshes"] == 0
    client.close()


def test_token_expiring_mid_poll(emulator):
    emulator.configure(token_ttl=1, run_seconds=4.0)
    client = Client(emulator.api_url, credentials=lambda: (emulator.email, emulator.password))
    client.login()
    pid = _project_with_aoi(client, "mid-poll expiry")
    _, aid = client.create_scenario(pid, ScenarioParams(name="mid-poll"))
    seen = []
    activity = follow_activity(client, pid, aid, on_progress=lambda a: seen.append(a.state),
                               min_interval=0.3, max_interval=0.6)
    assert activity.state == "SUCCESSFUL"
    assert emulator.stats()["refreshes"] >= 1
    client.close()


def test_token_is_refreshed_before_it_expires(emulator):
    emulator.configure(token_ttl=2)
    client = Client(emulator.api_url)
    client.login(emulator.email, emulator.password)
    time.sleep(1.85)  # still valid, but within the last tenth of its life
    assert client.me().id
    assert emulator.stats()["refreshes"] == 1
    client.close()


def test_reads_survive_503_bursts_and_429(emulator):
    # Retry-After capped for speed; more retries than by default for these high fault rates
    client = Client(emulator.api_url, backoff=0.05, max_backoff=0.1, retries=12)
    client.login(emulator.email, emulator.password)
    emulator.configure(error_rate=0.3, rate_429=0.2)
    for _ in range(12):
        assert client.me().id
    client.close()
    faults = emulator.stats()["faults"]
    assert sum(faults.values()) > 0  # the faults happened and were retried


def test_creating_under_faults_never_duplicates(emulator):
    # Retry-After capped for speed; more retries than by default for these high fault rates
    client = Client(emulator.api_url, backoff=0.05, max_backoff=0.1, retries=12)
    client.login(emulator.email, emulator.password)
    names_before = [p.name for p in client.list_projects()]
    emulator.configure(error_rate=0.35, rate_429=0.1)
    pids = [client.create_project(f"dup check {i}") for i in range(3)]
    for pid in pids:
        client.create_aoi(pid, SQUARE)
    ids = [client.create_scenario(pid, ScenarioParams(name="dup check")) for pid in pids]
    emulator.configure(error_rate=0.0, rate_429=0.0)
    names_after = [p.name for p in client.list_projects()]
    for i in range(3):
        assert names_after.count(f"dup check {i}") == names_before.count(f"dup check {i}") + 1
    for pid, (sid, _) in zip(pids, ids):
        assert [s.id for s in client.list_scenarios(pid)] == [sid]
        assert len(client.list_assets(pid)) == 1
    assert emulator.stats()["scenarios_created"][emulator.email] == 3
    assert emulator.stats()["faults"]


def test_insufficient_credits_is_explained(emulator):
    client = Client(emulator.api_url)
    client.login(emulator.poor_email, emulator.poor_password)
    pid = _project_with_aoi(client, "too expensive")
    with pytest.raises(errors.InsufficientCreditsError, match="credits"):
        client.create_scenario(pid, ScenarioParams())
    assert client.list_scenarios(pid) == []
    client.close()


def test_server_refusals_carry_the_details(client):
    pid = client.create_project("refusals")
    with pytest.raises(errors.InvalidRequestError) as caught:
        client.create_aoi(pid, "POLYGON ((7 43, 7.01 43.01, 7.01 43, 7 43.01, 7 43))")
    assert caught.value.details and caught.value.status in (400, 422)
    client.create_aoi(pid, SQUARE)
    with pytest.raises(errors.ConflictError):
        client.create_aoi(pid, SQUARE)
    with pytest.raises(errors.InvalidRequestError):
        client.create_scenario(pid, ScenarioParams(output_crs=2154))


def test_unknown_and_foreign_ids_are_not_found(client, emulator):
    with pytest.raises(errors.NotFoundError):
        client.get_project(987654)
    pid = client.create_project("private")
    other_email, other_password = emulator.users[1]
    other = Client(emulator.api_url)
    other.login(other_email, other_password)
    with pytest.raises(errors.NotFoundError):
        other.get_project(pid)
    with pytest.raises(errors.NotFoundError):
        other.list_scenarios(pid)
    other.close()


def test_unreachable_server_is_a_network_error_quickly():
    client = Client("http://127.0.0.1:9", retries=2, backoff=0.05)
    started = time.monotonic()
    with pytest.raises(errors.NetworkError, match="could not reach"):
        client.login("someone@example.test", "fake-password-2")  # pragma: allowlist secret
    assert time.monotonic() - started < 5


class _SlowServer:
    """A loopback server that records request headers and answers ``/users/me`` after ``delay``."""

    def __init__(self, delay=0.0):
        from http.server import BaseHTTPRequestHandler

        owner = self
        self.headers = []
        self.delay = delay

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.headers.append(dict(self.headers))
                self._answer(b'{"access_token": "fake-a", "refresh_token": "fake-r", "expires_in": 3600}')

            def do_GET(self):
                owner.headers.append(dict(self.headers))
                time.sleep(owner.delay)
                self._answer(b'{"id": "u-1", "credits": 3}')

            def _answer(self, body):
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

        self._server = LoopbackServer(Handler)
        self.url = self._server.url

    def close(self):
        self._server.close()


def test_every_request_names_the_plugin_and_carries_the_token():
    from beod import __version__

    server = _SlowServer()
    try:
        client = Client(server.url)
        client.login("someone@example.test", "fake-password-3")  # pragma: allowlist secret
        login_headers, me_headers = server.headers
        assert login_headers["User-Agent"] == me_headers["User-Agent"] == f"beod-qgis/{__version__}"
        assert "Authorization" not in login_headers
        assert me_headers["Authorization"] == "Bearer fake-a"
        client.close()
    finally:
        server.close()


def test_a_hanging_server_times_out():
    server = _SlowServer(delay=5.0)
    try:
        client = Client(server.url, timeout=0.5, retries=1, backoff=0.05)
        started = time.monotonic()
        with pytest.raises(errors.NetworkError):
            client.login("someone@example.test", "fake-password-4")  # pragma: allowlist secret
        assert time.monotonic() - started < 3
        client.close()
    finally:
        server.close()

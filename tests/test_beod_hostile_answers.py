"""Redirects, oversized and malformed answers from the API: no credential follows a
redirect, no answer exhausts memory, every malformed answer gives a message naming what
was wrong (never "unexpected ValueError"), and ``~/.netrc`` never replaces the token."""

import json
import os
import time

import pytest
import requests

from beod import errors
from beod.client import Client, check_redirect
from beod.flow import run_extraction
from tests.hostile import HostileApi

SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"
PASSWORD = "hostile-test-password-fake"  # pragma: allowlist secret


@pytest.fixture
def servers():
    made = []

    def make(routes=None):
        server = HostileApi(routes)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()


def _client(api, **kwargs):
    return Client(api.url, retries=1, backoff=0.01, max_backoff=0.05, **kwargs)


# -- redirects ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_sign_in_never_follows_a_redirect(servers, status):
    elsewhere = servers()
    api = servers({"POST /auth/login": (status, b"", {"Location": elsewhere.url + "/auth/login"})})
    client = _client(api)
    with pytest.raises(errors.RedirectError, match="not followed") as caught:
        client.login("someone@example.test", PASSWORD)
    assert elsewhere.requests == []  # the password went nowhere else
    assert PASSWORD not in str(caught.value)


def test_a_read_redirected_elsewhere_goes_without_the_token(servers):
    elsewhere = servers({"GET /moved/me": (200, {"id": "u-2", "credits": 3})})
    api = servers({"GET /users/me": (302, b"", {"Location": elsewhere.url + "/moved/me"})})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    assert client.me().id == "u-2"
    (method, path, headers, _), = elsewhere.requests
    assert path == "/moved/me"
    assert "Authorization" not in headers and "Proxy-Authorization" not in headers
    # the token still goes to the API itself
    assert api.requests[-1][2]["Authorization"].startswith("Bearer ")


def test_a_redirect_on_the_same_server_keeps_the_token(servers):
    api = servers()
    api.routes["GET /users/me"] = (307, b"", {"Location": "/users/me/"})
    api.routes["GET /users/me/"] = (200, {"id": "u-3", "credits": 1})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    assert client.me().id == "u-3"
    assert api.requests[-1][2]["Authorization"].startswith("Bearer ")


def test_https_is_never_downgraded_and_odd_schemes_are_refused():
    with pytest.raises(errors.RedirectError, match="https to http"):
        check_redirect("https://api.example/users/me", "http://api.example/users/me")
    for target in ("file:///etc/passwd", "ftp://x/y", "gopher://x"):
        with pytest.raises(errors.RedirectError, match="not a web address"):
            check_redirect("https://api.example/a", target)
    assert check_redirect("http://a.example/x", "/y") == "http://a.example/y"
    assert check_redirect("https://a.example/x", "https://b.example/y") == "https://b.example/y"


def test_a_post_is_never_redirected(servers):
    elsewhere = servers()
    api = servers({"POST /users/me/projects": (307, b"", {"Location": elsewhere.url + "/p"})})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    with pytest.raises(errors.RedirectError):
        client.create_project("x")
    assert elsewhere.requests == []


class _RecordingAdapter(requests.adapters.BaseAdapter):
    """A transport that records what would go on the wire (inside a proxy's tunnel for https)."""

    def __init__(self, answers):
        super().__init__()
        self.answers = list(answers)
        self.sent = []

    def send(self, request, **kwargs):
        self.sent.append((request.url, dict(request.headers)))
        status, headers, body = self.answers.pop(0)
        response = requests.Response()
        response.status_code = status
        response.headers.update(headers)
        response.url = request.url
        response.request = request
        response.raw = __import__("io").BytesIO(body)
        response.encoding = "utf-8"
        return response

    def close(self):
        return None


def test_proxy_credentials_never_reach_a_redirect_target():
    """requests 2.28 (Debian 12) copies Proxy-Authorization into a followed redirect
    (CVE-2023-32681): through an https proxy tunnel it reaches the target host. Our client
    follows redirects itself without it."""
    proxies = {"https": "http://proxyuser:proxy-pass-fake@127.0.0.1:9"}  # pragma: allowlist secret
    answers = [(302, {"Location": "https://other.example/x"}, b""), (200, {}, b'{"id": "u", "credits": 1}')]

    plain = requests.Session()
    leaky = _RecordingAdapter(answers)
    plain.mount("https://", leaky)
    plain.get("https://api.example/users/me", proxies=proxies)
    if requests.__version__ < "2.31":  # the original finding, on the requests installed here
        assert "Proxy-Authorization" in leaky.sent[1][1]

    client = Client("https://api.example", proxies=proxies, retries=0)
    ours = _RecordingAdapter([(200, {}, json.dumps({"access_token": "t-fake"}).encode())] + answers)
    client.session.mount("https://", ours)
    client._sign_in("someone@example.test", PASSWORD)
    assert client.me().id == "u"
    url, headers = ours.sent[-1]
    assert url == "https://other.example/x"
    assert "Proxy-Authorization" not in headers and "Authorization" not in headers


# -- .netrc --------------------------------------------------------------------------------------
def test_a_netrc_entry_never_replaces_the_token(servers, tmp_path, monkeypatch):
    api = servers()
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login netrc-user password netrc-pass-fake\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    client = _client(api)
    client.login("someone@example.test", PASSWORD)
    client.me()
    sent = [headers.get("Authorization") for method, path, headers, _ in api.requests if path == "/users/me"]
    assert sent and all(value == "Bearer hostile-access-fake" for value in sent)
    login_headers = api.requests[0][2]
    assert "Authorization" not in login_headers
    assert client.session.trust_env  # proxies of the environment still apply


# -- sizes ---------------------------------------------------------------------------------------
def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    block = b" " * 65536
    try:
        handler.wfile.write(b"1\r\n[\r\n")
        while True:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
    except OSError:
        return


def test_an_endless_answer_is_refused_at_the_limit(servers):
    api = servers({"GET /users/me/projects": _endless})
    client = _client(api, max_answer_bytes=2 * 1024 * 1024)
    client._sign_in("someone@example.test", PASSWORD)
    started = time.monotonic()
    with pytest.raises(errors.ServerError, match="larger than 2 MB"):
        client.list_projects()
    assert time.monotonic() - started < 10


def test_an_announced_huge_answer_is_refused_before_reading(servers):
    def huge(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(400 * 1024 * 1024))
        handler.end_headers()
        handler.wfile.write(b"[" + b" " * 1000)

    api = servers({"GET /users/me/projects": huge})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    with pytest.raises(errors.ServerError, match="419 MB, over the limit of 67 MB"):
        client.list_projects()


# -- malformed answers ---------------------------------------------------------------------------
ACTIVITY = "GET /users/me/projects/7/activities/9"


@pytest.mark.parametrize("body, expected", [
    ([1, 2], "not a JSON object"),
    ("text", "not a JSON object"),
    (None, "not a JSON object"),
    (b"[" * 100000 + b"]" * 100000, "not JSON"),
    (b"{not json", "not JSON"),
])
def test_a_malformed_activity_is_named(servers, body, expected):
    api = servers({ACTIVITY: (200, body)})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    with pytest.raises(errors.ServerError, match=expected):
        client.get_activity(7, 9)


def test_nan_progress_is_read_as_zero(servers):
    api = servers({ACTIVITY: (200, b'{"id": 9, "state": "RUNNING", "progress": NaN, "misc": "x"}')})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    activity = client.get_activity(7, 9)
    assert activity.progress == 0.0 and activity.state == "RUNNING" and activity.misc == {}


def test_a_validation_error_with_a_null_location_is_explained(servers):
    detail = {"detail": [{"loc": None}, {"loc": None, "msg": "bad"}]}
    api = servers({"POST /users/me/projects": (422, detail)})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    with pytest.raises(errors.InvalidRequestError) as caught:
        client.create_project("x")
    assert "the server refused the request" in str(caught.value) and "bad" in str(caught.value)


@pytest.mark.parametrize("answer", [{}, {"project_id": "abc"}, {"project_id": None}, [3],
                                    {"project_id": 1.5}])
def test_a_created_project_without_a_valid_id_is_named(servers, answer):
    api = servers({"POST /users/me/projects": (201, answer)})
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    with pytest.raises(errors.ServerError, match="project_id|not a JSON object"):
        client.create_project("x")


def test_a_scenario_answer_without_activity_id_keeps_the_ids(servers, tmp_path):
    """Credits are spent once the scenario exists: its ids reach the caller (job record,
    command-line output) even though the answer cannot be followed."""
    api = servers({
        "POST /users/me/projects": (201, {"project_id": 7}),
        "POST /users/me/projects/7/assets/aoi": (201, {"asset_id": 1}),
        "GET /users/me/projects/7/scenarios": (200, []),
        "POST /users/me/projects/7/scenarios/extraction-mono": (201, {"scenario_id": 55}),
        "GET /users/me/projects/7/scenarios/55": (200, {"id": 55}),
        "GET /users/me/projects/7/activities": (200, [{"id": 3, "scenario_id": 54}]),
    })
    client = _client(api)
    client.login("someone@example.test", PASSWORD)
    saved = []
    with pytest.raises(errors.ScenarioIdsError) as caught:
        run_extraction(client, SQUARE, {}, tmp_path / "out", project_name="p",
                       on_ids=lambda *ids: saved.append(ids))
    assert saved == [(7, 55, None)]
    assert "no valid activity_id (missing)" in str(caught.value)
    assert "Scenario 55 of project 7" in str(caught.value)


def test_a_missing_activity_id_is_found_by_listing(servers):
    api = servers({
        "GET /users/me/projects/7/scenarios": (200, []),
        "POST /users/me/projects/7/scenarios/extraction-mono": (201, {"scenario_id": 55, "activity_id": "x"}),
        "GET /users/me/projects/7/scenarios/55": (200, {"id": 55}),
        "GET /users/me/projects/7/activities": (200, [{"id": 3, "scenario_id": 54},
                                                      {"id": 4, "scenario_id": 55}]),
    })
    client = _client(api)
    client._sign_in("someone@example.test", PASSWORD)
    assert client.create_scenario(7, {}) == (55, 4)


def test_cli_run_prints_the_ids_when_the_answer_lacks_the_activity(servers, tmp_path):
    import subprocess
    import sys

    api = servers({
        "POST /users/me/projects": (201, {"project_id": 7}),
        "POST /users/me/projects/7/assets/aoi": (201, {"asset_id": 1}),
        "GET /users/me/projects/7/scenarios": (200, []),
        "POST /users/me/projects/7/scenarios/extraction-mono": (201, {"scenario_id": 55}),
    })
    env = dict(os.environ, BEOD_PASSWORD=PASSWORD)
    done = subprocess.run([sys.executable, "-m", "beod", "--server", api.url, "--email", "a@b.test", "run",
                           "--aoi", SQUARE, "--out", str(tmp_path / "out")], capture_output=True, text=True,
                          env=env, timeout=60, cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert done.returncode != 0
    assert "scenario_id: 55" in done.stdout and "project_id: 7" in done.stdout
    assert "unexpected" not in done.stderr and "activity_id" in done.stderr

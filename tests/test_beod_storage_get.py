"""The lean storage GET sends what ``session.get`` sends (no credential, the session's headers,
the presigned URL as given) and leaves every other case (a proxy, another transport) to requests."""

import pytest
import requests

from beod.client import Client
from beod.storage_get import StorageGetter
from tests.hostile import HostileApi

DATA = bytes(range(256)) * 40
QUERY = ("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261202%2Feu-west-1%2Fs3"
         "%2Faws4_request&X-Amz-Date=20261202T101010Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
         "&X-Amz-Signature=" + "ab" * 32)


@pytest.fixture
def storage():
    server = HostileApi({"GET /bucket/0/EXPORT/a.bin": (200, DATA, {"ETag": '"e1"'})})
    yield server
    server.close()


def _sent(server):
    ((method, path, headers, _),) = server.requests
    server.requests.clear()
    return method, path, {name.lower(): value for name, value in headers.items()}


def test_the_lean_get_sends_what_session_get_sends(storage):
    client = Client("https://api.example")
    client.storage.headers["Authorization"] = "Bearer api-token-fake"  # never to the storage
    url = f"{storage.url}/bucket/0/EXPORT/a.bin?{QUERY}"
    getter = StorageGetter(client.storage)

    with getter.get(url, headers={"Range": "bytes=10-"}, timeout=(5, 5)) as lean:
        lean_body = lean.raw.read()
        lean_status, lean_etag = lean.status_code, lean.headers["etag"]
    lean_sent = _sent(storage)
    with client.storage.get(url, headers={"Range": "bytes=10-"}, stream=True, allow_redirects=False,
                            timeout=(5, 5)) as plain:
        plain_body = plain.raw.read()
    plain_sent = _sent(storage)

    assert lean_sent == plain_sent
    assert lean_sent[1] == f"/bucket/0/EXPORT/a.bin?{QUERY}"  # the signature's query as given
    assert "authorization" not in lean_sent[2] and lean_sent[2]["range"] == "bytes=10-"
    assert lean_sent[2]["user-agent"].startswith("beod-qgis/")
    assert (lean_status, lean_etag, lean_body) == (200, '"e1"', DATA) and plain_body == DATA
    client.close()


def test_a_storage_get_through_a_proxy_goes_to_the_proxy(storage):
    """With a proxy (here an http one, seen in absolute form), requests sends the GET."""
    storage.routes["GET http://storage.example/bucket/k"] = (200, DATA)
    client = Client("https://api.example", proxies={"http": storage.url})
    getter = StorageGetter(client.storage)

    with getter.get("http://storage.example/bucket/k?X-Amz-Signature=s", timeout=(5, 5),
                    proxies=client.storage_proxies("http://storage.example/bucket/k")) as response:
        assert response.raw.read() == DATA

    assert _sent(storage)[1] == "http://storage.example/bucket/k?X-Amz-Signature=s"
    client.close()


def test_a_url_that_is_not_plain_ascii_goes_through_requests(storage):
    """A space or a non-ASCII letter: requests encodes it as it always did."""
    storage.routes["GET /bucket/0/EXPORT/a%20b%C3%A9.bin"] = (200, DATA)
    client = Client("https://api.example")
    getter = StorageGetter(client.storage)

    with getter.get(f"{storage.url}/bucket/0/EXPORT/a bé.bin?X-Amz-Signature=s", timeout=(5, 5)) as response:
        assert response.status_code == 200 and response.raw.read() == DATA
    client.close()


def test_the_certificate_is_checked_against_the_bundle_session_get_would_use(monkeypatch):
    """``session.get`` verifies against ``REQUESTS_CA_BUNDLE`` (or ``CURL_CA_BUNDLE``) when
    the session's own setting is the default: the lean GET does the same."""
    session = requests.Session()
    getter = StorageGetter(session)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    assert getter._verify() is True
    monkeypatch.setenv("CURL_CA_BUNDLE", "/tmp/curl-bundle.pem")
    assert getter._verify() == "/tmp/curl-bundle.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/tmp/requests-bundle.pem")
    assert getter._verify() == "/tmp/requests-bundle.pem"
    session.verify = "/tmp/own-bundle.pem"  # the session's own choice wins, as in requests
    assert getter._verify() == "/tmp/own-bundle.pem"
    session.verify, session.trust_env = True, False
    assert getter._verify() is True

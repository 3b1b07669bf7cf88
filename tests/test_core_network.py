"""QGIS network settings reach the client: proxy, timeout and custom CAs."""

import contextlib
import datetime
import http.client
import http.server
import threading
import time
import urllib.parse

import pytest
from beod_qgis.core import network
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtNetwork import QSsl, QSslCertificate

from tests.test_core_auth import unlock_test_auth_db

AOI = "POLYGON ((6.950 43.607, 6.955 43.607, 6.955 43.611, 6.950 43.611, 6.950 43.607))"

PROXY_KEYS = (
    "proxy/proxyEnabled",
    "proxy/proxyType",
    "proxy/proxyHost",
    "proxy/proxyPort",
    "proxy/proxyUser",
    "proxy/proxyPassword",
    "proxy/proxyExcludedUrls",
    "proxy/noProxyUrls",
    "proxy/authcfg",
    "qgis/networkAndProxy/networkTimeout",
)


@pytest.fixture()
def qsettings(qgis_app):
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in PROXY_KEYS if settings.contains(key)}
    yield settings
    for key in PROXY_KEYS:
        settings.remove(key)
    for key, value in saved.items():
        settings.setValue(key, value)


def test_no_proxy_by_default(qsettings):
    qsettings.setValue("proxy/proxyEnabled", False)
    assert network.proxies_from_settings() == {}
    assert network.client_options()["proxies"] == {}


def test_http_proxy_with_user_and_exclusions(qsettings):
    qsettings.setValue("proxy/proxyEnabled", True)
    qsettings.setValue("proxy/proxyType", "HttpProxy")
    qsettings.setValue("proxy/proxyHost", "proxy.example.test")
    qsettings.setValue("proxy/proxyPort", "3128")
    qsettings.setValue("proxy/proxyUser", "jo@corp")
    qsettings.setValue("proxy/proxyPassword", "fake:pw")  # pragma: allowlist secret
    qsettings.setValue("proxy/proxyExcludedUrls", ["http://intranet.local/maps", "https://127.0.0.1"])
    proxies = network.client_options()["proxies"]
    expected = "http://jo%40corp:fake%3Apw@proxy.example.test:3128"  # pragma: allowlist secret
    assert proxies["http"] == expected
    assert proxies["https"] == expected
    # Excluded hosts connect directly ("" = no proxy for requests).
    assert proxies["http://intranet.local"] == ""
    assert proxies["https://127.0.0.1"] == ""
    assert "http://127.0.0.1" not in proxies


def test_socks_proxy_and_system_proxy(qsettings):
    qsettings.setValue("proxy/proxyEnabled", True)
    qsettings.setValue("proxy/proxyType", "Socks5Proxy")
    qsettings.setValue("proxy/proxyHost", "socks.example.test")
    qsettings.setValue("proxy/proxyPort", "1080")
    assert network.proxies_from_settings()["https"] == "socks5h://socks.example.test:1080"
    qsettings.setValue("proxy/proxyType", "DefaultProxy")
    assert network.proxies_from_settings() == {}


def test_timeout_from_qgis_settings(qsettings):
    qsettings.setValue("qgis/networkAndProxy/networkTimeout", 12500)
    assert network.client_options()["timeout"] == 12.5
    qsettings.remove("qgis/networkAndProxy/networkTimeout")
    assert network.network_timeout() == 60.0


def _self_signed_pem() -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "BEOD Test Corporate Root")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def test_custom_ca_of_the_auth_database_goes_into_verify(qgis_app, tmp_path, monkeypatch):
    unlock_test_auth_db()
    manager = QgsApplication.authManager()
    pem = _self_signed_pem()
    cert = QSslCertificate(pem, QSsl.EncodingFormat.Pem)
    assert manager.storeCertAuthority(cert)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    try:
        path = network.ca_bundle(str(tmp_path))
        assert path == str(tmp_path / network.CA_BUNDLE_NAME)
        content = (tmp_path / network.CA_BUNDLE_NAME).read_bytes()
        assert pem.strip() in content
        assert content.count(b"BEGIN CERTIFICATE") > 10  # the base bundle is kept too
        monkeypatch.setattr(network, "profile_folder", lambda: str(tmp_path))
        assert network.client_options()["verify"] == path
    finally:
        manager.removeCertAuthority(cert)
        manager.rebuildCaCertsCache()
        manager.rebuildTrustedCaCertsCache()
    assert network.ca_bundle(str(tmp_path / "other")) is True


class _RecordingProxy(http.server.ThreadingHTTPServer):
    """A loopback HTTP forward proxy recording the URLs it forwarded."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.seen = []


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _forward(self):
        target = urllib.parse.urlsplit(self.path)
        self.server.seen.append((self.command, target.netloc, target.path, self.headers.get("Authorization")))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "host")}
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        path = target.path + ("?" + target.query if target.query else "")
        connection.request(self.command, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


@contextlib.contextmanager
def running_proxy():
    """A recording proxy serving on a free loopback port for the duration of the block."""
    server = _RecordingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def recording_proxy():
    with running_proxy() as server:
        yield server


def test_api_and_storage_go_through_the_qgis_proxy(qsettings, emulator, recording_proxy, tmp_path):
    from beod_qgis.beod.download import download_scenario
    from beod_qgis.beod.models import ScenarioParams

    qsettings.setValue("proxy/proxyEnabled", True)
    qsettings.setValue("proxy/proxyType", "HttpProxy")
    qsettings.setValue("proxy/proxyHost", "127.0.0.1")
    qsettings.setValue("proxy/proxyPort", str(recording_proxy.server_address[1]))
    emulator.configure(run_seconds=0.2)
    client = network.make_client(emulator.api_url, email=emulator.email, password=emulator.password)
    try:
        client.login()
        project_id = client.create_project("Through the proxy")
        client.create_aoi(project_id, AOI)
        scenario_id, activity_id = client.create_scenario(project_id, ScenarioParams())
        deadline = time.monotonic() + 30
        while not client.get_activity(project_id, activity_id).is_terminal and time.monotonic() < deadline:
            time.sleep(0.2)
        result = download_scenario(client, project_id, scenario_id, str(tmp_path / "out"))
    finally:
        client.close()
    assert result.files, "nothing was downloaded"
    api_host = urllib.parse.urlsplit(emulator.api_url).netloc
    storage_host = urllib.parse.urlsplit(emulator.storage_url).netloc
    api_calls = [seen for seen in recording_proxy.seen if seen[1] == api_host]
    storage_calls = [
        seen for seen in recording_proxy.seen if seen[1] == storage_host and seen[2] not in ("", "/")
    ]
    assert any(path == "/auth/login" for _m, _h, path, _a in api_calls)
    assert storage_calls, "the storage downloads did not use the QGIS proxy"
    if api_host != storage_host:
        # The bearer token never goes to the storage host.
        assert all(auth_header is None for *_rest, auth_header in storage_calls)


def test_proxy_credentials_from_a_qgis_auth_configuration(qsettings):
    from qgis.core import QgsAuthMethodConfig

    unlock_test_auth_db()
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig("Basic")
    config.setName("corporate proxy")
    config.setConfig("username", "proxyuser")
    config.setConfig("password", "fake-proxy-pw")  # pragma: allowlist secret
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok
    try:
        qsettings.setValue("proxy/proxyEnabled", True)
        qsettings.setValue("proxy/proxyType", "HttpProxy")
        qsettings.setValue("proxy/proxyHost", "proxy.example.test")
        qsettings.setValue("proxy/proxyPort", "8080")
        qsettings.setValue("proxy/authcfg", config.id())
        expected = "http://proxyuser:fake-proxy-pw@proxy.example.test:8080"  # pragma: allowlist secret
        assert network.proxies_from_settings()["https"] == expected
    finally:
        manager.removeAuthenticationConfig(config.id())

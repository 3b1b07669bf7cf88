"""Bridge from QGIS's network settings to the BEOD client (API and storage downloads).

``client_options()`` turns QGIS's proxy (Settings > Options > Network), its
network timeout and the certificate authorities of its authentication database
into the ``proxies``/``verify``/``timeout`` arguments of :class:`beod.client.Client`.
The proxy password, when there is one, only ends up inside the proxies mapping
handed to the client: never logged, never stored by the plugin.
"""

import os
import threading
from typing import Callable, Dict, List, Optional, Tuple, Union
from urllib.parse import quote, urlsplit

from qgis.core import Qgis, QgsApplication, QgsAuthMethodConfig, QgsMessageLog, QgsSettings

from .i18n import tr
from .settings import Settings, profile_folder

DEFAULT_TIMEOUT_S = 60.0
CA_BUNDLE_NAME = "beod-ca-bundle.pem"
SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)

_PROXY_SCHEMES = {
    "HttpProxy": "http",
    "HttpCachingProxy": "http",
    "FtpCachingProxy": "http",
    "Socks5Proxy": "socks5h",
}


def network_timeout() -> float:
    """QGIS's network timeout in seconds (``qgis/networkAndProxy/networkTimeout``, ms)."""
    value = QgsSettings().value("qgis/networkAndProxy/networkTimeout", 60000)
    try:
        millis = int(value)
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT_S
    return millis / 1000.0 if millis > 0 else DEFAULT_TIMEOUT_S


def _string_list(value) -> List[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


def _proxy_credentials(settings: QgsSettings) -> Tuple[str, str]:
    user = settings.value("proxy/proxyUser", "", type=str) or ""
    password = settings.value("proxy/proxyPassword", "", type=str) or ""
    authcfg = settings.value("proxy/authcfg", "", type=str) or ""
    manager = QgsApplication.authManager()
    if authcfg and manager is not None and not manager.isDisabled() and authcfg in manager.configIds():
        result = manager.loadAuthenticationConfig(authcfg, QgsAuthMethodConfig(), True)
        ok, config = result if isinstance(result, tuple) else (result, None)
        if ok and config is not None and config.config("username"):
            user, password = config.config("username"), config.config("password")
    return user, password


def proxies_from_settings(settings: Optional[QgsSettings] = None) -> Dict[str, str]:
    """The requests ``proxies`` mapping for QGIS's proxy settings (``{}``: no explicit proxy).

    Excluded URLs (``proxy/proxyExcludedUrls`` and ``proxy/noProxyUrls``) map their
    host to ``""``, which requests reads as "connect directly".
    """
    settings = settings or QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return {}
    proxy_type = settings.value("proxy/proxyType", "", type=str) or "HttpProxy"
    host = (settings.value("proxy/proxyHost", "", type=str) or "").strip()
    scheme = _PROXY_SCHEMES.get(proxy_type)
    if scheme is None or not host:
        # "DefaultProxy" (the system's) and incomplete settings: requests falls back to
        # the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), like the system proxy.
        return {}
    port = str(settings.value("proxy/proxyPort", "", type=str) or "").strip()
    user, password = _proxy_credentials(settings)
    auth = ""
    if user:
        auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "") + "@"
    url = f"{scheme}://{auth}{host}" + (f":{port}" if port else "")
    proxies = {"http": url, "https": url}
    excluded = _string_list(settings.value("proxy/proxyExcludedUrls", [])) + _string_list(
        settings.value("proxy/noProxyUrls", [])
    )
    for prefix in excluded:
        parts = urlsplit(prefix if "://" in prefix else "//" + prefix)
        if not parts.hostname:
            continue
        schemes = [parts.scheme] if parts.scheme in ("http", "https") else ["http", "https"]
        for each in schemes:
            proxies[f"{each}://{parts.hostname}"] = ""
    return proxies


def _base_bundle() -> Optional[str]:
    try:
        import certifi

        return certifi.where()
    except ImportError:
        pass
    for path in SYSTEM_BUNDLES:
        if os.path.isfile(path):
            return path
    return None


_AUTH_LOCK = threading.Lock()


def _custom_ca_pems() -> List[bytes]:
    # Callers should read the options on the main thread; the lock keeps two worker
    # threads that do not from using the authentication manager at once.
    with _AUTH_LOCK:
        return _read_custom_ca_pems()


def _read_custom_ca_pems() -> List[bytes]:
    manager = QgsApplication.authManager()
    if manager is None or manager.isDisabled():
        return []
    custom = list(manager.extraFileCAs()) + list(manager.databaseCAs())
    if not custom:
        return []
    pems = []
    for cert in list(manager.trustedCaCertsCache()) + custom:
        if cert.isNull():
            continue
        pem = bytes(cert.toPem())
        if pem and pem not in pems:
            pems.append(pem)
    return pems


def ca_bundle(folder: Optional[str] = None) -> Union[bool, str]:
    """``verify`` for requests: True, or a PEM bundle including QGIS's custom CAs.

    When the QGIS authentication database holds extra CAs (files or stored
    certificates), they are written with the trusted CAs and the base bundle
    (certifi's or the system's) to ``<profile>/beod-ca-bundle.pem``.
    """
    pems = _custom_ca_pems()
    if not pems:
        return True
    folder = folder or profile_folder()
    path = os.path.join(folder, CA_BUNDLE_NAME)
    base = _base_bundle()
    chunks = []
    if base:
        with open(base, "rb") as handle:
            chunks.append(handle.read().rstrip(b"\n") + b"\n")
    chunks.extend(pem.rstrip(b"\n") + b"\n" for pem in pems)
    tmp = path + ".tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(b"".join(chunks))
        os.replace(tmp, path)
    except OSError as exc:
        QgsMessageLog.logMessage(
            tr("The certificate bundle could not be written to {}: {}", path, exc.strerror or exc),
            "BEOD",
            Qgis.MessageLevel.Warning,
        )
        return True
    return path


def client_options() -> dict:
    """``dict(proxies=..., verify=..., timeout=...)`` from QGIS's network settings."""
    return {"proxies": proxies_from_settings(), "verify": ca_bundle(), "timeout": network_timeout()}


def user_agent() -> str:
    """``beod-qgis/<plugin version> QGIS/<version>``, sent with every API call."""
    return f"beod-qgis/{_plugin_version()} QGIS/{Qgis.QGIS_VERSION.split('-')[0]}"


def _plugin_version() -> str:
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "metadata.txt")
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "0"


def make_client(
    server_url: Optional[str] = None,
    authcfg: Optional[str] = None,
    email: Optional[str] = None,
    password: Optional[str] = None,
    options: Optional[dict] = None,
):
    """A :class:`beod.client.Client` for ``server_url`` with QGIS's network settings.

    Credentials: ``email``/``password`` when given, else those stored under
    ``authcfg`` (default: the one in the settings). They are read once, here, on the
    calling thread (QGIS may ask for its master password, which must happen on the
    main thread), and handed to the client as a callable so it can sign in again
    when its token expires. ``options`` (from :func:`client_options`) may be computed
    beforehand on the main thread, as the tasks do.
    """
    from ..beod.client import Client
    from .auth import load_credentials

    settings = Settings()
    server_url = (server_url or settings.server_url).rstrip("/")
    credentials: Optional[Callable[[], Tuple[str, str]]] = None
    if email and password:
        pair = (email, password)
    else:
        pair = load_credentials(authcfg or settings.authcfg)
    if pair is not None:

        def credentials(pair=pair):
            return pair

    options = client_options() if options is None else options
    return Client(server_url, credentials=credentials, user_agent=user_agent(), **options)

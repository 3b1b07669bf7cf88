"""The BEOD API client: one ``requests.Session``, typed results, auth, retries.

- Every request has a timeout and the User-Agent ``beod-qgis/<version>``; proxies and
  a CA bundle (``verify``) are injectable.
- Auth: sign in with ``login``; the access token is refreshed shortly before it
  expires and on a 401 (many simultaneous 401s cause one refresh). When the refresh
  endpoint is missing (404) or refuses, the client signs in again through the
  ``credentials`` callable.
- Reads and polling retry with exponential backoff and jitter on connection errors,
  5xx and 429 (honouring ``Retry-After``). Requests that create something are never
  retried blindly: see :meth:`Client._create`.
- A second session, :attr:`Client.storage`, fetches presigned storage URLs; it never
  carries the API's bearer token.
- No credential follows a redirect: requests never follows one itself. Sign-in and every
  POST refuse a redirect; a GET follows at most :data:`MAX_REDIRECTS` of them, checked by
  :func:`check_redirect` (never https -> http), the ``Authorization`` header kept only on
  the same origin and ``Proxy-Authorization`` never copied (requests 2.28 leaked it:
  CVE-2023-32681). ``~/.netrc`` is never read; proxies from the environment still are.
- Every answer is read with a size limit (:data:`MAX_ANSWER_BYTES`) and a deadline,
  and parsed JSON that is not the expected shape gives a message naming what was wrong.
"""

import email.utils
import http.client
import logging
import os
import random
import threading
import time
from typing import Callable, List, Optional, Tuple
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from . import __version__
from .endpoints import CONTINUATION_PARAM, DEFAULT_SCENARIO_TYPE, ENDPOINTS, path
from .errors import (
    AuthenticationError,
    BeodError,
    CancelledError,
    ConflictError,
    InsufficientCreditsError,
    InvalidRequestError,
    NetworkError,
    NotBeodServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RedirectError,
    ScenarioIdsError,
    ServerAddressError,
    ServerError,
)
from .models import Activity, Asset, Project, Scenario, ScenarioParams, Tokens, User, as_object, require_id
from .redact import forget_secret, redact_url, register_secret

LOG = logging.getLogger("beod")
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # an API answer (JSON) larger than this is refused
MAX_REDIRECTS = 5
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
DEFAULT_SERVER = "https://api.beod.luxcarta.cloud"
RETRY_STATUSES = (429, 500, 502, 503, 504)
CONNECT_RETRIES = 2
# Jitter for retry delays (not cryptography).
_JITTER = random.Random()  # noqa: S311  # nosec B311


def default_user_agent() -> str:
    return f"beod-qgis/{__version__}"


class StorageAuthGuard(requests.auth.AuthBase):
    """Auth of the storage session: removes any ``Authorization`` header.

    Setting an auth object also stops requests from adding credentials found in
    ``~/.netrc``: a presigned URL must reach the storage host without credentials.
    """

    def __call__(self, request):
        request.headers.pop("Authorization", None)
        return request


class NoNetrcAuth(requests.auth.AuthBase):
    """Auth of the API session: adds nothing. A session with an auth object never reads
    ``~/.netrc`` (whose entry would replace the bearer token), while ``trust_env`` keeps
    the proxy settings of the environment."""

    def __call__(self, request):
        return request


def _origin(url: str) -> Tuple[str, str, Optional[int]]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port or default
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def check_redirect(source: str, target: str, action: str = "Request") -> str:
    """The absolute URL a redirect from ``source`` to ``target`` leads to, or :class:`RedirectError`
    when it must not be followed (another scheme than http/https, https -> http)."""
    absolute = urljoin(source, target or "")
    scheme = urlsplit(absolute).scheme.lower()
    if scheme not in ("http", "https") or not urlsplit(absolute).hostname:
        raise RedirectError(f"{action}: the server redirected to {redact_url(absolute)[:120]!r}, which is "
                           "not a web address; not followed.")
    if _origin(source)[0] == "https" and scheme == "http":
        raise RedirectError(f"{action}: the server redirected from https to http "
                           f"({redact_url(absolute)[:120]}); not followed (it would not be encrypted).")
    return absolute


def same_origin(first: str, second: str) -> bool:
    return _origin(first) == _origin(second)


def read_limited(response, limit: int, action: str = "Request", is_cancelled=None,
                 deadline: Optional[float] = None) -> bytes:
    """The body of a streamed ``response``, refused (:class:`ServerError`) beyond ``limit``
    bytes; cancellable, and bounded by the ``time.monotonic()`` ``deadline``."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        response.close()
        raise ServerError(f"{action}: the server's answer is {int(length) / 1e6:.0f} MB, over the limit "
                          f"of {limit / 1e6:.0f} MB; refused.")
    chunks = []
    size = 0
    try:
        while True:
            try:
                chunk = read_some(response, 64 * 1024)
            except (http.client.HTTPException, urllib3.exceptions.HTTPError, OSError) as exc:
                raise requests.ConnectionError(f"answer cut ({type(exc).__name__})") from None
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise ServerError(f"{action}: the server's answer is larger than {limit / 1e6:.0f} MB; "
                                  "refused.")
            if is_cancelled is not None and is_cancelled():
                raise CancelledError()
            if deadline is not None and time.monotonic() > deadline:
                raise NetworkError(f"{action}: the server's answer came too slowly; gave up.")
            chunks.append(chunk)
    except (BeodError, requests.ConnectionError):
        response.close()
        raise
    if length.isdigit() and size != int(length) and not response.headers.get("Content-Encoding"):
        response.close()
        raise requests.ConnectionError(f"answer cut after {size} of {length} bytes")
    release_connection(response)
    body = b"".join(chunks)
    response._content = body  # what .json() and .text read
    response._content_consumed = True
    return body


def read_some(response, amount: int) -> bytes:
    """Up to ``amount`` bytes of a streamed ``response``'s body, returned as soon as some
    arrive: a server trickling bytes cannot hold a read (and a cancel) until ``amount`` is
    reached. Compressed bodies go through urllib3 (which decodes them)."""
    raw = response.raw
    fp = getattr(raw, "_fp", None)
    encoding = (response.headers.get("Content-Encoding") or "identity").lower()
    if fp is not None and hasattr(fp, "read1") and encoding == "identity":
        chunk = fp.read1(amount)
        if not chunk and amount and not fp.isclosed():
            fp.read()  # nothing left: marks the answer complete, so the connection can be reused
        return chunk
    if isinstance(raw, urllib3.response.HTTPResponse):
        return raw.read(amount, decode_content=True)
    return raw.read(amount)


def release_connection(response) -> None:
    """Give a fully read streamed response's connection back to the pool."""
    try:
        response.raw.release_conn()
    except AttributeError:
        pass


def parse_retry_after(value, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return default


def backoff_delay(attempt: int, base: float = 0.5, cap: float = 30.0) -> float:
    """Exponential backoff with jitter: about ``base * 2**attempt``, at most ``cap``."""
    delay = min(cap, base * (2 ** attempt))
    return delay * (0.5 + _JITTER.random() / 2)


def sleep_unless_cancelled(seconds: float, is_cancelled: Optional[Callable[[], bool]] = None) -> None:
    """Sleep ``seconds``, checking ``is_cancelled`` every 0.1 s (raises :class:`CancelledError`)."""
    end = time.monotonic() + max(0.0, seconds)
    while True:
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(0.1, left))


def _never_sent(exc) -> bool:
    """Whether a requests exception certainly happened before the request was sent."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    text = repr(exc)
    return isinstance(exc, requests.ConnectionError) and (
        "NewConnectionError" in text or "Connection refused" in text or "Name or service" in text)


#: sign-in answers that mean "no such API here" rather than "wrong password"
NOT_BEOD_STATUSES = (404, 405, 501)


def check_server_url(server_url: str) -> str:
    """``server_url`` without its trailing slash; :class:`ServerAddressError` when it has no
    http(s) scheme or no host (``beod server``, ``api.example.com``, ``https://``)."""
    text = str(server_url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise ServerAddressError(
            f"The server address \"{shown}\" is not a web address: it must start with https:// "
            "followed by the host name, for example https://api.beod.luxcarta.cloud.")
    return text.rstrip("/")


def _no_such_route(response) -> bool:
    """A 404/405/501 that says "no such address here" (a page, nothing, or a web framework's
    bare "Not Found"), not an API's own answer about the account."""
    if response.status_code != 404:
        return True
    body = _json_or_none(response)
    if body is None:
        return True
    detail = body.get("detail") if isinstance(body, dict) else None
    return isinstance(body, dict) and len(body) == 1 and str(detail).strip().lower() == "not found"


def _looks_like_a_page(response) -> bool:
    kind = (response.headers.get("Content-Type") or "").lower()
    return "html" in kind or (response.text or "").lstrip()[:1] == "<"


def _json_or_none(response):
    try:
        return response.json()
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return None


def error_from_response(response, action: str = "") -> BeodError:
    """The :class:`BeodError` matching an HTTP error ``response``."""
    status = response.status_code
    body = _json_or_none(response)
    if isinstance(body, dict):
        details = next((body[k] for k in ("details", "detail", "message", "error") if body.get(k)), body)
    elif body is not None:
        details = body
    else:
        details = (response.text or "")[:300].strip()
    prefix = f"{action}: " if action else ""
    text = str(details).lower()
    if status == 402 or (status in (400, 403, 409, 422) and "credit" in text):
        return InsufficientCreditsError(status=status, details=details)
    if status == 401:
        return AuthenticationError(
            prefix + "the server did not accept the sign-in; sign in again.", status=status)
    if status == 403:
        return PermissionDeniedError(prefix + "this account is not allowed to do that.", status=status,
                                     details=details)
    if status == 404:
        return NotFoundError(prefix + "not found on the server; check the ids.", status=status,
                             details=details)
    if status == 409:
        return ConflictError(prefix + "conflict with what exists on the server.", status=status,
                             details=details)
    if 400 <= status < 500 and status != 429:
        return InvalidRequestError(prefix + "the server refused the request.", status=status,
                                   details=details)
    if status == 429:
        return RateLimitedError(prefix + "the server is busy (too many requests); try again later.",
                                status=status)
    return ServerError(f"{prefix}the server answered {status}; try again later.", status=status,
                       details=details if status < 500 else None)


def _items(body, *keys) -> list:
    """The list in a list response: the body itself or its first list value."""
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in keys:
            if isinstance(body.get(key), list):
                return body[key]
        for value in body.values():
            if isinstance(value, list):
                return value
    return []


class Client:
    """A client of the BEOD API at ``server_url``.

    ``credentials`` is a callable returning ``(email, password)``, used to sign in and to
    sign in again when a token can no longer be refreshed. ``retries`` bounds the retries
    of a read; ``backoff`` is the first retry delay (seconds).
    """

    def __init__(self, server_url: str = DEFAULT_SERVER, *, timeout: float = 30.0, proxies=None,
                 verify=True, credentials: Optional[Callable[[], Tuple[str, str]]] = None,
                 user_agent: Optional[str] = None, retries: int = 4, backoff: float = 0.5,
                 max_backoff: float = 30.0, pool_size: int = 16, refresh_margin: float = 60.0,
                 max_answer_bytes: int = MAX_ANSWER_BYTES):
        self.server_url = check_server_url(server_url or DEFAULT_SERVER)
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.refresh_margin = float(refresh_margin)
        self.max_answer_bytes = int(max_answer_bytes)
        self.user_agent = user_agent or default_user_agent()
        self._credentials = credentials
        self._lock = threading.RLock()
        self._tokens: Optional[Tokens] = None
        self._generation = 0
        self._email: Optional[str] = None
        self.user: Optional[User] = None
        self.refresh_supported: Optional[bool] = None
        self.session = self._new_session(proxies, verify, pool_size)
        self.session.auth = NoNetrcAuth()
        self.storage = self._new_session(proxies, verify, pool_size)
        self.storage.auth = StorageAuthGuard()
        # The storage session reads the environment once (proxies per host, CA bundle)
        # instead of on every request: thousands of small files are fetched with it.
        self.storage.trust_env = False
        if verify is True:
            self.storage.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get(
                "CURL_CA_BUNDLE") or True
        self._proxies = dict(proxies or {})
        self._storage_proxies = {}

    def storage_proxies(self, url: str) -> dict:
        """The proxies for a storage ``url``: the injected ones, else the environment's
        (``no_proxy`` honoured), looked up once per host."""
        key = tuple(urlsplit(url)[:2])
        cached = self._storage_proxies.get(key)
        if cached is None:
            cached = dict(self._proxies)
            for scheme, proxy in requests.utils.get_environ_proxies(url).items():
                cached.setdefault(scheme, proxy)
            self._storage_proxies[key] = cached
        return cached

    def _new_session(self, proxies, verify, pool_size) -> requests.Session:
        session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(1, int(pool_size)), max_retries=0)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers["User-Agent"] = self.user_agent
        if proxies:
            session.proxies.update(proxies)
        session.verify = verify
        return session

    def __repr__(self):
        return f"Client({self.server_url!r}, signed_in={self.is_signed_in})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Close both sessions and forget the tokens."""
        with self._lock:
            self._set_tokens(None)
        self.session.close()
        self.storage.close()

    @property
    def is_signed_in(self) -> bool:
        return self._tokens is not None

    # -- auth ------------------------------------------------------------------------
    def _set_tokens(self, tokens: Optional[Tokens]) -> None:
        old = self._tokens
        if old is not None:
            forget_secret(old.access_token)
            forget_secret(old.refresh_token)
        if tokens is not None:
            register_secret(tokens.access_token)
            register_secret(tokens.refresh_token)
        self._tokens = tokens
        self._generation += 1

    def _sign_in(self, email: str, password: str) -> None:
        register_secret(password)
        response = self._send("POST", path("login"), json={"email": email, "password": password},
                              auth=False, expected=ENDPOINTS["login"].expected, retry=True,
                              action="Sign-in", raise_for_status=False)
        if response.status_code in NOT_BEOD_STATUSES and _no_such_route(response):
            raise NotBeodServerError(
                f"{self.server_url} answered, but has no BrightEarth On Demand sign-in "
                f"(HTTP {response.status_code} for {path('login')}): check the server address.",
                status=response.status_code)
        if response.status_code != 200:
            if response.status_code >= 500:
                raise error_from_response(response, "Sign-in")
            if _json_or_none(response) is None and _looks_like_a_page(response):
                raise NotBeodServerError(
                    f"{self.server_url} answered with a web page, not as a BrightEarth On Demand API: "
                    "check the server address.", status=response.status_code)
            raise AuthenticationError(status=response.status_code)
        body = _json_or_none(response)
        if not isinstance(body, dict):
            raise NotBeodServerError(
                f"{self.server_url} answered, but not as a BrightEarth On Demand API (no sign-in "
                "answer): check the server address.", status=response.status_code)
        if not body.get("access_token"):
            raise AuthenticationError("Sign-in failed: the server's answer has no token.")
        with self._lock:
            self._set_tokens(Tokens.from_dict(body))
            self._email = email

    def login(self, email: Optional[str] = None, password: Optional[str] = None) -> User:
        """Sign in (with the given account, else through ``credentials``) and return the user."""
        explicit = email is not None and password is not None
        if not explicit:
            if self._credentials is None:
                raise AuthenticationError("No account: give an email and a password.")
            email, password = self._credentials()
        if not email or not password:
            raise AuthenticationError("No account: give an email and a password.")
        if explicit:
            pair = (email, password)
            self._credentials = lambda: pair
        self._sign_in(email, password)
        user = self.me()
        if not user.email:
            user.email = email
        self.user = user
        return user

    def _sign_in_again(self) -> None:
        if self._credentials is None:
            raise AuthenticationError("The session expired and no account is known to sign in again.")
        email, password = self._credentials()
        self._sign_in(email, password)

    def _refresh(self, generation: int) -> None:
        """Renew the access token unless another thread already did (``generation`` changed)."""
        with self._lock:
            if generation != self._generation and self._tokens is not None:
                return
            tokens = self._tokens
            if tokens is None or not tokens.refresh_token or self.refresh_supported is False:
                self._sign_in_again()
                return
            response = self._send("POST", path("refresh"), json={"refresh_token": tokens.refresh_token},
                                  auth=False, expected=(200,), retry=True, action="Token refresh",
                                  raise_for_status=False)
            body = _json_or_none(response) if response.status_code == 200 else None
            if isinstance(body, dict) and body.get("access_token"):
                self.refresh_supported = True
                if not body.get("refresh_token"):
                    body = dict(body, refresh_token=tokens.refresh_token)
                self._set_tokens(Tokens.from_dict(body))
                return
            if response.status_code in (404, 405, 501):
                self.refresh_supported = False
            LOG.info("Token refresh answered %s; signing in again.", response.status_code)
            self._sign_in_again()

    def _auth_header(self) -> Tuple[dict, int]:
        with self._lock:
            if self._tokens is None:
                self._sign_in_again()
            elif self._tokens.expires_within(min(self.refresh_margin, self._tokens.expires_in / 10)):
                self._refresh(self._generation)
            tokens = self._tokens
            return {"Authorization": f"{tokens.token_type or 'Bearer'} {tokens.access_token}"}, \
                self._generation

    # -- transport -------------------------------------------------------------------
    def _url(self, api_path: str) -> str:
        return self.server_url + api_path

    def _send(self, method: str, api_path: str, *, json=None, params=None, auth: bool = True,
              expected=(200,), retry: bool = True, action: str = "", raise_for_status: bool = True,
              is_cancelled=None, safe_retry_statuses=RETRY_STATUSES):
        """One API call with auth renewal and (when ``retry``) retries; returns the response.

        ``retry=False`` (creating calls) still retries what certainly did not reach the
        server's logic: a refused connection, a 401 (renewed once) and a 429.
        """
        url = self._url(api_path)
        attempt = 0
        renewed = False
        while True:
            if is_cancelled is not None and is_cancelled():
                raise CancelledError()
            headers, generation = self._auth_header() if auth else ({}, 0)
            try:
                response = self._request(method, url, json=json, params=params, headers=headers,
                                         action=action or "Request", is_cancelled=is_cancelled)
            except (requests.ConnectionError, requests.Timeout) as exc:
                connect_failed = _never_sent(exc)
                # a refused connection is retried briefly (a restarting server), not for long
                limit = min(self.retries, CONNECT_RETRIES) if connect_failed else self.retries
                if (retry or connect_failed) and attempt < limit:
                    delay = backoff_delay(attempt, self.backoff, self.max_backoff)
                    LOG.info("%s %s: %s; retrying in %.1f s", method, redact_url(url),
                             type(exc).__name__, delay)
                    attempt += 1
                    sleep_unless_cancelled(delay, is_cancelled)
                    continue
                raise NetworkError(f"{action or 'Request'} failed: could not reach {self.server_url} "
                                   f"({type(exc).__name__}). Check the network, the proxy and the "
                                   "server address.") from None
            status = response.status_code
            if status == 401 and auth and not renewed:
                renewed = True
                response.close()
                self._refresh(generation)
                continue
            if status in RETRY_STATUSES and attempt < self.retries and (
                    retry or status in safe_retry_statuses):
                delay = backoff_delay(attempt, self.backoff, self.max_backoff)
                delay = min(self.max_backoff, parse_retry_after(response.headers.get("Retry-After"), delay))
                LOG.info("%s %s answered %s; retrying in %.1f s", method, redact_url(url), status, delay)
                response.close()
                attempt += 1
                sleep_unless_cancelled(delay, is_cancelled)
                continue
            if status in expected or not raise_for_status:
                return response
            raise error_from_response(response, action)

    def _request(self, method: str, url: str, *, json, params, headers: dict, action: str,
                 is_cancelled=None):
        """One request, its redirects followed by this code (see the module's docstring) and
        its body read with the size limit."""
        for _ in range(MAX_REDIRECTS + 1):
            response = self.session.request(method, url, json=json, params=params, headers=headers,
                                            timeout=self.timeout, allow_redirects=False, stream=True)
            if response.status_code not in REDIRECT_STATUSES or not response.headers.get("Location"):
                read_limited(response, self.max_answer_bytes, action, is_cancelled,
                             deadline=time.monotonic() + max(60.0, 4 * self.timeout))
                return response
            target = response.headers["Location"]
            response.close()
            if method != "GET":
                raise RedirectError(f"{action}: the server answered with a redirect to "
                                    f"{redact_url(urljoin(url, target))[:120]}; not followed (what is sent "
                                    "goes only to the configured server).", status=response.status_code)
            target = check_redirect(url, target, action)
            if not same_origin(url, target):
                headers = {k: v for k, v in headers.items()
                           if k.lower() not in ("authorization", "proxy-authorization")}
            url, params = target, None
            LOG.info("%s: redirected to %s", action, redact_url(url))
        raise RedirectError(f"{action}: more than {MAX_REDIRECTS} redirects; not followed.")

    def _get_json(self, name: str, action: str, *, params=None, is_cancelled=None, **values):
        response = self._send("GET", path(name, **values), params=params, action=action,
                              expected=ENDPOINTS[name].expected, is_cancelled=is_cancelled)
        try:
            return response.json()
        except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply
            raise ServerError(f"{action}: the server's answer is not JSON.") from None

    # -- creating calls -------------------------------------------------------------
    def _create(self, name: str, body: dict, action: str, find_existing: Callable[[], Optional[dict]],
                **values) -> dict:
        """POST ``body`` to endpoint ``name`` without ever creating the same thing twice.

        The request is sent once. Retried only when the server certainly did not act
        on it (connection refused, 401 then renewed, 429). After an ambiguous failure (a
        connection lost after sending, a 5xx), ``find_existing()`` looks on the server
        (by listing) for what the request may have created: found, it is returned; not
        found, the request is sent again (at most ``self.retries`` times). When listing
        is impossible, the error is raised rather than risking a duplicate (and a
        second charge of credits).
        """
        api_path = path(name, **values)
        attempt = 0
        while True:
            try:
                response = self._send("POST", api_path, json=body, expected=ENDPOINTS[name].expected,
                                      retry=False, action=action, raise_for_status=False,
                                      safe_retry_statuses=(429,))
            except NetworkError as exc:
                failure = exc
            else:
                if response.status_code in ENDPOINTS[name].expected:
                    try:
                        created = response.json()
                    except (ValueError, RecursionError):
                        raise ServerError(f"{action}: the server's answer is not JSON.") from None
                    return as_object(created, f"the answer to \"{action}\"")
                if response.status_code < 500:
                    raise error_from_response(response, action)
                failure = error_from_response(response, action)
            LOG.info("%s: %s; checking whether it was created anyway", action, type(failure).__name__)
            try:
                existing = find_existing()
            except BeodError as exc:
                raise type(failure)(f"{failure.message} It may have been created: check the server "
                                    "before trying again.", status=failure.status) from exc
            if existing is not None:
                LOG.info("%s: found on the server, not created again", action)
                return existing
            if attempt >= self.retries:
                raise failure
            sleep_unless_cancelled(backoff_delay(attempt, self.backoff, self.max_backoff))
            attempt += 1

    def create_project(self, name: str) -> int:
        """Create a project named ``name``; its id."""
        try:
            before = {p.id for p in self.list_projects()}
        except BeodError:
            before = None

        def find_existing():
            if before is None:
                raise NotFoundError("Projects cannot be listed.")
            new = [p for p in self.list_projects() if p.id not in before and p.name == name]
            return {"project_id": new[-1].id} if len(new) == 1 else None

        created = self._create("create_project", {"name": name}, "Creating the project", find_existing)
        return require_id(created, "project_id", "Creating the project", "id")

    def create_aoi(self, pid, wkt: str) -> int:
        """Attach the AOI (a WKT POLYGON in lon/lat) to project ``pid``; the asset id."""

        def find_existing():
            aois = [a for a in self.list_assets(pid) if a.is_aoi]
            return {"asset_id": aois[0].id} if aois else None

        created = self._create("create_aoi", {"geometry": wkt}, "Sending the area of interest",
                               find_existing, project_id=pid)
        return require_id(created, "asset_id", "Sending the area of interest", "id")

    def create_scenario(self, pid, params: ScenarioParams,
                        scenario_type: str = DEFAULT_SCENARIO_TYPE) -> Tuple[int, int]:
        """Start a scenario in project ``pid``; ``(scenario_id, activity_id)``."""
        if isinstance(params, dict):
            params = ScenarioParams.from_dict(params)
        body = params.to_body()
        try:
            before = {s.id for s in self.list_scenarios(pid)}
        except BeodError:
            before = None

        def find_existing():
            if before is None:
                raise NotFoundError("Scenarios cannot be listed.")
            new = [s for s in self.list_scenarios(pid) if s.id not in before]
            if len(new) != 1:
                return None
            scenario = new[0]
            activity_id = scenario.activity_id
            if activity_id is None:
                matches = [a for a in self.list_activities(pid) if a.scenario_id == scenario.id]
                activity_id = matches[-1].id if matches else None
            if activity_id is None:
                return None
            return {"scenario_id": scenario.id, "activity_id": activity_id}

        created = self._create("create_scenario", body, "Starting the scenario", find_existing,
                               project_id=pid, scenario_type=scenario_type)
        sid = require_id(created, "scenario_id", "Starting the scenario")
        try:
            return sid, require_id(created, "activity_id", "Starting the scenario")
        except ServerError as exc:
            aid = self._find_activity(pid, sid)
            if aid is None:
                raise ScenarioIdsError(
                    f"{exc.message} Scenario {sid} of project {pid} was created; follow it from the list "
                    "of scenarios.", project_id=pid, scenario_id=sid) from None
            LOG.info("Scenario %s: activity %s found by listing", sid, aid)
            return sid, aid

    def _find_activity(self, pid, sid) -> Optional[int]:
        """The activity of scenario ``sid`` found on the server (when its creation did not say)."""
        try:
            scenario = self.get_scenario(pid, sid)
            if isinstance(scenario.activity_id, int):
                return scenario.activity_id
            matches = [a.id for a in self.list_activities(pid)
                       if a.scenario_id == sid and isinstance(a.id, int)]
            return matches[-1] if matches else None
        except BeodError:
            return None

    # -- reads -----------------------------------------------------------------------
    def me(self) -> User:
        """The signed-in user (id and credits)."""
        user = User.from_dict(as_object(self._get_json("me", "Reading the account"), "the account"))
        if not user.email:
            user.email = self._email
        return user

    def list_projects(self) -> List[Project]:
        body = self._get_json("list_projects", "Listing the projects")
        return [Project.from_dict(item) for item in _items(body, "projects", "items")]

    def get_project(self, pid) -> Project:
        return Project.from_dict(self._get_json("get_project", "Reading the project", project_id=pid))

    def list_assets(self, pid) -> List[Asset]:
        body = self._get_json("list_assets", "Listing the assets", project_id=pid)
        if isinstance(body, dict) and not _items(body, "assets", "items") and body.get("aoi"):
            body = [dict(body["aoi"], type="aoi")] if isinstance(body["aoi"], dict) else []
        return [Asset.from_dict(item) for item in _items(body, "assets", "items")]

    def list_scenarios(self, pid) -> List[Scenario]:
        body = self._get_json("list_scenarios", "Listing the scenarios", project_id=pid)
        return [Scenario.from_dict(dict({"project_id": pid}, **as_object(item, "a scenario of the list")))
                for item in _items(body, "scenarios", "items")]

    def get_scenario(self, pid, sid) -> Scenario:
        body = self._get_json("get_scenario", "Reading the scenario", project_id=pid, scenario_id=sid)
        return Scenario.from_dict(dict({"project_id": pid}, **as_object(body, "the scenario")))

    def list_activities(self, pid) -> List[Activity]:
        body = self._get_json("list_activities", "Listing the activities", project_id=pid)
        return [Activity.from_dict(item) for item in _items(body, "activities", "items")]

    def get_activity(self, pid, aid, *, is_cancelled=None) -> Activity:
        body = self._get_json("get_activity", "Reading the activity", project_id=pid, activity_id=aid,
                              is_cancelled=is_cancelled)
        return Activity.from_dict(body)

    def download_urls(self, pid, sid, continuation_token: Optional[str] = None, *,
                      is_cancelled=None) -> dict:
        """One page of the download listing (``{"<sid>.zip": url}`` or the nested tree)."""
        params = {CONTINUATION_PARAM: continuation_token} if continuation_token else None
        body = self._get_json("download_urls", "Listing the result files", params=params,
                              project_id=pid, scenario_id=sid, is_cancelled=is_cancelled)
        if not isinstance(body, dict):
            raise ServerError("Listing the result files: the server's answer is not a JSON object "
                              f"({type(body).__name__}).")
        return body

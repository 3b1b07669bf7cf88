"""A lean GET of presigned storage URLs: the same request as ``session.get``, less CPU per file.

For each request ``requests`` merges the session's settings, prepares cookies and hooks, and
parses and re-encodes the URL three times (urllib3 goes over a long presigned query one
character at a time): on a fast link that costs more than the storage takes to send a small
file, and a large result has tens of thousands of them.

:class:`StorageGetter` sends the GET straight to the connection pool that the session's own
``HTTPAdapter`` gives for the URL's origin (asked once per origin, so the TLS settings and
certificate checks are the adapter's), with the session's headers and no ``Authorization``, and
returns a ``requests.Response`` like ``session.get(url, stream=True, allow_redirects=False)``.
It does so only in the plain case: requests' own adapter, no proxy, no client certificate, no
cookies, no hooks, and a URL of plain ASCII already percent-encoded; anything else goes
through ``session.get``. Cookies the storage would set are not kept (a presigned URL needs none).
"""

import os
import re
import threading
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

from .client import StorageAuthGuard

# scheme://host[:port] then a path and a query already percent-encoded (no user info, no fragment)
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?"
                        r"(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?"
                        r"(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?", re.ASCII)

__all__ = ["StorageGetter"]


class StorageGetter:
    """``get(url, headers, timeout, proxies)`` on ``session`` (see the module's docstring)."""

    def __init__(self, session: requests.Session):
        self.session = session
        self._pools: Dict[Tuple[object, str, str], object] = {}
        self._lock = threading.Lock()

    def get(self, url: str, *, headers: Optional[dict] = None, timeout=None, proxies=None):
        """GET ``url`` streamed, redirects not followed; a ``requests.Response``."""
        adapter = self._lean_adapter(url, proxies)
        if adapter is None:
            return self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                    proxies=proxies, timeout=timeout)
        pool = self._pool(adapter, url)
        sent = CaseInsensitiveDict(self.session.headers)
        sent.update(headers or {})
        sent.pop("Authorization", None)  # as the session's StorageAuthGuard does
        connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        parts = urlsplit(url)
        target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        try:
            raw = pool.urlopen(method="GET", url=target, body=None, headers=sent, redirect=False,
                               assert_same_host=False, preload_content=False, decode_content=False,
                               retries=adapter.max_retries,
                               timeout=urllib3.util.Timeout(connect=connect, read=read))
        except urllib3.exceptions.ClosedPoolError:
            self._forget(adapter, url)  # the pool manager dropped it: the next attempt asks again
            raise
        response = requests.Response()
        response.status_code = raw.status
        response.headers = CaseInsensitiveDict(raw.headers)
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = raw
        response.reason = raw.reason
        response.url = url
        response.connection = adapter
        return response

    def _lean_adapter(self, url: str, proxies) -> Optional[HTTPAdapter]:
        """The session's adapter for ``url`` when the lean GET sends what ``session.get``
        would; None otherwise."""
        session = self.session
        if proxies or session.proxies or session.cert or len(session.cookies) or session.params:
            return None
        if any(session.hooks.get("response") or []) or not isinstance(session.auth, (StorageAuthGuard,
                                                                                      type(None))):
            return None
        if not _PLAIN_URL.fullmatch(url):
            return None

        adapter = session.get_adapter(url)
        return adapter if type(adapter) is HTTPAdapter else None  # noqa: E721 (not a subclass)

    def _verify(self):
        """What ``session.get`` verifies the storage's certificate with: the session's
        setting, or where it is the default, the environment's CA bundle as requests reads it."""
        verify = self.session.verify
        if verify is True and self.session.trust_env:
            verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        return verify

    def _pool(self, adapter: HTTPAdapter, url: str):
        parts = urlsplit(url)
        verify = self._verify()
        key = (adapter, parts.scheme.lower(), parts.netloc.lower(), str(verify))
        with self._lock:
            pool = self._pools.get(key)
            if pool is not None and getattr(pool, "pool", True) is not None:
                return pool
        if hasattr(adapter, "get_connection_with_tls_context"):  # requests 2.32+
            request = requests.Request("GET", url).prepare()
            pool = adapter.get_connection_with_tls_context(request, verify, proxies={}, cert=None)
        else:
            pool = adapter.get_connection(url, {})
        adapter.cert_verify(pool, url, verify, None)
        with self._lock:
            self._pools[key] = pool
        return pool

    def _forget(self, adapter: HTTPAdapter, url: str) -> None:
        parts = urlsplit(url)
        with self._lock:
            self._pools.pop((adapter, parts.scheme.lower(), parts.netloc.lower(), str(self._verify())), None)

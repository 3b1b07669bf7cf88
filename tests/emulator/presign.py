"""S3-style presigned URLs for the storage host: HMAC-SHA256 over method, path, date and
expiry, carried in ``X-Amz-*`` query parameters. ``expire_all`` rotates the signing key:
URLs signed with a retired key are answered "Request has expired", as S3 does once a
presigned URL is past its lifetime."""

import hashlib
import hmac
import secrets
import threading
import time
from datetime import datetime, timezone
from typing import Dict, Optional, Tuple
from urllib.parse import quote, urlencode

ALGORITHM = "AWS4-HMAC-SHA256"
ACCESS_KEY = "AKIAEMULATORBEOD0000"  # pragma: allowlist secret (public id of a fake key)
REGION = "eu-west-3"


class Signer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = secrets.token_bytes(32)
        self._retired: list = []

    def expire_all(self) -> None:
        with self._lock:
            self._retired.append(self._key)
            self._key = secrets.token_bytes(32)

    @staticmethod
    def _signature(key: bytes, method: str, path: str, date: str, expires: str) -> str:
        message = "\n".join((ALGORITHM, method, path, date, expires)).encode("utf-8")
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    def sign(self, base_url: str, path: str, ttl: int, now: Optional[float] = None) -> str:
        """The full presigned URL of ``path`` (already quoted) on ``base_url``."""
        now = time.time() if now is None else now
        stamp = datetime.fromtimestamp(now, tz=timezone.utc)
        date = stamp.strftime("%Y%m%dT%H%M%SZ")
        expires = str(int(ttl))
        with self._lock:
            signature = self._signature(self._key, "GET", path, date, expires)
        query = urlencode({
            "X-Amz-Algorithm": ALGORITHM,
            "X-Amz-Credential": f"{ACCESS_KEY}/{stamp:%Y%m%d}/{REGION}/s3/aws4_request",
            "X-Amz-Date": date,
            "X-Amz-Expires": expires,
            "X-Amz-SignedHeaders": "host",
            "X-Amz-Signature": signature,
        }, quote_via=quote)
        return f"{base_url}{path}?{query}"

    def verify(self, path: str, query: Dict[str, str], method: str = "GET") -> Tuple[int, str, str]:
        """(0, "", "") when the URL is valid, else (HTTP status, S3 error code, message)."""
        needed = ("X-Amz-Algorithm", "X-Amz-Date", "X-Amz-Expires", "X-Amz-Signature")
        if not any(name in query for name in needed):
            return 403, "AccessDenied", "Access Denied"
        if any(name not in query for name in needed) or query["X-Amz-Algorithm"] != ALGORITHM:
            return 400, "AuthorizationQueryParametersError", \
                "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Date, " \
                "X-Amz-Expires and X-Amz-Signature parameters"
        date, expires = query["X-Amz-Date"], query["X-Amz-Expires"]
        try:
            issued = datetime.strptime(date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).timestamp()
            lifetime = int(expires)
        except ValueError:
            return 400, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed"
        signed_method = "GET"  # a HEAD request is allowed with a URL presigned for GET
        with self._lock:
            current, retired = self._key, list(self._retired)
        given = query["X-Amz-Signature"]
        if hmac.compare_digest(self._signature(current, signed_method, path, date, expires), given):
            if time.time() > issued + lifetime:
                return 403, "AccessDenied", "Request has expired"
            return 0, "", ""
        for key in retired:
            if hmac.compare_digest(self._signature(key, signed_method, path, date, expires), given):
                return 403, "AccessDenied", "Request has expired"
        return 403, "SignatureDoesNotMatch", \
            "The request signature we calculated does not match the signature you provided."

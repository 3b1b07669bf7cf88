"""One exception tree for everything that can go wrong talking to BEOD.

Every message is written for a user (what happened, what to do) and passes through
:func:`beod.redact.redact`, so no password, token or presigned URL query string can
reach a message, a log line or a ``repr``.
"""

from .redact import redact

MAX_DETAILS_CHARS = 1000
_MAX_DEPTH = 6


def _loc_text(loc) -> str:
    if isinstance(loc, (list, tuple)):
        return ".".join(str(p) for p in loc[:10] if p not in ("body", None))
    return "" if loc is None else str(loc)


def _details_parts(details, depth: int) -> str:
    if details is None:
        return ""
    if depth > _MAX_DEPTH:
        return "..."
    if isinstance(details, str):
        return details.strip()
    if isinstance(details, dict):
        for key in ("details", "detail", "message", "error", "msg"):
            if key in details and details[key] not in (None, ""):
                return _details_parts(details[key], depth + 1)
        return "; ".join(f"{str(k)[:80]}: {_details_parts(v, depth + 1)}"
                         for k, v in list(details.items())[:20])
    if isinstance(details, (list, tuple)):
        parts = []
        for item in details[:20]:
            if isinstance(item, dict) and item.get("msg") not in (None, ""):
                where = _loc_text(item.get("loc"))
                what = _details_parts(item["msg"], depth + 1)
                parts.append(f"{where}: {what}" if where else what)
            else:
                parts.append(_details_parts(item, depth + 1))
        return "; ".join(p for p in parts if p)
    return str(details)


def details_text(details) -> str:
    """The server's ``details``/``detail`` (a string, a list of problems or a dict) as one line,
    at most about :data:`MAX_DETAILS_CHARS` characters, whatever its shape or depth."""
    text = redact(_details_parts(details, 0))
    if len(text) > MAX_DETAILS_CHARS:
        text = text[:MAX_DETAILS_CHARS].rstrip() + "..."
    return text


class BeodError(Exception):
    """Base class of every error of the BEOD client."""

    default_message = "BrightEarth On Demand request failed."
    #: how the server's ``details`` join the message (``stripped``: without its final dot);
    #: ``None``: they are kept apart
    details_format = None

    def __init__(self, message=None, *, status=None, details=None):
        # redacted before it is shortened: a cut never shows half a secret
        self.message = redact(message)[:2 * MAX_DETAILS_CHARS] if message else self.default_message
        self.status = status
        self.details = details_text(details)
        if self.details_format and self.details and self.details not in self.message:
            self.message = self.details_format.format(
                message=self.message, stripped=self.message.rstrip("."), details=self.details)
        super().__init__(self.message)

    def __str__(self):
        return self.message

    def __repr__(self):
        status = f", status={self.status}" if self.status is not None else ""
        return f"{type(self).__name__}({self.message!r}{status})"


class AuthenticationError(BeodError):
    default_message = "Sign-in failed: check the email and password (or sign in again)."


class PermissionDeniedError(BeodError):
    default_message = "This account is not allowed to do that."


class NotFoundError(BeodError):
    default_message = "Not found on the server: check the project, scenario or activity id."


class InvalidRequestError(BeodError):
    """The server refused the request; ``details`` holds its explanation."""

    default_message = "The server refused the request."
    details_format = "{stripped}: {details}"


class ConflictError(InvalidRequestError):
    default_message = "Conflict: the item already exists (a project has only one AOI)."


class AoiError(InvalidRequestError):
    default_message = "The area of interest cannot be used."


class AoiTooLargeError(AoiError):
    """The AOI is larger than the service accepts (checked before any request)."""

    default_message = "The area of interest is larger than the service accepts."

    def __init__(self, message=None, *, area_km2=None, limit=None, **kwargs):
        super().__init__(message, **kwargs)
        self.area_km2 = area_km2
        self.limit = limit


class ServerAddressError(BeodError):
    """The server address cannot be used: no http(s) scheme or no host."""

    default_message = "The server address must start with https:// (or http://) followed by a host name."


class NotBeodServerError(BeodError):
    """The server answered, but not as a BrightEarth On Demand API would."""

    default_message = "The server answered, but it is not a BrightEarth On Demand API."


class InsufficientCreditsError(BeodError):
    default_message = "Not enough credits for this extraction: add credits or choose a smaller area."
    details_format = "{message} ({details})"


class ServerError(BeodError):
    default_message = "The BEOD server had a problem; try again later."


class ScenarioIdsError(ServerError):
    """A scenario was created but the server's answer lacks what is needed to follow it;
    ``project_id`` and ``scenario_id`` say which one (credits may have been spent)."""

    def __init__(self, message=None, *, project_id=None, scenario_id=None, **kwargs):
        super().__init__(message, **kwargs)
        self.project_id = project_id
        self.scenario_id = scenario_id


class RateLimitedError(ServerError):
    default_message = "The BEOD server is busy (too many requests); try again in a moment."


class NetworkError(BeodError):
    default_message = "Could not reach the server: check the network, the proxy and the server address."


class RedirectError(BeodError):
    """A redirect that was not followed (from a sign-in or a POST, to another scheme, https -> http)."""

    default_message = "The server redirected the request elsewhere; it was not followed."


class CancelledError(BeodError):
    default_message = "Cancelled."


class UnsafePathError(BeodError):
    default_message = "The server sent an unsafe file name; nothing was written outside the output folder."


class DownloadError(BeodError):
    default_message = "Downloading the results failed; run the download again to resume it."


class ScenarioFailedError(BeodError):
    """The scenario ended in state FAILED; ``details`` holds the server's explanation."""

    default_message = "The extraction failed on the server."
    details_format = "{stripped}: {details}"

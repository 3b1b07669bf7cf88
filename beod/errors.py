"""One exception tree for everything that can go wrong talking to BEOD.

Every message is written for a user (what happened, what to do) and passes through
:func:`beod.redact.redact`, so no password, token or presigned URL query string can
reach a message, a log line or a ``repr``.
"""

from .redact import redact


def details_text(details) -> str:
    """The server's ``details``/``detail`` (a string, a list of problems or a dict) as one line."""
    if details is None:
        return ""
    if isinstance(details, str):
        return redact(details.strip())
    if isinstance(details, dict):
        for key in ("details", "detail", "message", "error", "msg"):
            if key in details and details[key] not in (None, ""):
                return details_text(details[key])
        return redact("; ".join(f"{k}: {details_text(v)}" for k, v in details.items()))
    if isinstance(details, (list, tuple)):
        parts = []
        for item in details:
            if isinstance(item, dict) and "msg" in item:
                where = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
                parts.append(f"{where}: {item['msg']}" if where else str(item["msg"]))
            else:
                parts.append(details_text(item))
        return redact("; ".join(p for p in parts if p))
    return redact(str(details))


class BeodError(Exception):
    """Base class of every error of the BEOD client."""

    default_message = "BrightEarth On Demand request failed."
    #: how the server's ``details`` join the message (``stripped``: without its final dot);
    #: ``None``: they are kept apart
    details_format = None

    def __init__(self, message=None, *, status=None, details=None):
        self.message = redact(message) if message else self.default_message
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


class RateLimitedError(ServerError):
    default_message = "The BEOD server is busy (too many requests); try again in a moment."


class NetworkError(BeodError):
    default_message = "Could not reach the server: check the network, the proxy and the server address."


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

"""User-facing explanations of the errors the dock can meet."""

from urllib.parse import urlsplit

from ..core.i18n import tr


def describe_error(error: Exception, server_url: str = "") -> str:
    """A sentence a user can act on (never a traceback, never a URL query string)."""
    from ..beod import errors
    from ..beod.i18n import error_text
    from ..core.auth import CredentialsError

    host = urlsplit(server_url).netloc or server_url
    if isinstance(error, errors.AuthenticationError):
        return tr("Wrong email or password. Check them and sign in again.")
    if isinstance(error, errors.NetworkError):
        return tr(
            "Cannot reach the BrightEarth On Demand server ({}). Check the internet connection, "
            "the proxy (Settings > Options > Network) and the server under Account > Advanced.",
            host,
        )
    if isinstance(error, errors.ServerError):
        return tr("The server had a problem; try again in a few minutes. ({})", error_text(error))
    if isinstance(error, errors.BeodError):
        # the client's sentence for its class (credits, permissions...) in the user's language,
        # with the server's details
        return error_text(error)
    if isinstance(error, CredentialsError):
        return str(error) or type(error).__name__
    return tr("Unexpected error ({}): {}", type(error).__name__, error)

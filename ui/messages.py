"""User-facing explanations of the errors the dock can meet."""

from urllib.parse import urlsplit

from ..core.i18n import localized_number, tr


def describe_error(error: Exception, server_url: str = "") -> str:
    """A sentence a user can act on (never a traceback, never a URL query string)."""
    from ..beod import errors
    from ..beod.i18n import error_text
    from ..core.auth import CredentialsError

    host = urlsplit(server_url).netloc or server_url
    if isinstance(error, errors.ServerAddressError):
        return tr("The server address “{}” is not a web address: it must start with https:// followed by "
                  "the host name, for example {}. Correct it under Account > Advanced.",
                  server_url, "https://api.beod.luxcarta.cloud")
    if isinstance(error, errors.NotBeodServerError):
        return tr("{} answered, but it is not a BrightEarth On Demand server (it has no BEOD sign-in). "
                  "Check the server address under Account > Advanced.", host)
    if isinstance(error, errors.AoiTooLargeError):
        return too_large_message(error.area_km2, error.limit)
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


def format_km2(value: float) -> str:
    """An area in km² as people read it: ``2 450``, ``12.35``, ``0.042``."""
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 1:
        return localized_number(f"{value:.2f}")
    return localized_number(f"{value:.3f}")


def too_large_message(area_km2, limit) -> str:
    """Why an area is refused before any request, and what to do."""
    return tr("The area ({} km²) is larger than the {} km² BrightEarth On Demand accepts per extraction: "
              "draw a smaller area, zoom in for the map extent, or use a layer of separate areas "
              "with “one run each”.", format_km2(area_km2 or 0.0), format_km2(limit or 0.0))

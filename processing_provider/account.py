"""Which BEOD account and server an algorithm uses, and the signed-in client for them.

The account, in order: the AUTHCFG parameter (a QGIS authentication configuration id);
else the environment variables ``BEOD_EMAIL`` and ``BEOD_PASSWORD`` (for ``qgis_process``,
where no dialog can ask for the master password); else the account signed in from the
plugin's panel. The password itself is never a parameter, so it never reaches the
Processing history or the log.
"""

import os

from qgis.core import QgsApplication, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..core.i18n import tr

# The names of the environment variables (the values are read at run time only).
ENV_EMAIL, ENV_PASSWORD = ("BEOD_EMAIL", "BEOD_PASSWORD")


def _environment_credentials():
    email = os.environ.get(ENV_EMAIL, "").strip()
    password = os.environ.get(ENV_PASSWORD, "")
    return (email, password) if email and password else None


def _can_ask_master_password():
    """QGIS may ask for its master password only in the desktop application, on its main
    thread (a model runs its steps on a worker thread)."""
    app = QCoreApplication.instance()
    return QgsApplication.platform() == "desktop" and app is not None \
        and QThread.currentThread() == app.thread()


def _auth_credentials(authcfg):
    from ..core.auth import CredentialsError, load_credentials

    manager = QgsApplication.authManager()
    if manager is not None and not manager.isDisabled() and authcfg in manager.configIds() \
            and not manager.masterPasswordIsSet() and not _can_ask_master_password():
        raise QgsProcessingException(tr(
            "The QGIS master password is needed to read the authentication configuration {}: "
            "sign in from the BEOD panel first (QGIS then knows it), give it with the environment "
            "variable QGIS_AUTH_PASSWORD_FILE, or set {} and {} instead.",
            authcfg, ENV_EMAIL, ENV_PASSWORD))
    try:
        credentials = load_credentials(authcfg)
    except CredentialsError as exc:
        raise QgsProcessingException(str(exc)) from exc
    if not credentials:
        raise QgsProcessingException(tr(
            "The authentication configuration {} holds no BrightEarth On Demand account.", authcfg))
    return credentials


def resolve_credentials(authcfg=""):
    """``(email, password, origin)`` for ``authcfg``, the environment or the signed-in account;
    raises :class:`QgsProcessingException` when no account is given."""
    from ..core.settings import Settings

    if authcfg:
        email, password = _auth_credentials(authcfg)
        return email, password, tr("authentication configuration {}", authcfg)
    environment = _environment_credentials()
    if environment:
        return environment[0], environment[1], tr("environment variables {} and {}", ENV_EMAIL,
                                                   ENV_PASSWORD)
    signed_in = Settings().authcfg
    if signed_in:
        email, password = _auth_credentials(signed_in)
        return email, password, tr("the signed-in account")
    raise QgsProcessingException(tr(
        "No BrightEarth On Demand account: sign in from the BEOD panel, give an authentication "
        "configuration id (AUTHCFG), or set {} and {} in the environment.", ENV_EMAIL, ENV_PASSWORD))


def resolve_server(server=""):
    """The API address: ``server`` if given, else the one of the plugin settings."""
    from ..core.settings import Settings

    return (server or Settings().server_url).rstrip("/")


def open_client(credentials, server_url, feedback=None, options=None):
    """A :class:`beod.client.Client` signed in with ``credentials`` = ``(email, password,
    origin)`` (from :func:`resolve_credentials`); a clear :class:`QgsProcessingException` if not.
    ``options``: :func:`core.network.client_options`, read beforehand on the main thread."""
    from ..beod.errors import AuthenticationError, BeodError
    from ..beod.redact import redact
    from ..core.network import make_client

    email, password, origin = credentials
    shown_server = redact(server_url)
    client = make_client(server_url, email=email, password=password, options=options)
    if feedback is not None:
        feedback.pushInfo(tr("Signing in to {} with {}.", shown_server, origin))
    try:
        user = client.login()
    except AuthenticationError as exc:
        client.close()
        raise QgsProcessingException(tr(
            "Sign-in to BrightEarth On Demand failed with {}: {}", origin, exc)) from exc
    except BeodError as exc:
        client.close()
        raise QgsProcessingException(tr("Could not reach BrightEarth On Demand at {}: {}",
                                        shown_server, exc)) from exc
    if feedback is not None and getattr(user, "credits", None) is not None:
        feedback.pushInfo(tr("Signed in; credits available: {}.", user.credits))
    return client

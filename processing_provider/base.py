"""Common ground of the BEOD algorithms: group, icon, the account and server parameters,
the client, progress and cancel through ``feedback``, and readable errors."""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterString,
)

from ..core.i18n import tr
from .account import open_client, resolve_credentials, resolve_server
from .icon import provider_icon

AUTHCFG = "AUTHCFG"
SERVER = "SERVER"


def account_help():
    """The help paragraph of the AUTHCFG and SERVER parameters."""
    return tr(
        "<p><b>Account</b> (AUTHCFG, advanced): the id of a QGIS authentication configuration "
        "holding the BEOD e-mail and password. Left empty, the account signed in from the BEOD "
        "panel is used; on the command line (qgis_process), where no dialog can ask for the "
        "master password, give the master password with the environment variable "
        "QGIS_AUTH_PASSWORD_FILE, or leave AUTHCFG empty and set BEOD_EMAIL and BEOD_PASSWORD in "
        "the environment. The password is never a parameter, so it never reaches the Processing "
        "history.</p>"
        "<p><b>Server</b> (SERVER, advanced): the address of the BEOD API; empty = the server set "
        "in the plugin settings.</p>")


class BeodAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses define ``_name``, ``displayName``, ``initAlgorithm``,
    ``processAlgorithm`` and ``shortHelpString``."""

    _name = ""

    def name(self):
        return self._name

    def group(self):
        return tr("BrightEarth On Demand")

    def groupId(self):
        return "beod"

    def icon(self):
        return provider_icon()

    def createInstance(self):
        return type(self)()

    def tr(self, text, *args):
        return tr(text, *args)

    # -- account and server ----------------------------------------------------------
    def add_account_parameters(self):
        """Add the optional, advanced AUTHCFG and SERVER parameters."""
        authcfg = QgsProcessingParameterAuthConfig(
            AUTHCFG, tr("Account (authentication configuration; empty = the signed-in account)"),
            optional=True)
        server = QgsProcessingParameterString(
            SERVER, tr("BEOD server (empty = the server of the plugin settings)"), optional=True)
        for parameter in (authcfg, server):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(parameter)

    def prepareAlgorithm(self, parameters, context, feedback):
        """Read the account on the calling (main) thread, where QGIS may ask for its master
        password; the credentials stay in memory, never in the parameters or the history."""
        authcfg = (self.parameterAsString(parameters, AUTHCFG, context) or "").strip()
        server = (self.parameterAsString(parameters, SERVER, context) or "").strip()
        self._server_url = resolve_server(server)
        # QGIS's proxy, timeout and CAs are read here too: the auth database is not to be
        # used from the worker threads of parallel runs.
        from ..core.network import client_options

        self._client_options = client_options()
        try:
            self._credentials = resolve_credentials(authcfg)
            self._account_error = None
        except QgsProcessingException as exc:
            # Raised from processAlgorithm, so the message is the algorithm's error itself.
            self._credentials, self._account_error = None, str(exc)
        return True

    def client(self, feedback):
        """A signed-in :class:`beod.client.Client` for the chosen account and server."""
        if self._credentials is None:
            raise QgsProcessingException(self._account_error or tr("No BrightEarth On Demand account."))
        return open_client(self._credentials, self._server_url, feedback, self._client_options)


# Share of the progress bar of each stage of ``beod.flow`` (each reports 0-100 % of itself).
STAGE_SPANS = {"login": (0.0, 2.0), "project": (2.0, 2.0), "aoi": (4.0, 2.0), "scenario": (6.0, 4.0),
               "running": (10.0, 60.0), "download": (70.0, 30.0), "done": (100.0, 0.0)}


def progress_reporter(feedback, start=0.0, span=100.0):
    """An ``on_progress(progress)`` callback moving ``feedback`` from ``start`` over ``span``.

    ``progress`` has ``percent`` and ``message``, and a ``stage`` when it comes from
    ``beod.flow``; a message is logged when the stage changes or every 10 %."""
    last = {"stage": None, "percent": None, "message": None}

    def on_progress(progress):
        stage = getattr(progress, "stage", None)
        percent = getattr(progress, "percent", None)
        message = getattr(progress, "message", "") or ""
        stage_start, stage_span = STAGE_SPANS.get(stage, (0.0, 100.0))
        if percent is not None:
            percent = max(0.0, min(100.0, float(percent)))
            overall = stage_start + stage_span * percent / 100.0
            feedback.setProgress(start + span * overall / 100.0)
        worth_logging = stage != last["stage"] or percent is None or last["percent"] is None \
            or percent >= 100.0 or percent - last["percent"] >= 10.0
        if message and message != last["message"] and worth_logging:
            feedback.setProgressText(message)
            last.update(stage=stage, percent=percent, message=message)

    return on_progress

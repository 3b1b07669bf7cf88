"""A sentence of ours before QGIS asks for its master password.

QGIS's own dialogs ("Set new master authentication password", "Enter the master
password") do not say who asks or why. Before anything of the plugin makes QGIS ask,
the user reads why, and may decline: nothing is then stored or read.
"""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QMessageBox

from ..core.i18n import tr

REMEMBER = "remember"  # "Remember me": the password is about to be stored
SIGN_IN = "sign_in"  # the remembered password is about to be read to sign in
RESUME = "resume"  # at start-up: runs left going when QGIS closed need the account

OBJECT_NAME = "beodMasterPasswordExplanation"


def will_ask() -> bool:
    """True when reading or storing a password now makes QGIS ask for its master password."""
    return not QgsApplication.authManager().masterPasswordIsSet()


def explanation(purpose: str) -> str:
    """Why QGIS is about to ask, in the plugin's words."""
    first_time = not QgsApplication.authManager().masterPasswordHashInDatabase()
    if purpose == REMEMBER:
        text = tr("To remember your BrightEarth On Demand password, the plugin keeps it in the QGIS password "
                  "store, which QGIS locks with its master password.")
    elif purpose == RESUME:
        text = tr("Extractions were still running when QGIS closed. To follow them and download their "
                  "results, BrightEarth On Demand reads your remembered password from the QGIS password "
                  "store, which QGIS locks with its master password.")
    else:
        text = tr("You asked BrightEarth On Demand to remember your password. To sign you in, the plugin "
                  "reads it from the QGIS password store, which QGIS locks with its master password.")
    if first_time:
        text += " " + tr("QGIS has no master password yet: it will now ask you to choose one. It protects "
                         "every password QGIS keeps; you enter it once per QGIS session.")
    else:
        text += " " + tr("QGIS will now ask for that master password (once per QGIS session).")
    return text


def confirm(parent, purpose: str) -> bool:
    """Show why QGIS is about to ask for its master password; False when the user declines.

    Nothing is shown (True) when QGIS will not ask: the store is already unlocked.
    """
    if not will_ask():
        return True
    box = QMessageBox(QMessageBox.Icon.Information, tr("BrightEarth On Demand"), explanation(purpose),
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName(OBJECT_NAME)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("Continue"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Not now"))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    return box.exec() == QMessageBox.StandardButton.Ok


def resume_when_explained(iface, resume) -> bool:
    """Call ``resume()`` now when it reads no locked password; otherwise once QGIS's window
    is up and the user has read why QGIS asks (start-up). True when it ran at once."""
    from ..core import jobs as jobs_module
    from ..core.settings import Settings

    if not will_ask() or not Settings().authcfg or not jobs_module.default_store().unfinished():
        resume()
        return True

    def later():
        parent = iface.mainWindow() if iface is not None else None
        if confirm(parent, RESUME):
            resume()
        # declined: the runs wait; signing in from the dock resumes them

    QTimer.singleShot(0, later)
    return False

"""Credentials in the QGIS authentication database (QgsAuthManager), never in QgsSettings.

The email and password are kept as a "Basic" authentication configuration; only
its id goes to the plugin settings. The database is encrypted with the QGIS
master password: when it is not set yet for this session, QGIS asks the user
for it (``setMasterPassword(True)``). Headless runs (tests, the demo) set one
programmatically with :func:`use_master_password` in a throwaway profile.
"""

from typing import Optional, Tuple

from qgis.core import QgsApplication, QgsAuthMethodConfig

from .i18n import tr

AUTH_METHOD = "Basic"
CONFIG_NAME = "BrightEarth On Demand ({})"


class CredentialsError(Exception):
    """The QGIS authentication database could not be used (message for the user)."""


def _manager():
    manager = QgsApplication.authManager()
    if manager is None or manager.isDisabled():
        raise CredentialsError(
            tr(
                "The QGIS authentication database is not available, so the password cannot be "
                "stored safely. Check Settings > Options > Authentication."
            )
        )
    return manager


def ensure_master_password() -> None:
    """Make sure the master password is set for this session, asking the user if needed."""
    manager = _manager()
    if manager.masterPasswordIsSet():
        return
    if not manager.setMasterPassword(True) or not manager.masterPasswordIsSet():
        raise CredentialsError(
            tr(
                "The QGIS master password was not entered, so the credentials cannot be read "
                "or stored. Sign in again and enter the master password when QGIS asks for it."
            )
        )


def use_master_password(password: str) -> bool:
    """Set the master password programmatically (headless use in a throwaway profile only)."""
    manager = _manager()
    if manager.masterPasswordIsSet():
        return True
    return bool(manager.setMasterPassword(password, True))


def store_credentials(email: str, password: str, authcfg: Optional[str] = None) -> str:
    """Store ``email``/``password`` as a Basic auth configuration; return its id.

    An existing configuration ``authcfg`` is updated in place, otherwise a new one
    is created.
    """
    if not email or not password:
        raise CredentialsError(tr("Enter both the email and the password."))
    manager = _manager()
    ensure_master_password()
    config = QgsAuthMethodConfig(AUTH_METHOD)
    config.setName(CONFIG_NAME.format(email))
    config.setConfig("username", email)
    config.setConfig("password", password)
    if authcfg and authcfg in manager.configIds():
        config.setId(authcfg)
        ok = manager.updateAuthenticationConfig(config)
        stored_id = authcfg
    else:
        result = manager.storeAuthenticationConfig(config)
        ok, stored = result if isinstance(result, tuple) else (result, config)
        stored_id = stored.id()
    if not ok or not stored_id:
        raise CredentialsError(tr("The credentials could not be stored in the QGIS authentication database."))
    return stored_id


def load_credentials(authcfg: Optional[str]) -> Optional[Tuple[str, str]]:
    """``(email, password)`` stored under ``authcfg``, or None if there is none."""
    if not authcfg:
        return None
    manager = _manager()
    if authcfg not in manager.configIds():
        return None
    ensure_master_password()
    result = manager.loadAuthenticationConfig(authcfg, QgsAuthMethodConfig(), True)
    ok, config = result if isinstance(result, tuple) else (result, None)
    if not ok or config is None:
        return None
    email = config.config("username")
    password = config.config("password")
    if not email or not password:
        return None
    return email, password


def remove_credentials(authcfg: Optional[str]) -> bool:
    """Delete the configuration ``authcfg``; True if something was removed."""
    if not authcfg:
        return False
    manager = _manager()
    if authcfg not in manager.configIds():
        return False
    return bool(manager.removeAuthenticationConfig(authcfg))

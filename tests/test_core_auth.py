"""Credentials go to the QGIS authentication database, and nothing secret to QgsSettings."""

import os
import tempfile

import pytest
from beod_qgis.core import auth
from beod_qgis.core.settings import PREFIX, Settings
from qgis.core import QgsApplication, QgsSettings

FAKE_MASTER = "fake-master-password"  # pragma: allowlist secret
FAKE_PASSWORD = "not-a-real-password-42"  # pragma: allowlist secret


def unlock_test_auth_db(master: str = FAKE_MASTER) -> None:
    """Set a master password on the test profile's auth DB (pytest-qgis's throwaway profile).

    The database of the developer's real profile is never touched: this refuses to
    run unless the database lives in the test profile or a temporary folder.
    """
    manager = QgsApplication.authManager()
    if manager.masterPasswordIsSet():
        return
    db_path = os.path.realpath(manager.authenticationDatabasePath())
    allowed = (os.path.realpath(tempfile.gettempdir()), os.path.realpath(".qgis-settings"))
    assert db_path.startswith(allowed), f"refusing to use a non-test auth DB: {db_path}"
    if not manager.setMasterPassword(master, True):
        # A stale test database with another master password: start it afresh.
        manager.eraseAuthenticationDatabase(False)
        assert manager.setMasterPassword(master, True)


@pytest.fixture()
def auth_db(qgis_app):
    unlock_test_auth_db()
    yield QgsApplication.authManager()


def test_round_trip_and_removal(auth_db):
    authcfg = auth.store_credentials("ana@example.com", FAKE_PASSWORD)
    assert authcfg in auth_db.configIds()
    assert auth.load_credentials(authcfg) == ("ana@example.com", FAKE_PASSWORD)

    # Updating keeps the id and replaces the password.
    again = auth.store_credentials(
        "ana@example.com", "another-fake-pass-7", authcfg
    )  # pragma: allowlist secret
    assert again == authcfg
    assert auth.load_credentials(authcfg) == ("ana@example.com", "another-fake-pass-7")

    assert auth.remove_credentials(authcfg)
    assert authcfg not in auth_db.configIds()
    assert auth.load_credentials(authcfg) is None
    assert not auth.remove_credentials(authcfg)


def test_missing_values_are_refused(auth_db):
    with pytest.raises(auth.CredentialsError, match="email and the password"):
        auth.store_credentials("ana@example.com", "")


def test_unknown_or_empty_authcfg_gives_none(auth_db):
    assert auth.load_credentials("") is None
    assert auth.load_credentials("zzzzzzz") is None


def test_nothing_secret_in_qgis_settings(auth_db):
    settings = Settings()
    settings.email = "ana@example.com"
    settings.remember_me = True
    settings.authcfg = auth.store_credentials("ana@example.com", FAKE_PASSWORD)
    settings.last_params = {"output_crs": 4326}
    qsettings = QgsSettings()
    qsettings.sync()
    everything = {key: qsettings.value(key) for key in qsettings.allKeys()}
    assert everything[PREFIX + "authcfg"] == settings.authcfg
    for key, value in everything.items():
        assert FAKE_PASSWORD not in str(value), key
        assert FAKE_PASSWORD not in key
    # The settings file on disk does not hold it either.
    with open(qsettings.fileName(), encoding="utf-8", errors="replace") as handle:
        assert FAKE_PASSWORD not in handle.read()
    auth.remove_credentials(settings.authcfg)
    settings.forget_account()
    assert Settings().authcfg == ""

"""Credentials go to the QGIS authentication database, and nothing secret to QgsSettings."""

import os
import subprocess
import sys
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


_PROFILE_SCRIPT = """
import os, sys
profile, plugins, mode = sys.argv[1:4]
os.environ["QGIS_AUTH_DB_DIR_PATH"] = profile
sys.path.insert(0, plugins)
from qgis.core import QgsApplication
app = QgsApplication([], False, profile)
app.initQgis()
from beod_qgis.core import auth
try:
    if mode.startswith("master="):
        print("UNLOCKED", auth.use_master_password(mode.split("=", 1)[1]))
    if sys.argv[4] == "store":
        print("ID", auth.store_credentials("ana@example.com", sys.argv[5]))
    else:
        print("LOADED", auth.load_credentials(sys.argv[4]))
except auth.CredentialsError as exc:
    print("ERROR", exc)
"""


def _qgis_session(profile, plugins_path, mode, *args):
    """Run a fresh headless QGIS on ``profile`` (a QGIS "restart") and return its output."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _PROFILE_SCRIPT, str(profile), str(plugins_path), mode, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_master_password_path_across_restarts(tmp_path, plugins_path):
    """Without the master password nothing is stored or read (QGIS would ask for it);
    with it the credentials survive a restart; a wrong one unlocks nothing."""
    profile = tmp_path / "profile"
    profile.mkdir()
    out = _qgis_session(profile, plugins_path, "none", "store", FAKE_PASSWORD)
    assert "ERROR" in out and "master password" in out
    out = _qgis_session(profile, plugins_path, "master=" + FAKE_MASTER, "store", FAKE_PASSWORD)
    authcfg = out.split("ID ", 1)[1].split()[0]

    out = _qgis_session(profile, plugins_path, "none", authcfg)
    assert "ERROR" in out and FAKE_PASSWORD not in out
    out = _qgis_session(profile, plugins_path, "master=wrong-fake-master", authcfg)
    assert "UNLOCKED False" in out and FAKE_PASSWORD not in out
    out = _qgis_session(profile, plugins_path, "master=" + FAKE_MASTER, authcfg)
    assert f"LOADED ('ana@example.com', '{FAKE_PASSWORD}')" in out
    # The password is not in clear text in the auth database file.
    assert FAKE_PASSWORD.encode() not in (profile / "qgis-auth.db").read_bytes()

"""Test-session set-up shared by every test module.

The plugin is tested the way QGIS sees it: ``scripts/build_zip.py`` builds the
release zip, which is unzipped into a temporary plugins folder put on
``QGIS_PLUGINPATH`` and ``sys.path``; ``import beod_qgis`` then imports that copy.
The QGIS-free client is imported as the top-level package ``beod`` from the
repository root.
"""

import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_zip  # noqa: E402

pytest_plugins = ["tests.fixtures_emulator"]

_PLUGIN_DIR = Path(tempfile.mkdtemp(prefix="beod-plugins-"))
_ZIP_PATH = build_zip.build_zip(_PLUGIN_DIR / "dist")
with zipfile.ZipFile(_ZIP_PATH) as _archive:
    _archive.extractall(_PLUGIN_DIR / "plugins")
PLUGINS_PATH = _PLUGIN_DIR / "plugins"
os.environ["QGIS_PLUGINPATH"] = str(PLUGINS_PATH)
sys.path.insert(0, str(PLUGINS_PATH))


def _forget_remembered_runs() -> None:
    """Every session starts without runs remembered by an earlier one.

    pytest-qgis keeps the QGIS profile in ``.qgis-settings/`` between sessions; a run left
    unfinished there would be resumed whenever a test starts the plugin.
    """
    try:
        from beod_qgis.core.jobs import default_store_path
    except ImportError:
        return
    Path(default_store_path()).unlink(missing_ok=True)


_forget_remembered_runs()


@pytest.fixture(scope="session")
def plugin_zip() -> Path:
    """The release zip built for this test session."""
    return _ZIP_PATH


@pytest.fixture(scope="session")
def plugins_path() -> Path:
    """The temporary plugins folder holding the unzipped ``beod_qgis``."""
    return PLUGINS_PATH


@pytest.fixture(scope="session", autouse=True)
def _empty_project_at_exit(qgis_app):
    """QGIS 3.40 and newer can crash while quitting with layers still in the project (pytest-qgis
    quits QGIS after this fixture): the session leaves an empty project, as a user closing it."""
    yield
    from qgis.core import QgsProject

    QgsProject.instance().clear()


@pytest.fixture(autouse=True)
def _no_task_outlives_its_test():
    """Background tasks a test started are cancelled and finished before the next test, so
    none of them keeps talking to the shared emulator (and skews its counters) later."""
    yield
    from qgis.core import QgsApplication

    manager = QgsApplication.taskManager()
    if manager is None or manager.countActiveTasks() == 0:
        return
    manager.cancelAll()
    deadline = time.monotonic() + 30
    while manager.countActiveTasks() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    left = [task.description() for task in manager.activeTasks()]
    assert not left, f"background tasks still running 30 s after being cancelled: {left}"


@pytest.fixture(scope="module")
def provider(qgis_app, qgis_processing):
    """The plugin's Processing provider, registered for the module's tests."""
    from beod_qgis.processing_provider.provider import BeodProvider
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("beod")
    if existing is not None:
        yield existing
        return
    provider = BeodProvider()
    assert registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture
def client(emulator):
    """A ``beod`` client signed in to the emulator's demo account, with short backoffs."""
    from beod.client import Client

    client = Client(emulator.api_url, backoff=0.05, max_backoff=2.0)
    client.login(emulator.email, emulator.password)
    yield client
    client.close()


def pytest_unconfigure(config):
    shutil.rmtree(_PLUGIN_DIR, ignore_errors=True)

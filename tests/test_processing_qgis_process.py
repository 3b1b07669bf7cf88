"""``qgis_process`` runs the BEOD algorithms from the command line against the emulator.

QGIS 3.22's ``qgis_process`` loads the Python plugins that declare
``hasProcessingProvider=yes`` and are enabled in the profile (``[PythonPlugins]`` of
``QGIS3.ini``), and calls their ``initProcessing()``. The tests give it a throwaway profile
(``QGIS_CUSTOM_CONFIG_PATH``), the unzipped release on ``QGIS_PLUGINPATH``, and the account
either as an authentication configuration (with the master password in the file named by
``QGIS_AUTH_PASSWORD_FILE``) or as ``BEOD_EMAIL``/``BEOD_PASSWORD``.
"""

import json
import os
import shutil
import subprocess

import pytest
from beod_qgis.core import auth
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from tests.test_core_auth import FAKE_MASTER, unlock_test_auth_db

CANDIDATES = ("/usr/lib/qgis/qgis_process.bin", "/usr/bin/qgis_process.bin")


def qgis_process_binary():
    # Debian's /usr/bin/qgis_process wrapper script is broken: call the binary itself.
    found = shutil.which("qgis_process.bin")
    for path in ([found] if found else []) + list(CANDIDATES):
        if path and os.access(path, os.X_OK):
            return path
    return None


pytestmark = pytest.mark.skipif(qgis_process_binary() is None, reason="qgis_process.bin is not installed")


@pytest.fixture
def profile(tmp_path):
    """A throwaway QGIS configuration folder with the plugin enabled."""
    root = tmp_path / "config"
    ini = root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\nbeod_qgis=true\n", encoding="utf-8")
    return root


@pytest.fixture
def aoi_gpkg(qgis_app, tmp_path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857&field=place:string", "aoi", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(775000, 5407000, 775400, 5407400)))
    feature.setAttributes(["Cagnes"])
    layer.dataProvider().addFeatures([feature])
    path = str(tmp_path / "aoi.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    assert QgsVectorLayer(path, "check", "ogr").crs() == QgsCoordinateReferenceSystem("EPSG:3857")
    return path


def run_qgis_process(profile, plugins_path, args, extra_env, cwd):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QGIS_", "BEOD_"))}
    env.update({"QGIS_CUSTOM_CONFIG_PATH": str(profile), "QGIS_PLUGINPATH": str(plugins_path),
                "QT_QPA_PLATFORM": "offscreen"})
    env.update(extra_env)
    completed = subprocess.run([qgis_process_binary(), "--json", *args], env=env, cwd=str(cwd),
                               capture_output=True, text=True, timeout=300, check=False)
    output = completed.stdout
    start = output.find("{")
    parsed = json.loads(output[start:]) if completed.returncode == 0 and start >= 0 else None
    return completed, parsed


@pytest.fixture
def profile_account(emulator, profile):
    """The profile's auth database holds the emulator account: its authcfg id."""
    unlock_test_auth_db()
    authcfg = auth.store_credentials(emulator.email, emulator.password)
    try:
        shutil.copyfile(QgsApplication.authManager().authenticationDatabasePath(),
                        profile / "profiles" / "default" / "qgis-auth.db")
    finally:
        auth.remove_credentials(authcfg)
    return authcfg


def test_run_extraction_from_the_command_line_with_an_auth_configuration(
        emulator, plugins_path, profile, profile_account, aoi_gpkg, tmp_path):
    authcfg = profile_account
    # The master password comes from a file, as no dialog can ask for it.
    master_file = tmp_path / "master.txt"
    master_file.write_text(FAKE_MASTER, encoding="utf-8")
    out_dir = tmp_path / "results"

    completed, parsed = run_qgis_process(profile, plugins_path, [
        "run", "beod:runextraction", "--", "INPUT=aoi.gpkg", "MODE=1", "NAME=Command line",
        f"AUTHCFG={authcfg}", f"SERVER={emulator.api_url}", f"OUTPUT_FOLDER={out_dir}",
    ], {"QGIS_AUTH_PASSWORD_FILE": str(master_file)}, tmp_path)

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    results = parsed["results"]
    buildings = QgsVectorLayer(results["BUILDING"], "buildings", "ogr")
    assert buildings.isValid() and buildings.featureCount() > 0
    assert results["BUILDING"].startswith(str(out_dir))
    assert results["SCENARIO_ID"] and results["PROJECT_ID"]
    assert emulator.stats()["scenarios_created"]
    # The password never shows: not in the output, not in the inputs echoed back.
    assert emulator.password not in completed.stdout + completed.stderr


def test_environment_account_on_the_command_line(emulator, plugins_path, profile, tmp_path):
    completed, parsed = run_qgis_process(profile, plugins_path, [
        "run", "beod:listprojects", "--", f"SERVER={emulator.api_url}",
        f"OUTPUT={tmp_path / 'projects.csv'}",
    ], {"BEOD_EMAIL": emulator.email, "BEOD_PASSWORD": emulator.password}, tmp_path)

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    table = QgsVectorLayer(parsed["results"]["OUTPUT"], "projects", "ogr")
    assert table.isValid()
    assert "project_id" in table.fields().names()
    assert emulator.password not in completed.stdout + completed.stderr


def test_no_account_on_the_command_line_says_how_to_give_one(emulator, plugins_path, profile, tmp_path):
    completed, _ = run_qgis_process(profile, plugins_path, [
        "run", "beod:listprojects", "--", f"SERVER={emulator.api_url}",
        f"OUTPUT={tmp_path / 'projects.csv'}",
    ], {}, tmp_path)

    assert completed.returncode != 0
    assert "BEOD_EMAIL" in completed.stdout + completed.stderr


def test_auth_configuration_without_master_password_says_how_to_give_it(
        emulator, plugins_path, profile, profile_account, tmp_path):
    completed, _ = run_qgis_process(profile, plugins_path, [
        "run", "beod:listprojects", "--", f"AUTHCFG={profile_account}", f"SERVER={emulator.api_url}",
        f"OUTPUT={tmp_path / 'projects.csv'}",
    ], {}, tmp_path)

    assert completed.returncode != 0
    assert "QGIS_AUTH_PASSWORD_FILE" in completed.stdout + completed.stderr

"""Typed plugin settings: defaults, round trips, the default output folder."""

import os

from beod_qgis.core.settings import DEFAULT_SERVER_URL, Settings, default_output_folder
from qgis.core import QgsApplication, QgsProject


def test_server_url_default_and_custom(qgis_app):
    settings = Settings()
    settings.server_url = None
    assert settings.server_url == DEFAULT_SERVER_URL
    settings.server_url = "http://127.0.0.1:8700/"
    assert Settings().server_url == "http://127.0.0.1:8700"
    settings.server_url = ""
    assert Settings().server_url == DEFAULT_SERVER_URL


def test_last_params_round_trip(qgis_app):
    settings = Settings()
    settings.last_params = {"output_crs": 3857, "augmented": True, "dl_models": []}
    assert Settings().last_params == {"output_crs": 3857, "augmented": True, "dl_models": []}
    settings.last_params = None
    assert Settings().last_params == {}


def test_dock_choices_and_remember_me(qgis_app):
    settings = Settings()
    settings.set_dock_choice("aoi_source", "layer")
    settings.set_dock_choice("selected_only", True)
    settings.remember_me = True
    again = Settings()
    assert again.dock_choice("aoi_source", "draw") == "layer"
    assert again.dock_choice("selected_only", False, bool) is True
    assert again.dock_choice("never_set", "x") == "x"
    assert again.remember_me is True
    settings.remember_me = False
    assert Settings().remember_me is False


def test_default_output_folder_in_documents_then_next_to_project(qgis_app, tmp_path):
    from qgis.PyQt.QtCore import QStandardPaths

    project = QgsProject.instance()
    project.clear()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # an unsaved project: the user's documents, never hidden inside the QGIS profile
    assert default_output_folder() == os.path.join(documents, "beod_results")
    assert not default_output_folder().startswith(QgsApplication.qgisSettingsDirPath())
    project.write(str(tmp_path / "work.qgz"))
    try:
        assert default_output_folder() == str(tmp_path / "beod_results")
        settings = Settings()
        settings.output_folder = None
        assert settings.output_folder_is_default
        assert settings.output_folder == str(tmp_path / "beod_results")
        settings.output_folder = str(tmp_path / "mine")
        assert Settings().output_folder == str(tmp_path / "mine")
        settings.output_folder = None
    finally:
        project.clear()

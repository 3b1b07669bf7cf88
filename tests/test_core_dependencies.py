"""A missing package is reported with install instructions for the user's system."""

from beod_qgis.core.dependencies import install_hint, missing_dependencies


def test_present_and_missing_packages(qgis_app):
    assert missing_dependencies() == []
    assert missing_dependencies(("shapely", "surely_not_installed_pkg")) == ["surely_not_installed_pkg"]
    assert install_hint([]) == ""


def test_hints_per_system(qgis_app):
    linux = install_hint(["shapely"], system="Linux")
    assert "sudo apt install python3-shapely" in linux
    windows = install_hint(["shapely"], system="Windows")
    assert "OSGeo4W Shell" in windows and "python -m pip install shapely" in windows
    mac = install_hint(["shapely", "requests"], system="Darwin")
    assert "pip install --user shapely requests" in mac

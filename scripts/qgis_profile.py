"""Throwaway QGIS profile folders with the plugin installed and enabled.

Used by ``make qgis`` (``scripts/run_qgis.py``) and the desktop test: the release zip is
unzipped into ``<dir>/profiles/default/python/plugins/`` as "Install from ZIP" does, and
``QGIS3.ini`` enables it. ``qgis --profiles-path <dir>`` then starts with the plugin.
"""

import configparser
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_zip  # noqa: E402

PLUGIN = build_zip.PLUGIN_NAME
PROFILE = "default"


def profile_dir(profiles_path: Path) -> Path:
    return Path(profiles_path) / "profiles" / PROFILE


def make_profile(profiles_path: Path, plugin_zip: Path = None, settings: dict = None) -> Path:
    """Create the profile and return its folder.

    ``settings`` maps QgsSettings keys (``"section/name"``) to values written into ``QGIS3.ini``.
    """
    profile = profile_dir(profiles_path)
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    if plugin_zip is None:
        plugin_zip = build_zip.build_zip(Path(profiles_path) / "dist")
    shutil.rmtree(plugins / PLUGIN, ignore_errors=True)
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(plugins)

    values = {
        f"PythonPlugins/{PLUGIN}": "true",
        "qgis/checkVersion": "false",
        "qgis/showTips": "false",
        "qgis/showTips322": "false",
        "core/NewsFeed/httpsfeedqgisorg/disabled": "true",
        "UI/UITheme": "default",
    }
    values.update({key: str(value) for key, value in (settings or {}).items()})
    write_ini(profile / "QGIS" / "QGIS3.ini", values)
    return profile


def write_ini(path: Path, values: dict) -> None:
    """Write ``section/key=value`` pairs the way QSettings reads an ini file."""
    parser = configparser.RawConfigParser()
    parser.optionxform = str  # keep the case of keys
    for key, value in values.items():
        section, _, name = key.partition("/")
        if not parser.has_section(section):
            parser.add_section(section)
        parser.set(section, name.replace("/", "\\"), value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        parser.write(stream, space_around_delimiters=False)

"""Every QgsSettings key of the plugin, in one place, with typed accessors.

Only non-secret values live here: the server URL, the id of the QGIS
authentication configuration holding the credentials (never the password or a
token), the email, "remember me", the last extraction parameters, the output
folder and the dock's choices.
"""

import json
import os
from typing import Any, Dict, Optional

from qgis.core import QgsApplication, QgsProject, QgsSettings

PREFIX = "beod/"
DEFAULT_SERVER_URL = "https://api.beod.luxcarta.cloud"
RESULTS_FOLDER_NAME = "beod_results"

KEY_SERVER_URL = PREFIX + "server_url"
KEY_AUTHCFG = PREFIX + "authcfg"
KEY_REMEMBER_ME = PREFIX + "remember_me"
KEY_EMAIL = PREFIX + "email"
KEY_LAST_PARAMS = PREFIX + "last_params"
KEY_OUTPUT_FOLDER = PREFIX + "output_folder"
KEY_MAX_OUTAGE_HOURS = PREFIX + "max_outage_hours"
DOCK_PREFIX = PREFIX + "dock/"
DEFAULT_MAX_OUTAGE_HOURS = 24.0

ALL_KEYS = (KEY_SERVER_URL, KEY_AUTHCFG, KEY_REMEMBER_ME, KEY_EMAIL, KEY_LAST_PARAMS, KEY_OUTPUT_FOLDER)


def profile_folder() -> str:
    """The active QGIS profile folder (where the plugin keeps its own files)."""
    return QgsApplication.qgisSettingsDirPath()


def documents_folder() -> str:
    """The user's documents folder (the home folder where the system has none)."""
    from qgis.PyQt.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or os.path.expanduser("~")


def default_output_folder(project: Optional[QgsProject] = None) -> str:
    """``beod_results`` next to the saved project, else in the user's documents folder
    (never hidden inside the QGIS profile)."""
    project = project or QgsProject.instance()
    home = project.homePath() if project is not None else ""
    base = home if home else documents_folder()
    return os.path.join(base, RESULTS_FOLDER_NAME)


class Settings:
    """Typed access to the plugin's settings (all under ``beod/``)."""

    def __init__(self, qsettings: Optional[QgsSettings] = None):
        self._s = qsettings or QgsSettings()

    # -- server and account --------------------------------------------------
    @property
    def server_url(self) -> str:
        value = self._s.value(KEY_SERVER_URL, DEFAULT_SERVER_URL, type=str)
        return (value or DEFAULT_SERVER_URL).rstrip("/")

    @server_url.setter
    def server_url(self, value: Optional[str]) -> None:
        value = (value or "").strip().rstrip("/")
        if not value or value == DEFAULT_SERVER_URL:
            self._s.remove(KEY_SERVER_URL)
        else:
            self._s.setValue(KEY_SERVER_URL, value)

    @property
    def authcfg(self) -> str:
        """Id of the QgsAuthManager configuration holding the credentials ("" if none)."""
        return self._s.value(KEY_AUTHCFG, "", type=str) or ""

    @authcfg.setter
    def authcfg(self, value: Optional[str]) -> None:
        if value:
            self._s.setValue(KEY_AUTHCFG, str(value))
        else:
            self._s.remove(KEY_AUTHCFG)

    @property
    def remember_me(self) -> bool:
        return bool(self._s.value(KEY_REMEMBER_ME, False, type=bool))

    @remember_me.setter
    def remember_me(self, value: bool) -> None:
        self._s.setValue(KEY_REMEMBER_ME, bool(value))

    @property
    def email(self) -> str:
        return self._s.value(KEY_EMAIL, "", type=str) or ""

    @email.setter
    def email(self, value: Optional[str]) -> None:
        if value:
            self._s.setValue(KEY_EMAIL, str(value).strip())
        else:
            self._s.remove(KEY_EMAIL)

    # -- extraction ------------------------------------------------------------
    @property
    def last_params(self) -> Dict[str, Any]:
        """The last extraction parameters used (a dict, ``{}`` if none or unreadable)."""
        raw = self._s.value(KEY_LAST_PARAMS, "", type=str)
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @last_params.setter
    def last_params(self, value: Optional[Dict[str, Any]]) -> None:
        if value:
            self._s.setValue(KEY_LAST_PARAMS, json.dumps(dict(value), sort_keys=True))
        else:
            self._s.remove(KEY_LAST_PARAMS)

    @property
    def output_folder(self) -> str:
        """The chosen output folder, else the default (next to the project or in the documents)."""
        value = self._s.value(KEY_OUTPUT_FOLDER, "", type=str)
        return value or default_output_folder()

    @output_folder.setter
    def output_folder(self, value: Optional[str]) -> None:
        if value:
            self._s.setValue(KEY_OUTPUT_FOLDER, str(value))
        else:
            self._s.remove(KEY_OUTPUT_FOLDER)

    @property
    def output_folder_is_default(self) -> bool:
        return not self._s.value(KEY_OUTPUT_FOLDER, "", type=str)

    # -- dock choices ----------------------------------------------------------
    @property
    def max_outage_hours(self) -> float:
        """How long a run waits out an unreachable server before it stops following."""
        try:
            value = float(self._s.value(KEY_MAX_OUTAGE_HOURS, DEFAULT_MAX_OUTAGE_HOURS))
        except (TypeError, ValueError):
            value = DEFAULT_MAX_OUTAGE_HOURS
        return value if value > 0 else DEFAULT_MAX_OUTAGE_HOURS

    @max_outage_hours.setter
    def max_outage_hours(self, value: Optional[float]) -> None:
        if value is None:
            self._s.remove(KEY_MAX_OUTAGE_HOURS)
        else:
            self._s.setValue(KEY_MAX_OUTAGE_HOURS, float(value))

    def dock_choice(self, name: str, default: Any = None, value_type: type = str) -> Any:
        """A remembered choice of the dock (``beod/dock/<name>``)."""
        if default is None:
            return self._s.value(DOCK_PREFIX + name, None)
        return self._s.value(DOCK_PREFIX + name, default, type=value_type)

    def set_dock_choice(self, name: str, value: Any) -> None:
        if value is None:
            self._s.remove(DOCK_PREFIX + name)
        else:
            self._s.setValue(DOCK_PREFIX + name, value)

    # -- account removal ---------------------------------------------------------
    def forget_account(self) -> None:
        """Forget the account on sign out: authcfg id and remember-me (the email stays)."""
        self._s.remove(KEY_AUTHCFG)
        self._s.remove(KEY_REMEMBER_ME)

    def all_values(self) -> Dict[str, Any]:
        """Every stored plugin value, for inspection (tests scan them for secrets)."""
        self._s.beginGroup(PREFIX.rstrip("/"))
        try:
            return {key: self._s.value(key) for key in self._s.allKeys()}
        finally:
            self._s.endGroup()

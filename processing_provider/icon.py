"""The icon of the BEOD Processing provider and its algorithms."""

import os

from qgis.PyQt.QtGui import QIcon

_ICONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icons")


def provider_icon() -> QIcon:
    """The provider's own icon, or the plugin's icon when it is missing."""
    for name in ("beod_processing.svg", "beod.svg"):
        path = os.path.join(_ICONS, name)
        if os.path.exists(path):
            return QIcon(path)
    return QIcon()

"""The Processing provider "BrightEarth On Demand" (id ``beod``) and its algorithms."""

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr

_ICONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons")


def provider_icon() -> QIcon:
    """The provider's own icon, or the plugin's icon while it is missing."""
    for name in ("beod_processing.svg", "beod.svg"):
        path = os.path.join(_ICONS, name)
        if os.path.exists(path):
            return QIcon(path)
    return QIcon()


class BeodProvider(QgsProcessingProvider):
    """Registers the BEOD algorithms in the Processing toolbox and for ``qgis_process``."""

    def id(self):
        return "beod"

    def name(self):
        return tr("BrightEarth On Demand")

    def longName(self):
        return self.name()

    def icon(self):
        return provider_icon()

    def loadAlgorithms(self):
        for algorithm_class in _algorithm_classes():
            self.addAlgorithm(algorithm_class())


def _algorithm_classes():
    """The algorithm classes of the provider (imported lazily to keep loading cheap)."""
    return []

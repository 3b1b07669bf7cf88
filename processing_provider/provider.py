"""The Processing provider "BrightEarth On Demand" (id ``beod``) and its algorithms."""

from qgis.core import QgsProcessingProvider

from ..core.i18n import tr
from .icon import provider_icon


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
    from .download_results import DownloadResultsAlgorithm
    from .list_projects import ListProjectsAlgorithm
    from .run_extraction import RunExtractionAlgorithm

    return [RunExtractionAlgorithm, DownloadResultsAlgorithm, ListProjectsAlgorithm]

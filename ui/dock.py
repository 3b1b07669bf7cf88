"""The BrightEarth On Demand dock: account, area of interest, settings, run, jobs, history."""

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtWidgets import QLabel

from ..core.i18n import tr


class BeodDock(QgsDockWidget):
    """The plugin's panel."""

    def __init__(self, iface, parent=None):
        super().__init__(tr("BrightEarth On Demand"), parent)
        self.iface = iface
        self.setWidget(QLabel(tr("BrightEarth On Demand")))

    def cleanup(self):
        """Release map tools and canvas items before the plugin unloads."""

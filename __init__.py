"""QGIS entry point of the BrightEarth On Demand plugin."""


def classFactory(iface):  # noqa: N802 (name required by QGIS)
    from .plugin import BeodPlugin

    return BeodPlugin(iface)

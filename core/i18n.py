"""Translation helper: every user-visible string of the plugin goes through ``tr``."""

from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "BEOD"


def tr(text: str, *args) -> str:
    """Translate ``text`` in the plugin's context, then format it with ``args``."""
    translated = QCoreApplication.translate(CONTEXT, text)
    return translated.format(*args) if args else translated

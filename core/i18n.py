"""Translation helper: every user-visible string of the plugin goes through ``tr``.

Also knows the user's language (QGIS's own choice) and where the user guide in that
language is.
"""

import configparser
from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QLocale

CONTEXT = "BEOD"
PLUGIN_DIR = Path(__file__).resolve().parent.parent
#: the user guide per language, in the repository named by metadata.txt
GUIDES = {"en": "docs/user-guide.md", "fr": "docs/guide-utilisateur.md"}
GUIDE_BRANCH = "main"


def tr(text: str, *args) -> str:
    """Translate ``text`` in the plugin's context, then format it with ``args``."""
    translated = QCoreApplication.translate(CONTEXT, text)
    return translated.format(*args) if args else translated


def user_language() -> str:
    """The two-letter code of the language QGIS runs in (``locale/userLocale``, which QGIS
    sets at start from its options or the system locale)."""
    from qgis.core import QgsSettings

    value = QgsSettings().value("locale/userLocale", "", type=str) or QLocale().name()
    return str(value)[:2].lower()


def localized_number(text: str) -> str:
    """A number written with ``.`` as decimal point, with the user's decimal separator
    (``0,578`` in French)."""
    point = QLocale(user_language()).decimalPoint()
    return text.replace(".", point) if point and point != "." else text


def repository_url(plugin_dir: Path = PLUGIN_DIR) -> str:
    """The ``repository`` of metadata.txt, without a trailing slash."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(plugin_dir / "metadata.txt", encoding="utf-8")
    return parser.get("general", "repository", fallback="").rstrip("/")


def guide_url(language: str = "", plugin_dir: Path = PLUGIN_DIR) -> str:
    """The web address of the user guide in ``language`` (default: the user's), English
    when there is none in that language."""
    path = GUIDES.get((language or user_language())[:2].lower(), GUIDES["en"])
    return f"{repository_url(plugin_dir)}/blob/{GUIDE_BRANCH}/{path}"

"""Python packages the plugin needs at run time, and how to install them per system.

The plugin loads without them (``shapely`` is imported lazily) and tells the user
what to install instead of failing at start.
"""

import importlib.util
import platform
import sys
from typing import List, Optional

from .i18n import tr

REQUIRED = ("shapely", "requests")


def missing_dependencies(names=REQUIRED) -> List[str]:
    """Names of the required packages that cannot be imported in this QGIS Python."""
    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def install_hint(missing: Optional[List[str]] = None, system: Optional[str] = None) -> str:
    """A message telling the user how to install ``missing`` on their system."""
    missing = list(missing if missing is not None else missing_dependencies())
    if not missing:
        return ""
    system = system or platform.system()
    names = " ".join(missing)
    intro = tr("The BrightEarth On Demand plugin needs the Python package(s) {} in QGIS's Python.", names)
    if system == "Windows":
        how = tr(
            'Close QGIS, open the "OSGeo4W Shell" from the Start menu (as administrator for an '
            "all-users install) and run:\n    python -m pip install {}\nthen restart QGIS.",
            names,
        )
    elif system == "Darwin":
        how = tr(
            "Open a Terminal and run QGIS's own Python:\n"
            "    /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install --user {}\n"
            "(adjust the path if QGIS is installed elsewhere), then restart QGIS.",
            names,
        )
    else:
        debian = " ".join("python3-" + name for name in missing)
        how = tr(
            "On Debian or Ubuntu run:\n    sudo apt install {}\n"
            "On Fedora: sudo dnf install {}\n"
            "Otherwise: {} -m pip install --user {}\nthen restart QGIS.",
            debian,
            debian,
            sys.executable if sys.executable and "python" in sys.executable else "python3",
            names,
        )
    return intro + "\n\n" + how

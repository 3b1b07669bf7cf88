"""BrightEarth On Demand (BEOD) API client: requests + shapely, no QGIS.

Imports inside this package are relative only, so the same code works as the
top-level package ``beod`` and inside the QGIS plugin.
"""

__version__ = "0.1.0"

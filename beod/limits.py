"""What the BEOD service accepts, known before any request: the largest area of interest.

The service refuses an AOI larger than :data:`MAX_AOI_KM2` (measured on the ellipsoid, as
:func:`beod.aoi.prepare_aoi` measures it). Checking it first means a too large area never
creates an empty project on the account.
"""

from .errors import AoiTooLargeError

#: the largest area of interest the service accepts, in km² (the emulator refuses the same)
MAX_AOI_KM2 = 500.0


def check_area(area_km2: float, limit: float = MAX_AOI_KM2) -> None:
    """Raise :class:`AoiTooLargeError` when ``area_km2`` is above the service's limit."""
    if area_km2 > limit:
        raise AoiTooLargeError(
            f"The area ({area_km2:,.1f} km²) is larger than the {limit:g} km² the service accepts: "
            "draw a smaller area, or split it into several runs (a layer with separate areas can "
            "run one extraction each).", area_km2=area_km2, limit=limit)

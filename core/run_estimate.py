"""What a run will cost, estimated before it starts from the account's own past runs.

BEOD charges by area. Each finished extraction of the job store knows its area (its AOI)
and the credits before and after it; their median price per km² on the same server,
times the new area, is the estimate. No past run with both numbers: no estimate.
"""

import statistics
from dataclasses import dataclass
from typing import Dict, Iterable, Optional

from . import jobs as jobs_module

#: at most this many recent runs make the price (the newest first)
MAX_SAMPLES = 20

_AREAS: Dict[str, float] = {}  # AOI WKT -> km², so the store is not measured again on each change


@dataclass
class Estimate:
    credits: float  # the estimated cost of the area
    per_km2: float  # credits per km² of the past runs (median)
    samples: int  # how many past runs it comes from


def _area_km2(wkt: str) -> Optional[float]:
    if wkt in _AREAS:
        return _AREAS[wkt]
    try:
        from ..beod.aoi import prepare_aoi

        area = prepare_aoi(wkt).area_km2
    except Exception:  # noqa: BLE001 (a past record that cannot be measured is skipped)
        area = None
    if area is not None:
        _AREAS[wkt] = area
    return area


def price_per_km2(jobs: Iterable, server: str = "") -> Optional[tuple]:
    """``(median credits per km², number of runs)`` of the past extractions on ``server``."""
    prices = []
    for job in jobs:
        if (job.kind != jobs_module.KIND_EXTRACTION or job.state != jobs_module.SUCCEEDED
                or job.credits_before is None or job.credits_after is None or not job.aoi_wkt):
            continue
        if server and job.server and job.server.rstrip("/") != server.rstrip("/"):
            continue
        cost = float(job.credits_before) - float(job.credits_after)
        area = _area_km2(job.aoi_wkt)
        if cost <= 0 or not area:
            continue
        prices.append(cost / area)
        if len(prices) >= MAX_SAMPLES:
            break
    if not prices:
        return None
    return statistics.median(prices), len(prices)


def estimate(area_km2: float, jobs: Iterable, server: str = "") -> Optional[Estimate]:
    """The estimated cost of ``area_km2`` from ``jobs`` (newest first), or None."""
    price = price_per_km2(jobs, server)
    if price is None:
        return None
    per_km2, samples = price
    return Estimate(credits=per_km2 * area_km2, per_km2=per_km2, samples=samples)

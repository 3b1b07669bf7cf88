"""What a run will cost, estimated before it starts from the account's own past runs.

BEOD charges by area. Each finished extraction of the job store knows its area (its AOI)
and the credits before and after it; their median price per km² on the same server,
times the new area, is the estimate (runs that overlapped in time are priced together,
since each one's credits include the others' charges). No past run with both numbers:
no estimate.
"""

import statistics
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional

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


def _overlap(a, b) -> bool:
    if None in (a.started, a.finished, b.started, b.finished):
        return False
    return a.started < b.finished and b.started < a.finished


def _batches(runs: List) -> List[List]:
    """Runs grouped with those they overlapped in time: the credits read before and after
    overlapping runs include each other's charges, so such runs are priced together."""
    batches: List[List] = []
    for run in runs:
        joined = [batch for batch in batches if any(_overlap(run, other) for other in batch)]
        merged = [run]
        for batch in joined:
            merged.extend(batch)
            batches.remove(batch)
        batches.append(merged)
    return batches


def price_per_km2(jobs: Iterable, server: str = "") -> Optional[tuple]:
    """``(median credits per km², number of runs)`` of the past extractions on ``server``."""
    runs = []
    for job in jobs:
        if (job.kind != jobs_module.KIND_EXTRACTION or job.state != jobs_module.SUCCEEDED
                or job.credits_before is None or job.credits_after is None or not job.aoi_wkt):
            continue
        if server and job.server and job.server.rstrip("/") != server.rstrip("/"):
            continue
        runs.append(job)
        if len(runs) >= MAX_SAMPLES:
            break
    prices = []
    for batch in _batches(runs):
        areas = [_area_km2(job.aoi_wkt) for job in batch]
        if not all(areas):
            continue
        before = max(float(job.credits_before) for job in batch)
        cost = before - min(float(job.credits_after) for job in batch)
        if cost > 0:
            prices.extend([cost / sum(areas)] * len(batch))
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

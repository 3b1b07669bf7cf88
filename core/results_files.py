"""Bookkeeping shared by the merge steps: progress and cancellation, GDAL calls that
fail softly, manifests telling whether a merged file is up to date, atomic publishing.

Runs in a worker thread: no QgsProject, no widgets.
"""

import json
import os
from typing import Callable, List, Optional, Sequence, Tuple

from osgeo import gdal

from .i18n import tr

MANIFEST_VERSION = 1

Sources = Sequence[Tuple[str, str]]  # (tile name, file path)


class MergeCancelledError(Exception):
    """The user cancelled while a kind was being merged."""


class Ticker:
    """Counts merged files for the progress callback and checks for cancellation."""

    def __init__(self, total: int, is_cancelled: Optional[Callable[[], bool]] = None,
                 on_progress: Optional[Callable[[float], None]] = None):
        self.total = max(1, total)
        self.done = 0
        self._is_cancelled = is_cancelled
        self._on_progress = on_progress

    def cancelled(self) -> bool:
        return bool(self._is_cancelled and self._is_cancelled())

    def check(self) -> None:
        if self.cancelled():
            raise MergeCancelledError()

    def advance(self, files: int = 1) -> None:
        """One more file handled: report progress, then stop if the user cancelled."""
        self.done += files
        if self._on_progress:
            self._on_progress(min(100.0, 100.0 * self.done / self.total))
        self.check()


def gdal_call(function, *args, **kwargs):
    """Call a GDAL function; None on failure whether or not GDAL raises exceptions."""
    gdal.ErrorReset()
    try:
        return function(*args, **kwargs)
    except RuntimeError:
        return None


def last_error() -> str:
    return gdal.GetLastErrorMsg() or tr("unreadable file")


def display_path(path: str, out_dir: str) -> str:
    try:
        return os.path.relpath(path, out_dir)
    except ValueError:
        return path


# -- manifest: is the merged file up to date? ------------------------------------------

def _signature(sources: Sources, out_dir: str) -> List[list]:
    signature = []
    for tile, path in sources:
        try:
            stat = os.stat(path)
            signature.append([tile, display_path(path, out_dir), stat.st_size, stat.st_mtime_ns])
        except OSError:
            signature.append([tile, display_path(path, out_dir), -1, 0])
    return signature


def manifest_path(target: str) -> str:
    return target + ".json"


def read_manifest(target: str, sources: Sources, out_dir: str) -> Optional[dict]:
    """The manifest of ``target`` if it was made from exactly ``sources``, else None."""
    if not os.path.isfile(target):
        return None
    try:
        with open(manifest_path(target), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    if manifest.get("version") != MANIFEST_VERSION or manifest.get("sources") != _signature(sources, out_dir):
        return None
    return manifest


def write_manifest(target: str, sources: Sources, out_dir: str, **facts) -> None:
    manifest = dict(version=MANIFEST_VERSION, sources=_signature(sources, out_dir), **facts)
    temporary = manifest_path(target) + ".part"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    os.replace(temporary, manifest_path(target))


def is_ours(target: str) -> bool:
    """Whether ``target`` may be replaced by a merge: missing, or written by one (its manifest)."""
    return not os.path.lexists(target) or os.path.isfile(manifest_path(target))


def own_target(target: str, notes: List[str], out_dir: str) -> str:
    """``target``, or the first numbered name beside it (``building-2.gpkg``) when ``target``
    holds a file no merge wrote (the user's own): it is never replaced."""
    if is_ours(target):
        return target
    stem, extension = os.path.splitext(target)
    for number in range(2, 1000):
        candidate = f"{stem}-{number}{extension}"
        if is_ours(candidate):
            notes.append(tr("{} was not written by a BEOD merge and was left as it is; the merged layer is "
                            "{}.", display_path(target, out_dir), display_path(candidate, out_dir)))
            return candidate
    raise OSError(f"no free name beside {target}")


def remove_file(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def publish(temporary: str, target: str) -> str:
    """Move a finished file into place, replacing an older merge; returns where it went.

    Where the older file cannot be replaced (Windows keeps files open in QGIS locked),
    the new one goes next to it under a numbered name.
    """
    remove_file(manifest_path(target))
    try:
        os.replace(temporary, target)
        return target
    except OSError:
        stem, extension = os.path.splitext(target)
        for number in range(2, 100):
            candidate = f"{stem}-{number}{extension}"
            try:
                if not os.path.exists(candidate):
                    os.replace(temporary, candidate)
                    return candidate
            except OSError:
                continue
        raise



"""The whole extraction, written once: sign in → project → AOI → scenario → follow → download.

Used by the command line, the plugin's tasks and the Processing algorithms.
``on_progress(Progress(stage, percent, message))`` reports each stage (``login``,
``project``, ``aoi``, ``scenario``, ``running``, ``download``, ``done``; ``percent`` is the
progress inside the stage). ``is_cancelled()`` is checked throughout. ``on_ids(project_id,
scenario_id, activity_id)`` is called as soon as the scenario exists, so a caller can
persist the ids and resume an interrupted run with :func:`resume_extraction` (which
creates nothing and charges nothing).
"""

import logging
import os
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from . import credits as credits_module
from .aoi import PreparedAoi, prepare_aoi
from .credits import CostWindow
from .download import DownloadResult, download_scenario
from .endpoints import DEFAULT_SCENARIO_TYPE
from .errors import CancelledError, ScenarioIdsError
from .follow import follow_activity
from .limits import check_area
from .models import Activity, ScenarioParams
from .outage import DEFAULT_MAX_OUTAGE, outage_text, wait_out
from .outfolder import check_folder_for_new_scenario

LOG = logging.getLogger("beod")
STAGES = ("login", "project", "aoi", "scenario", "running", "download", "done")


@dataclass
class Progress:
    stage: str
    percent: Optional[float] = None
    message: str = ""


@dataclass
class RunResult:
    project_id: int
    scenario_id: int
    activity_id: int
    out_dir: str
    activity: Optional[Activity] = None
    download: Optional[DownloadResult] = None
    aoi: Optional[PreparedAoi] = None
    notes: List[str] = field(default_factory=list)
    credits: CostWindow = field(default_factory=CostWindow)

    @property
    def files(self) -> List[str]:
        return list(self.download.files) if self.download else []


class _Reporter:
    def __init__(self, on_progress, is_cancelled):
        self.on_progress = on_progress
        self.is_cancelled = is_cancelled

    def __call__(self, stage: str, percent: Optional[float] = None, message: str = "") -> None:
        self.check()
        if self.on_progress is not None:
            self.on_progress(Progress(stage, percent, message))

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise CancelledError()


def _follow_and_download(client, pid, sid, aid, out_dir, report: _Reporter, poll, workers,
                         max_outage=DEFAULT_MAX_OUTAGE, download_options=None) -> Tuple:
    def on_activity(activity: Activity) -> None:
        report("running", activity.progress,
               f"Scenario {sid}: {activity.state.lower()}, {activity.progress:.0f} %")

    report("running", 0.0, f"Following scenario {sid}")
    min_interval, max_interval = poll
    activity = follow_activity(client, pid, aid, on_progress=on_activity, is_cancelled=report.is_cancelled,
                               min_interval=min_interval, max_interval=max_interval, max_outage=max_outage,
                               on_outage=lambda seconds: report("running", None, outage_text(seconds)))
    result = download_results(client, pid, sid, out_dir, report=report, poll=poll, workers=workers,
                              max_outage=max_outage, download_options=download_options)
    report("done", 100.0, f"{len(result.files)} files in {out_dir}")
    return activity, result


def download_results(client, pid, sid, out_dir, *, report: Optional[_Reporter] = None,
                     on_progress: Optional[Callable[[Progress], None]] = None,
                     is_cancelled: Optional[Callable[[], bool]] = None,
                     poll: Tuple[float, float] = (2.0, 30.0), workers: int = 8,
                     max_outage: Optional[float] = DEFAULT_MAX_OUTAGE,
                     download_options: Optional[dict] = None) -> DownloadResult:
    """Download a finished scenario's results, waiting out outages: after each one the
    download goes on from the files already on disk. ``download_options`` are passed on to
    :func:`~.download.download_scenario` (``on_listing``, ``on_file``)."""
    report = report or _Reporter(on_progress, is_cancelled)

    def on_download(progress) -> None:
        report("download", progress.percent, progress.message)

    def attempt() -> DownloadResult:
        return download_scenario(client, pid, sid, out_dir, on_progress=on_download,
                                 is_cancelled=report.is_cancelled, workers=workers,
                                 **(download_options or {}))

    report("download", 0.0, "Downloading the results")
    return wait_out(attempt, is_cancelled=report.is_cancelled, min_interval=poll[0], max_interval=poll[1],
                    max_outage=max_outage,
                    on_outage=lambda seconds: report("download", None, outage_text(seconds)))


def _ensure_signed_in(client, report: _Reporter) -> None:
    if not getattr(client, "is_signed_in", False):
        report("login", 0.0, "Signing in")
        client.login()
    report("login", 100.0, "Signed in")


def run_extraction(client, aoi, params, out_dir, *, project_name: str,
                   on_progress: Optional[Callable[[Progress], None]] = None,
                   is_cancelled: Optional[Callable[[], bool]] = None,
                   on_ids: Optional[Callable[[int, int, int], None]] = None,
                   poll: Tuple[float, float] = (2.0, 30.0), scenario_type: str = DEFAULT_SCENARIO_TYPE,
                   workers: int = 8, max_vertices: int = 1000,
                   max_outage: Optional[float] = DEFAULT_MAX_OUTAGE,
                   download_options: Optional[dict] = None) -> RunResult:
    """Run one extraction over ``aoi`` (a :class:`PreparedAoi`, WKT, GeoJSON or shapely
    geometry) with ``params`` (:class:`ScenarioParams` or a dict) and download the results
    into ``out_dir``. The AOI is checked before anything is created on the server.
    ``download_options`` are passed on to :func:`~.download.download_scenario`
    (``on_listing``, ``on_file``).
    """
    report = _Reporter(on_progress, is_cancelled)
    out_dir = os.fspath(out_dir)
    prepared = aoi if isinstance(aoi, PreparedAoi) else prepare_aoi(aoi, max_vertices=max_vertices)
    check_area(prepared.area_km2)  # refused here, before a project is created on the account
    if not isinstance(params, ScenarioParams):
        params = ScenarioParams.from_dict(params)
    if not params.name or params.name == ScenarioParams().name:
        params.name = project_name or params.name
    check_folder_for_new_scenario(out_dir)  # before anything is created (and charged)
    os.makedirs(out_dir, exist_ok=True)
    _ensure_signed_in(client, report)

    pid, sid, aid, window = _submit(client, prepared, params, project_name, scenario_type, report, on_ids)
    activity, download = _follow_and_download(client, pid, sid, aid, out_dir, report, poll, workers,
                                              max_outage, download_options)
    return RunResult(project_id=pid, scenario_id=sid, activity_id=aid, out_dir=out_dir, activity=activity,
                     download=download, aoi=prepared, notes=list(prepared.notes), credits=window)


def _submit(client, prepared: PreparedAoi, params: ScenarioParams, project_name: str, scenario_type: str,
            report: _Reporter, on_ids) -> Tuple[int, int, int, CostWindow]:
    """Project, AOI and scenario, between two reads of the balance (see :mod:`.credits`)."""
    user = client.me()
    server = getattr(client, "server_url", "")
    with credits_module.submission_lock(server, user.id, is_cancelled=report.is_cancelled):
        report.check()
        before_ids = credits_module.project_ids(client)
        window = CostWindow(before=credits_module.balance(client))

        report("project", 0.0, f"Creating project \"{project_name}\"")
        pid = client.create_project(project_name)
        report("project", 100.0, f"Project {pid} created")

        report("aoi", 0.0, f"Sending the area ({prepared.area_km2:.3f} km²)")
        client.create_aoi(pid, prepared.wkt)
        report("aoi", 100.0, "Area sent")

        report("scenario", 0.0, "Starting the extraction")
        try:
            sid, aid = client.create_scenario(pid, params, scenario_type)
        except ScenarioIdsError as exc:  # created, but not followable: its ids are kept all the same
            if on_ids is not None and exc.scenario_id is not None:
                on_ids(pid, exc.scenario_id, None)
            raise
        LOG.info("Project %s, scenario %s, activity %s", pid, sid, aid)
        if on_ids is not None:
            on_ids(pid, sid, aid)
        window.after = credits_module.balance(client)
        credits_module.judge(window, before_ids, credits_module.project_ids(client), pid)
    report("scenario", 100.0, f"Scenario {sid} started")
    return pid, sid, aid, window


def submit_extraction(client, aoi, params, *, project_name: str,
                      on_progress: Optional[Callable[[Progress], None]] = None,
                      is_cancelled: Optional[Callable[[], bool]] = None,
                      on_ids: Optional[Callable[[int, int, int], None]] = None,
                      scenario_type: str = DEFAULT_SCENARIO_TYPE, max_vertices: int = 1000,
                      out_dir: Optional[str] = None) -> RunResult:
    """Only start the extraction (sign in, project, AOI, scenario) and return its ids and
    cost window; follow it with :func:`follow_activity` and :func:`download_results`.
    ``out_dir``, where the results will go, is checked before anything is created."""
    report = _Reporter(on_progress, is_cancelled)
    prepared = aoi if isinstance(aoi, PreparedAoi) else prepare_aoi(aoi, max_vertices=max_vertices)
    check_area(prepared.area_km2)  # refused here, before a project is created on the account
    if out_dir:
        check_folder_for_new_scenario(os.fspath(out_dir))
    if not isinstance(params, ScenarioParams):
        params = ScenarioParams.from_dict(params)
    if not params.name or params.name == ScenarioParams().name:
        params.name = project_name or params.name
    _ensure_signed_in(client, report)
    pid, sid, aid, window = _submit(client, prepared, params, project_name, scenario_type, report, on_ids)
    return RunResult(project_id=pid, scenario_id=sid, activity_id=aid, out_dir="", aoi=prepared,
                     notes=list(prepared.notes), credits=window)


def resume_extraction(client, pid, sid, aid, out_dir, *,
                      on_progress: Optional[Callable[[Progress], None]] = None,
                      is_cancelled: Optional[Callable[[], bool]] = None,
                      poll: Tuple[float, float] = (2.0, 30.0), workers: int = 8,
                      max_outage: Optional[float] = DEFAULT_MAX_OUTAGE,
                      download_options: Optional[dict] = None) -> RunResult:
    """Follow an existing scenario to its end and download (or finish downloading) its results."""
    report = _Reporter(on_progress, is_cancelled)
    out_dir = os.fspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    report("login", 0.0, "Signing in")
    wait_out(lambda: _ensure_signed_in(client, report), is_cancelled=is_cancelled, min_interval=poll[0],
             max_interval=poll[1], max_outage=max_outage,
             on_outage=lambda seconds: report("login", None, outage_text(seconds)))
    activity, download = _follow_and_download(client, pid, sid, aid, out_dir, report, poll, workers,
                                              max_outage, download_options)
    return RunResult(project_id=pid, scenario_id=sid, activity_id=aid, out_dir=out_dir, activity=activity,
                     download=download)

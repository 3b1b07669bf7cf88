"""The command line: ``python -m beod [--server URL] [--email EMAIL] [--debug] COMMAND``.

The password comes from the environment variable ``BEOD_PASSWORD`` or a hidden prompt,
never from an argument. Results go to stdout; progress and errors to stderr (one line per
error; a traceback only with ``--debug``).
"""

import argparse
import getpass
import logging
import os
import sys
import time
import traceback

from . import __version__
from .errors import (
    AoiError,
    AuthenticationError,
    BeodError,
    CancelledError,
    InsufficientCreditsError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    ScenarioFailedError,
    UnsafePathError,
)
from .i18n import _, error_text, language
from .redact import RedactingFilter, redact

DEFAULT_SERVER = "https://api.beod.luxcarta.cloud"

# Exit codes (documented in --help).
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_INVALID = 4
EXIT_NETWORK = 5
EXIT_FAILED = 6
EXIT_NOT_FOUND = 7
EXIT_CREDITS = 8
EXIT_CANCELLED = 130

_EXIT_CODES = (
    (AuthenticationError, EXIT_AUTH),
    (PermissionDeniedError, EXIT_AUTH),
    (InsufficientCreditsError, EXIT_CREDITS),
    (NotFoundError, EXIT_NOT_FOUND),
    (AoiError, EXIT_INVALID),
    (InvalidRequestError, EXIT_INVALID),
    (NetworkError, EXIT_NETWORK),
    (ScenarioFailedError, EXIT_FAILED),
    (UnsafePathError, EXIT_ERROR),
    (CancelledError, EXIT_CANCELLED),
)

EPILOG = """environment:
  BEOD_SERVER    API address (default {})
  BEOD_EMAIL     account email (or --email)
  BEOD_PASSWORD  account password (else asked without echo; never an argument)
  LANG           the language of the messages (en, fr); the standard output stays the same
  BEOD_MAX_OUTAGE_HOURS  how long run/status/download wait out an unreachable server (default 24)

outages: while following a run or downloading, a refused connection, a time-out, a 5xx or a
  429 is waited out (capped back-off, "Server unreachable for 2 min, still trying" on stderr)
  for --max-outage hours; only FAILED on the server or a refused sign-in fail a run. An
  interrupted run is finished with: download PROJECT_ID SCENARIO_ID --out DIR

exit codes:
  0 success, 1 error, 2 usage, 3 sign-in refused, 4 invalid request or area,
  5 network, 6 scenario failed, 7 not found, 8 not enough credits, 130 cancelled
"""
# Stage titles of the progress line (the stage names of ``beod.flow``, in English).
STAGE_TITLES = {"login": "Signing in", "project": "Creating the project",
                "aoi": "Sending the area of interest", "scenario": "Starting the extraction",
                "running": "Extracting on the server", "download": "Downloading results", "done": "Done"}


class UsageError(Exception):
    """A problem with the command line itself."""


def _csv(value: str) -> str:
    return ",".join(part.strip() for part in value.split(",") if part.strip())


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its "usage:" in the user's language."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def _localize(parser: argparse.ArgumentParser) -> None:
    """argparse's own headings and help lines in the user's language."""
    parser.formatter_class = _HelpFormatter
    parser._positionals.title = _("positional arguments")
    parser._optionals.title = _("options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = _("show this help message and exit")
        elif isinstance(action, argparse._VersionAction):
            action.help = _("show the version and exit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m beod", description=_("BrightEarth On Demand (BEOD) from the command line."),
        epilog=_(EPILOG).format(DEFAULT_SERVER), formatter_class=_HelpFormatter)
    parser.add_argument("--server", default=os.environ.get("BEOD_SERVER") or DEFAULT_SERVER,
                        help=_("API address (env BEOD_SERVER)"))
    parser.add_argument("--email", default=os.environ.get("BEOD_EMAIL"),
                        help=_("account email (env BEOD_EMAIL)"))
    parser.add_argument("--debug", action="store_true", help=_("log requests and show tracebacks"))
    parser.add_argument("--max-outage", type=float, metavar="HOURS",
                        default=float(os.environ.get("BEOD_MAX_OUTAGE_HOURS") or 24.0),
                        help=_("wait out an unreachable server this long (env BEOD_MAX_OUTAGE_HOURS, "
                               "default 24)"))
    parser.add_argument("--version", action="version", version=f"beod-qgis {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    commands.add_parser("me", help=_("user id and credits"))
    commands.add_parser("projects", help=_("the projects of the account"))
    scenarios = commands.add_parser("scenarios", help=_("the scenarios of a project"))
    scenarios.add_argument("project_id", type=int, metavar="PROJECT_ID")

    run = commands.add_parser("run", help=_("run an extraction and download its results"))
    run.add_argument("--aoi", required=True, metavar="FILE_OR_WKT",
                     help=_("the area: a WKT or GeoJSON file, or WKT/GeoJSON text, in lon/lat"))
    run.add_argument("--name", default=None, help=_("project and scenario name"))
    run.add_argument("--scenario-type", default="extraction-mono")
    run.add_argument("--source-image-type", default="basemap")
    run.add_argument("--source-image-id", type=int, default=1)
    run.add_argument("--augmented", action="store_true")
    run.add_argument("--crs", type=int, choices=(3857, 4326), default=3857, help=_("output CRS (EPSG)"))
    run.add_argument("--vector-formats", type=_csv, default="shapefile,geopackage")
    run.add_argument("--raster-formats", type=_csv, default="geotiff")
    run.add_argument("--three-d-formats", type=_csv, default="3d_tiles")
    run.add_argument("--dl-model", action="append", default=[], metavar="NAME",
                     help=_("an alternate deep-learning model (repeat for several)"))
    run.add_argument("--out", required=True, metavar="DIR", help=_("output folder"))
    run.add_argument("--poll", type=float, nargs=2, default=(2.0, 30.0), metavar=("MIN", "MAX"),
                     help=argparse.SUPPRESS)

    download = commands.add_parser("download", help=_("download (or resume) the results of a scenario"))
    download.add_argument("project_id", type=int, metavar="PROJECT_ID")
    download.add_argument("scenario_id", type=int, metavar="SCENARIO_ID")
    download.add_argument("--out", required=True, metavar="DIR", help=_("output folder"))
    download.add_argument("--poll", type=float, nargs=2, default=(2.0, 30.0), metavar=("MIN", "MAX"),
                          help=argparse.SUPPRESS)

    status = commands.add_parser("status", help=_("state and progress of an activity"))
    status.add_argument("project_id", type=int, metavar="PROJECT_ID")
    status.add_argument("activity_id", type=int, metavar="ACTIVITY_ID")
    status.add_argument("--poll", type=float, nargs=2, default=(2.0, 30.0), metavar=("MIN", "MAX"),
                        help=argparse.SUPPRESS)
    for sub in (parser, *commands.choices.values()):
        _localize(sub)
    return parser


# -- output helpers ------------------------------------------------------------------------
def _table(rows, headers) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


class ProgressBar:
    """A one-line progress bar on stderr (plain lines when stderr is not a terminal)."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = ("", -1.0, 0.0)
        self._drawn = False

    def __call__(self, progress) -> None:
        stage = getattr(progress, "stage", "") or ""
        percent = getattr(progress, "percent", None)
        message = redact(getattr(progress, "message", "") or "")
        label = stage if language() == "en" else _(STAGE_TITLES.get(stage, stage))
        if percent is None and message:  # a notice (an outage waited out): always shown, on its own line
            self.close()
            self.stream.write(f"{label}: {message}\n")
            self.stream.flush()
            return
        if language() != "en":  # the flow's details are English: the stage title says it all
            message = ""
        now = time.monotonic()
        last_stage, last_percent, last_time = self._last
        if self.tty:
            if stage == last_stage and now - last_time < 0.1 and (percent or 0) < 100:
                return
            share = max(0.0, min(100.0, float(percent or 0.0)))
            filled = int(self.width * share / 100)
            line = f"\r{label:<9} [{'#' * filled}{'.' * (self.width - filled)}] {share:5.1f}%  {message}"
            self.stream.write(line[:160].ljust(100))
            self._drawn = True
        else:
            step = int(float(percent or 0) // 10)
            if stage == last_stage and step == int(last_percent // 10) and now - last_time < 30:
                return
            line = _("{}: {}% {}").format(label, f"{float(percent or 0):.0f}", message)
            self.stream.write(line.rstrip() + "\n")
        self.stream.flush()
        self._last = (stage, float(percent or 0), now)

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


# -- commands ----------------------------------------------------------------------------
def _password() -> str:
    password = os.environ.get("BEOD_PASSWORD")
    if password:
        return password
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(_("no password: set BEOD_PASSWORD or run in a terminal to be asked for it"))
    return getpass.getpass(_("BEOD password: "))


def _max_outage(args) -> float:
    return max(0.0, float(args.max_outage)) * 3600.0


def _say_outage(seconds: float) -> None:
    from .outage import outage_text

    print(f"{outage_text(seconds)}", file=sys.stderr, flush=True)


def _waiting(args, call):
    """``call()``, waiting out outages for ``--max-outage`` (status, download, sign-in)."""
    from .outage import wait_out

    poll = tuple(getattr(args, "poll", None) or (2.0, 30.0))
    return wait_out(call, on_outage=_say_outage, min_interval=poll[0], max_interval=poll[1],
                    max_outage=_max_outage(args))


def _client(args):
    from .client import Client

    if not args.email:
        raise UsageError(_("no account: give --email or set BEOD_EMAIL"))
    email, password = args.email, _password()
    client = Client(args.server, credentials=lambda: (email, password))
    try:
        if args.command in ("run", "status", "download"):
            _waiting(args, client.login)
        else:
            client.login()
    except BaseException:
        client.close()
        raise
    return client


def _cost_line(window) -> str:
    if window.cost is not None:
        return f"cost: {window.cost:g} credits (balance {window.before:g} before, {window.after:g} after)"
    if window.status == "shared":
        return ("cost: cannot be told apart from other runs of the account started at the same time "
                "(see the balance with: me)")
    return "cost: unknown (the balance could not be read)"


def _read_aoi(value: str):
    if os.path.isfile(value):
        with open(value, encoding="utf-8-sig") as handle:
            return handle.read()
    text = value.strip()
    if text.startswith("{") or "(" in text:
        return text
    raise UsageError(_("--aoi: no such file, and not WKT or GeoJSON: {}").format(value[:60]))


def cmd_me(client, args, out) -> int:
    user = client.me()
    print(f"user_id: {user.id}", file=out)
    print(f"credits: {user.credits}", file=out)
    return EXIT_OK


def cmd_projects(client, args, out) -> int:
    projects = client.list_projects()
    print(_table([(p.id, p.name, p.creation_date) for p in projects], ("ID", "NAME", "CREATED")), file=out)
    return EXIT_OK


def cmd_scenarios(client, args, out) -> int:
    scenarios = client.list_scenarios(args.project_id)
    print(_table([(s.id, s.name, s.type, s.state, s.activity_id, s.creation_date) for s in scenarios],
                 ("ID", "NAME", "TYPE", "STATE", "ACTIVITY", "CREATED")), file=out)
    return EXIT_OK


def cmd_status(client, args, out) -> int:
    activity = _waiting(args, lambda: client.get_activity(args.project_id, args.activity_id))
    print(f"activity_id: {activity.id}", file=out)
    print(f"scenario_id: {activity.scenario_id}", file=out)
    print(f"state: {activity.state}", file=out)
    print(f"progress: {activity.progress:.1f}", file=out)
    if activity.details:
        print(f"details: {redact(activity.details)}", file=out)
    return EXIT_FAILED if activity.is_failed else EXIT_OK


def cmd_run(client, args, out, bar) -> int:
    from .aoi import prepare_aoi
    from .flow import run_extraction
    from .models import ScenarioParams

    prepared = prepare_aoi(_read_aoi(args.aoi))
    for note in prepared.notes:
        print(_("note: {}").format(note), file=sys.stderr)
    name = args.name or f"beod {time.strftime('%Y-%m-%d %H:%M:%S')}"
    params = ScenarioParams(name=name, source_image_type=args.source_image_type,
                            source_image_id=args.source_image_id, augmented=args.augmented,
                            output_crs=args.crs, vector_formats=args.vector_formats,
                            raster_formats=args.raster_formats, three_d_formats=args.three_d_formats,
                            dl_models=list(args.dl_model))
    ids = {}

    def on_ids(pid, sid, aid):
        ids.update(project=pid, scenario=sid, activity=aid)
        bar.close()
        resume = _("project {0}, scenario {1}, activity {2} (resume with: download {0} {1})")
        print(resume.format(pid, sid, aid), file=sys.stderr)

    try:
        result = run_extraction(client, prepared, params, args.out, project_name=name, on_progress=bar,
                                on_ids=on_ids, poll=tuple(args.poll), scenario_type=args.scenario_type,
                                max_outage=_max_outage(args))
    except (BeodError, KeyboardInterrupt):
        bar.close()
        if ids:
            print(f"project_id: {ids['project']}", file=out)
            print(f"scenario_id: {ids['scenario']}", file=out)
        raise
    bar.close()
    print(f"project_id: {result.project_id}", file=out)
    print(f"scenario_id: {result.scenario_id}", file=out)
    print(f"output: {os.path.abspath(result.out_dir)}", file=out)
    print(_cost_line(result.credits), file=out)
    return EXIT_OK


def cmd_download(client, args, out, bar) -> int:
    from .flow import download_results

    result = download_results(client, args.project_id, args.scenario_id, args.out, on_progress=bar,
                              poll=tuple(args.poll), max_outage=_max_outage(args))
    bar.close()
    print(f"files: {len(result.files)} ({result.skipped} already there)", file=out)
    print(f"output: {os.path.abspath(result.out_dir)}", file=out)
    return EXIT_OK


def _exit_code(exc: BaseException) -> int:
    for kind, code in _EXIT_CODES:
        if isinstance(exc, kind):
            return code
    return EXIT_ERROR


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())  # urllib3 logs full URLs at debug level
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, handlers=[handler])
    if not args.debug:
        logging.getLogger("urllib3").setLevel(logging.WARNING)
    out = sys.stdout
    bar = ProgressBar()
    client = None
    try:
        client = _client(args)
        handlers = {"me": cmd_me, "projects": cmd_projects, "scenarios": cmd_scenarios, "status": cmd_status}
        if args.command in handlers:
            return handlers[args.command](client, args, out)
        if args.command == "run":
            return cmd_run(client, args, out, bar)
        return cmd_download(client, args, out, bar)
    except UsageError as exc:
        bar.close()
        print(_("error: {}").format(redact(exc)), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        bar.close()
        print(_("error: cancelled"), file=sys.stderr)
        return EXIT_CANCELLED
    except (BeodError, OSError) as exc:
        bar.close()
        if args.debug:
            sys.stderr.write(redact(traceback.format_exc()))
        print(_("error: {}").format(redact(error_text(exc))), file=sys.stderr)
        return _exit_code(exc)
    except Exception as exc:  # noqa: BLE001 (one clear line instead of a traceback)
        bar.close()
        if args.debug:
            sys.stderr.write(redact(traceback.format_exc()))
        unexpected = _("error: unexpected {}: {} (run with --debug for details)")
        print(unexpected.format(type(exc).__name__, redact(exc)), file=sys.stderr)
        return EXIT_ERROR
    finally:
        if client is not None:
            client.close()

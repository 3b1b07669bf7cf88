"""Command line and start-up: bind the API and the storage host, print their addresses and
the demo account, serve until interrupted."""

import argparse
import json
import logging
import shutil
import socket
import sys
import tempfile
import threading
from typing import List, Optional

from .config import DEFAULT_ACCOUNTS, Settings, parse_account
from .context import Emulator
from .storage import start_storage

READY_PREFIX = "BEOD-EMULATOR-READY "
CLI_RUN_SECONDS = 20.0


def build_parser() -> argparse.ArgumentParser:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m tests.emulator",
                                     description="Local emulator of the BrightEarth On Demand API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8700, help="API port (0: any free port)")
    parser.add_argument("--storage-port", type=int, default=None,
                        help="storage host port (default: API port + 1, or any free port with --port 0)")
    parser.add_argument("--data-dir", default=None, help="folder for generated results (default: temporary)")
    parser.add_argument("--user", action="append", default=[], metavar="EMAIL:PASSWORD[:CREDITS]",
                        help="an account (repeatable); replaces the built-in accounts")
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault dice")
    parser.add_argument("--run-seconds", type=float, default=CLI_RUN_SECONDS,
                        help=f"duration of a run, PENDING to SUCCESSFUL (default {CLI_RUN_SECONDS:g})")
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--closable", action="store_true",
                        help="API and storage listeners that POST /_admin/outage can close and reopen")
    for name, value in defaults.to_dict().items():
        if name == "run_seconds":
            continue
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            parser.add_argument(flag, type=lambda s: s.lower() in ("1", "true", "yes", "on"),
                                default=value, metavar="BOOL", help=f"(default {value})")
        else:
            parser.add_argument(flag, type=type(value), default=value, help=f"(default {value})")
    return parser


def settings_from(args) -> Settings:
    settings = Settings()
    changes = {name: getattr(args, name) for name in settings.to_dict() if hasattr(args, name)}
    settings.update(changes)
    return settings


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    return sock


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 (display only)
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=getattr(logging, args.log_level.upper(), logging.WARNING))
    try:
        settings = settings_from(args)
        accounts = [parse_account(text) for text in args.user] or DEFAULT_ACCOUNTS
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    own_data = args.data_dir is None
    data_dir = tempfile.mkdtemp(prefix="beod-emulator-") if own_data else args.data_dir
    emulator = Emulator(settings, accounts, data_dir, seed=args.seed)

    import uvicorn

    from .app import create_app

    if args.closable:
        from .gate import Gate, Gates

        # The servers listen on private ports; the public ports are relays that can close.
        api_socket = _bind(args.host, 0)
        api_gate = Gate(args.host, args.port, (args.host, api_socket.getsockname()[1]))
        storage = start_storage(emulator, args.host, 0)
        storage_port = args.storage_port if args.storage_port is not None else (
            api_gate.port + 1 if args.port else 0)
        storage_gate = Gate(args.host, storage_port, (args.host, storage.server_address[1]))
        emulator.gates = Gates()
        emulator.gates.add("api", api_gate)
        emulator.gates.add("storage", storage_gate)
        api_port, public_storage_port = api_gate.port, storage_gate.port
    else:
        api_socket = _bind(args.host, args.port)
        api_port = api_socket.getsockname()[1]
        storage_port = args.storage_port if args.storage_port is not None else (
            api_port + 1 if args.port else 0)
        storage = start_storage(emulator, args.host, storage_port)
        public_storage_port = storage.server_address[1]
    emulator.api_url = _url(args.host, api_port)
    emulator.storage_url = _url(args.host, public_storage_port)
    threading.Thread(target=storage.serve_forever, name="storage", daemon=True).start()

    app = create_app(emulator)
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False, lifespan="off",
                            timeout_keep_alive=30)
    server = uvicorn.Server(config)
    email, password, _credits = accounts[0]
    print(f"BEOD emulator API:   {emulator.api_url}  (docs: {emulator.api_url}/docs)")
    print(f"Storage host:        {emulator.storage_url}")
    print(f"Demo account:        {email} / {password}")
    print(f"Run duration:        {settings.run_seconds:g} s;  data: {data_dir}")
    info = {"api_url": emulator.api_url, "storage_url": emulator.storage_url, "data_dir": data_dir,
            "users": [[e, p] for e, p, _c in accounts]}
    print(READY_PREFIX + json.dumps(info), flush=True)
    try:
        server.run(sockets=[api_socket])
    except KeyboardInterrupt:
        print("BEOD emulator stopped.")
    finally:
        storage.shutdown()
        storage.server_close()
        if own_data:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0

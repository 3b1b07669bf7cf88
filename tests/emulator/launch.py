"""Start the emulator in a subprocess for tests and scripts, and talk to its admin endpoint.

    with start_emulator(run_seconds=0.5) as emu:
        client = Client(emu.api_url)
        client.login(emu.email, emu.password)
        emu.configure(error_rate=0.2)
        print(emu.stats()["logins"])

The subprocess is a real server (own GIL) bound to 127.0.0.1 on free ports; it and its
temporary data are removed when the block ends.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

from .config import DEFAULT_ACCOUNTS
from .server import READY_PREFIX

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0


class EmulatorError(RuntimeError):
    """The emulator did not start or its admin endpoint refused a request."""


@dataclass
class EmulatorHandle:
    api_url: str
    storage_url: str
    email: str
    password: str
    users: List[Tuple[str, str]]
    poor_email: str
    poor_password: str
    data_dir: str
    process: Optional[subprocess.Popen] = None
    output: deque = field(default_factory=lambda: deque(maxlen=200))

    def _admin(self, method: str, path: str, body: Optional[dict] = None) -> dict:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(  # noqa: S310 (the emulator's own loopback URL)
            self.api_url + "/_admin/" + path, data=data, method=method,
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback URL)
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise EmulatorError(f"admin {path} answered {exc.code}: {detail}") from None

    def configure(self, **settings) -> dict:
        """Change settings at run time (see ``tests.emulator.config.Settings``); the new settings."""
        return self._admin("POST", "configure", settings)

    def settings(self) -> dict:
        return self._admin("GET", "settings")

    def expire_tokens(self) -> None:
        """Every access token issued so far answers 401 from now on (refresh tokens still work)."""
        self._admin("POST", "expire-tokens", {})

    def outage(self, seconds: float, listeners=("api", "storage")) -> dict:
        """Close the API and/or storage listeners (connections refused, open ones reset) for
        ``seconds``; the emulator reopens them on the same ports (needs ``closable=True``)."""
        return self._admin("POST", "outage", {"seconds": seconds, "listeners": list(listeners)})

    def expire_urls(self) -> None:
        """Every presigned URL issued so far answers 403 "Request has expired"."""
        self._admin("POST", "expire-urls", {})

    def reset(self) -> None:
        """Restore the start-up settings and credits, zero the counters and restart the fault
        dice (projects stay)."""
        self._admin("POST", "reset", {})

    def stats(self) -> dict:
        """Counters: ``requests`` per path kind, ``logins``, ``refreshes``, ``scenarios_created`` and
        ``credits_charged`` per email, ``storage_requests``, ``storage_auth_headers``, ``faults``..."""
        return self._admin("GET", "stats")


def _reader(stream, lines: deque, ready: dict, event: threading.Event) -> None:
    for raw in iter(stream.readline, ""):
        line = raw.rstrip("\n")
        lines.append(line)
        if line.startswith(READY_PREFIX) and not event.is_set():
            ready.update(json.loads(line[len(READY_PREFIX):]))
            event.set()
    event.set()


@contextmanager
def start_emulator(*, run_seconds: float = 1.0, token_ttl: int = 3600, page_size: int = 1000,
                   data_dir: Optional[str] = None, closable: bool = False,
                   extra_args: Sequence[str] = ()) -> Iterator[EmulatorHandle]:
    """Run the emulator in a subprocess on free loopback ports for the duration of the block."""
    own_dir = data_dir is None
    folder = tempfile.mkdtemp(prefix="beod-emu-data-") if own_dir else data_dir
    command = [sys.executable, "-m", "tests.emulator", "--port", "0", "--host", "127.0.0.1",
               "--run-seconds", str(run_seconds), "--token-ttl", str(int(token_ttl)),
               "--page-size", str(int(page_size)), "--data-dir", folder]
    if "--seed" not in extra_args:
        command += ["--seed", "20240822"]  # reproducible faults; reset() restarts the dice
    if closable:
        command.append("--closable")
    command += [str(arg) for arg in extra_args]
    env = dict(os.environ)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *paths])
    process = subprocess.Popen(command, cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: deque = deque(maxlen=200)
    ready: dict = {}
    event = threading.Event()
    threading.Thread(target=_reader, args=(process.stdout, lines, ready, event), daemon=True).start()
    try:
        if not event.wait(START_TIMEOUT) or not ready:
            raise EmulatorError("the emulator did not start:\n" + "\n".join(lines))
        email, password, _ = DEFAULT_ACCOUNTS[0]
        poor = DEFAULT_ACCOUNTS[-1]
        users = [(e, p) for e, p in ready.get("users", [])]
        handle = EmulatorHandle(ready["api_url"], ready["storage_url"], email, password,
                                [u for u in users if u[0] != poor[0]], poor[0], poor[1], folder,
                                process, lines)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                handle._admin("GET", "health")
                break
            except (OSError, EmulatorError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise EmulatorError("the emulator does not answer:\n" + "\n".join(lines)) from None
                time.sleep(0.05)
        yield handle
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
        if own_dir:
            shutil.rmtree(folder, ignore_errors=True)

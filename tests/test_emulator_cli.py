"""``python -m tests.emulator --port N`` prints its URL and the demo account and serves."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_command_line_prints_url_and_demo_account():
    port = free_port()
    command = [sys.executable, "-m", "tests.emulator", "--port", str(port), "--storage-port", "0",
               "--latency-ms", "5", "--page-size", "50"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("BEOD-EMULATOR-READY"):
                break
        text = "".join(lines)
        assert f"http://127.0.0.1:{port}" in text
        assert "demo@beod.example / demo-password" in text  # pragma: allowlist secret
        account = {"email": "demo@beod.example", "password": "demo-password"}  # pragma: allowlist secret
        login = requests.post(f"http://127.0.0.1:{port}/auth/login", json=account, timeout=30)
        assert login.status_code == 200
        settings = requests.get(f"http://127.0.0.1:{port}/_admin/settings", timeout=30).json()
        assert settings["run_seconds"] == 20.0 and settings["page_size"] == 50 and settings["latency_ms"] == 5
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()


def test_help_lists_every_fault_setting():
    from tests.emulator.config import Settings

    text = subprocess.run([sys.executable, "-m", "tests.emulator", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True).stdout
    for name in Settings().to_dict():
        assert "--" + name.replace("_", "-") in text

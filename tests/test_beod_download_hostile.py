"""Hostile storages and listings: a download never trusts an unconfirmed file, never fetches
an unsafe link, never runs for ever, and Ctrl-C or cancel end it within 2 s.

The storage and API are crafted loopback servers (``tests.hostile.HostileApi``)."""

import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from beod.client import Client
from beod.download import (
    ArchiveError,
    Downloader,
    RemoteFile,
    UnsafeUrlError,
    check_download_url,
    download_scenario,
    list_all_files,
    safe_extract,
)
from beod.errors import CancelledError, DownloadError
from tests.hostile import HostileApi

ROOT = Path(__file__).resolve().parent.parent
LISTING = "GET /users/me/projects/1/scenarios/2/download/urls"
DATA = bytes(range(256)) * 40  # 10240 bytes


def _raw(handler, head: bytes, body: bytes = b"", close: bool = True):
    handler.wfile.write(head + body)
    handler.close_connection = close


def _listing(api, names):
    return (200, {"0": {"EXPORT": {"building": {"bin": {name: f"{api.url}/files/{name}?X-Amz-Signature=s"
                                                        for name in names}}}}})


@pytest.fixture
def api():
    server = HostileApi()
    yield server
    server.close()


def _client(api):
    client = Client(api.url, retries=0, backoff=0.01, max_backoff=0.05)
    client.login("someone@example.test", "hostile-password-fake")  # pragma: allowlist secret
    return client


def _download(api, out, **kwargs):
    client = _client(api)
    try:
        return download_scenario(client, 1, 2, out, **kwargs)
    finally:
        client.close()


def _result(out: Path, name: str) -> Path:
    return out / "0" / "EXPORT" / "building" / "bin" / name


# -- completeness ------------------------------------------------------------------------------
def test_a_body_longer_than_its_content_length_is_not_trusted(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["a.bin"])
    api.routes["GET /files/a.bin"] = lambda h: _raw(h, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
                                                      b"0123456789" + b"X" * 990)
    with pytest.raises(DownloadError, match="sent more than the 10 bytes it announced"):
        _download(api, tmp_path / "out")
    assert not _result(tmp_path / "out", "a.bin").exists()


def _cut_then_range(handler):
    """No Content-Length: the first answer ends (connection closed) half way; Range is served."""
    rng = handler.headers.get("Range")
    if rng:
        start = int(rng.split("=")[1].split("-")[0])
        if start >= len(DATA):
            _raw(handler, b"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */%d\r\n"
                 b"Content-Length: 0\r\n\r\n" % len(DATA))
            return
        rest = DATA[start:]
        _raw(handler, b"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %d-%d/%d\r\n"
             b"Content-Length: %d\r\n\r\n" % (start, len(DATA) - 1, len(DATA), len(rest)), rest)
        return
    _raw(handler, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", DATA[:4000])


def test_a_cut_transfer_without_length_is_continued_not_accepted(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["a.bin"])
    api.routes["GET /files/a.bin"] = _cut_then_range
    _download(api, tmp_path / "out")
    assert _result(tmp_path / "out", "a.bin").read_bytes() == DATA
    ranges = [h.get("Range") for m, p, h, _ in api.requests if p.startswith("/files/")]
    assert ranges == [None, "bytes=4000-"]


def test_a_length_less_body_is_confirmed_before_it_counts(api, tmp_path):
    def whole_or_range(handler):
        if handler.headers.get("Range"):
            _cut_then_range(handler)
        else:
            _raw(handler, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", DATA)

    api.routes[LISTING] = _listing(api, ["a.bin"])
    api.routes["GET /files/a.bin"] = whole_or_range
    _download(api, tmp_path / "out")
    assert _result(tmp_path / "out", "a.bin").read_bytes() == DATA
    ranges = [h.get("Range") for m, p, h, _ in api.requests if p.startswith("/files/")]
    assert ranges == [None, f"bytes={len(DATA)}-"]  # the 416 confirmed the size


def test_a_length_less_body_that_cannot_be_confirmed_is_not_trusted(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["a.bin"])
    api.routes["GET /files/a.bin"] = lambda h: _raw(h, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", DATA)
    with pytest.raises(DownloadError, match="cannot confirm it; the file is not trusted"):
        _download(api, tmp_path / "out")
    assert not _result(tmp_path / "out", "a.bin").exists()


def test_a_checksum_mismatch_is_refused(api, tmp_path):
    import base64
    import hashlib

    wrong = base64.b64encode(hashlib.md5(b"other", usedforsecurity=False).digest()).decode()
    right = base64.b64encode(hashlib.md5(DATA, usedforsecurity=False).digest()).decode()
    api.routes[LISTING] = _listing(api, ["bad.bin", "good.bin"])
    api.routes["GET /files/bad.bin"] = (200, DATA, {"Content-MD5": wrong})
    api.routes["GET /files/good.bin"] = (200, DATA, {"Content-MD5": right})
    with pytest.raises(DownloadError, match="does not match the md5 checksum"):
        _download(api, tmp_path / "out")
    assert _result(tmp_path / "out", "good.bin").read_bytes() == DATA
    assert not _result(tmp_path / "out", "bad.bin").exists()


# -- unsafe links -----------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data",
                                 "https://169.254.1.1/x", "https://[fe80::1]/x", "http://example.com/x",
                                 "ftp://127.0.0.1/x", "https://[::ffff:169.254.169.254]/x"])
def test_unsafe_links_are_refused_at_once(api, tmp_path, url):
    api.routes[LISTING] = (200, {"a.bin": url})
    started = time.monotonic()
    with pytest.raises(UnsafeUrlError, match="Refused the download link"):
        _download(api, tmp_path / "out")
    assert time.monotonic() - started < 2.0  # not retried
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and ".beod" not in p.parts]


def test_which_links_are_fetched():
    assert check_download_url("https://s3.example/b/k?sig=1")
    assert check_download_url("http://127.0.0.1:9000/b/k")
    assert check_download_url("http://localhost/b/k")
    assert check_download_url("http://beod.internal/k", api_server="http://beod.internal:8000")
    with pytest.raises(UnsafeUrlError):
        check_download_url("http://beod.internal/k", api_server="https://beod.internal")


def test_a_storage_redirect_carries_no_credential(api, tmp_path):
    other = HostileApi({"GET /moved/a.bin": (200, DATA)})
    try:
        api.routes[LISTING] = _listing(api, ["a.bin"])
        api.routes["GET /files/a.bin"] = (302, b"", {"Location": other.url + "/moved/a.bin"})
        _download(api, tmp_path / "out")
        assert _result(tmp_path / "out", "a.bin").read_bytes() == DATA
        (_, _, headers, _), = other.requests
        assert "Authorization" not in headers and "Proxy-Authorization" not in headers
    finally:
        other.close()


# -- endless listings and archives ------------------------------------------------------------------
def test_a_listing_with_a_new_token_on_every_page_ends(api):
    counter = iter(range(10 ** 6))
    api.routes[LISTING] = lambda h: _json(h, {"0": {"a.bin": api.url + "/files/a"},
                                             "NextContinuationToken": f"t{next(counter)}"})
    client = _client(api)
    with pytest.raises(DownloadError, match="brought no new file in 3 pages"):
        list_all_files(client, 1, 2)
    assert len(api.paths("GET")) < 10


def test_a_listing_growing_for_ever_hits_the_page_limit(api):
    counter = iter(range(10 ** 6))

    def page(handler):
        number = next(counter)
        _json(handler, {str(number): {"a.bin": api.url + "/files/a"}, "NextContinuationToken": f"t{number}"})

    api.routes[LISTING] = page
    client = _client(api)
    with pytest.raises(DownloadError, match="more than 20 pages"):
        list_all_files(client, 1, 2, max_pages=20)


def _json(handler, body):
    import json

    data = json.dumps(body).encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(data)
    _raw(handler, head, data, close=False)


def test_a_zip_of_60000_entries_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(60000):
            archive.writestr(f"0/EXPORT/x/{index}.txt", b"")
    path = tmp_path / "many.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ArchiveError, match="60000 entries, over the limit of 20000"):
        safe_extract(path, tmp_path / "out")
    assert not (tmp_path / "out" / "0").exists()


# -- trickling storage: deadlines, cancel, Ctrl-C --------------------------------------------------
def _trickle(handler):
    """Announces 10 MB, then sends one byte every 0.2 s for ever."""
    try:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n")
        while True:
            handler.wfile.write(b"x")
            time.sleep(0.2)
    except OSError:
        handler.close_connection = True


def test_a_trickling_transfer_is_abandoned_after_its_window(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["slow.bin"])
    api.routes["GET /files/slow.bin"] = _trickle
    client = _client(api)
    files = list_all_files(client, 1, 2)
    downloader = Downloader(client, 1, 2, tmp_path, retries=1, min_rate=1000, stall_window=1.0)
    started = time.monotonic()
    with pytest.raises(DownloadError, match="too slow"):
        downloader.run(files)
    assert time.monotonic() - started < 10


def _dl_threads():
    return [t for t in threading.enumerate() if t.name.startswith("beod-dl") and t.is_alive()]


def test_cancel_ends_a_trickling_download_within_2_s(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["slow1.bin", "slow2.bin"])
    api.routes["GET /files/slow1.bin"] = _trickle
    api.routes["GET /files/slow2.bin"] = _trickle
    cancel_at = []
    timer = threading.Timer(1.0, lambda: cancel_at.append(time.monotonic()))
    timer.start()
    with pytest.raises(CancelledError):
        _download(api, tmp_path / "out", is_cancelled=lambda: bool(cancel_at))
    assert time.monotonic() - cancel_at[0] < 2.0
    deadline = time.monotonic() + 2.0
    while _dl_threads() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _dl_threads()  # no download thread lives on


def test_ctrl_c_ends_the_command_line_within_2_s(api, tmp_path):
    api.routes[LISTING] = _listing(api, ["slow.bin"])
    api.routes["GET /files/slow.bin"] = _trickle
    password = "hostile-password-fake"  # pragma: allowlist secret
    env = dict(os.environ, BEOD_PASSWORD=password, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "beod", "--server", api.url, "--email", "a@b.test",
                                "download", "1", "2", "--out", str(tmp_path / "out")], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not api.paths("GET") or not any(p.startswith("/files/") for p in api.paths("GET")):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(0.5)  # the transfer is trickling
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "cancelled" in err
    assert took < 2.0, f"exited {took:.1f} s after Ctrl-C"


def test_proxy_credentials_never_follow_a_storage_redirect(tmp_path):
    """The storage session, through a proxy with credentials, redirected to another https
    host: requests 2.28 would copy Proxy-Authorization into that request (CVE-2023-32681)."""
    from tests.test_beod_hostile_answers import _RecordingAdapter

    proxies = {"https": "http://proxyuser:proxy-pass-fake@127.0.0.1:9"}  # pragma: allowlist secret
    client = Client("https://api.example", proxies=proxies, retries=0)
    adapter = _RecordingAdapter([(302, {"Location": "https://other.example/k"}, b""),
                                 (200, {"Content-Length": str(len(DATA))}, DATA)])
    client.storage.mount("https://", adapter)
    downloader = Downloader(client, 1, 2, tmp_path)
    files = {"a.bin": RemoteFile(("a.bin",), "https://storage.example/k?X-Amz-Signature=s")}
    downloader.run(files)
    assert (tmp_path / "a.bin").read_bytes() == DATA
    (first_url, _), (second_url, headers) = adapter.sent
    assert second_url == "https://other.example/k"
    assert "Proxy-Authorization" not in headers and "Authorization" not in headers


def _stubbed_downloader(tmp_path, monkeypatch):
    """A downloader of 4 workers whose ``fetch`` only records the keys it was given."""
    downloader = Downloader(Client("https://api.example", retries=0), 1, 2, tmp_path, workers=4)
    fetched = []
    fetched_lock = threading.Lock()

    def fetch(item):
        with fetched_lock:
            fetched.append(item.key)
        return os.path.join(str(tmp_path), item.key), 1, False

    monkeypatch.setattr(downloader, "fetch", fetch)
    return downloader, fetched


def test_a_large_listing_is_handed_to_the_workers_a_bounded_window_at_a_time(tmp_path, monkeypatch):
    """Tens of thousands of files: only a window of transfers exists at once (flat memory,
    a short set for the calling thread to wait on), and every file is still fetched once."""
    import beod.download as download

    downloader, fetched = _stubbed_downloader(tmp_path, monkeypatch)
    windows = []
    top_up = download._Feed.top_up

    def recording_top_up(feed, pending):
        pending = top_up(feed, pending)
        windows.append(len(pending))
        return pending

    monkeypatch.setattr(download._Feed, "top_up", recording_top_up)
    files = {f"f{index}.bin": RemoteFile((f"f{index}.bin",), f"https://storage.example/f{index}")
             for index in range(20000)}
    paths = downloader.run(files)
    assert len(paths) == 20000 and sorted(fetched) == sorted(files)
    assert max(windows) == max(64 * 4, 256)  # the window, never the whole listing
    assert downloader.files_total == 20000


def test_the_download_waits_while_the_consumer_of_its_files_holds_it(tmp_path, monkeypatch):
    """``hold`` (a merge falling behind): no new transfer starts while it holds, the files
    already handed out finish, and everything is fetched once it lets go."""
    downloader, fetched = _stubbed_downloader(tmp_path, monkeypatch)
    seen_while_held = []
    started = time.monotonic()

    def hold():
        held = time.monotonic() - started < 0.5
        if held:
            seen_while_held.append(len(fetched))
        return held

    files = {f"f{index}.bin": RemoteFile((f"f{index}.bin",), f"https://storage.example/f{index}")
             for index in range(2000)}
    paths = downloader.run(files, hold=hold)

    window = max(64 * 4, 256)
    assert seen_while_held and max(seen_while_held) == window  # the first window, then nothing new
    assert len(paths) == 2000 and sorted(fetched) == sorted(files)

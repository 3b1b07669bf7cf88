"""Downloading results from the emulator: pages, zip, faults, expired links, resume, cancel."""

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from beod.client import Client
from beod.download import PART_SUFFIX, download_scenario
from beod.errors import CancelledError
from beod.follow import follow_activity
from beod.models import ScenarioParams
from beod.outfolder import OutputFolder
from tests.loopback import LoopbackServer

SQUARE = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"


def finished_scenario(client, emulator, name="download test", **settings):
    """A SUCCESSFUL scenario whose listing is fixed with ``settings`` (then restored)."""
    emulator.configure(run_seconds=0.2, **settings)
    pid = client.create_project(name)
    client.create_aoi(pid, SQUARE)
    sid, aid = client.create_scenario(pid, ScenarioParams(name=name))
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.3)
    client.download_urls(pid, sid)  # fixes the listing with these settings
    return pid, sid


def tree(root: Path) -> dict:
    """{relative path: sha256} of every file under ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".beod" not in p.parts}


def test_tree_over_several_pages_keeps_the_storage_layout(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, page_size=25, forced_tile_count=3)
    before = emulator.stats()["requests"].get("download_urls", 0)
    progress = []
    result = download_scenario(client, pid, sid, tmp_path, on_progress=progress.append)
    pages = emulator.stats()["requests"]["download_urls"] - before
    files = tree(tmp_path)
    assert pages >= 3
    assert len(files) == len(result.files) > 50
    assert {name.split("/")[0] for name in files} == {"0", "1", "2"}
    assert all(name.split("/")[1] == "EXPORT" for name in files)
    assert any(name.endswith("building/geopackage/building.gpkg") for name in files)
    assert not any(name.endswith(PART_SUFFIX) for name in files)
    assert result.archive is None and result.skipped == 0
    assert progress[-1].percent == pytest.approx(100.0) and progress[-1].files_done == len(files)
    assert emulator.stats()["storage_auth_headers"] == 0


def test_zip_is_downloaded_and_unpacked(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator)
    result = download_scenario(client, pid, sid, tmp_path)
    assert result.archive == str(tmp_path / f"{sid}.zip")
    assert any(Path(p).as_posix().endswith("0/EXPORT/building/shapefile/building.shp") for p in result.files)
    assert all(os.path.getsize(p) > 0 for p in result.files if p.endswith(".shp"))
    again = download_scenario(client, pid, sid, tmp_path)
    assert again.skipped == len(again.files)
    assert emulator.stats()["storage_auth_headers"] == 0


def test_expired_links_are_listed_again(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    emulator.configure(latency_ms=40)
    before = emulator.stats()["requests"].get("download_urls", 0)
    expired = []

    def on_progress(progress):
        if not expired and progress.files_done >= 1:
            emulator.expire_urls()
            expired.append(progress.files_done)

    result = download_scenario(client, pid, sid, tmp_path, on_progress=on_progress, workers=4)
    assert expired and expired[0] < len(result.files)
    assert emulator.stats()["requests"]["download_urls"] - before == 2  # first listing + one re-listing
    emulator.configure(latency_ms=0)
    reference = tmp_path.parent / "reference"
    download_scenario(client, pid, sid, reference)
    assert tree(tmp_path) == tree(reference)


def test_cut_truncated_and_failing_transfers_are_retried(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    reference = tmp_path / "reference"
    download_scenario(client, pid, sid, reference)
    emulator.configure(cut_rate=0.25, truncate_rate=0.25, error_rate=0.1)
    faulty = tmp_path / "faulty"
    download_scenario(client, pid, sid, faulty)
    faults = emulator.stats()["faults"]
    assert faults.get("storage_cut", 0) > 0 and faults.get("storage_truncated", 0) > 0
    assert tree(faulty) == tree(reference)


def test_interrupted_download_resumes(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2, big_file_mb=8)
    reference = tmp_path / "reference"
    download_scenario(client, pid, sid, reference)
    # a storage round trip slow enough that the cancel lands while files remain to fetch
    emulator.configure(latency_ms=100)
    out = tmp_path / "out"
    stop = threading.Event()

    def on_progress(progress):
        if progress.files_done >= 10:
            stop.set()

    with pytest.raises(CancelledError):
        download_scenario(client, pid, sid, out, on_progress=on_progress, is_cancelled=stop.is_set)
    expected = tree(reference)
    first = tree(out)
    complete = {k: v for k, v in first.items() if not k.endswith(PART_SUFFIX)}
    assert 10 <= len(complete) < len(expected)
    assert all(expected[k] == v for k, v in complete.items())  # nothing that looks complete is partial
    # a half-downloaded big file, continued with a Range request
    big = next(k for k in expected if k.endswith("big.bin"))
    (out / big).unlink(missing_ok=True)
    with OutputFolder(out, server=client.server_url, project_id=pid, scenario_id=sid) as folder:
        folder.claim(big, str(out / big), str(out / (big + PART_SUFFIX)))  # begun by a run of ours
    (out / (big + PART_SUFFIX)).parent.mkdir(parents=True, exist_ok=True)
    (out / (big + PART_SUFFIX)).write_bytes((reference / big).read_bytes()[:3 * 1024 * 1024])
    served_before = emulator.stats()["storage_bytes"]
    result = download_scenario(client, pid, sid, out)
    assert tree(out) == expected
    assert result.skipped >= len(complete) - 1
    served = emulator.stats()["storage_bytes"] - served_before
    total_missing = sum((reference / k).stat().st_size for k in expected if k not in complete or k == big)
    assert served <= total_missing - 3 * 1024 * 1024 + 1024  # the first 3 MiB were not fetched again


def test_cancel_stops_within_a_second_and_leaves_no_complete_looking_file(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, big_file_mb=256)
    emulator.configure(latency_ms=0)
    cancelled_at = []

    def is_cancelled():
        return bool(cancelled_at)

    def on_progress(progress):
        if not cancelled_at and progress.bytes_done > 2 * 1024 * 1024:
            cancelled_at.append(time.monotonic())

    with pytest.raises(CancelledError):
        download_scenario(client, pid, sid, tmp_path, on_progress=on_progress, is_cancelled=is_cancelled,
                          workers=2)
    assert cancelled_at and time.monotonic() - cancelled_at[0] < 1.0
    big = next(tmp_path.rglob("big.bin*"), None)
    if big is not None and big.name == "big.bin":  # finished before the cancel: complete
        assert big.stat().st_size == 256 * 1024 * 1024
    elif big is not None:
        assert big.name == "big.bin" + PART_SUFFIX
        assert big.stat().st_size < 256 * 1024 * 1024


def test_unknown_scenario_is_not_found(client):
    from beod.errors import NotFoundError

    with pytest.raises(NotFoundError):
        download_scenario(client, 999999, 999999, "/nonexistent-never-created")


class _ForwardProxy:
    """A minimal HTTP forward proxy on loopback that records what passes through it."""

    def __init__(self):
        import http.client
        from http.server import BaseHTTPRequestHandler
        from urllib.parse import urlsplit

        owner = self
        self.seen = []  # (method, host, path without query, carried Authorization)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def _forward(self):
                target = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("proxy-connection", "connection", "keep-alive")}
                owner.seen.append((self.command, target.netloc, target.path, "Authorization" in headers))
                upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                path = target.path + (f"?{target.query}" if target.query else "")
                upstream.request(self.command, path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = _forward

        self._server = LoopbackServer(Handler)
        self.url = self._server.url

    def close(self):
        self._server.close()


def test_api_and_storage_go_through_the_injected_proxy(emulator, tmp_path, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = _ForwardProxy()
    try:
        client = Client(emulator.api_url, proxies={"http": proxy.url, "https": proxy.url})
        client.login(emulator.email, emulator.password)
        pid, sid = finished_scenario(client, emulator, zip_max_km2=0)
        result = download_scenario(client, pid, sid, tmp_path)
        client.close()
    finally:
        proxy.close()
    api_host = emulator.api_url.split("//", 1)[1]
    storage_host = emulator.storage_url.split("//", 1)[1]
    api = [seen for seen in proxy.seen if seen[1] == api_host]
    storage = [seen for seen in proxy.seen if seen[1] == storage_host]
    assert any(path == "/auth/login" for _, _, path, _ in api)
    assert len(storage) == len(result.files) > 0
    assert not any(has_auth for *_, has_auth in storage)  # the token never reaches the storage
    assert all(has_auth for method, _, path, has_auth in api if path.startswith("/users"))


def test_each_presigned_url_is_let_go_once_its_file_is_complete(client, emulator, tmp_path):
    """A large result lists a hundred thousand presigned URLs: the downloader takes the map
    over and drops each entry as soon as its file is complete, not at the end."""
    from beod.download import Downloader, list_all_files

    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    listing = list_all_files(client, pid, sid)
    urls = {key: item.url for key, item in listing.items()}
    root = tmp_path.resolve()
    seen = []

    def on_file(path):
        seen.append((Path(path).relative_to(root).as_posix() in urls, len(urls)))

    paths = Downloader(client, pid, sid, tmp_path, workers=4).run_urls(urls, on_file=on_file)
    assert len(paths) == len(listing) == len(seen) > 20
    assert not any(still_there for still_there, _ in seen)
    left = [count for _, count in seen]
    assert left == sorted(left, reverse=True) and left[0] < len(listing)
    assert urls == {}


def test_the_listing_does_not_outlive_the_start_of_the_transfers(client, emulator, tmp_path):
    """While the files arrive, no file of the listing still carries its URL: the only map
    of URLs left is the downloader's, which shrinks as the files complete."""
    import gc

    from beod.download import RemoteFile

    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    alive = []

    def on_file(_path):
        if len(alive) == 0:
            alive.append(sum(1 for obj in gc.get_objects() if isinstance(obj, RemoteFile) and obj.url))

    result = download_scenario(client, pid, sid, tmp_path, on_file=on_file, workers=2)
    assert len(result.files) > 20
    assert alive == [0]


def test_each_folder_is_made_once(client, emulator, tmp_path, monkeypatch):
    """A tile's files share a few folders: the disk is asked to create each folder once,
    not once per file (a system call per file on a large result)."""
    import beod.download as download

    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    made = []
    makedirs = os.makedirs

    def counting_makedirs(path, *args, **kwargs):
        made.append(os.path.relpath(path, tmp_path))
        return makedirs(path, *args, **kwargs)

    monkeypatch.setattr(download.os, "makedirs", counting_makedirs)
    result = download_scenario(client, pid, sid, tmp_path, workers=1)
    folders = {os.path.relpath(os.path.dirname(path), tmp_path) for path in result.files}
    assert len(result.files) > 2 * len(folders)
    assert folders <= set(made)
    assert len(made) == len(set(made))  # none twice


def test_a_listing_gives_the_garbage_collector_nothing_to_go_over(client, emulator, tmp_path):
    """The download's listing is strings in a dictionary: however many files, nothing in it
    is tracked by the collector, whose full passes hold the interpreter lock (QGIS's main
    thread waits for them)."""
    import gc

    from beod.download import list_all_urls

    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, page_size=25, forced_tile_count=2)
    urls = list_all_urls(client, pid, sid)
    assert len(urls) > 25
    assert not gc.is_tracked(urls)
    assert all(isinstance(key, str) and isinstance(url, str) for key, url in urls.items())
    assert all(key.split("/")[1] == "EXPORT" and len(key.split("/")) >= 4 for key in urls)

"""Names from the server never write outside the output folder; zips are unpacked safely.

The malicious listings and archives come from a tiny loopback server started by the test
(a real HTTP server answering the few API paths the download needs).
"""

import io
import json
import os
import stat
import zipfile
from http.server import BaseHTTPRequestHandler

import pytest

from beod.client import Client
from beod.download import (
    ArchiveError,
    check_name,
    download_scenario,
    flatten_listing,
    safe_extract,
    safe_join,
)
from beod.errors import UnsafePathError
from tests.loopback import LoopbackServer

BAD_NAMES = ["..", ".", "", "../x", "a/b", "a\\b", "/etc", "C:", "c:evil", "x:stream", "nul\0x", "tab\tname",
             "CON", "con.txt", "Aux", "NUL.shp", "COM1", "lpt9.dbf", "trailing.", "trailing ", " leading",
             "x" * 300]
GOOD_NAMES = ["0", "EXPORT", "building", "building.shp", "3d_tiles", "tileset.json", "console.txt",
              "my file.gpkg", "é.prj", "..hidden", "a..b"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_unsafe_names_are_refused(name):
    with pytest.raises(UnsafePathError):
        check_name(name)


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_ordinary_names_are_accepted(name):
    assert check_name(name) == name


def test_safe_join_stays_inside(tmp_path):
    assert safe_join(tmp_path, "0", "EXPORT", "building.shp") == os.path.join(
        os.path.realpath(tmp_path), "0", "EXPORT", "building.shp")
    for parts in (("..", "x"), ("0", "..", "..", "x"), ("/abs",), ("a/../../b",)):
        with pytest.raises(UnsafePathError):
            safe_join(tmp_path, *parts)


def test_safe_join_refuses_a_symlink_leading_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "out"
    root.mkdir()
    os.symlink(outside, root / "0")
    with pytest.raises(UnsafePathError, match="outside"):
        safe_join(root, "0", "file.txt")


def test_listing_with_a_bad_key_is_refused():
    with pytest.raises(UnsafePathError):
        flatten_listing({"0": {"EXPORT": {"..": {"x.txt": "http://storage/x"}}}})
    files = flatten_listing({"0": {"EXPORT": {"b": {"f": {"b.shp": "http://s/1"}}}},
                             "NextContinuationToken": "t"})
    assert [f.key for f in files] == ["0/EXPORT/b/f/b.shp"]


# -- zip extraction -------------------------------------------------------------------------
def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def test_zip_is_extracted_and_resumed(tmp_path):
    archive = _zip(tmp_path / "543.zip", [("0/EXPORT/building/shapefile/building.shp", b"shp" * 100),
                                          ("0/EXPORT/building/shapefile/building.dbf", b"dbf"),
                                          ("0/EXPORT/", b"")])
    out = tmp_path / "out"
    out.mkdir()
    paths, skipped = safe_extract(archive, out)
    assert skipped == 0 and len(paths) == 2
    assert (out / "0/EXPORT/building/shapefile/building.shp").read_bytes() == b"shp" * 100
    paths, skipped = safe_extract(archive, out)
    assert skipped == 2
    assert not list(out.rglob("*.part"))


@pytest.mark.parametrize("member", ["../evil.txt", "0/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt",
                                    "0\\..\\..\\evil.txt", "0/CON", "0/nul.txt"])
def test_zip_with_an_escaping_member_writes_nothing(tmp_path, member):
    archive = _zip(tmp_path / "bad.zip", [("0/ok.txt", b"fine"), (member, b"evil")])
    out = tmp_path / "a" / "out"
    out.mkdir(parents=True)
    with pytest.raises(UnsafePathError):
        safe_extract(archive, out)
    assert not list(tmp_path.rglob("evil.txt"))
    assert not (out / "0" / "ok.txt").exists()  # refused before anything is written


def test_zip_with_a_symlink_is_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        info = zipfile.ZipInfo("0/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        handle.writestr(info, "/etc/passwd")
    with pytest.raises(ArchiveError, match="link"):
        safe_extract(archive, tmp_path)
    assert not (tmp_path / "0" / "link").exists()


def test_zip_bomb_is_refused_by_ratio(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", [("0/zeros.bin", b"\0" * (50 * 1024 * 1024))])
    assert os.path.getsize(archive) < 200 * 1024
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ArchiveError, match="zip bomb"):
        safe_extract(archive, out)
    assert not list(out.rglob("*"))


def test_zip_is_refused_over_the_total_size_limit(tmp_path):
    archive = _zip(tmp_path / "big.zip", [(f"0/f{i}.bin", os.urandom(4096)) for i in range(10)])
    with pytest.raises(ArchiveError, match="over the limit"):
        safe_extract(archive, tmp_path / "out", max_total_bytes=20000)


def test_zip_member_larger_than_announced_is_refused(tmp_path):
    archive = _zip(tmp_path / "lie.zip", [("0/data.bin", b"A" * 5000)])
    raw = bytearray(archive.read_bytes())
    # shrink the announced size in the central directory and local header (5000 -> 100)
    raw = raw.replace((5000).to_bytes(4, "little"), (100).to_bytes(4, "little"))
    archive.write_bytes(bytes(raw))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ArchiveError):
        safe_extract(archive, out)
    assert not (out / "0" / "data.bin").exists()


def test_damaged_zip_is_reported(tmp_path):
    archive = tmp_path / "damaged.zip"
    archive.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ArchiveError, match="damaged"):
        safe_extract(archive, tmp_path)


# -- a crafted server ---------------------------------------------------------------------------
class CraftedServer:
    """A loopback HTTP server with login, ``/users/me`` and a crafted download listing."""

    def __init__(self, listing_factory, files):
        self.files = files
        self.auth_on_storage = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                return

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self._json(200, {"access_token": "fake-access-token-1", "refresh_token": "fake-refresh-1",
                                 "expires_in": 3600, "token_type": "Bearer"})

            def do_GET(self):
                if self.path.startswith("/files/"):
                    if self.headers.get("Authorization"):
                        server.auth_on_storage += 1
                    data = server.files[self.path.split("?")[0][len("/files/"):]]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                elif self.path == "/users/me":
                    self._json(200, {"id": "u-1", "credits": 10})
                elif "/download/urls" in self.path:
                    self._json(200, listing_factory(server.base))
                else:
                    self._json(404, {"detail": "not found"})

        self._handler = Handler

    def __enter__(self):
        self._server = LoopbackServer(self._handler)
        self.base = self._server.url
        return self

    def __exit__(self, *exc):
        self._server.close()


def _client(server):
    client = Client(server.base, retries=0)
    client.login("someone@example.test", "fake-password-1")  # pragma: allowlist secret
    return client


@pytest.mark.parametrize("bad", ["..", "../../evil.txt", "/abs", "CON", "a\\..\\b", "C:x"])
def test_malicious_tree_is_refused_and_nothing_is_written(tmp_path, bad):
    def listing(base):
        return {"0": {"EXPORT": {"building": {"shapefile": {
            "building.shp": f"{base}/files/ok?X-Amz-Signature=abc",
            bad: f"{base}/files/evil?X-Amz-Signature=abc"}}}}}

    out = tmp_path / "deep" / "out"
    with CraftedServer(listing, {"ok": b"ok", "evil": b"evil"}) as server:
        client = _client(server)
        with pytest.raises(UnsafePathError):
            download_scenario(client, 1, 2, out)
        client.close()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and ".beod" not in p.parts]
    assert written == []


def test_malicious_zip_is_refused_and_nothing_escapes(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("0/EXPORT/ok.txt", b"ok")
        archive.writestr("../../evil.txt", b"evil")
    out = tmp_path / "deep" / "out"
    with CraftedServer(lambda base: {"2.zip": f"{base}/files/z?X-Amz-Signature=abc"},
                       {"z": buffer.getvalue()}) as server:
        client = _client(server)
        with pytest.raises(UnsafePathError):
            download_scenario(client, 1, 2, out)
        client.close()
        assert server.auth_on_storage == 0
    assert not list(tmp_path.rglob("evil.txt"))
    assert not (out / "0").exists()


def test_crafted_tree_downloads_without_authorization_on_storage(tmp_path):
    def listing(base):
        return {"0": {"EXPORT": {"road": {"geopackage": {"road.gpkg": f"{base}/files/a?X-Amz-Signature=s"}}}},
                "1": {"EXPORT": {"road": {"geopackage": {"road.gpkg": f"{base}/files/b?X-Amz-Signature=s"}}}}}

    with CraftedServer(listing, {"a": b"A" * 1000, "b": b"B" * 2000}) as server:
        client = _client(server)
        result = download_scenario(client, 1, 2, tmp_path)
        client.close()
        assert server.auth_on_storage == 0
    assert (tmp_path / "0/EXPORT/road/geopackage/road.gpkg").read_bytes() == b"A" * 1000
    assert (tmp_path / "1/EXPORT/road/geopackage/road.gpkg").read_bytes() == b"B" * 2000
    assert result.bytes_total == 3000 and len(result.files) == 2

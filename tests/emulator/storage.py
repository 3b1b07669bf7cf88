"""The storage host: an S3-like object server on its own port, serving the files of the
scenarios through presigned URLs. Threaded, keep-alive, ``sendfile`` for the bodies, single
``Range`` requests, ``HEAD``; S3-style XML errors. Faults: latency, 500/503 with
Retry-After, connections reset mid-body (``cut_rate``) and bodies ending early with a clean
close (``truncate_rate``)."""

import email.utils
import hashlib
import logging
import os
import re
import socket
import struct
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit
from xml.sax.saxutils import escape

from . import results

BUCKET = "beod-results"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def object_path(user_id: str, project_id: int, scenario_id: int, rel: str) -> str:
    from urllib.parse import quote

    return "/" + "/".join([BUCKET, user_id, str(project_id), str(scenario_id)]) + "/" + quote(rel)


class StorageServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address, emulator) -> None:
        self.emulator = emulator
        super().__init__(address, StorageHandler)

    def handle_error(self, request, client_address) -> None:
        """A client going away mid-answer is normal for a download server: stay quiet."""
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class StorageHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Answers go out at once (TCP_NODELAY), as a real object store's do: with Nagle's
    # algorithm on, every answer after the first on a kept-alive connection waits ~40 ms.
    disable_nagle_algorithm = True
    server_version = "AmazonS3"
    sys_version = ""

    def log_message(self, format, *args) -> None:  # noqa: A002 (quiet server)
        return

    def setup(self) -> None:
        super().setup()
        delay = self.server.emulator.settings.connect_latency_ms
        if delay > 0:
            # A new connection to a real object store costs the TCP and TLS handshakes.
            time.sleep(delay / 1000.0)

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _forbidden_method(self) -> None:
        self._error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")

    do_PUT = do_POST = do_DELETE = _forbidden_method

    # -- answers -------------------------------------------------------------------------
    def _error(self, status: int, code: str, message: str, extra_headers=None) -> None:
        request_id = hashlib.sha1(os.urandom(8)).hexdigest()[:16].upper()  # noqa: S324 (an id)
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{escape(code)}</Code>'
                f"<Message>{escape(message)}</Message><RequestId>{request_id}</RequestId></Error>"
                ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amz-request-id", request_id)
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, with_body: bool) -> None:
        emulator = self.server.emulator
        store, settings = emulator.store, emulator.settings
        store.count("storage_requests")
        store.count("requests:storage")
        if settings.latency_ms > 0:
            time.sleep(settings.latency_ms / 1000.0)
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if self.headers.get("Authorization") is not None:
            store.count("storage_auth_headers")
            if "X-Amz-Signature" in query or "X-Amz-Algorithm" in query:
                self._error(400, "InvalidArgument", "Only one auth mechanism allowed; only the "
                            "X-Amz-Algorithm query parameter, Signature query string parameter or "
                            "the Authorization header should be specified")
                return
        status, code, message = emulator.signer.verify(parts.path, query)
        if status:
            self._error(status, code, message)
            return
        if emulator.roll(settings.error_rate):
            store.count("fault:storage_5xx")
            if emulator.choice((True, False)):
                self._error(503, "SlowDown", "Please reduce your request rate.", {"Retry-After": "1"})
            else:
                self._error(500, "InternalError", "We encountered an internal error. Please try again.",
                            {"Retry-After": "1"})
            return
        try:
            path = self._resolve(parts.path)
        except Exception:  # noqa: BLE001 (a generation error must not kill the connection silently)
            logging.getLogger("beod.emulator").exception("could not produce %s", parts.path)
            self._error(500, "InternalError", "We encountered an internal error. Please try again.")
            return
        if path is None:
            self._error(404, "NoSuchKey", "The specified key does not exist.")
            return
        self._send_file(path, with_body)

    def _resolve(self, url_path: str):
        pieces = url_path.split("/", 5)
        if len(pieces) < 6 or pieces[1] != BUCKET:
            return None
        _, _, user_id, project_id, scenario_id, rel = pieces
        scenarios = self.server.emulator.store.scenarios
        scenario = scenarios.get(int(scenario_id)) if scenario_id.isdigit() else None
        if scenario is None or scenario.user_id != user_id or str(scenario.project_id) != project_id:
            return None
        source = scenario.files.get(unquote(rel))
        return results.materialise(source) if source is not None else None

    def _send_file(self, path: str, with_body: bool) -> None:
        emulator = self.server.emulator
        store, settings = emulator.store, emulator.settings
        size = os.path.getsize(path)
        start, end = 0, size - 1
        status = 200
        header = self.headers.get("Range")
        if header:
            match = _RANGE.match(header.strip())
            first, last = (match.group(1), match.group(2)) if match else ("", "")
            if not match or (first == "" and last == ""):
                self._error(416, "InvalidRange", "The requested range is not satisfiable",
                            {"Content-Range": f"bytes */{size}"})
                return
            if first == "":
                start = max(0, size - int(last))
            else:
                start = int(first)
                end = min(int(last), size - 1) if last else size - 1
            if start >= size or start > end:
                self._error(416, "InvalidRange", "The requested range is not satisfiable",
                            {"Content-Range": f"bytes */{size}"})
                return
            status = 206
        length = end - start + 1
        stat = os.stat(path)
        etag = hashlib.md5(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode(),  # noqa: S324
                           usedforsecurity=False).hexdigest()
        self.send_response(status)
        kind = "application/zip" if path.endswith(".zip") else "binary/octet-stream"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", f'"{etag}"')
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if not with_body:
            return
        cut = emulator.roll(settings.cut_rate)
        truncate = not cut and emulator.roll(settings.truncate_rate)
        to_send = length // 2 if (cut or truncate) else length
        with open(path, "rb") as handle:
            sent = self.connection.sendfile(handle, start, to_send) if to_send else 0
        store.count("storage_bytes", sent)
        if cut:
            store.count("fault:storage_cut")
            time.sleep(0.05)  # let the client read what was sent before the reset
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        elif truncate:
            store.count("fault:storage_truncated")
            self.close_connection = True


def start_storage(emulator, host: str, port: int) -> StorageServer:
    """Bind the storage host (port 0: any free port); serve it from ``serve_forever``."""
    return StorageServer((host, port), emulator)

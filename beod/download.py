"""Download the results of a scenario: every page of the listing, in parallel, resumable, safe.

- The listing (``{"<sid>.zip": url}`` or the nested tree) is read over all pages
  (``?continuation_token=``); every name in it is checked (:func:`check_name`) before
  anything is written, and every path is built with :func:`safe_join`, so nothing is
  ever written outside the output folder.
- Files are fetched by a bounded pool of threads over pooled connections of the client's
  storage session (which never carries the API's bearer token), streamed to
  ``<name>.part`` and renamed only once complete and of the announced size.
- One download at a time per output folder, and only of one scenario
  (:mod:`beod.outfolder`): a second writer is refused at once, as is a folder holding
  another scenario's results or files this download did not write (never overwritten).
- A file is complete only against what the storage said of it: the announced length
  (a longer body than announced is refused), the ``Content-MD5`` or
  ``x-amz-checksum-sha256`` when given; a body without a length or chunked framing is
  confirmed with a ``Range`` request past its end. Only files recorded complete in the
  folder's journal are skipped when running again; ``.part`` files are continued with a
  ``Range`` request (``If-Range`` on the ETag). Expired URLs (403) are listed again (once
  for many simultaneous 403s); broken or truncated transfers are retried with backoff.
- Download URLs are https (http only for a loopback host or the configured API host),
  never ``file://`` or a link-local address (:func:`check_download_url`). Listings have a
  page limit and stop when the server repeats itself.
- A zip is extracted with :func:`safe_extract` (names checked, no links, entry count,
  total size and compression ratio limited: no zip bomb).
- ``on_progress(DownloadProgress)`` is called from the calling thread about ten times a
  second; ``is_cancelled()`` (and Ctrl-C) stops everything within a second whatever the
  storage does: reads return as soon as bytes arrive, the connections of running
  transfers are shut, and a transfer slower than ``min_rate`` over ``stall_window``
  seconds is abandoned (then resumed).
"""

import base64
import concurrent.futures
import hashlib
import http.client
import ipaddress
import logging
import os
import queue
import re
import select
import shutil
import socket
import stat
import threading
import time
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

import requests
import urllib3

from .client import (
    REDIRECT_STATUSES,
    RETRY_STATUSES,
    backoff_delay,
    check_redirect,
    parse_retry_after,
    release_connection,
    sleep_unless_cancelled,
)
from .endpoints import CONTINUATION_KEY
from .errors import BeodError, CancelledError, DownloadError, RedirectError, UnsafePathError
from .outfolder import FolderBusyError, FolderInUseError, OutputFolder, OutputFolderError
from .redact import redact
from .storage_get import StorageGetter

LOG = logging.getLogger("beod")
PART_SUFFIX = ".part"
CHUNK = 1024 * 1024
MAX_PAGES = 5000  # pages of a listing (a page holds up to 1000 files)
MAX_FILES = 2_000_000
MAX_STALE_PAGES = 3  # pages in a row that bring no new file: the listing repeats itself
MAX_ATTEMPTS = 100  # per file, counting the broken transfers that still brought bytes
MAX_REDIRECTS = 5
DEFAULT_MAX_ZIP_ENTRIES = 20000
# A transfer bringing less than MIN_RATE bytes/s over STALL_WINDOW seconds is abandoned
# (and resumed): a storage trickling bytes cannot hold a download for ever.
MIN_RATE = 4096
STALL_WINDOW = 60.0
DEFAULT_MAX_ZIP_BYTES = 64 * 1024 ** 3  # 64 GiB unpacked
# Unpacked/packed limit for members above RATIO_MIN_BYTES and for the whole archive. A zip
# bomb needs ratios near deflate's limit (about 1000:1); result layers stay far below
# (rasters are compressed inside the GeoTIFF), and very regular ones below 500:1.
DEFAULT_MAX_ZIP_RATIO = 500.0
RATIO_MIN_BYTES = 4 * 1024 * 1024
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
                    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
_DRIVE = re.compile(r"^[A-Za-z]:")
# A name with nothing to check further (ASCII letters, digits, "_", "-", dots inside only)
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.+[A-Za-z0-9_-]+)*")
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED_RANGE = re.compile(r"bytes\s+\*/(\d+)")
NETWORK_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException,
                  ConnectionError, TimeoutError)


__all__ = ["ArchiveError", "DownloadProgress", "DownloadResult", "Downloader", "FolderBusyError",
           "FolderInUseError", "OutputFolderError", "UnsafeUrlError", "check_download_url", "check_name",
           "download_scenario", "flatten_listing", "list_all_files", "list_all_urls", "safe_extract",
           "safe_join"]


class UnsafeUrlError(DownloadError):
    """A download URL that must not be fetched (not https, ``file://``, a link-local address)."""
    final = True  # waiting does not change it (see beod.outage.is_transient)

    default_message = "The server gave a download link that is not safe to fetch; nothing was fetched."


class ArchiveError(DownloadError):
    """A zip that must not be extracted (a zip bomb, a link, a corrupt archive)."""
    final = True  # waiting does not change it (see beod.outage.is_transient)

    default_message = "The results archive cannot be extracted safely."


# -- names and paths ----------------------------------------------------------------------
def check_name(name) -> str:
    """``name`` if it is a safe single path component from the server, else :class:`UnsafePathError`.

    Refused: empty, ``.``/``..``, separators, absolute paths, drive letters, ``:``, NUL and
    control characters, trailing dots or spaces, Windows device names (``CON``, ``NUL.txt``,
    ``com1``...), names over 255 bytes.
    """
    if not isinstance(name, str) or not name:
        raise UnsafePathError(f"Refused an empty file name from the server ({redact(repr(name))[:80]}).")
    if _PLAIN_NAME.fullmatch(name) and name.split(".", 1)[0].upper() not in _WINDOWS_DEVICES \
            and len(name) <= 255:
        return name  # the usual name: letters, digits, "_", "-" and inner dots only
    shown = redact(repr(name))[:80]
    if name in (".", "..") or "/" in name or "\\" in name:
        raise UnsafePathError(f"Refused the file name {shown} from the server (a path, not a name).")
    if _DRIVE.match(name) or ":" in name:
        raise UnsafePathError(f"Refused the file name {shown} from the server (drive letter or ':').")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UnsafePathError(f"Refused the file name {shown} from the server (control character).")
    if name[-1] in ". " or name[0] == " ":
        raise UnsafePathError(f"Refused the file name {shown} from the server (leading or trailing "
                              "space or dot).")
    if name.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_DEVICES:
        raise UnsafePathError(f"Refused the file name {shown} from the server (a Windows device name).")
    if len(name.encode("utf-8", errors="replace")) > 255:
        raise UnsafePathError(f"Refused a file name of {len(name)} characters from the server.")
    return name


def safe_join(root, *parts) -> str:
    """``root``/``parts`` after checking every part; never a path outside ``root``.

    The result's real path (symbolic links resolved) must stay inside the real ``root``.
    """
    for part in parts:
        check_name(part)
    root_real = os.path.realpath(os.fspath(root))
    target = os.path.join(root_real, *parts)
    real = os.path.realpath(target)
    if os.path.commonpath([root_real, real]) != root_real or real == root_real:
        raise UnsafePathError(f"Refused to write {redact('/'.join(parts))[:120]!r} outside the output "
                              "folder.")
    return target


def _member_parts(name: str) -> List[str]:
    """The path components of a zip member name, each checked."""
    if "\\" in name:
        raise UnsafePathError(f"Refused the archive member {redact(name)[:120]!r} (backslash).")
    if name.startswith("/") or _DRIVE.match(name):
        raise UnsafePathError(f"Refused the archive member {redact(name)[:120]!r} (absolute path).")
    parts = [p for p in name.split("/") if p != ""]
    if not parts:
        raise UnsafePathError(f"Refused the archive member {redact(name)[:120]!r} (empty name).")
    for part in parts:
        check_name(part)
    return parts


# -- download URLs ------------------------------------------------------------------------
_resolved: Dict[str, List[str]] = {}


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _link_local(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_link_local or bool(mapped and mapped.is_link_local)


def _addresses(host: str) -> List[str]:
    """The addresses ``host`` resolves to (looked up once per host; [] when it does not)."""
    if host not in _resolved:
        try:
            infos = socket.getaddrinfo(host, None)
            _resolved[host] = sorted({info[4][0] for info in infos})
        except (OSError, UnicodeError):
            _resolved[host] = []
    return _resolved[host]


def check_download_url(url, api_server: str = "", proxied: bool = False) -> str:
    """``url`` if the download may fetch it, else :class:`UnsafeUrlError`.

    https only; http for a loopback host or the host of the configured API server
    (``api_server``, when it is itself http); never another scheme (``file://``...) nor a
    link-local address (169.254.0.0/16, fe80::/10: cloud metadata services), by literal
    or, when no proxy resolves it for us (``proxied``), by what the host name resolves to.
    """
    def refused(why: str) -> UnsafeUrlError:
        return UnsafeUrlError(f"Refused the download link {redact(str(url))[:120]!r}: {why}")

    try:
        parts = urlsplit(str(url))
        host = parts.hostname or ""
    except ValueError:
        raise refused("not a valid address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host:
        raise refused("only https links are fetched.")
    if scheme == "http":
        api = urlsplit(api_server or "")
        configured = api.scheme.lower() == "http" and (api.hostname or "").lower() == host.lower()
        if not (_is_loopback(host) or configured):
            raise refused("not https (http only for this computer or the configured server).")
    if _link_local(host) or (not proxied and not _is_loopback(host)
                             and any(_link_local(a) for a in _addresses(host))):
        raise refused("a link-local address.")
    return str(url)


# -- listing ------------------------------------------------------------------------------
class RemoteFile:
    """A file of the listing: its path components, its key (``tile/EXPORT/layer/format/file``,
    made once: every record of the file shares it) and its presigned URL (never shown)."""

    __slots__ = ("parts", "url", "key")

    def __init__(self, parts: Tuple[str, ...], url: str):
        self.parts = tuple(parts)
        self.url = url
        self.key = "/".join(self.parts)

    @classmethod
    def from_key(cls, key: str, url: str = "") -> "RemoteFile":
        """The file of ``key`` (whose names were checked when it was listed)."""
        item = cls.__new__(cls)
        item.parts, item.url, item.key = tuple(key.split("/")), url, key
        return item

    def __eq__(self, other) -> bool:
        if not isinstance(other, RemoteFile):
            return NotImplemented
        return (self.parts, self.url) == (other.parts, other.url)

    __hash__ = None  # mutable: not a dictionary key

    def __repr__(self) -> str:
        return f"RemoteFile(parts={self.parts!r})"


def flatten_listing(tree: dict, prefix: Tuple[str, ...] = ()) -> List[RemoteFile]:
    """The files of one listing page (a nested dict of folders; a string value is a file URL)."""
    files = []
    for name, value in tree.items():
        if not prefix and name == CONTINUATION_KEY:
            continue
        check_name(name)
        if isinstance(value, str):
            files.append(RemoteFile(prefix + (name,), value))
        elif isinstance(value, dict):
            files.extend(flatten_listing(value, prefix + (name,)))
        else:
            raise DownloadError(f"Unexpected entry {redact(name)!r} in the listing of the results.")
    return files


def list_all_urls(client, pid, sid, is_cancelled=None, *, max_pages: int = MAX_PAGES,
                  max_files: int = MAX_FILES) -> Dict[str, str]:
    """Every file of the listing, over all pages: ``{key: url}`` (key: ``tile/EXPORT/layer/format/file``,
    every name in it checked, so ``key.split("/")`` gives its path components).

    A dictionary of strings only: a listing of a hundred thousand files adds no object for
    the garbage collector to go over (its passes hold the interpreter lock, and with it
    QGIS's main thread).

    Refused (:class:`DownloadError`): more than ``max_pages`` pages or ``max_files`` files, a
    continuation token seen before, :data:`MAX_STALE_PAGES` pages in a row bringing no new file.
    """
    urls: Dict[str, str] = {}
    token = None
    seen = set()
    stale = 0
    for _ in range(max_pages):
        page = client.download_urls(pid, sid, token, is_cancelled=is_cancelled)
        before = len(urls)
        for item in flatten_listing(page):
            urls[item.key] = item.url
        if len(urls) > max_files:
            raise DownloadError(f"The listing of the results has more than {max_files} files: refused.")
        stale = stale + 1 if len(urls) == before else 0
        token = page.get(CONTINUATION_KEY)
        if not token:
            return urls
        if not isinstance(token, str) or len(token) > 4096:
            raise DownloadError("The listing of the results has an invalid continuation token.")
        if token in seen:
            raise DownloadError("The server repeated a continuation token: the listing of the results "
                                "never ends.")
        if stale >= MAX_STALE_PAGES:
            raise DownloadError(f"The listing of the results brought no new file in {stale} pages in a "
                                "row: it never ends.")
        seen.add(token)
    raise DownloadError(f"The listing of the results has more than {max_pages} pages: refused.")


def list_all_files(client, pid, sid, is_cancelled=None, *, max_pages: int = MAX_PAGES,
                   max_files: int = MAX_FILES) -> Dict[str, RemoteFile]:
    """:func:`list_all_urls` as :class:`RemoteFile` by key."""
    urls = list_all_urls(client, pid, sid, is_cancelled, max_pages=max_pages, max_files=max_files)
    return {key: RemoteFile.from_key(key, url) for key, url in urls.items()}


def is_zip_listing(files: Dict[str, object]) -> bool:
    """Whether the listing (by key) is the single top-level zip of a small AOI."""
    if len(files) != 1:
        return False
    (key,) = files
    return "/" not in key and key.lower().endswith(".zip")


# -- progress and results ---------------------------------------------------------------------
@dataclass
class DownloadProgress:
    """Progress of a download: ``percent`` and ``message`` like :class:`beod.flow.Progress`."""

    percent: float
    message: str
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    stage: str = "download"


@dataclass
class DownloadResult:
    out_dir: str
    files: List[str] = field(default_factory=list)
    bytes_total: int = 0
    skipped: int = 0
    archive: Optional[str] = None


def _human(size: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000.0
    return f"{size:.1f} GB"


class _RetryError(Exception):
    """A transfer to try again (after ``delay`` seconds when given); ``progress_counts``:
    whether bytes it brought reset the count of failed attempts."""

    def __init__(self, reason: str, delay: Optional[float] = None, progress_counts: bool = True):
        super().__init__(reason)
        self.delay = delay
        self.progress_counts = progress_counts


# -- the downloader ---------------------------------------------------------------------------
def _ensure_pool(session, workers: int) -> None:
    """Give ``session`` a connection pool of at least ``workers`` connections per host."""
    for prefix in ("https://", "http://"):
        adapter = session.get_adapter(prefix)
        if getattr(adapter, "_pool_maxsize", workers) < workers:
            session.mount(prefix, requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=workers,
                                                                max_retries=0))


def _socket_of(response):
    """The socket a streamed ``response`` reads from (None when it cannot be found)."""
    raw = getattr(response, "raw", None)
    connection = getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is None:
        fp = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(fp, "raw", None), "_sock", None)
    return sock


def _abort(response) -> None:
    """Shut the connection of ``response`` from another thread: a read blocked on it returns."""
    sock = _socket_of(response)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _read_raw(response, amount: int) -> bytes:
    """Up to ``amount`` bytes of the body as sent (no decoding), as soon as some arrive."""
    fp = getattr(response.raw, "_fp", None)
    if fp is not None and hasattr(fp, "read1"):
        chunk = fp.read1(amount)
        if not chunk and amount and not fp.isclosed():
            fp.read()  # marks the body complete, so the connection can be reused
        return chunk
    if isinstance(response.raw, urllib3.response.HTTPResponse):
        return response.raw.read(amount, decode_content=False)
    return response.raw.read(amount)


def _sent_past_end(response, remaining: int) -> bool:
    """Whether more than the ``remaining`` bytes of the announced body have already arrived.

    Checked without blocking: the buffered reader and then the socket (``select`` with no
    wait). Called before the read that ends the body too: from Python 3.13, ``http.client``
    closes its buffered reader as soon as the announced length is read, dropping whatever it
    held past it. Unknown (TLS internals, no socket): False.
    """
    fp = getattr(getattr(response.raw, "_fp", None), "fp", None)
    sock = _socket_of(response)
    if sock is None:
        return False
    if fp is None or not hasattr(fp, "peek"):
        return remaining == 0 and _socket_holds_bytes(sock)
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable and not getattr(sock, "pending", lambda: 0)():
            previous = sock.gettimeout()
            sock.settimeout(0.0)
            try:
                return len(fp.peek(1)) > remaining
            except OSError:
                return False
            finally:
                sock.settimeout(previous)
        return len(fp.peek(1)) > remaining
    except (OSError, ValueError):
        return False


def _socket_holds_bytes(sock) -> bool:
    """Whether unread bytes wait on a plain ``sock`` (the end of the stream is not a byte)."""
    if getattr(sock, "pending", None) is not None:  # TLS: only what is already decrypted is known
        try:
            return bool(sock.pending())
        except (OSError, ValueError):
            return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        # readable: a byte or the end of the stream is there, so the peek does not wait
        return bool(readable) and bool(sock.recv(1, socket.MSG_PEEK))
    except (OSError, ValueError):
        return False


def _checksums(headers) -> List[Tuple[str, str]]:
    """(hashlib name, expected hex digest) of the whole-object checksums the storage gave."""
    found = []
    for header, name in (("Content-MD5", "md5"), ("x-amz-checksum-sha256", "sha256")):
        value = headers.get(header)
        if value:
            try:
                found.append((name, base64.b64decode(value, validate=True).hex()))
            except ValueError:
                continue
    return found


class _Feed:
    """The transfers handed to the workers, a bounded window at a time: only ``window``
    futures exist at once (tens, not the tens of thousands of files of a large result), so
    memory stays flat and the calling thread waits on a short set."""

    def __init__(self, items, window: int):
        self._items = items
        self._window = window
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._exhausted = False
        self._closed = threading.Event()

    @property
    def exhausted(self) -> bool:
        """Whether every transfer has been queued."""
        return self._exhausted

    def top_up(self, pending: set) -> set:
        """Queue new transfers until ``pending`` holds ``window`` of them (called by one thread)."""
        while not self._exhausted and len(pending) < self._window:
            item = next(self._items, None)
            if item is None:
                self._exhausted = True
                break
            future: concurrent.futures.Future = concurrent.futures.Future()
            pending.add(future)
            self._queue.put((item, future))
        return pending

    def take(self):
        """The next (item, future) for a worker; None once everything is handed out or closed."""
        while not self._closed.is_set():
            try:
                return self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._exhausted:  # all queued: what is left is in the queue or taken
                    try:
                        return self._queue.get_nowait()
                    except queue.Empty:
                        return None
        return None

    def close(self) -> None:
        """No more work: the futures still queued are cancelled, idle workers leave."""
        self._closed.set()
        while True:
            try:
                _, future = self._queue.get_nowait()
            except queue.Empty:
                return
            future.cancel()


class Downloader:
    """Fetch a set of :class:`RemoteFile` into ``out_dir`` (see the module's docstring).

    ``folder`` (an :class:`~beod.outfolder.OutputFolder`, entered) records complete files
    and refuses to touch files it did not record; without it, files on disk of the
    announced size count as complete (the behaviour of a bare ``Downloader``).
    """

    def __init__(self, client, pid, sid, out_dir, *, workers: int = 8, retries: int = 6,
                 is_cancelled: Optional[Callable[[], bool]] = None, read_timeout: Optional[float] = None,
                 max_relists: int = 5, folder: Optional[OutputFolder] = None, min_rate: float = MIN_RATE,
                 stall_window: float = STALL_WINDOW):
        self.client = client
        self.pid, self.sid = pid, sid
        self.out_dir = os.fspath(out_dir)
        self.workers = max(1, int(workers))
        self.retries = int(retries)
        self.user_cancelled = is_cancelled
        self.read_timeout = read_timeout or max(10.0, float(getattr(client, "timeout", 30.0)))
        self.max_relists = max_relists
        self.folder = folder
        self.min_rate = float(min_rate)
        self.stall_window = float(stall_window)
        _ensure_pool(client.storage, self.workers)
        self._storage = StorageGetter(client.storage)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._relist_lock = threading.Lock()
        self._urls: Dict[str, str] = {}
        self._url_generation = 0
        self._relists = 0
        self._inflight: Dict[str, Tuple[int, int]] = {}
        self._responses: Dict[str, object] = {}
        self._etags: Dict[str, str] = {}
        self._unconfirmed: Dict[str, int] = {}
        self._safe_origins: set = set()
        self._folders_made: set = set()
        #: the futures of finished transfers, for the calling thread (no wait on the whole window)
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self.files_done = 0
        self.files_total = 0
        self.bytes_done = 0
        self.bytes_known_total = 0
        self.skipped = 0

    # -- cancellation ---------------------------------------------------------------------
    def cancelled(self) -> bool:
        if self._stop.is_set():
            return True
        if self.user_cancelled is not None and self.user_cancelled():
            self._stop.set()
            return True
        return False

    def _check(self) -> None:
        if self.cancelled():
            raise CancelledError()

    def abort_transfers(self) -> None:
        """Stop every worker now: set the stop flag and shut their connections."""
        self._stop.set()
        with self._lock:
            responses = list(self._responses.values())
        for response in responses:
            _abort(response)

    # -- URLs -----------------------------------------------------------------------------
    def check_url(self, url: str) -> str:
        """``url`` if it may be fetched (:func:`check_download_url`). The verdict depends
        only on the scheme and host (and port), so it is reached once per origin."""
        try:
            origin = tuple(urlsplit(str(url))[:2])
        except ValueError:
            origin = None
        if origin is not None and origin in self._safe_origins:
            return url
        proxied = bool(self.client.storage_proxies(url)) if hasattr(self.client, "storage_proxies") else False
        check_download_url(url, getattr(self.client, "server_url", ""), proxied)
        if origin is not None:
            self._safe_origins.add(origin)
        return url

    def _url(self, key: str) -> Tuple[str, int]:
        with self._lock:
            return self._urls[key], self._url_generation

    def _relist(self, generation: int) -> None:
        """Fetch fresh presigned URLs, unless another thread just did (``generation`` changed)."""
        with self._relist_lock:
            if generation != self._url_generation:
                return
            if self._relists >= self.max_relists:
                raise DownloadError("The storage keeps refusing the download links (403) even after "
                                    "listing them again.")
            self._relists += 1
            LOG.info("Download links expired; listing them again")
            fresh = list_all_urls(self.client, self.pid, self.sid, self.cancelled)
            for url in fresh.values():
                self.check_url(url)
            with self._lock:
                for key, url in fresh.items():
                    if key in self._urls:
                        self._urls[key] = url
                self._url_generation += 1

    # -- progress -------------------------------------------------------------------------
    def _set_inflight(self, key: str, got: int, total: int) -> None:
        with self._lock:
            self._inflight[key] = (got, total)

    def snapshot(self) -> Tuple[float, int, int, int]:
        """(fraction done, files done, bytes done, bytes known)."""
        with self._lock:
            partial = sum(got / total for got, total in self._inflight.values() if total)
            inflight_bytes = sum(got for got, _ in self._inflight.values())
            inflight_total = sum(total for _, total in self._inflight.values())
            files_done = self.files_done
            done_bytes = self.bytes_done + inflight_bytes
            known = self.bytes_known_total + inflight_total
        total = max(1, self.files_total)
        return min(1.0, (files_done + partial) / total), files_done, done_bytes, known

    # -- one file -------------------------------------------------------------------------
    def _already_there(self, key: str, final: str) -> Optional[int]:
        """The size of ``final`` when it is complete (recorded by the folder), else None."""
        if self.folder is not None:
            record = self.folder.complete(key, final)
            return record["size"] if record else None
        return os.path.getsize(final) if os.path.isfile(final) else None

    def fetch(self, item: RemoteFile) -> Tuple[str, int, bool]:
        """Download ``item``; ``(path, size, skipped)``."""
        final = safe_join(self.out_dir, *item.parts)
        part = final + PART_SUFFIX
        size = self._already_there(item.key, final)
        if size is not None:
            self._finish(item.key, size, skipped=True)
            return final, size, True
        if self.folder is not None:
            self.folder.claim(item.key, final, part)
        self._make_folder(os.path.dirname(final))
        attempt = 0  # failed attempts in a row that brought no new byte
        total_attempts = 0
        while True:
            self._check()
            url, generation = self._url(item.key)
            before = os.path.getsize(part) if os.path.isfile(part) else 0
            try:
                size = self._transfer(item.key, url, generation, part)
            except _RetryError as retry:
                total_attempts += 1
                progressed = retry.progress_counts and os.path.isfile(part) and os.path.getsize(part) > before
                attempt = 0 if progressed else attempt + 1
                if attempt > self.retries or total_attempts > MAX_ATTEMPTS:
                    raise DownloadError(f"{item.key}: the transfer failed {total_attempts} times ({retry}); "
                                        "run the download again to resume it.") from None
                if retry.delay is not None:
                    delay = retry.delay
                else:
                    delay = 0.0 if progressed else backoff_delay(attempt - 1, 0.5, 15.0)
                LOG.info("%s: %s; retrying in %.1f s", item.key, retry, delay)
                sleep_unless_cancelled(delay, self.cancelled)
                continue
            os.replace(part, final)
            if self.folder is not None:
                self.folder.record(item.key, size, etag=self._etags.get(item.key))
            self._finish(item.key, size, skipped=False)
            return final, size, False

    def _make_folder(self, folder: str) -> None:
        """Create ``folder`` (and its parents) once: the two dozen files of a tile's layer
        share a few folders, and asking the disk again for each file costs a system call."""
        if folder in self._folders_made:
            return
        os.makedirs(folder, exist_ok=True)
        with self._lock:
            self._folders_made.add(folder)

    def _finish(self, key: str, size: int, skipped: bool) -> None:
        with self._lock:
            self._inflight.pop(key, None)
            self._urls.pop(key, None)
            self._etags.pop(key, None)
            self.files_done += 1
            self.bytes_done += size
            self.bytes_known_total += size
            if skipped:
                self.skipped += 1

    def _get(self, key: str, url: str, headers: dict):
        """GET ``url`` from the storage, following its redirects here: each target checked
        (:meth:`check_url`), never https -> http, no credential carried along."""
        timeout = (min(10.0, self.read_timeout), self.read_timeout)
        for _ in range(MAX_REDIRECTS + 1):
            self.check_url(url)
            response = self._storage.get(url, headers=headers, proxies=self.client.storage_proxies(url),
                                         timeout=timeout)
            location = response.headers.get("Location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                return response
            response.close()
            url = check_redirect(url, location, f"Downloading {key}")
        raise RedirectError(f"Downloading {key}: more than {MAX_REDIRECTS} redirects; not followed.")

    def _transfer(self, key: str, url: str, generation: int, part: str) -> int:
        """One GET of ``url`` into ``part`` (continued with Range); the complete size."""
        offset = os.path.getsize(part) if os.path.isfile(part) else 0
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        if offset and key in self._etags:
            headers["If-Range"] = self._etags[key]
        try:
            response = self._get(key, url, headers)
        except NETWORK_ERRORS as exc:
            raise _RetryError(type(exc).__name__) from None
        with self._lock:
            self._responses[key] = response
        try:
            with response:
                return self._receive(key, response, generation, part, offset)
        finally:
            with self._lock:
                self._responses.pop(key, None)

    def _receive(self, key: str, response, generation: int, part: str, offset: int) -> int:
        status = response.status_code
        if status == 403:
            self._relist(generation)
            raise _RetryError("link expired, listed again", delay=0.0)
        if status == 416 and offset:
            match = _UNSATISFIED_RANGE.search(response.headers.get("Content-Range", ""))
            if match and int(match.group(1)) == offset:
                return offset
            os.remove(part)
            raise _RetryError("partial file larger than the file, restarting", delay=0.0)
        if status in RETRY_STATUSES:
            raise _RetryError(f"storage answered {status}",
                              delay=min(30.0, parse_retry_after(response.headers.get("Retry-After"), 1.0)))
        if status not in (200, 206):
            raise DownloadError(f"{key}: the storage answered {status}.", status=status)
        etag = response.headers.get("ETag")
        if etag:
            self._etags[key] = etag
        length = response.headers.get("Content-Length", "")
        if status == 206:
            match = _CONTENT_RANGE.search(response.headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != offset or match.group(3) == "*":
                os.remove(part)
                raise _RetryError("unexpected range from the storage, restarting", delay=0.0)
            total, mode = int(match.group(3)), "ab"
            checksums = []
        else:
            offset, mode = 0, "wb"
            total = int(length) if length.isdigit() else None
            checksums = _checksums(response.headers)
        hashes = [(name, hashlib.new(name), expected) for name, expected in checksums]
        chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
        got = offset
        self._set_inflight(key, got, total or 0)
        window_start, window_bytes = time.monotonic(), 0
        overrun = False  # bytes past the announced length seen before the last read
        try:
            with open(part, mode) as handle:
                while True:
                    if total is not None and not overrun and 0 < total - got <= CHUNK:
                        overrun = _sent_past_end(response, total - got)
                    chunk = _read_raw(response, CHUNK)
                    if self.cancelled():
                        raise CancelledError()
                    if not chunk:
                        break
                    handle.write(chunk)
                    for _, digest, _ in hashes:
                        digest.update(chunk)
                    got += len(chunk)
                    window_bytes += len(chunk)
                    self._set_inflight(key, got, total or 0)
                    if total is not None and got >= total:
                        break  # what follows, if anything, is checked below
                    now = time.monotonic()
                    if now - window_start >= self.stall_window:
                        if window_bytes < self.min_rate * (now - window_start):
                            raise _RetryError(f"too slow: {window_bytes} bytes in {now - window_start:.0f} s",
                                              progress_counts=False)
                        window_start, window_bytes = now, 0
        except NETWORK_ERRORS as exc:
            if self.cancelled():
                raise CancelledError() from None
            raise _RetryError(f"connection lost after {got} bytes ({type(exc).__name__})") from None
        if total is not None and got != total:
            if got > total:
                os.remove(part)
            raise _RetryError(f"incomplete transfer ({got} of {total} bytes)")
        if total is not None and (overrun or _sent_past_end(response, 0)):
            _abort(response)  # the rest of the body must not be read as the next answer
            os.remove(part)
            raise DownloadError(f"{key}: the storage sent more than the {total} bytes it announced; the file "
                                "is not trusted.")
        for name, digest, expected in hashes:
            if digest.hexdigest() != expected:
                os.remove(part)
                raise DownloadError(f"{key}: the file does not match the {name} checksum the storage gave; "
                                    "it is not trusted. Run the download again.")
        if total is None and not chunked:
            # A body ending with the connection, without a length: as short as a cut one.
            # Complete only once the storage confirms there is nothing after it (416).
            count = self._unconfirmed.get(key, 0) + 1
            self._unconfirmed[key] = count
            if count > 2:
                os.remove(part)
                raise DownloadError(f"{key}: the storage gives no size for this file and cannot confirm "
                                    "it; the file is not trusted.")
            raise _RetryError("no size announced; asking the storage to confirm it", delay=0.0)
        fp = getattr(response.raw, "_fp", None)
        if fp is not None and hasattr(fp, "isclosed") and not fp.isclosed():
            fp.read()  # nothing left: marks the body complete, so the connection can be reused
        release_connection(response)
        return got

    # -- all files --------------------------------------------------------------------------
    def run(self, files: Dict[str, RemoteFile], on_progress=None, label: str = "",
            on_file: Optional[Callable[[str], None]] = None,
            hold: Optional[Callable[[], bool]] = None) -> List[str]:
        """Download every file; the local paths. ``on_file(path)`` is called from the calling
        thread as soon as each file is complete (or found complete on disk). While ``hold()``
        is true, no new transfer is handed to the workers (those under way go on): a consumer
        of the files that falls behind makes the download wait for it.

        A file that fails after its retries does not stop the others (the error is raised
        at the end, naming how many failed); an unsafe name, a disk error or a
        cancellation stops every worker within a second.
        """
        return self.run_urls({key: item.url for key, item in files.items()}, on_progress, label,
                             on_file=on_file, hold=hold)

    def run_urls(self, urls: Dict[str, str], on_progress=None, label: str = "",
                 on_file: Optional[Callable[[str], None]] = None,
                 hold: Optional[Callable[[], bool]] = None) -> List[str]:
        """:meth:`run` for ``{key: url}`` (keys from a listing, their names checked). The
        downloader takes ``urls`` over: each entry is dropped once its file is complete, so
        a large listing's presigned URLs (half a kilobyte each) do not outlive their use."""
        keys = list(urls)
        with self._lock:
            self._urls = urls
        self.files_total = len(keys)
        paths: List[str] = []
        failures: List[BeodError] = []
        pending: set = set()
        feed = _Feed(map(RemoteFile.from_key, keys), window=max(64 * self.workers, 256))
        try:
            pending = feed.top_up(pending)
            self._start_workers(feed, len(keys))
            while (pending or not feed.exhausted) and not self.cancelled():
                for future in self._finished(timeout=0.05):
                    if future not in pending:  # left over from an earlier run
                        continue
                    pending.discard(future)
                    failure = self._outcome(future, paths, on_file)
                    if failure is not None:
                        failures.append(failure)
                if not self._stop.is_set() and not (hold is not None and hold()):
                    pending = feed.top_up(pending)
                self._report(on_progress, label)
        finally:
            feed.close()
            if pending:
                self.abort_transfers()
                for future in pending:
                    future.cancel()  # those not started yet
            end = time.monotonic() + 1.0
            while time.monotonic() < end:
                pending = {future for future in pending if not future.done()}
                if not pending:
                    break
                concurrent.futures.wait(pending, timeout=0.05)
        if failures:
            first = failures[0]
            if len(failures) == 1:
                raise first
            raise type(first)(f"{len(failures)} files could not be downloaded; first: {first.message}")
        if len(paths) < len(keys):
            raise CancelledError()
        self._report(on_progress, label)
        return paths

    def _finished(self, timeout: float) -> List[concurrent.futures.Future]:
        """The futures finished since the last call, waiting up to ``timeout`` for the first
        (the cost is per finished file, not per file still in the window)."""
        try:
            done = [self._done.get(timeout=timeout)]
        except queue.Empty:
            return []
        while True:
            try:
                done.append(self._done.get_nowait())
            except queue.Empty:
                return done

    def _start_workers(self, feed: "_Feed", count: int) -> None:
        """``workers`` daemon threads serving ``feed`` (a worker still waiting for a silent
        storage never keeps the process from exiting after a cancel)."""

        def worker():
            while not self._stop.is_set():
                entry = feed.take()
                if entry is None:  # nothing more will come
                    return
                item, future = entry
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(self.fetch(item))
                except BaseException as exc:  # noqa: BLE001 (handed to the calling thread)
                    future.set_exception(exc)
                self._done.put(future)

        for index in range(min(self.workers, count)):
            threading.Thread(target=worker, name=f"beod-dl-{index}", daemon=True).start()

    def _outcome(self, future, paths: List[str], on_file=None) -> Optional[BeodError]:
        """Record a finished worker: its path, or its error (stopping the others when fatal)."""
        if future.cancelled():
            return None
        try:
            path, _, _ = future.result()
        except CancelledError:
            return None
        except UnsafePathError as exc:
            self._stop.set()
            return exc
        except DownloadError as exc:
            return exc
        except BeodError as exc:
            self._stop.set()
            return exc
        except OSError as exc:
            self._stop.set()
            return DownloadError(f"Cannot write the results: {exc.strerror or exc} "
                                 f"({redact(getattr(exc, 'filename', '') or '')}).")
        paths.append(path)
        if on_file is not None:
            on_file(path)
        return None

    def _report(self, on_progress, label: str) -> None:
        if on_progress is None:
            return
        fraction, files_done, bytes_done, known = self.snapshot()
        message = (f"{label}{files_done}/{self.files_total} files, {_human(bytes_done)}"
                   + (f" of {_human(known)}" if self.files_total == 1 and known else ""))
        on_progress(DownloadProgress(percent=100.0 * fraction, message=message, files_done=files_done,
                                     files_total=self.files_total, bytes_done=bytes_done, bytes_total=known))


# -- zip extraction -----------------------------------------------------------------------------
def safe_extract(zip_path, out_dir, *, max_total_bytes: int = DEFAULT_MAX_ZIP_BYTES,
                 max_ratio: float = DEFAULT_MAX_ZIP_RATIO, is_cancelled=None,
                 on_member: Optional[Callable[[int, int], None]] = None,
                 max_entries: int = DEFAULT_MAX_ZIP_ENTRIES,
                 folder: Optional[OutputFolder] = None) -> Tuple[List[str], int]:
    """Extract ``zip_path`` into ``out_dir`` safely; ``(paths, skipped)``.

    Every member name is checked before anything is written; links are refused; the
    number of entries, the total unpacked size and each large member's compression ratio
    are limited (a zip bomb is refused); a member's data may not exceed its announced
    size. Members already extracted are skipped (with ``folder``: only those it recorded,
    with their size and CRC; a file in the way that it did not record is never replaced);
    each one is written to ``.part`` first.
    """
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"The results archive is damaged ({exc}); delete it and download again.") from None
    with archive:
        plan = []
        total = 0
        packed = max(1, os.path.getsize(zip_path))
        if len(archive.infolist()) > max_entries:
            raise ArchiveError(f"The archive holds {len(archive.infolist())} entries, over the limit of "
                               f"{max_entries}: refused.")
        for info in archive.infolist():
            parts = _member_parts(info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ArchiveError(f"The archive holds a link ({redact(info.filename)[:120]!r}); refused.")
            if info.is_dir():
                safe_join(out_dir, *parts)
                continue
            if info.file_size >= RATIO_MIN_BYTES and info.file_size > max_ratio * max(1, info.compress_size):
                raise ArchiveError(f"The archive member {redact(info.filename)[:120]!r} unpacks "
                                   f"{info.file_size / max(1, info.compress_size):.0f} times larger than "
                                   "it is packed: refused as a zip bomb.")
            total += info.file_size
            target = safe_join(out_dir, *parts)
            if folder is not None:
                folder.check_free(_member_key(parts), target, target + PART_SUFFIX)
            plan.append((info, target))
        if total > max_total_bytes:
            raise ArchiveError(f"The archive would unpack to {_human(total)}, over the limit of "
                               f"{_human(max_total_bytes)}: refused.")
        if total >= RATIO_MIN_BYTES and total > max_ratio * packed:
            raise ArchiveError(f"The archive unpacks {total / packed:.0f} times larger than it is: refused "
                               "as a zip bomb.")
        needed = sum(info.file_size for info, target in plan if not os.path.isfile(target))
        free = shutil.disk_usage(os.fspath(out_dir)).free
        if needed > free:
            raise ArchiveError(f"Not enough disk space to unpack the results: {_human(needed)} needed, "
                               f"{_human(free)} free.")
        paths, skipped = [], 0
        for index, (info, target) in enumerate(plan):
            if is_cancelled is not None and is_cancelled():
                raise CancelledError()
            key = _member_key(_member_parts(info.filename))
            if folder is not None:
                record = folder.complete(key, target)
                done = record is not None and record.get("crc") == info.CRC
            else:
                done = os.path.isfile(target) and os.path.getsize(target) == info.file_size
            if done:
                skipped += 1
            else:
                if folder is not None:
                    folder.claim(key, target, target + PART_SUFFIX)
                _extract_member(archive, info, target, is_cancelled)
                if folder is not None:
                    folder.record(key, info.file_size, crc=info.CRC)
            paths.append(target)
            if on_member is not None:
                on_member(index + 1, len(plan))
    return paths, skipped


def _member_key(parts) -> str:
    return "zip:" + "/".join(parts)


def _extract_member(archive, info, target: str, is_cancelled) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    part = target + PART_SUFFIX
    written = 0
    try:
        with archive.open(info) as source, open(part, "wb") as handle:
            while True:
                if is_cancelled is not None and is_cancelled():
                    raise CancelledError()
                block = source.read(CHUNK)
                if not block:
                    break
                written += len(block)
                if written > info.file_size:
                    raise ArchiveError(f"The archive member {redact(info.filename)[:120]!r} holds more data "
                                       "than announced: refused.")
                handle.write(block)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        _remove(part)
        raise ArchiveError(f"The results archive is damaged ({type(exc).__name__}); delete it and "
                           "download again.") from None
    except BeodError:
        _remove(part)
        raise
    os.replace(part, target)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# -- the whole download ---------------------------------------------------------------------------
def download_scenario(client, pid, sid, out_dir, *, on_progress=None, is_cancelled=None, workers: int = 8,
                      max_zip_bytes: int = DEFAULT_MAX_ZIP_BYTES,
                      max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO,
                      on_listing: Optional[Callable[[List[Tuple[str, ...]]], None]] = None,
                      on_file: Optional[Callable[[str], None]] = None,
                      hold: Optional[Callable[[], bool]] = None) -> DownloadResult:
    """Download (or resume) the results of scenario ``sid`` of project ``pid`` into ``out_dir``.

    The storage layout is kept: ``<out>/<tile>/EXPORT/<layer>/<format>/<file>``; a zip is
    kept as ``<out>/<name>.zip`` and extracted next to it.

    For results listed file by file (not a zip), ``on_listing(parts)`` receives the path
    components of every file before the transfers start, and ``on_file(path)`` each local
    path as soon as that file is complete, so the files can be used while others arrive;
    while ``hold()`` is true, no new transfer starts (a consumer of the files catching up).
    """
    out_dir = os.fspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    with OutputFolder(out_dir, server=getattr(client, "server_url", ""), project_id=pid, scenario_id=sid,
                      is_cancelled=is_cancelled) as folder:
        return _download_into(folder, client, pid, sid, out_dir, on_progress, is_cancelled, workers,
                              max_zip_bytes, max_zip_ratio, on_listing, on_file, hold)


def _download_into(folder, client, pid, sid, out_dir, on_progress, is_cancelled, workers, max_zip_bytes,
                   max_zip_ratio, on_listing=None, on_file=None, hold=None) -> DownloadResult:
    if on_progress is not None:
        on_progress(DownloadProgress(0.0, "Listing the result files"))
    urls = list_all_urls(client, pid, sid, is_cancelled)
    if not urls:
        raise DownloadError(f"Scenario {sid} has no result files to download (is it finished?).")
    downloader = Downloader(client, pid, sid, out_dir, workers=workers, is_cancelled=is_cancelled,
                            folder=folder)
    for url in urls.values():
        downloader.check_url(url)
    if not is_zip_listing(urls):
        if on_listing is not None:
            on_listing([tuple(key.split("/")) for key in urls])
        # the downloader holds the URLs, and lets each go once its file is complete
        paths = downloader.run_urls(urls, on_progress, on_file=on_file, hold=hold)
        return DownloadResult(out_dir=out_dir, files=sorted(paths), bytes_total=downloader.bytes_done,
                              skipped=downloader.skipped)

    def scaled(progress):
        if on_progress is not None:
            progress.percent *= 0.9
            on_progress(progress)

    (archive_path,) = downloader.run_urls(urls, scaled, label="archive: ")

    def on_member(done, total):
        if on_progress is not None and (done == total or done % 20 == 0):
            on_progress(DownloadProgress(90.0 + 10.0 * done / max(1, total),
                                         f"Unpacking the results: {done}/{total} files",
                                         files_done=done, files_total=total,
                                         bytes_done=downloader.bytes_done, bytes_total=downloader.bytes_done))

    paths, skipped = safe_extract(archive_path, out_dir, max_total_bytes=max_zip_bytes,
                                  max_ratio=max_zip_ratio, is_cancelled=is_cancelled, on_member=on_member,
                                  folder=folder)
    return DownloadResult(out_dir=out_dir, files=sorted(paths), bytes_total=downloader.bytes_done,
                          skipped=skipped, archive=archive_path)

"""Download benchmark (``make bench-download``): prints figures, it is not a timed test.

One emulator scenario with about 2,000 small files plus one large file (512 MiB by default)
is fetched, from the same presigned URLs, by:

(a) the tutorial's approach: sequential ``requests.get`` without a session, copying
    ``response.raw`` to the file;
(b) our downloader (``beod.download.Downloader``: 8 workers, pooled connections);
(c) Debian's ``curl --parallel --parallel-max 8`` from a config file of URLs.

For each case it prints the time, the throughput, the ratios and the peak RSS growth
(VmRSS sampled every 5 ms in this process; curl's own VmHWM), and whether the
targets hold: (b) at least 8x faster than (a) on the many files, no slower than 1.25x curl on
either case, RSS growth below 100 MB during the large file.

The storage host stands for a real object store reached over HTTPS, with a round-trip time
of ``--rtt-ms`` (default 20 ms): each answer comes one round trip late (the emulator's
``latency_ms``) and each NEW connection costs two more round trips for the TCP and TLS 1.3
handshakes (``connect_latency_ms``). On bare loopback neither exists, so nothing would be
gained by pooling or by parallel requests.

    python -m tests.bench_download [--files 2000] [--big-mb 512] [--rtt-ms 20] [--out DIR]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from beod.client import Client
from beod.download import Downloader, list_all_files
from beod.follow import follow_activity
from beod.models import ScenarioParams
from tests.emulator.launch import start_emulator

AOI = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"
WORKERS = 8


def vm_rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class RssSampler:
    """Peak VmRSS growth of this process while the block runs (sampled every 5 ms)."""

    def __enter__(self):
        self.start = vm_rss_kb()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, vm_rss_kb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, vm_rss_kb())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1024.0


# -- the three ways ---------------------------------------------------------------------------
def tutorial_way(files, out: Path) -> None:
    """The tutorial's ``download_one_file`` (with the missing status check), file after file."""
    for item in files:
        target = out.joinpath(*item.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with requests.get(item.url, stream=True, timeout=60) as response:  # noqa: S113 (has a timeout)
            response.raise_for_status()
            with open(target, "wb") as handle:
                shutil.copyfileobj(response.raw, handle)


def our_way(client, pid, sid, files, out: Path, workers: int = WORKERS) -> None:
    downloader = Downloader(client, pid, sid, out, workers=workers)
    downloader.run({item.key: item for item in files})


def curl_way(files, out: Path, work: Path) -> float:
    """Run curl; its peak RSS in MB."""
    config = work / "curl.conf"
    with open(config, "w", encoding="utf-8") as handle:
        for item in files:
            target = out.joinpath(*item.parts)
            handle.write(f'url = "{item.url}"\noutput = "{target}"\n')
    command = ["curl", "--parallel", "--parallel-max", str(WORKERS), "--create-dirs", "--silent",
               "--show-error", "--fail", "--no-progress-meter", "--config", str(config)]
    process = subprocess.Popen(command)
    peak_kb = 0
    while process.poll() is None:
        # VmHWM: curl's own peak (ru_maxrss of a child also counts this process's memory
        # from before the exec)
        try:
            with open(f"/proc/{process.pid}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        peak_kb = max(peak_kb, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    if process.returncode != 0:
        raise RuntimeError(f"curl failed with exit code {process.returncode}")
    return peak_kb / 1024.0


def measure(label, action, out: Path):
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with RssSampler() as rss:
        started = time.perf_counter()
        extra = action(out)
        seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    count = sum(1 for p in out.rglob("*") if p.is_file())
    shutil.rmtree(out, ignore_errors=True)
    rss_mb = extra if isinstance(extra, float) else rss.growth_mb
    print(f"  {label:<34} {seconds:8.2f} s  {count:6d} files  {size / 1e6:9.1f} MB  "
          f"{size / 1e6 / seconds:8.1f} MB/s  RSS {'peak' if isinstance(extra, float) else '+'}"
          f"{rss_mb:6.1f} MB", flush=True)
    return seconds, rss_mb, count, size


def best_of(runs, label, action, out):
    results = [measure(f"{label} (run {i + 1})", action, out) for i in range(runs)]
    return min(results, key=lambda r: r[0])


# -- the scenario ------------------------------------------------------------------------------
def prepare(emulator, client, files_wanted: int, big_mb: int):
    """A finished tree scenario with about ``files_wanted`` small files and one big file."""
    emulator.configure(zip_max_km2=0, forced_tile_count=1, run_seconds=0.2)
    params = ScenarioParams(name="bench")
    pid = client.create_project("bench probe")
    client.create_aoi(pid, AOI)
    sid, aid = client.create_scenario(pid, params)
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.5)
    per_tile = len(list_all_files(client, pid, sid))
    tiles = max(1, round(files_wanted / per_tile))
    emulator.configure(forced_tile_count=tiles, big_file_mb=big_mb)
    pid = client.create_project("bench")
    client.create_aoi(pid, AOI)
    sid, aid = client.create_scenario(pid, params)
    follow_activity(client, pid, aid, min_interval=0.1, max_interval=0.5)
    listing = list_all_files(client, pid, sid)
    big = [item for item in listing.values() if item.parts[-1] == "big.bin"]
    small = [item for item in listing.values() if item.parts[-1] != "big.bin"]
    return pid, sid, small, big


def keepalive_delay_ms(client, files, count: int = 20) -> float:
    """Extra time of a request on a kept-alive connection over a fresh one (ms, median).

    A storage host that leaves Nagle's algorithm on answers every request after the first
    on a connection about 40 ms late (the client's delayed ACK): pooled connections then
    look slow although a real object store does not behave so.
    """
    sample = files[:count]
    kept, fresh = [], []
    for item in sample:
        started = time.perf_counter()
        assert client.storage.get(item.url, timeout=30).content is not None
        kept.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert requests.get(item.url, timeout=30).content is not None  # noqa: S113 (has a timeout)
        fresh.append(time.perf_counter() - started)
    kept.sort()
    fresh.sort()
    return (kept[len(kept) // 2] - fresh[len(fresh) // 2]) * 1000.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--big-mb", type=int, default=512)
    parser.add_argument("--runs", type=int, default=3, help="runs of (b) and (c); the best is kept")
    parser.add_argument("--rtt-ms", type=float, default=20.0,
                        help="network round trip the storage host stands for (loopback has none)")
    parser.add_argument("--out", default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if shutil.which("curl") is None:
        print("curl is not installed (apt-get install curl)", file=sys.stderr)
        return 2
    work = Path(args.out or tempfile.mkdtemp(prefix="beod-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        with start_emulator(run_seconds=0.2) as emulator:
            client = Client(emulator.api_url, pool_size=WORKERS * 2)
            client.login(emulator.email, emulator.password)
            print(f"Preparing the scenario ({args.files} small files + {args.big_mb} MiB)...", flush=True)
            pid, sid, small, big = prepare(emulator, client, args.files, args.big_mb)
            print(f"Scenario {sid}: {len(small)} small files, {len(big)} large file", flush=True)
            delay = keepalive_delay_ms(client, small)
            print(f"Kept-alive request vs fresh connection: {delay:+.1f} ms", flush=True)
            if delay > 20:
                print("  WARNING: the storage host delays answers on kept-alive connections (Nagle's "
                      "algorithm left on; StreamRequestHandler.disable_nagle_algorithm = True fixes it). "
                      "Pooled downloads (b, c) pay this on every request; a real object store does not.",
                      flush=True)
            emulator.configure(latency_ms=args.rtt_ms, connect_latency_ms=2 * args.rtt_ms)
            out = work / "out"
            print(f"Network model: {args.rtt_ms:g} ms per request, {2 * args.rtt_ms:g} ms more per new "
                  f"connection (TCP + TLS handshakes); scratch folder {work}\n")
            print(f"Many small files ({len(small)}):")
            a_small = measure("(a) tutorial, sequential", lambda o: tutorial_way(small, o), out)
            b_small = best_of(args.runs, "(b) beod Downloader",
                              lambda o: our_way(client, pid, sid, small, o), out)
            c_small = best_of(args.runs, "(c) curl --parallel", lambda o: curl_way(small, o, work), out)
            measure(f"(b) with {2 * WORKERS} workers (for info)",
                    lambda o: our_way(client, pid, sid, small, o, 2 * WORKERS), out)
            print(f"\nOne large file ({args.big_mb} MiB):")
            a_big = measure("(a) tutorial, sequential", lambda o: tutorial_way(big, o), out)
            b_big = best_of(args.runs, "(b) beod Downloader", lambda o: our_way(client, pid, sid, big, o),
                            out)
            c_big = best_of(args.runs, "(c) curl --parallel", lambda o: curl_way(big, o, work), out)
            client.close()
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)

    speedup = a_small[0] / b_small[0]
    small_vs_curl = b_small[0] / c_small[0]
    big_vs_curl = b_big[0] / c_big[0]
    print("\nRatios:")
    print(f"  many files: (a)/(b) = {speedup:.1f}x faster    (b)/(c) = {small_vs_curl:.2f}x curl's time")
    print(f"  large file: (a)/(b) = {a_big[0] / b_big[0]:.2f}x         "
          f"(b)/(c) = {big_vs_curl:.2f}x curl's time")
    print("\nTargets:")
    checks = [
        (f"(b) >= 8x faster than (a) on many files: {speedup:.1f}x", speedup >= 8),
        (f"(b) <= 1.25x curl on many files: {small_vs_curl:.2f}x", small_vs_curl <= 1.25),
        (f"(b) <= 1.25x curl on the large file: {big_vs_curl:.2f}x", big_vs_curl <= 1.25),
        (f"(b) RSS growth < 100 MB on the large file: {b_big[1]:.1f} MB", b_big[1] < 100),
    ]
    for text, ok in checks:
        print(f"  [{'met' if ok else 'MISSED'}] {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

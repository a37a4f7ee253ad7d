"""Time the read API's answers on a site built by bench/large_site.py, in process.

    .venv/bin/python bench/large_site.py --statements 100000 --data-dir /tmp/alliance-100k
    .venv/bin/python bench/api.py --data-dir /tmp/alliance-100k --requests 200

For each list (and a few filters) it reports the median and 95th percentile of:

- uncached: a full answer, every time a new content generation, so nothing the API, the
  page cache or Wagtail keeps per generation helps (the restricted sections, the sites' root
  paths are still read as a running site would), timed until the answer is complete, as
  the server then sends it; "then stored" is what follows before the server closes the
  answer, when the page cache compresses and stores it (after the reader has it);
- 304: the same address with the ETag the client already has (answered by the page cache's
  front once the answer is stored, as it is after the uncached request);
- cached: the same address again, answered by the page cache's WSGI front
  (``alliance.wsgi.application``) from the stored answer, before Django runs.

The last row times a page of the site the same three ways, for comparison with the page
cache's own figure. "deep" is the statements list 50 pages in, reached by following
``next``. The target in issue 21: uncached list p95 under 50 ms at 100,000 statements.
Requests are WSGI calls in this process, without a network or an application server in
between (bench/pages.py measures those). Each figure is given in wall-clock time and, for
the uncached and cached answers, in CPU time of this process (SQLite's work included), which
a shared, loaded machine stretches less. The last lines count Python's full garbage
collections during the run and the longest (wall-clock): before ``alliance.wsgi`` froze what a
worker holds, they were the single slow requests of every address.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADDRESSES = [
    "/api/v1/statements/",
    "/api/v1/statements/?page_size=10",
    "/api/v1/statements/?page_size=100",
    "/api/v1/statements/?locale=es",
    "/api/v1/statements/?topic=refugees",
    "/api/v1/statements/?date_from=2020-01-01&date_to=2020-12-31",
    "deep",
    "/api/v1/events/",
    "/api/v1/events/?region=asia",
    "/api/v1/days-of-action/",
    "/api/v1/organizations/",
    "/en/statements/",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wsgi_get(
    application, address: str, marks: list | None = None, **headers
) -> tuple[int, dict, bytes]:
    path, _, query = address.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = {k.lower(): v for k, v in response_headers}

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if marks is not None:  # the answer is complete: the server sends it, then closes it
        marks.append((time.perf_counter(), time.process_time()))
    if hasattr(chunks, "close"):
        chunks.close()
    return captured["status"], captured["headers"], body


def timed(call) -> tuple[float, float, tuple]:
    """Wall-clock and CPU seconds of ``call()`` (SQLite runs in this process: its work is
    in the CPU time too), and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


KINDS = ("uncached", "uncached CPU", "then stored", "304", "hit", "hit CPU")


class FullCollections:
    """The garbage collector's full passes (generation 2) and how long each took: the single
    slow requests of a run are these, whatever the address (bench/README.md)."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.durations.append(time.perf_counter() - self._started)


def measure(application, address: str, requests: int, pages_changed) -> dict:
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    statuses = set()
    for _ in range(requests):
        pages_changed()
        marks: list = []
        wall, cpu = time.perf_counter(), time.process_time()
        status, headers, _body = wsgi_get(application, address, marks)
        closed = time.perf_counter()
        # Until the answer is complete; the page cache then stores it as the server closes it.
        times["uncached"].append(marks[0][0] - wall)
        times["uncached CPU"].append(marks[0][1] - cpu)
        times["then stored"].append(closed - marks[0][0])
        statuses.add(status)
        etag = headers.get("etag", "")
        wall, cpu, _answer = timed(
            lambda etag=etag: wsgi_get(application, address, if_none_match=etag)
        )
        times["304"].append(wall)
        wall, cpu, (status, headers, _body) = timed(lambda: wsgi_get(application, address))
        times["hit"].append(wall)
        times["hit CPU"].append(cpu)
        if headers.get("x-page-cache") != "hit":
            statuses.add("not from the page cache")
    return {"times": times, "statuses": statuses}


def deep_address(application, pages: int) -> str:
    address = "/api/v1/statements/"
    for _ in range(pages):
        following = json.loads(wsgi_get(application, address)[2])["next"]
        parts = urlsplit(following)
        address = f"{parts.path}?{parts.query}"
    return address


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    key_file = args.data_dir / "secret_key"
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(args.data_dir),
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "API_RATE_LIMIT": "100000000",
        }
    )
    if key_file.exists():
        os.environ.setdefault("SECRET_KEY", key_file.read_text().strip())
    os.environ.setdefault("DEBUG", "false")

    import django

    django.setup()
    from alliance.core.database import sqlite_statistics_refresh
    from alliance.core.generation import pages_changed
    from alliance.wsgi import application

    # As `make run` does through `migrate`: large_site.py analysed its tables while empty.
    sqlite_statistics_refresh()

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'address':62} {'status':>6} " + " ".join(f"{k + ' p50/p95 ms':>22}" for k in KINDS))
    started = time.process_time()
    # The first answer loads what the process keeps (alliance.wsgi then freezes it): the
    # collections counted are those of the answers after it.
    wsgi_get(application, ADDRESSES[0])
    collections = FullCollections()
    for address in ADDRESSES:
        if address == "deep":
            address = deep_address(application, 50)
        wsgi_get(application, address)  # the first answer of a process fills Wagtail's caches
        result = measure(application, address, args.requests, pages_changed)
        figures = [
            f"{statistics.median(values) * 1000:.1f} / {percentile(values, 0.95) * 1000:.1f}"
            for values in result["times"].values()
        ]
        shown = address if len(address) <= 62 else address[:40] + "…" + address[-21:]
        statuses = ",".join(map(str, sorted(result["statuses"], key=str)))
        print(f"{shown:62} {statuses:>6} " + " ".join(f"{figure:>22}" for figure in figures))
    print(f"CPU time {time.process_time() - started:.1f} s")
    longest = max(collections.durations, default=0.0) * 1000
    print(
        f"full garbage collections after the first answer: {len(collections.durations)}, "
        f"longest {longest:.1f} ms "
        f"({gc.get_freeze_count()} objects frozen by alliance.wsgi after the first answer)"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

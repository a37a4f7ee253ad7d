"""Time the rendered site search, uncached, in process, for a few words.

Run from the repository root against a site made by bench/large_site.py:

    .venv/bin/python bench/search.py --data-dir /tmp/speed/pg-1k \\
        --database-url postgres://postgres@127.0.0.1:5432/alliance_bench_1k \\
        refugees Babaligo [--repeat 20]

Without --database-url the site's own SQLite file is used. Each word is
searched through Django's test client with a ``messages`` cookie, which the
page cache does not serve, so every request renders: one warm-up request, one
whose queries are timed, then --repeat timed ones. Prints, per word, the median
and 95th percentile wall time, the number of results the page announces, the
number of queries of one request, their time and the slowest (--queries N
prints the N slowest), with the load average before and after.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: of 20 values, the 95th is the 19th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="+")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--page", default="1", help="result page to ask for")
    parser.add_argument("--queries", type=int, default=0, help="slowest queries to print")
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(data_dir),
            "SECRET_KEY": (data_dir / "secret_key").read_text().strip(),
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
        }
    )
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        os.environ.pop(name, None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0], HTTP_COOKIE="messages=x")
    print(f"{connection.vendor}, load average {_load()}")
    for word in args.words:
        url = f"/en/search/?q={word}&page={args.page}"
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        timings: list[tuple[float, str]] = []
        with connection.execute_wrapper(_timed(timings)):
            client.get(url)
        walls = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            walls.append((time.perf_counter() - start) * 1000)
        found = re.search(r"([\d,.]+) results?", response.content.decode())
        print(
            f"{word!r}: {found.group(1) if found else 0} results, "
            f"median {statistics.median(walls):.1f} ms, "
            f"p95 {percentile(walls, 0.95):.1f} ms, max {max(walls):.1f} ms "
            f"of {args.repeat}; {len(timings)} queries, "
            f"{sum(t for t, _sql in timings):.1f} ms in the database, "
            f"slowest {max(t for t, _sql in timings):.1f} ms"
        )
        for spent, sql in sorted(timings, reverse=True)[: args.queries]:
            print(f"  {spent:8.1f} ms  {sql[:2000]}")
    print(f"load average {_load()}")


def _timed(timings: list[tuple[float, str]]):
    """A query wrapper noting each query's time (a context to capture queries
    would lose them: the test client's request clears the query log)."""

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - start) * 1000, sql))

    return wrapper


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()

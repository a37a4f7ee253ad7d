"""Profile one uncached page render with cProfile through Django's test client.

Run from the repository root against a site made by bench/large_site.py:

    .venv/bin/python bench/profile_page.py --data-dir /tmp/alliance-100k \\
        /en/statements/trump-executive-orders/ [--repeat 5] [--top 25]

The test client calls Django directly (no page cache in front, no server), like
an uncached request. One warm-up request, --repeat timed ones, then --repeat
profiled ones. Prints the median wall and CPU time (without and with the
profiler), the SQL queries of one request with the slowest first, and the
functions with the most cumulative time, restricted to the project's code and
the libraries it calls (Django's own plumbing is left out).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--queries", type=int, default=8, help="slowest queries to print")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="start a new publication before each request, as a publish does: nothing kept "
        "for the last one (core.kept, {%% cache %%} blocks, routes) is used",
    )
    parser.add_argument(
        "--filter",
        default=r"alliance/|modelsearch|wagtail/(models|query|fields|blocks|rich_text|contrib/settings)"
        r"|modelcluster|django/template/(base|defaulttags|loader_tags)|json|sqlite3",
        help="regular expression on file names for the cumulative listing",
    )
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default SQLite)")
    parser.add_argument("--redis-url", default="", help="Redis URL for the caches (default files)")
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
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alliance.core import generation

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0], HTTP_COOKIE="messages=x")

    def renewed() -> None:
        if args.cold:
            generation.store().set(generation.PUBLICATION_KEY, os.urandom(8).hex(), None)

    response = client.get(args.url)
    if response.status_code != 200:
        sys.exit(f"{args.url} answered {response.status_code}")
    plain_walls, plain_cpus = [], []
    for _ in range(args.repeat):
        renewed()
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(args.url)
        plain_walls.append(time.perf_counter() - wall)
        plain_cpus.append(time.process_time() - cpu)
    profile = cProfile.Profile()
    walls, cpus = [], []
    for n in range(args.repeat):
        renewed()
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            profile.enable()
            response = client.get(args.url)
            profile.disable()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        if n == 0:
            queries = list(captured.captured_queries)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{args.url}: {response.status_code}, {len(response.content) / 1024:.1f} KiB, "
        f"median of {args.repeat}: {statistics.median(plain_walls) * 1000:.1f} ms wall, "
        f"{statistics.median(plain_cpus) * 1000:.1f} ms CPU without the profiler; "
        f"{statistics.median(walls) * 1000:.1f} ms wall, "
        f"{statistics.median(cpus) * 1000:.1f} ms CPU "
        f"with it (load average {load})"
    )
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    print(
        f"{len(queries)} queries, {sql_ms:.1f} ms in the database "
        "(first profiled request); slowest:"
    )
    for query in sorted(queries, key=lambda q: -float(q["time"]))[: args.queries]:
        print(f"  {float(query['time']) * 1000:8.1f} ms  {query['sql'][:300]}")
    print()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(args.filter, args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()

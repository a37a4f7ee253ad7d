"""Render time and query count of the events listing and a day of action, as local actions grow.

Run from the repository root:  .venv/bin/python bench/day_of_action.py [--sizes 10 100 1000]

It builds a throwaway SQLite site in a temporary directory (nothing else is
touched), adds N local actions to one day of action, and renders each page
several times with Django's test client, reporting the median time and the
number of SQL queries per render.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="alliance-bench-")
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": data_dir,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from alliance.events.models import DayOfActionPage, EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    day = DayOfActionPage(
        title="Bench day",
        slug="bench-day",
        date=timezone.localdate() + dt.timedelta(days=30),
        summary="Benchmark.",
        demands=[("paragraph", "<p>Bench.</p>")],
    )
    index.add_child(instance=day)
    day.save_revision().publish()
    countries = ["HK", "MX", "GR", "KE", "AU", "LB", "US", "BD", "MM", "SY", "LY"]
    client = Client()

    def measure(url: str) -> tuple[float, int, int]:
        client.get(url)  # warm caches
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        return (
            statistics.median(times) * 1000,
            len(captured.captured_queries),
            len(response.content),
        )

    rows = []
    made = 0
    for size in sorted(args.sizes):
        while made < size:
            code = countries[made % len(countries)]
            action = EventPage(
                title=f"Local action {made}",
                slug=f"local-action-{made}",
                summary="A local action.",
                start_date=day.date,
                start_time=dt.time(10 + made % 8),
                end_time=dt.time(12 + made % 8),
                time_zone="UTC",
                venue_name="Square",
                city=f"City {made}",
                country=code,
                latitude=str(-60 + (made * 7) % 120),
                longitude=str(-170 + (made * 13) % 340),
                live=True,
            )
            day.add_child(instance=action)
            made += 1
        for label, url in (("events listing", index.url), ("day of action", day.url)):
            ms, queries, size_bytes = measure(url)
            rows.append((label, size, ms, queries, size_bytes))

    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, SQLite, "
        f"median of {args.repeat} renders"
    )
    print()
    print("| page | local actions | median ms | queries | HTML KiB |")
    print("|---|---:|---:|---:|---:|")
    for label, size, ms, queries, size_bytes in sorted(rows):
        print(f"| {label} | {size} | {ms:.1f} | {queries} | {size_bytes / 1024:.0f} |")


if __name__ == "__main__":
    main()

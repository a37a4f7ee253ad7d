"""Render time and query count of the member directory and of a statement with many endorsements.

Run from the repository root:  .venv/bin/python bench/members.py [--sizes 50 500 5000]

It builds a throwaway SQLite site in a temporary directory (nothing else is
touched), grows the directory and one statement's endorsements to each size,
and renders both pages several times with Django's test client, reporting the
median time and the number of SQL queries per render.
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": tempfile.mkdtemp(prefix="alliance-bench-"),
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

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from alliance.members.models import Endorsement, MemberDirectoryPage, MemberOrganization
    from alliance.newsroom.models import StatementPage

    directory = MemberDirectoryPage.objects.get()
    statement = StatementPage.objects.get(slug="ima-cpgsd-refugee-crisis")
    statement.endorsements_open = True
    statement.save_revision().publish()
    countries = ["HK", "MX", "GR", "KE", "AU", "LB", "US", "BD", "MM", "PH", "ID", "CA"]
    client = Client()

    def measure(url: str) -> tuple[float, int, int]:
        client.get(url)
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
    members = endorsements = 0
    for size in sorted(args.sizes):
        new = [
            MemberOrganization(
                name=f"Member organization {n}",
                slug=f"member-{n}",
                country=countries[n % len(countries)],
                city=f"City {n}",
                joined_on=dt.date(2020, 1, 1),
            )
            for n in range(members, size)
        ]
        MemberOrganization.objects.bulk_create(new, batch_size=500)
        members = size
        Endorsement.objects.bulk_create(
            [
                Endorsement(
                    statement=statement,
                    display_name=f"Signer {n}",
                    country=countries[n % len(countries)],
                    status="confirmed",
                    dedup_key=f"bench|{n}",
                )
                for n in range(endorsements, size)
            ],
            batch_size=500,
        )
        endorsements = size
        for label, url in (("member directory", directory.url), ("statement", statement.url)):
            ms, queries, size_bytes = measure(url)
            rows.append((label, size, ms, queries, size_bytes))

    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, SQLite, "
        f"median of {args.repeat} renders"
    )
    print()
    print("| page | members / endorsements | median ms | queries | HTML KiB |")
    print("|---|---:|---:|---:|---:|")
    for label, size, ms, queries, size_bytes in sorted(rows):
        print(f"| {label} | {size} | {ms:.1f} | {queries} | {size_bytes / 1024:.0f} |")


if __name__ == "__main__":
    main()

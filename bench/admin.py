"""Server time of the admin pages an editor uses, on a site made by bench/large_site.py.

Run from the repository root, e.g.:

    .venv/bin/python bench/admin.py --data-dir /tmp/alliance-100k
    .venv/bin/python bench/admin.py --data-dir /tmp/alliance-1k --data-dir /tmp/alliance-100k

For each data directory: the site's settings as `make run` reads them (DATA_DIR,
its secret key, DEBUG off, no DATABASE_URL or REDIS_URL), `migrate` (the site may
have been generated before the latest migrations), then a superuser
"bench-editor" with a confirmed second factor is created if missing, and signed
in the way the sign-in page leaves a session (the verified device in it).

Each page is requested once to warm up, then --repeat times through Django's test
client in this process: the time is the server's (routing, middleware, views,
templates, queries), without a network or a browser. The median and the
slowest of the repeats are printed, the median CPU time of this process (SQLite
runs in it too; on a busy machine the wall time is mostly waiting for a core), the
number of SQL queries and the load average (the machine is shared). The issue's
budget is 300 ms at 100,000 statements.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_MS = 300


def pages() -> list[tuple[str, str]]:
    """(label, URL) of each admin page measured, found in the generated site."""
    from django.urls import reverse
    from wagtail.models import Locale

    from alliance.events.models import EventPage
    from alliance.newsroom.models import StatementIndexPage, StatementPage

    english = Locale.get_default()
    index = StatementIndexPage.objects.get(locale=english)
    statement = StatementPage.objects.filter(locale=english).order_by("-date", "-pk").first()
    event = EventPage.objects.filter(locale=english).order_by("-pk").first()
    return [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer: statements index", reverse("wagtailadmin_explore", args=(index.pk,))),
        (
            "new statement",
            reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", index.pk)),
        ),
        ("edit statement", reverse("wagtailadmin_pages:edit", args=(statement.pk,))),
        ("edit event", reverse("wagtailadmin_pages:edit", args=(event.pk,))),
        ("snippets: topics", reverse("wagtailsnippets_newsroom_topic:list")),
        ("snippets: people", reverse("wagtailsnippets_newsroom_person:list")),
        ("snippets: regions", reverse("wagtailsnippets_members_region:list")),
        ("snippets: organizations", reverse("wagtailsnippets_members_memberorganization:list")),
        ("queue: applications", reverse("members_application_queue")),
        ("queue: endorsements", reverse("members_endorsement_queue")),
        ("queue: local actions", reverse("events_proposal_queue")),
    ]


def signed_in_client():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _created = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure(client, url: str, repeat: int) -> tuple[int, float, float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    times, cpu_times = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
    median_cpu = statistics.median(cpu_times)
    return response.status_code, statistics.median(times), max(times), median_cpu, len(captured)


def profile(client, label: str, url: str) -> None:
    """The slowest queries and the heaviest functions of one page, to see what to fix."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        profiler.enable()
        client.get(url)
        profiler.disable()
    print(f"\n{label} ({url}): {len(captured)} queries; slowest:")
    for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"  {float(query['time']) * 1000:8.1f} ms  {query['sql'][:400]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
        r"alliance/|wagtail/|django/(db|template)", 30
    )
    print(out.getvalue())


def run_one(data_dir: Path, repeat: int, profiled: list[str]) -> None:
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(data_dir),
            "SECRET_KEY": (data_dir / "secret_key").read_text().strip(),
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
        }
    )
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    from alliance.newsroom.models import StatementPage

    call_command("migrate", verbosity=0)
    client = signed_in_client()
    count = StatementPage.objects.count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{data_dir}: {count:,} statement pages; load average at start {load}\n")
    print(f"| page | status | median ms | slowest ms | CPU ms | queries | under {BUDGET_MS} ms |")
    print("|---|---:|---:|---:|---:|---:|---|")
    measured = pages()
    for label, url in measured:
        if profiled and label not in profiled:
            continue
        status, median, slowest, cpu, queries = measure(client, url, repeat)
        ok = "yes" if status == 200 and median < BUDGET_MS else "NO"
        print(
            f"| {label} | {status} | {median:.0f} | {slowest:.0f} | {cpu:.0f} | {queries} | {ok} |"
        )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average at end {load}")
    for label, url in measured:
        if label in profiled:
            profile(client, label, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, action="append", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--profile", action="append", default=[], help="a page's label: measure and profile it only"
    )
    args = parser.parse_args()
    if len(args.data_dir) == 1:
        run_one(args.data_dir[0].resolve(), args.repeat, args.profile)
        return
    # One process per site: Django is set up once per process.
    for data_dir in args.data_dir:
        command = [sys.executable, __file__, "--data-dir", str(data_dir), "--repeat"]
        subprocess.run([*command, str(args.repeat)], check=True)  # noqa: S603 - this script


if __name__ == "__main__":
    main()

"""One statement to 100,000 alert subscribers, into a local SMTP sink: mails per second.

Run from the repository root:

    .venv/bin/python bench/alerts.py --subscribers 100000

It builds a throwaway site in a new temporary directory (SQLite, as `make run`: `migrate`,
`load_demo`), writes the subscribers straight into the table (a tenth of them chose one
topic, the rest another; languages en, es and ar in turn), and starts an SMTP server
(aiosmtpd, in a process of its own so it does not share this one's interpreter lock) that
counts what it receives and throws it away. Then it publishes two statements, as an
editor would, and times each fan-out (``alliance.alerts.sending.fan_out``, what the task
worker runs) by itself:

- a small one, on the topic a tenth chose (subscribers/10 mails);
- the full one, on both topics (every subscriber).

For each it reports the mails the sink received, seconds, mails per second, the
database queries per mail (counted, not kept), and this process's resident memory
before and at its peak, sampled every half second. The statement is live in English,
Spanish and Arabic, so each subscriber gets their own language. The target (issue 20):
at least 200 mails per second on this 2-core machine, memory flat, queries per mail
constant.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from large_site import prepare_environment  # noqa: E402 (bench/ is the script's folder)


class Counting:
    """An aiosmtpd handler that accepts every mail, counts it and keeps nothing."""

    def __init__(self, received) -> None:
        self.received = received

    async def handle_DATA(self, server, session, envelope):
        with self.received.get_lock():
            self.received.value += 1
        return "250 OK"


def run_sink(port: int, received, ready, stop) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(Counting(received), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class PeakMemory:
    """This process's resident memory, sampled every half second while the block runs."""

    def __enter__(self) -> PeakMemory:
        self.before = self.peak = rss_kib()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, rss_kib())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kib())


def make_subscribers(count: int, few_topic, many_topic) -> None:
    from django.db import transaction
    from django.utils import timezone

    from alliance.alerts import tokens
    from alliance.alerts.models import Subscriber

    now = timezone.now()
    languages = ("en", "es", "ar")
    through = Subscriber.topics.through
    batch = 5000
    with transaction.atomic():
        for first in range(0, count, batch):
            rows = []
            for number in range(first, min(first + batch, count)):
                salt = tokens.new_salt()
                rows.append(
                    Subscriber(
                        email=f"reader{number}@example.net",
                        language=languages[number % 3],
                        link_salt=salt,
                        token_hash=tokens.fingerprint(tokens.manage_token(salt)),
                        confirmed_at=now,
                    )
                )
            created = Subscriber.objects.bulk_create(rows)
            links = [
                through(
                    subscriber_id=subscriber.pk,
                    topic_id=(few_topic if subscriber.pk % 10 == 0 else many_topic).pk,
                )
                for subscriber in created
            ]
            through.objects.bulk_create(links)


def publish_statement(title: str, topics: list):
    """A statement published by an editor, with its Spanish and Arabic translations."""
    from wagtail.models import Locale

    from alliance.alerts.models import Mailing
    from alliance.newsroom.models import StatementIndexPage, StatementPage

    index = StatementIndexPage.objects.filter(locale__language_code="en").first()
    page = StatementPage(title=title, summary="A statement for the alerts benchmark.")
    index.add_child(instance=page)
    page.topics.set(topics)
    page.save_revision().publish()
    for language in ("es", "ar"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        translation = page.copy_for_translation(locale, copy_parents=True)
        translation.title = f"{title} ({language})"
        translation.save_revision().publish()
    return Mailing.objects.get(translation_key=page.translation_key)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fan_out_measured(mailing, sink_pid: int) -> dict:
    from django.db import connection

    from alliance.alerts import sending

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with PeakMemory() as memory, connection.execute_wrapper(count):
        start, cpu, sink_cpu = time.perf_counter(), time.process_time(), cpu_seconds(sink_pid)
        sent = sending.fan_out(mailing.pk)
        seconds = time.perf_counter() - start
        cpu, sink_cpu = time.process_time() - cpu, cpu_seconds(sink_pid) - sink_cpu
    return {
        "sent": sent,
        "seconds": seconds,
        "rate": sent / seconds if seconds else 0.0,
        "cpu": cpu,
        "sink_cpu": sink_cpu,
        # Mails per second of the sender's own CPU time: what one free core would give it.
        "cpu_rate": sent / cpu if cpu else 0.0,
        "queries": queries,
        "per_mail": queries / sent if sent else 0.0,
        "rss_before_mib": memory.before / 1024,
        "rss_peak_mib": memory.peak / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument(
        "--data-dir", type=Path, help="a new, empty folder (default: a temporary one)"
    )
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="alliance-alerts-bench-"))
    prepare_environment(data_dir)
    os.environ.pop("DATABASE_URL", None)
    # Publishing only records the mailing; the fan-out is timed below, run here as the worker would.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["ALERTS_TRANSLATION_WAIT_MINUTES"] = "0"
    port = free_port()
    os.environ.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)})

    received = multiprocessing.Value("i", 0)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(port, received, ready, stop))
    sink.start()
    ready.wait(30)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from alliance.newsroom.models import Topic

    print(f"[alerts] site in {data_dir}; SMTP sink on port {port}", flush=True)
    print(f"[alerts] email backend: {settings.EMAIL_BACKEND}", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    few, _created = Topic.objects.get_or_create(slug="bench-few", defaults={"name": "Bench few"})
    many, _created = Topic.objects.get_or_create(slug="bench-many", defaults={"name": "Bench many"})
    start = time.perf_counter()
    make_subscribers(args.subscribers, few, many)
    print(f"[alerts] {args.subscribers} subscribers written in {time.perf_counter() - start:.1f} s")

    results = []
    for title, topics in (("Small fan-out", [few]), ("Full fan-out", [few, many])):
        mailing = publish_statement(title, topics)
        before = received.value
        result = fan_out_measured(mailing, sink.pid)
        result["received"] = received.value - before
        results.append((title, result))
        print(f"[alerts] {title}: {result}", flush=True)
    stop.set()
    sink.join(10)

    print()
    print(
        "| fan-out | mails received | seconds | mails/s | sender CPU s | mails per CPU s "
        "| sink CPU s | queries | queries/mail | RSS before → peak (MiB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for title, r in results:
        print(
            f"| {title} | {r['received']:,} | {r['seconds']:.1f} | {r['rate']:.0f} "
            f"| {r['cpu']:.1f} | {r['cpu_rate']:.0f} | {r['sink_cpu']:.1f} | {r['queries']:,} "
            f"| {r['per_mail']:.3f} | {r['rss_before_mib']:.0f} → {r['rss_peak_mib']:.0f} |"
        )
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()

"""One statement delivered to 10,000 fediverse followers on 2,000 shared inboxes.

Run from the repository root:  .venv/bin/python bench/federation.py
    [--followers 10000] [--inboxes 2000] [--fresh-connections]

It builds a throwaway SQLite site in a temporary directory (nothing else is
touched) with the demo content, adds the followers (five per shared inbox by
default), and runs the real fan-out (``alliance.federation.delivery.fan_out``)
of a Create for one demo statement: every delivery is signed (draft-cavage,
rsa-sha256) and posted over HTTP to a stub server on loopback, in a process of
its own, that answers 202 to any path (``/inbox/<n>``). It reports deliveries
per second, the peak of memory the fan-out allocated (tracemalloc) and the
process's resident peak, and the SQL queries per delivery.

The stub is one loopback server, so connections are kept alive between
deliveries (as they are to a server with many followers' shared inbox) unless
``--fresh-connections`` opens a new one for each delivery (many servers).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import secrets
import socket
import sys
import tempfile
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _serve(port: int) -> None:
    ThreadingHTTPServer(("127.0.0.1", port), _Stub).serve_forever()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _setup() -> None:
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": tempfile.mkdtemp(prefix="alliance-bench-"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "ALLOWED_HOSTS": "testserver",
            "FEDERATION_ALLOW_LOCAL": "true",
            "BASE_URL": "https://alliance.example.org",
        }
    )
    for name in ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _followers(port: int, followers: int, inboxes: int) -> None:
    from alliance.federation.models import Follower, Inbox

    Inbox.objects.bulk_create(
        [
            Inbox(url=f"http://127.0.0.1:{port}/inbox/{n}", domain=f"s{n}.test")
            for n in range(inboxes)
        ]
    )
    ids = list(Inbox.objects.order_by("pk").values_list("pk", flat=True))
    Follower.objects.bulk_create(
        [
            Follower(actor=f"https://s{n % inboxes}.test/users/u{n}", inbox_id=ids[n % inboxes])
            for n in range(followers)
        ],
        batch_size=2000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--inboxes", type=int, default=2_000)
    parser.add_argument("--fresh-connections", action="store_true")
    args = parser.parse_args()

    port = _free_port()
    stub = multiprocessing.Process(target=_serve, args=(port,), daemon=True)
    stub.start()
    _setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alliance.federation import announce, delivery, fetch
    from alliance.federation.models import Delivery, DeliveryStatus
    from alliance.newsroom.models import StatementPage

    _followers(port, args.followers, args.inboxes)
    statement = StatementPage.objects.live().order_by("pk").first()
    activity = announce.decide(statement.translation_key, "newsroom.statementpage")
    if args.fresh_connections:
        request = fetch.request
        fetch.request = lambda *a, pools=None, **k: request(*a, **k)  # no pool kept

    tracemalloc.start()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        sent = delivery.fan_out(activity.pk)
        elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stub.terminate()

    pending = Delivery.objects.exclude(status=DeliveryStatus.SENT).count()
    print(f"followers {args.followers}, shared inboxes {args.inboxes}")
    print(f"sent {sent}, not sent {pending}")
    print(f"payload {len(str(activity.payload))} characters")
    print(f"fan-out {elapsed:.2f} s, {sent / elapsed:.0f} deliveries/s")
    print(f"queries {len(captured)} in all, {len(captured) / max(sent, 1):.3f} per delivery")
    print(
        f"memory: fan-out peak {peak / 2**20:.1f} MiB (tracemalloc), "
        f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()

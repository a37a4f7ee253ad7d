"""What answering a stored page costs in process, through the front `make run` serves.

    .venv/bin/python bench/front.py --data-dir /tmp/speed/sqlite-1k

The RSGI application of ``alliance.server`` is called in this process with a request
for the statement, as granian would call it (a scope and a protocol object, the test
doubles of ``alliance/core/tests/test_rsgi.py``), once to store the page and then
``--requests`` times from the page cache. It prints the microseconds per answer, and
the same for the parts: the WSGI environ, the page cache's lookup, and the front's
call into the application's context. No server, no network: granian's own cost, and
wrk's, are what bench/floor.py adds (the cached statement against nginx).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "alliance" / "core" / "tests"))

STATEMENT = "/en/statements/trump-executive-orders/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=50_000)
    args = parser.parse_args()
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(args.data_dir),
            "SECRET_KEY": (args.data_dir / "secret_key").read_text().strip(),
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        os.environ.pop(name, None)

    import django

    django.setup()
    from test_rsgi import Protocol, Scope  # granian's scope and protocol, as the tests fake them

    from alliance.core.rsgi import wsgi_environ
    from alliance.server import application
    from alliance.wsgi import page_cache

    scope = Scope("GET", STATEMENT, headers=[("host", "127.0.0.1:8000"), ("accept", "*/*")])

    async def ask(times: int) -> Protocol:
        for _ in range(times):
            protocol = Protocol()
            await application.__rsgi__(scope, protocol)
        return protocol

    answer = asyncio.run(ask(3)).answer
    if answer[1].get("X-Page-Cache") != "hit":
        sys.exit(f"{STATEMENT} was not answered from the page cache: {answer[0]}")
    started = time.perf_counter()
    asyncio.run(ask(args.requests))
    whole = (time.perf_counter() - started) / args.requests * 1e6
    environ = wsgi_environ(scope, b"")
    parts = {
        "WSGI environ from the scope": lambda: wsgi_environ(scope, b""),
        "page cache lookup and answer": lambda: page_cache.stored_answer(dict(environ)),
        "front's call into its context": lambda: application._ask_front(dict(environ)),
    }
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"stored page through the RSGI front: {whole:.1f} µs an answer")
    for name, call in parts.items():
        each = timeit.timeit(call, number=args.requests) / args.requests * 1e6
        print(f"  {name}: {each:.1f} µs")


if __name__ == "__main__":
    main()

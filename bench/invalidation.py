"""A reader mix replayed across a publish: how much of the page cache a publish ends.

Run from the repository root, with a site made by bench/large_site.py (and
DATABASE_URL / REDIS_URL set for a PostgreSQL + Redis site, as bench/floor.py):

    .venv/bin/python bench/invalidation.py --data-dir /tmp/speed/sqlite-1k

It starts our server as `make run` does, and builds a reader mix from the
site: the home page, the statements and events listings (first pages), their
feeds, and --statements statements and --events events, the popular ones asked
for more often (a Zipf-like weight 1/rank). Readers send no cookie, so the
page cache serves what it holds. The mix is played once to fill the cache,
then replayed (the hit rate before), then one statement of the mix is
republished with a new title through Wagtail (``save_revision().publish()``,
in a separate process, as an editor's would be), and the same mix is replayed
(the hit rate after; the pages rendered again are named by kind).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor  # noqa: E402 (the sibling bench scripts)
import pages  # noqa: E402

ADDRESSES = """
import json
from alliance.events.models import EventPage
from alliance.newsroom.models import StatementPage
statements = StatementPage.objects.live().filter(locale__language_code="en").order_by("-date")
events = EventPage.objects.live().filter(locale__language_code="en").order_by("-start_date")
print(json.dumps({
    "statements": [p.url for p in statements[:%(statements)d]],
    "events": [p.url for p in events[:%(events)d]],
}))
"""

PUBLISH = """
from alliance.newsroom.models import StatementPage
page = StatementPage.objects.get(url_path__endswith="/%(slug)s/", locale__language_code="en")
page.title = page.title + " (updated)"
page.save_revision().publish()
"""


def manage_shell(code: str, data_dir: Path) -> str:
    return subprocess.run(  # noqa: S603
        [str(pages.BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=pages.ROOT,
        env=floor.our_environment(data_dir, 0),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def reader_mix(data_dir: Path, args) -> list[tuple[str, str]]:
    """(kind, path) of each request, in a fixed random order."""
    found = json.loads(
        manage_shell(ADDRESSES % {"statements": args.statements, "events": args.events}, data_dir)
        .strip()
        .splitlines()[-1]
    )
    kinds = [
        ("home", "/en/"),
        ("listing", "/en/statements/"),
        ("listing", "/en/statements/?page=2"),
        ("listing", "/en/events/"),
        ("feed", "/en/statements/feed/"),
        ("calendar", "/en/events/calendar.ics"),
    ]
    kinds += [("statement", url) for url in found["statements"]]
    kinds += [("event", url) for url in found["events"]]
    rng = random.Random(args.seed)  # noqa: S311 (a repeatable mix, not a secret)
    weights = [1 / rank for rank in range(1, len(kinds) + 1)]
    mix = rng.choices(kinds, weights=weights, k=args.requests)
    return list(dict.fromkeys(kinds)) + mix  # every address at least once


def play(port: int, mix: list[tuple[str, str]]) -> tuple[int, Counter]:
    """Hits, and the misses by kind."""
    connection = http.client.HTTPConnection(pages.HOST, port, timeout=60)
    hits, misses = 0, Counter()
    for kind, path in mix:
        connection.request("GET", path, headers={"Host": f"{pages.HOST}:{port}"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"{path}: {response.status}")
        if response.getheader("x-page-cache") == "hit":
            hits += 1
        else:
            misses[kind] += 1
    connection.close()
    return hits, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--port", type=int, default=8400)
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="alliance-invalidation-"))
    shutil.rmtree(data_dir / "cache" / "pages", ignore_errors=True)
    floor.empty_redis()
    mix = reader_mix(data_dir, args)
    published = next(path for kind, path in mix if kind == "statement")
    port = pages.free_port(args.port)
    workers = os.cpu_count() or 2
    server = floor.Served(
        "ours",
        pages.makefile_server_command(data_dir, port, workers),
        floor.our_environment(data_dir, port),
        pages.ROOT,
        {"home": "/en/"},
        tmp / "ours.log",
    )
    try:
        server.start()
        play(port, mix)  # fill
        before = play(port, mix)
        slug = published.rstrip("/").rsplit("/", 1)[1]
        manage_shell(PUBLISH % {"slug": slug}, data_dir)
        after = play(port, mix)
        again = play(port, mix)
    finally:
        server.stop()
    kind = "PostgreSQL + Redis" if os.environ.get("DATABASE_URL") else "SQLite, files"
    total = len(mix)
    distinct = len(set(mix))
    print(
        f"{kind}, `{data_dir}`: {total:,} requests over {distinct} addresses; "
        f"load {pages.loadavg()}"
    )
    print(f"republished: {published}")
    for name, (hits, misses) in (("before", before), ("after", after), ("replayed again", again)):
        detail = ", ".join(f"{k} {v}" for k, v in sorted(misses.items())) or "none"
        print(f"- {name}: hit rate {hits / total:.1%} ({hits:,} of {total:,}); misses: {detail}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

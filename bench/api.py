"""Time the read API's answers on a site built by bench/large_site.py, in process.

    .venv/bin/python bench/large_site.py --statements 100000 --data-dir /tmp/alliance-100k
    .venv/bin/python bench/api.py --data-dir /tmp/alliance-100k --requests 200

For each list (and a few filters) it reports the median and 95th percentile of:

- uncached: a full answer, every time a new content generation, so nothing the API or
  Wagtail keeps per generation helps (the restricted sections, the sites' root paths are
  still read as a running site would);
- revalidated: the same address with the ETag the client already has, answered 304 from
  the generation alone (the API's equivalent of a page cache hit).

The target in issue 21: uncached list p95 under 50 ms at 100,000 statements. Requests go
through Django's whole middleware stack with its test client, without a network or an
application server in between (bench/pages.py measures those).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADDRESSES = [
    "/api/v1/statements/",
    "/api/v1/statements/?locale=es",
    "/api/v1/statements/?topic=refugees",
    "/api/v1/statements/?date_from=2020-01-01&date_to=2020-12-31",
    "/api/v1/statements/?page=50",
    "/api/v1/events/",
    "/api/v1/events/?region=asia",
    "/api/v1/days-of-action/",
    "/api/v1/organizations/",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(client, address: str, requests: int, pages_changed) -> tuple[list, list, int]:
    uncached, revalidated = [], []
    status = 0
    for _ in range(requests):
        pages_changed()
        start = time.perf_counter()
        response = client.get(address)
        uncached.append(time.perf_counter() - start)
        status = response.status_code
        etag = response.get("ETag", "")
        start = time.perf_counter()
        client.get(address, headers={"if-none-match": etag})
        revalidated.append(time.perf_counter() - start)
    return uncached, revalidated, status


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
    from django.test import Client

    from alliance.core.pagecache import pages_changed

    client = Client(HTTP_HOST="localhost")
    print(f"{'address':60} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'304 p95':>8}")
    for address in ADDRESSES:
        client.get(address)  # the first answer of a process fills Wagtail's caches
        uncached, revalidated, status = measure(client, address, args.requests, pages_changed)
        print(
            f"{address:60} {status:>6} {statistics.median(uncached) * 1000:>8.1f} "
            f"{percentile(uncached, 0.95) * 1000:>8.1f} "
            f"{percentile(revalidated, 0.95) * 1000:>8.1f}"
        )


if __name__ == "__main__":
    main()

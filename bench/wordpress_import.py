"""Import speed and peak memory of the WordPress importer on a generated export.

Run from the repository root:
    .venv/bin/python bench/wordpress_import.py import 10000   # full import into a throwaway site
    .venv/bin/python bench/wordpress_import.py read 100000    # the streaming reader alone

``import`` imports the export into a fresh demo site, then imports the same file
again (every item unchanged), and prints a row for each: wall-clock and CPU
time, items per second by both, and the peak resident memory after each
(ru_maxrss, so the second row's peak covers both runs). The load average is
printed too: on a shared machine wall-clock time is the CPU time stretched by
the other processes. Each run is its own process. Nothing outside a temporary
directory is touched.
"""

from __future__ import annotations

import contextlib
import os
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://old.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>editor</wp:author_login>
<wp:author_display_name>Editor</wp:author_display_name></wp:author>
"""

BODY = (
    "<!-- wp:paragraph --><p>Migrant workers gathered in the square to demand their rights, "
    'with <strong>banners</strong> and <a href="https://old.example.org/2020/01/01/post-1/">'
    "a link to an earlier statement</a>.</p><!-- /wp:paragraph -->\n"
) * 4 + "<!-- wp:heading --><h2>Demands</h2><!-- /wp:heading --><ul><li>One</li><li>Two</li></ul>"


def write_export(path: Path, posts: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, posts + 1):
            day = 1 + n % 28
            out.write(
                f"<item><title>Statement number {n}</title>"
                f"<link>https://old.example.org/2020/01/{day:02d}/post-{n}/</link>"
                f"<dc:creator>editor</dc:creator>"
                f"<content:encoded><![CDATA[{BODY}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                f"<wp:post_date>2020-01-{day:02d} 10:00:00</wp:post_date>"
                f"<wp:post_date_gmt>2020-01-{day:02d} 02:00:00</wp:post_date_gmt>"
                f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
                f"<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
                f"<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                f'<category domain="category" nicename="news"><![CDATA[News]]></category>'
                f"</item>\n"
            )
        out.write("</channel></rss>\n")


HEADER = "| run | posts | export | items | wall | items/s | CPU | items/s (CPU) | baseline | peak |"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    mode, count = sys.argv[1], int(sys.argv[2])
    folder = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    export = folder / "export.xml"
    write_export(export, count)
    size_mib = export.stat().st_size / 2**20
    os.environ.update(
        {
            "ALLIANCE_DATA_DIR": str(folder / "data"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    before = peak_mib()
    print(HEADER)
    if mode == "read":
        from alliance.wordpress import wxr

        with timed("read", count, size_mib, before) as result:
            result["items"] = sum(1 for entry in wxr.read(export) if isinstance(entry, wxr.Item))
        return
    from django.core.management import call_command

    from alliance.wordpress.importer import wordpress_import

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    for run, outcome in (("fresh", "imported"), ("unchanged re-run", "unchanged")):
        with timed(run, count, size_mib, before) as result:
            report = wordpress_import(export)
            result["items"] = report.count(outcome)
        assert report.count("failed") == 0, report.lines[:3]
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())}, {os.cpu_count()} CPUs")


@contextlib.contextmanager
def timed(run: str, count: int, size_mib: float, before: float):
    result = {"items": 0}
    wall, cpu = time.perf_counter(), time.process_time()
    yield result
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    items = result["items"]
    print(
        f"| {run} | {count:,} | {size_mib:.1f} MiB | {items:,} | {wall:.1f} s | "
        f"{items / wall:,.0f} | {cpu:.1f} s | {items / cpu:,.0f} | {before:.0f} MiB | "
        f"{peak_mib():.0f} MiB |"
    )


if __name__ == "__main__":
    main()

"""Our uncached pages against the framework's floor, served side by side in the same run.

Run from the repository root, with a site made by bench/large_site.py:

    .venv/bin/python bench/floor.py --data-dir /tmp/speed/sqlite-1k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alliance_bench_1k \\
    REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/floor.py --data-dir /tmp/speed/pg-1k \\
        --floor-database postgres://postgres@127.0.0.1:5432/alliance_floor

The floor is the smallest Wagtail site that shows the same statement: a project
generated here into a temporary directory (one page type with a title and a
rich-text body, the settings and middleware of ``wagtail start``, DEBUG off),
holding the body of our statement rendered to HTML, on the same kind of
database (SQLite, or the PostgreSQL database given, emptied first). It is
served by granian with our Makefile's flags (workers, ``--no-ws``,
``--backpressure``) on its WSGI interface, Django being a WSGI application.

Ours is served as `make run` serves it (bench/pages.py reads the command from
the Makefile), with DATABASE_URL and REDIS_URL passed on when set (the Redis
database is emptied first: use a number of your own).

Each round measures, one after the other, with wrk on one connection (``-t1
-c1``, ``--latency``) and ``Cookie: messages=x`` so the page cache renders
every request: the floor's page, then each of our pages; then our cached
statement (``-t2 -c32``, no cookie) and the same HTML as a file from nginx.
``--rounds`` rounds (3 by default) give each figure as min / median / max,
and each ratio to the floor is taken within its round. The load average is
printed before each measurement (the machine is shared).

``--old-tree DIR`` adds, to each round, the same pages from another checkout
(a git worktree of an older commit) on a copy of the same site (or of
``--old-data-dir``, the same site made by that checkout's own large_site.py
when the schema has changed since), with that
checkout's own Makefile command, and ours again behind that same command: the
code and the server front can then be told apart.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402 (the sibling bench script: server, wrk, nginx)

ROOT = pages.ROOT
BIN = pages.BIN
STATEMENT = "/en/statements/trump-executive-orders/"
OURS = {
    "statement": STATEMENT,
    "listing": "/en/statements/",
    "event": "/en/events/info-session-un-high-level-dialogue-2016/",
    "home": "/en/",
    "search, common word": "/en/search/?q=refugees",
}
COOKIE = "Cookie: messages=x"

FLOOR_SETTINGS = """
from pathlib import Path
import dj_database_url
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "floor-only-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "floorpages",
    "wagtail.contrib.forms", "wagtail.contrib.redirects", "wagtail.embeds", "wagtail.sites",
    "wagtail.users", "wagtail.snippets", "wagtail.documents", "wagtail.images",
    "wagtail.search", "wagtail.admin", "wagtail", "modelcluster", "taggit",
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "floorsite.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [], "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
WSGI_APPLICATION = "floorsite.wsgi.application"
DATABASES = {"default": dj_database_url.parse(FLOOR_DATABASE)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "floor"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
"""

FLOOR_MODELS = """
from wagtail.fields import RichTextField
from wagtail.models import Page


class FloorPage(Page):
    body = RichTextField(blank=True)
"""

FLOOR_TEMPLATE = """{% load static wagtailcore_tags wagtailuserbar %}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
{% wagtailuserbar %}
<main>
<h1>{{ page.title }}</h1>
{{ page.body|richtext }}
</main>
</body>
</html>
"""

FLOOR_URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include(wagtail_urls))]
"""

FLOOR_WSGI = """
import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "floorsite.settings")
application = get_wsgi_application()
"""

FLOOR_PAGE = """
import json, os
from wagtail.models import Page, Site
from floorpages.models import FloorPage
data = json.load(open(os.environ["FLOOR_STATEMENT"]))
root = Page.get_first_root_node()
page = root.add_child(instance=FloorPage(title=data["title"], slug="statement", body=data["body"]))
site = Site.objects.get(is_default_site=True)
site.root_page = page
site.save()
"""

MANAGE = "import sys; from django.core.management import execute_from_command_line; " + (
    "execute_from_command_line(sys.argv)"
)

# Printed by our project: the statement's title and its body as HTML.
OUR_STATEMENT = """
import json
from alliance.newsroom.models import StatementPage
page = StatementPage.objects.get(slug="trump-executive-orders", locale__language_code="en")
print(json.dumps({"title": page.title, "body": str(page.body)}))
"""


def our_environment(data_dir: Path, port: int) -> dict[str, str]:
    """As bench/pages.py, but DATABASE_URL and REDIS_URL are kept when set."""
    return pages.server_environment(data_dir, port, services=True)


empty_redis = pages.empty_redis


def build_floor(tmp: Path, data_dir: Path, database: str) -> Path:
    """Write the floor project, migrate it and give it our statement's title and body."""
    project = tmp / "floor"
    (project / "floorsite").mkdir(parents=True)
    (project / "floorpages" / "migrations").mkdir(parents=True)
    (project / "floorpages" / "templates" / "floorpages").mkdir(parents=True)
    (project / "floorsite" / "__init__.py").write_text("")
    (project / "floorsite" / "settings.py").write_text(
        f"FLOOR_DATABASE = {database!r}\n" + FLOOR_SETTINGS
    )
    (project / "floorsite" / "urls.py").write_text(FLOOR_URLS)
    (project / "floorsite" / "wsgi.py").write_text(FLOOR_WSGI)
    (project / "floorpages" / "__init__.py").write_text("")
    (project / "floorpages" / "migrations" / "__init__.py").write_text("")
    (project / "floorpages" / "models.py").write_text(FLOOR_MODELS)
    (project / "floorpages" / "templates" / "floorpages" / "floor_page.html").write_text(
        FLOOR_TEMPLATE
    )
    if database.startswith("postgres"):
        name = database.rsplit("/", 1)[1]
        admin = database.rsplit("/", 1)[0] + "/test"
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", admin, "-q", "-c", sql], check=True, capture_output=True)  # noqa: S603, S607
    env = floor_environment()
    manage = [str(BIN / "python"), "-c", MANAGE]
    for args in (["makemigrations", "floorpages"], ["migrate", "--noinput"]):
        subprocess.run([*manage, *args], cwd=project, env=env, check=True, capture_output=True)  # noqa: S603
    statement = (
        subprocess.run(  # noqa: S603
            [str(BIN / "python"), "manage.py", "shell", "-c", OUR_STATEMENT],
            cwd=ROOT,
            env=our_environment(data_dir, 0),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    (tmp / "statement.json").write_text(statement)
    subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", FLOOR_PAGE],
        cwd=project,
        env={**env, "FLOOR_STATEMENT": str(tmp / "statement.json")},
        check=True,
        capture_output=True,
    )
    return project


def floor_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "floorsite.settings"
    env["PYTHONPATH"] = "."
    return env


def floor_command(port: int, workers: int) -> list[str]:
    """Our Makefile's granian flags, on the WSGI interface with the floor's application."""
    ours = pages.makefile_server_command(Path("/nonexistent"), port, workers)
    flags = ours[ours.index("--host") :]
    return [str(BIN / "granian"), "--interface", "wsgi", "floorsite.wsgi:application", *flags]


def old_tree_command(tree: Path, data_dir: Path, port: int, workers: int) -> list[str]:
    """The granian command of another checkout's Makefile (its own flags)."""
    saved = pages.ROOT
    pages.ROOT = tree
    try:
        return pages.makefile_server_command(data_dir, port, workers)
    finally:
        pages.ROOT = saved


class Served(pages.Server):
    """A server started in ``cwd`` (first on its import path), and the pages measured on it."""

    def __init__(self, name, command, env, cwd, targets, logfile):
        super().__init__(command, {**env, "PYTHONPATH": str(cwd)}, int(env["PORT"]), logfile)
        self.name, self.targets, self.cwd = name, targets, cwd

    def start(self) -> None:
        pages.log(f"starting {self.name}: {shlex.join(self.command)}")
        self.process = subprocess.Popen(  # noqa: S603 (fixed commands on 127.0.0.1)
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self.logfile.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        first = next(iter(self.targets.values()))
        for _ in range(240):
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited; see {self.logfile}")
            if pages.curl(f"http://{pages.HOST}:{self.port}{first}", timeout=5)[0] == 200:
                return
            time.sleep(0.5)
        sys.exit(f"{self.name} did not answer; see {self.logfile}")


def measure(url: str, lua: Path, args, *headers: str, connections: int = 1) -> dict:
    load = pages.loadavg()
    result = pages.wrk(url, lua, min(2, connections), connections, args.duration, "30s", *headers)
    result.pop("raw", None)
    result["load"] = load
    return result


def run_rounds(servers: list[Served], args, lua: Path, tmp: Path) -> list[dict]:
    rounds = []
    for number in range(args.rounds):
        found: dict[str, dict] = {}
        for served in servers:
            base = f"http://{pages.HOST}:{served.port}"
            for label, path in served.targets.items():
                key = f"{served.name}: {label}"
                pages.log(f"round {number + 1}: {key}")
                for _ in range(3):  # warm: the first renders fill per-process caches
                    pages.curl(base + path, "-H", COOKIE)
                found[key] = measure(base + path, lua, args, COOKIE)
                if found[key]["non_2xx"] or found[key]["socket_errors"]:
                    pages.log(f"{key}: errors {found[key]}")
        ours = servers[0]
        base = f"http://{pages.HOST}:{ours.port}"
        pages.curl(base + STATEMENT)
        pages.curl(base + STATEMENT)
        found["ours: statement, cached"] = measure(
            base + STATEMENT, lua, args, connections=args.cached_connections
        )
        html = subprocess.run(["curl", "-s", base + STATEMENT], capture_output=True, text=True)  # noqa: S603, S607
        found["nginx: the same HTML as a file"] = pages.nginx_ceiling(
            html.stdout, lua, tmp / f"nginx-{number}", args
        )
        found["nginx: the same HTML as a file"].pop("raw", None)
        rounds.append(found)
    return rounds


def spread(values: list[float], digits: int = 1) -> str:
    return " / ".join(
        f"{v:.{digits}f}" if v < 100 else f"{v:,.0f}"
        for v in (min(values), statistics.median(values), max(values))
    )


def report(rounds: list[dict], floor_key: str, title: str) -> str:
    lines = [
        f"#### {title}",
        "",
        "min / median / max of the rounds; latency from wrk on one connection "
        "(rendered: `Cookie: messages=x`), cached and nginx -t2 -c32",
        "",
        "| page | p50 ms | p95 ms | requests/s | p50 ÷ floor's p50 "
        "| load avg before (each round) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key in rounds[0]:
        p50 = [r[key]["p50_us"] / 1000 for r in rounds]
        p95 = [r[key]["p95_us"] / 1000 for r in rounds]
        rps = [r[key]["rps"] for r in rounds]
        ratio = [r[key]["p50_us"] / r[floor_key]["p50_us"] for r in rounds]
        shown_ratio = "–" if "cached" in key or "nginx" in key else spread(ratio)
        loads = "; ".join(r[key]["load"] for r in rounds)
        lines.append(
            f"| {key} | {spread(p50)} | {spread(p95)} | {spread(rps)} | {shown_ratio} | {loads} |"
        )
    cached = [
        r["ours: statement, cached"]["rps"] / r["nginx: the same HTML as a file"]["rps"]
        for r in rounds
    ]
    lines += ["", f"- cached statement ÷ nginx, each round: {spread(cached, 2)}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--floor-database", default="", help="PostgreSQL URL (default SQLite)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="8s")
    parser.add_argument("--cached-connections", type=int, default=32)
    parser.add_argument("--wrk-timeout", default="30s")
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument("--old-tree", type=Path, help="another checkout, e.g. of 95685c7")
    parser.add_argument(
        "--old-data-dir",
        type=Path,
        help="the site the old checkout serves, made by its own large_site.py with the same "
        "arguments (default: a copy of --data-dir, which needs the same schema)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="alliance-floor-"))
    tmp.chmod(0o755)  # nginx's workers (an unprivileged user) read the statement below it
    lua = tmp / "report.lua"
    lua.write_text(pages.WRK_LUA)
    header = pages.machine()
    pages.log(header)
    database = args.floor_database or f"sqlite:///{tmp / 'floor.sqlite3'}"
    project = build_floor(tmp, data_dir, database)
    workers = os.cpu_count() or 2
    shutil.rmtree(data_dir / "cache" / "pages", ignore_errors=True)
    empty_redis()

    facts_file = data_dir / "bench_site.json"
    facts = json.loads(facts_file.read_text()) if facts_file.exists() else {}
    rare = facts.get("rare search word", "Kalumbo")
    port = pages.free_port(args.port)
    servers = [
        Served(
            "ours",
            pages.makefile_server_command(data_dir, port, workers),
            our_environment(data_dir, port),
            ROOT,
            {**OURS, f"search, rare word ({rare})": f"/en/search/?q={rare}"},
            tmp / "ours.log",
        )
    ]
    port = pages.free_port(port + 1)
    floor_env = {**floor_environment(), "PORT": str(port)}
    servers.append(
        Served(
            "floor",
            floor_command(port, workers),
            floor_env,
            project,
            {"statement": "/"},
            tmp / "floor.log",
        )
    )
    if args.old_tree:
        copy = tmp / "old-data"
        source = (args.old_data_dir or data_dir).resolve()
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("cache"))
        wanted = {k: OURS[k] for k in ("statement", "listing", "event", "home")}
        for name, tree, site in (
            ("old code, old command", args.old_tree, copy),
            ("new code, old command", args.old_tree, data_dir),
        ):
            port = pages.free_port(port + 1)
            command = old_tree_command(tree, site, port, workers)
            cwd = args.old_tree if name.startswith("old code") else ROOT
            servers.append(
                Served(
                    name, command, our_environment(site, port), cwd, wanted, tmp / f"{name[:3]}.log"
                )
            )
    try:
        for served in servers:
            served.start()
        rounds = run_rounds(servers, args, lua, tmp)
    finally:
        for served in servers:
            served.stop()
    kind = "PostgreSQL + Redis" if os.environ.get("DATABASE_URL") else "SQLite, files"
    print(header)
    print(f"load average at the end: {pages.loadavg()}")
    print("commands:")
    for served in servers:
        print(f"- {served.name} (in {served.cwd}): `{shlex.join(served.command)}`")
    print()
    print(report(rounds, "floor: statement", f"{kind}, `{data_dir}`"))
    if args.json:
        args.json.write_text(json.dumps({"machine": header, "rounds": rounds}, indent=2))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

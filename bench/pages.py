"""Pages under load: the production server on sites of different sizes, and nginx as the ceiling.

Run from the repository root, with sites made by bench/large_site.py:

    .venv/bin/python bench/pages.py --data-dir /tmp/alliance-1k --data-dir /tmp/alliance-100k

For each data directory it starts the server exactly as `make run` does (the
granian command is read from the Makefile's `run` recipe: same flags, same
environment: ALLIANCE_DATA_DIR, HOST, PORT, SECRET_KEY from DATA_DIR/secret_key,
DEBUG unset), after the same preparation (migrate, load_demo, collectstatic;
all no-ops on a generated site but collectstatic's check). DATABASE_URL and
REDIS_URL are removed from the environment: the site's own SQLite file and the
on-disk caches are used, and nobody else's database is touched. With
``--services`` they are kept instead (PostgreSQL and Redis, the scale-out path):
give one --data-dir, the site large_site.py made with that DATABASE_URL; the
Redis database is emptied first, so use a number of your own:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alliance_bench_100k \
    REDIS_URL=redis://127.0.0.1:6379/7 \
        .venv/bin/python bench/pages.py --services --data-dir /tmp/speed/pg-100k

For each page it measures with wrk (`-t2`, a fixed duration, `--latency`, and a
Lua `done` hook for p95):

- cached: a reader without cookies, answered by the page cache
  (alliance/core/pagecache/) in front of Django; the page is requested once
  first, and the `x-page-cache: hit` header is checked before and after the run;
- uncached: the same with `Cookie: messages=x`, which the page cache does not
  serve from its store (checked: no hit header), so Django renders every request;
  one connection by default, so latency is what one render costs.

Then it saves the statement's HTML to a file, serves it with nginx (a minimal
config in a temp dir, `worker_processes 2`, foreground, on another port) and
measures that as the ceiling. It prints one Markdown table per site, the
cached-statement / nginx ratio, the statement's weight on the wire (HTML, CSS,
JS fetched with `curl --compressed`), each granian worker's VmRSS after the run,
and the load average (other people use this machine).

The page cache directory (DATA_DIR/cache/pages) is emptied before the server starts.
A page that does not answer a first request within --first-request-timeout
seconds is reported as such and not measured, and the server is restarted
(its workers would still be busy with it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"

WRK_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,' ..
    '"mean_us":%.1f,"max_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""

NGINX_CONF = """
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {tmp}/client_body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen {host}:{port};
    root {tmp}/www;
    location / {{ }}
  }}
}}
"""


def log(message: str) -> None:
    print(f"[pages] {message}", file=sys.stderr, flush=True)


def free_port(start: int) -> int:
    for port in range(start, start + 200):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    sys.exit("no free port")


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- the server, as `make run` starts it ------------------------------------------------


def makefile_server_command(data_dir: Path, port: int, workers: int) -> list[str]:
    """The granian command of the Makefile's `run` recipe, with its variables filled in."""
    text = (ROOT / "Makefile").read_text()
    match = re.search(r"^\s*(?:exec )?\$\(BIN\)/granian (.*?)(?<!\\)\n", text, re.S | re.M)
    if not match:
        sys.exit("Could not find the granian command in the Makefile's run recipe.")
    command = "$(BIN)/granian " + match.group(1).replace("\\\n", " ")
    values = {
        "$(BIN)": str(BIN),
        "$(HOST)": HOST,
        "$(PORT)": str(port),
        "$(WORKERS)": str(workers),
        "$(ALLIANCE_DATA_DIR)": str(data_dir),
    }
    for name, value in values.items():
        command = command.replace(name, value)
    if "$(" in command:
        sys.exit(f"Unknown Makefile variable in: {command}")
    return shlex.split(command)


SERVICES = ("DATABASE_URL", "REDIS_URL")


def server_environment(data_dir: Path, port: int, services: bool = False) -> dict[str, str]:
    """What `make run` would have: the site's data directory, and PostgreSQL and Redis only
    when ``services`` (from this process's DATABASE_URL and REDIS_URL)."""
    env = dict(os.environ)
    dropped = (
        ("DEBUG", "DJANGO_SETTINGS_MODULE")
        if services
        else (*SERVICES, "DEBUG", "DJANGO_SETTINGS_MODULE")
    )
    for name in dropped:
        env.pop(name, None)
    env.update(
        {
            "ALLIANCE_DATA_DIR": str(data_dir),
            "HOST": HOST,
            "PORT": str(port),
            "SECRET_KEY": (data_dir / "secret_key").read_text().strip(),
        }
    )
    return env


def empty_redis() -> None:
    """Empty the Redis database of REDIS_URL, if set: stored pages must not decide the run."""
    url = os.environ.get("REDIS_URL")
    if url:
        subprocess.run(["redis-cli", "-u", url, "flushdb"], check=True, capture_output=True)  # noqa: S603, S607


def prepare(data_dir: Path, env: dict[str, str]) -> None:
    """What `make run` does before it starts the server."""
    for args in (
        ["manage.py", "migrate", "--noinput"],
        ["manage.py", "load_demo"],
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
    ):
        subprocess.run(  # noqa: S603, S607 (fixed commands on 127.0.0.1)
            [str(BIN / "python"), *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    (data_dir / "media" / "images").mkdir(parents=True, exist_ok=True)


class Server:
    def __init__(self, command: list[str], env: dict[str, str], port: int, logfile: Path) -> None:
        self.command, self.env, self.port, self.logfile = command, env, port, logfile
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log(f"starting: {shlex.join(self.command)}")
        self.process = subprocess.Popen(  # noqa: S603, S607 (fixed commands on 127.0.0.1)
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.logfile.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped together, and only it
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the server exited; see {self.logfile}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/robots.txt", timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        sys.exit(f"the server did not answer within 120 s; see {self.logfile}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        pgid = self.process.pid
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def workers_rss(self) -> list[tuple[int, int]]:
        """(pid, VmRSS KiB) of each process below the granian master."""
        if self.process is None:
            return []
        master = self.process.pid
        children: dict[int, list[int]] = {}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":\t", 1)
                    for line in status.read_text().splitlines()
                    if ":\t" in line
                )
            except OSError:
                continue
            children.setdefault(int(fields["PPid"]), []).append(int(fields["Pid"]))
        found, todo = [], list(children.get(master, []))
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            found.append(pid)
        result = []
        for pid in sorted(found):
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
            if rss:
                result.append((pid, int(rss.group(1))))
        return result


# --- measuring -------------------------------------------------------------------------


def curl(url: str, *extra: str, timeout: float = 60) -> tuple[int, dict[str, str], float, int]:
    """(status, headers, seconds, size_download); headers lower-cased."""
    with tempfile.NamedTemporaryFile() as head:
        result = subprocess.run(  # noqa: S603, S607 (fixed commands on 127.0.0.1)
            [  # noqa: S607 (curl from PATH, like the other bench scripts)
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-D",
                head.name,
                "--max-time",
                str(timeout),
                "-w",
                "%{http_code} %{time_total} %{size_download}",
                *extra,
                url,
            ],
            capture_output=True,
            text=True,
        )
        headers = {}
        for line in Path(head.name).read_text(errors="replace").splitlines()[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
    parts = result.stdout.split()
    if result.returncode or len(parts) != 3:
        return 0, headers, float(timeout), 0
    return int(parts[0]), headers, float(parts[1]), int(parts[2])


def wrk(
    url: str, lua: Path, threads: int, connections: int, duration: str, timeout: str, *headers: str
) -> dict:
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}",
        "--latency",
        f"--timeout={timeout}",
        "-s",
        str(lua),
    ]
    for header in headers:
        args += ["-H", header]
    result = subprocess.run([*args, url], capture_output=True, text=True, check=True)  # noqa: S603, S607
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON "))
    data = json.loads(line[5:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["non_2xx"] = data["status"]
    data["socket_errors"] = data["connect"] + data["read"] + data["write"] + data["timeout"]
    data["raw"] = result.stdout
    return data


def measure_site(data_dir: Path, args, lua: Path, tmp: Path) -> dict:
    facts_file = data_dir / "bench_site.json"
    facts = json.loads(facts_file.read_text()) if facts_file.exists() else {}
    port = free_port(args.port)
    env = server_environment(data_dir, port, args.services)
    if args.services:
        empty_redis()
    workers = os.cpu_count() or 2  # the Makefile's WORKERS: $(nproc)
    command = makefile_server_command(data_dir, port, workers)
    if not args.skip_prepare:
        log(f"{data_dir}: migrate, load_demo, collectstatic (as make run does)")
        prepare(data_dir, env)
    # The page cache starts empty: stored pages from an earlier run (or written by an
    # earlier version of the cache backend) must not decide what is measured.
    pages_cache = data_dir / "cache" / "pages"
    if pages_cache.is_dir():
        shutil.rmtree(pages_cache)
    server = Server(command, env, port, tmp / f"granian-{data_dir.name}.log")
    server.start()
    last_rss: list[tuple[int, int]] = []
    peak_rss = 0
    base = f"http://{HOST}:{port}"
    rare = facts.get("rare search word", "Kalumbo")
    pages = [
        ("home", "/en/"),
        ("statement", "/en/statements/trump-executive-orders/"),
        ("statements listing", "/en/statements/"),
        ("event", "/en/events/info-session-un-high-level-dialogue-2016/"),
        ("day of action", "/en/events/international-migrants-day-example/"),
        (f"search, rare word ({rare})", f"/en/search/?q={rare}"),
        ("search, common word (refugees)", "/en/search/?q=refugees"),
    ]
    rows = []
    try:
        for label, path in pages:
            url = base + path
            for mode in ("cached", "uncached"):
                cookie = () if mode == "cached" else ("Cookie: messages=x",)
                curl_cookie = () if mode == "cached" else ("-H", "Cookie: messages=x")
                load_before = loadavg()
                status, headers, seconds, _size = curl(
                    url, *curl_cookie, timeout=args.first_request_timeout
                )
                row = {
                    "page": label,
                    "path": path,
                    "mode": mode,
                    "first_ms": seconds * 1000,
                    "load": load_before,
                }
                if status != 200:
                    row["error"] = (
                        f"first request took over {args.first_request_timeout:.0f} s"
                        if status == 0
                        else f"status {status}"
                    )
                    log(f"{label} {mode}: {row['error']}; restarting the server")
                    rows.append(row)
                    server.restart()
                    continue
                status, headers, _s, _size = curl(
                    url, *curl_cookie, timeout=args.first_request_timeout
                )
                hit_before = headers.get("x-page-cache") == "hit"
                if (mode == "cached") != hit_before:
                    row["warning"] = f"x-page-cache before the run: {headers.get('x-page-cache')!r}"
                connections = (
                    args.cached_connections if mode == "cached" else args.uncached_connections
                )
                log(f"{label} {mode}: wrk -c{connections} {args.duration} {path}")
                threads = min(2, connections)  # wrk needs a connection per thread
                result = wrk(
                    url, lua, threads, connections, args.duration, args.wrk_timeout, *cookie
                )
                _st, headers_after, _s, _size = curl(
                    url, *curl_cookie, timeout=args.first_request_timeout
                )
                hit_after = headers_after.get("x-page-cache") == "hit"
                if (mode == "cached") != hit_after:
                    row["warning"] = (
                        row.get("warning", "")
                        + f" x-page-cache after: {headers_after.get('x-page-cache')!r}"
                    ).strip()
                row.update(result)
                row["hit_checked"] = (mode == "cached") == hit_before == hit_after
                row["load_after"] = loadavg()
                rows.append(row)
                last_rss = server.workers_rss()
                peak_rss = max([peak_rss, *(kib for _pid, kib in last_rss)])
                (tmp / f"wrk-{data_dir.name}-{len(rows)}.txt").write_text(result["raw"])

        # The statement's weight on the wire, as a browser fetches it (gzip/brotli allowed).
        statement_url = base + "/en/statements/trump-executive-orders/"
        weight = {}
        # Stored pages expire (PAGE_CACHE_SECONDS): ask once so the next answer is a stored one.
        html = subprocess.run(["curl", "-s", statement_url], capture_output=True, text=True).stdout  # noqa: S603, S607
        _st, headers, _s, weight["html"] = curl(statement_url, "--compressed")
        weight["html_from_cache"] = headers.get("x-page-cache") == "hit"
        weight["html_encoding"] = headers.get("content-encoding", "none")
        _st, headers, _s, weight["html_rendered"] = curl(
            statement_url, "--compressed", "-H", "Cookie: messages=x"
        )
        weight["html_rendered_encoding"] = headers.get("content-encoding", "none")
        weight["html_uncompressed"] = len(html.encode())
        css = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
        js = re.findall(r'<script[^>]+src="([^"]+)"', html)
        weight["css"] = sum(curl(base + href, "--compressed")[3] for href in css)
        weight["js"] = sum(curl(base + src, "--compressed")[3] for src in js)
        weight["files"] = [*css, *js]
        weight["total"] = weight["html"] + weight["css"] + weight["js"]

        # The ceiling: the same HTML as a file served by nginx.
        nginx_result = nginx_ceiling(html, lua, tmp, args)
    finally:
        server.stop()
    return {
        "data_dir": str(data_dir),
        "facts": facts,
        "rows": rows,
        "weight": weight,
        "rss": last_rss,
        "peak_rss": peak_rss,
        "nginx": nginx_result,
        "command": shlex.join(command),
    }


def nginx_ceiling(html: str, lua: Path, tmp: Path, args) -> dict:
    root = tmp / "nginx"
    (root / "www").mkdir(parents=True, exist_ok=True)
    (root / "www" / "statement.html").write_text(html)
    # nginx's workers run as an unprivileged user when started as root: let them read.
    for path in (tmp, root, root / "www"):
        path.chmod(0o755)
    (root / "www" / "statement.html").chmod(0o644)
    port = free_port(args.port + 100)
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=root, host=HOST, port=port))
    process = subprocess.Popen(  # noqa: S603, S607 (fixed commands on 127.0.0.1)
        ["/usr/sbin/nginx", "-p", str(root), "-e", str(root / "nginx-error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://{HOST}:{port}/statement.html"
        for _ in range(100):
            if curl(url, timeout=2)[0] == 200:
                break
            time.sleep(0.1)
        else:
            sys.exit(f"nginx did not start; see {root / 'nginx-error.log'}")
        load_before = loadavg()
        log(f"nginx: wrk -c{args.cached_connections} {args.duration} {url}")
        result = wrk(url, lua, 2, args.cached_connections, args.duration, args.wrk_timeout)
        result["load"] = load_before
        result["load_after"] = loadavg()
        return result
    finally:
        os.killpg(process.pid, signal.SIGQUIT)  # graceful stop of the master and its workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- report ----------------------------------------------------------------------------


def rate(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 100 else f"{rps:.1f}"


def ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def report(site: dict, args) -> str:
    facts = site["facts"]
    lines = []
    en = facts.get("statements (en)")
    title = f"{en:,} statements" if isinstance(en, int) else site["data_dir"]
    extra = ", ".join(
        f"{facts[k]:,} {k}"
        for k in ("events", "member organizations", "endorsements")
        if isinstance(facts.get(k), int)
    )
    translated = sum(
        v for k, v in facts.items() if k.startswith("statements (") and k != "statements (en)"
    )
    services = "PostgreSQL + Redis" if args.services else "SQLite, caches on disk"
    lines.append(
        f"### {title} ({translated:,} translations, {extra}), {services} — `{site['data_dir']}`"
    )
    lines.append("")
    lines.append(
        f"wrk -d{args.duration} --latency; cached: -t2 -c{args.cached_connections}, no cookie; "
        f"uncached: -t{min(2, args.uncached_connections)} -c{args.uncached_connections}, "
        f"`Cookie: messages=x`; timeout {args.wrk_timeout}"
    )
    lines.append("")
    lines.append(
        "| page | mode | requests/s | p50 ms | p95 ms | p99 ms | errors | first request ms "
        "| load avg (1/5/15) before |"
    )
    lines.append("|---|---|---:|---:|---:|---:|---|---:|---|")
    for row in site["rows"]:
        if "error" in row:
            lines.append(
                f"| {row['page']} | {row['mode']} | – | – | – | – | {row['error']} | "
                f"{row['first_ms']:.0f} | {row['load']} |"
            )
            continue
        errors = []
        if row["non_2xx"]:
            errors.append(f"{row['non_2xx']} non-2xx")
        if row["socket_errors"]:
            errors.append(f"{row['socket_errors']} socket/timeouts")
        if not row["hit_checked"]:
            errors.append(
                "not served by the page cache (no `x-page-cache: hit`): every request rendered"
                if row["mode"] == "cached"
                else "page-cache check failed: " + row.get("warning", "")
            )
        lines.append(
            f"| {row['page']} | {row['mode']} | {rate(row['rps'])} | {ms(row['p50_us'])} "
            f"| {ms(row['p95_us'])} | {ms(row['p99_us'])} | {', '.join(errors) or '0'} "
            f"| {row['first_ms']:.0f} | {row['load']} |"
        )
    ng = site["nginx"]
    lines.append(
        f"| statement HTML as a file | nginx | {ng['rps']:,.0f} | {ms(ng['p50_us'])} "
        f"| {ms(ng['p95_us'])} | "
        f"{ms(ng['p99_us'])} | {ng['non_2xx'] + ng['socket_errors'] or 0} | – | {ng['load']} |"
    )
    lines.append("")
    cached = next(
        (
            r
            for r in site["rows"]
            if r["page"] == "statement" and r["mode"] == "cached" and "rps" in r
        ),
        None,
    )
    if cached:
        lines.append(
            f"- cached statement / nginx: {cached['rps']:,.0f} / {ng['rps']:,.0f} "
            f"= **{cached['rps'] / ng['rps']:.2f}**"
        )
    w = site["weight"]
    source = "from the page cache" if w["html_from_cache"] else "NOT from the page cache"
    lines.append(
        f"- statement on the wire (`curl --compressed`): HTML {w['html'] / 1024:.1f} KiB "
        f"({source}, content-encoding {w['html_encoding']}; "
        f"{w['html_uncompressed'] / 1024:.1f} KiB "
        f"uncompressed) + CSS {w['css'] / 1024:.1f} KiB + JS {w['js'] / 1024:.1f} KiB = "
        f"**{w['total'] / 1024:.1f} KiB** ({', '.join(w['files']) or 'no files'}); "
        f"the same HTML rendered by Django (a miss, or a reader with a cookie): "
        f"{w['html_rendered'] / 1024:.1f} KiB, content-encoding {w['html_rendered_encoding']}"
    )
    rss = ", ".join(f"{kib / 1024:.0f} MiB" for _pid, kib in site["rss"])
    lines.append(
        f"- granian workers' VmRSS after the last measured page: {rss} "
        f"(highest seen after any page: {site['peak_rss'] / 1024:.0f} MiB)"
    )
    lines.append(f"- server command: `{site['command']}`")
    return "\n".join(lines)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )

    def version(cmd: list[str]) -> str:
        out = subprocess.run(cmd, capture_output=True, text=True)  # noqa: S603, S607
        return (out.stdout + out.stderr).strip().splitlines()[0]

    python = version([str(BIN / "python"), "--version"])
    granian = version([str(BIN / "granian"), "--version"])
    wrk_version = version(["wrk", "-v"]).split(" [")[0]
    nginx = version(["/usr/sbin/nginx", "-v"]).replace("nginx version: ", "")
    mem = next(
        line
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; nproc {os.cpu_count()}, {model}, "
        f"{int(mem.split()[1]) // 1024 // 1024} GiB RAM; {python}, {granian}, {wrk_version}, "
        f"nginx {nginx}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        action="append",
        required=True,
        help="a site made by bench/large_site.py (repeatable)",
    )
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--cached-connections", type=int, default=32)
    parser.add_argument(
        "--uncached-connections",
        type=int,
        default=1,
        help="default 1: latency is then one request's service time; with more, "
        "connections can queue on one worker (granian keeps a connection on the worker "
        "that accepted it) and wrk competes for the same two cores",
    )
    parser.add_argument("--wrk-timeout", default="30s")
    parser.add_argument("--first-request-timeout", type=float, default=120)
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument(
        "--skip-prepare", action="store_true", help="skip migrate/load_demo/collectstatic"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--services",
        action="store_true",
        help="keep DATABASE_URL and REDIS_URL (PostgreSQL and Redis) for the one --data-dir",
    )
    args = parser.parse_args()
    if args.services and (len(args.data_dir) != 1 or not os.environ.get("DATABASE_URL")):
        sys.exit("--services measures one site, on the DATABASE_URL (and REDIS_URL) it was made on")

    for tool in ("wrk", "curl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    tmp = Path(tempfile.mkdtemp(prefix="alliance-pages-"))
    lua = tmp / "report.lua"
    lua.write_text(WRK_LUA)
    header = machine()
    log(header)
    sites = []
    for data_dir in args.data_dir:
        data_dir = data_dir.resolve()
        if not (data_dir / "secret_key").exists():
            sys.exit(f"{data_dir} has no secret_key: make it with bench/large_site.py")
        sites.append(measure_site(data_dir, args, lua, tmp))
    print(header)
    print(f"load average at the end: {loadavg()}")
    print()
    for site in sites:
        print(report(site, args))
        print()
    if args.json:
        for site in sites:
            for row in site["rows"]:
                row.pop("raw", None)
            site["nginx"].pop("raw", None)
        args.json.write_text(json.dumps({"machine": header, "sites": sites}, indent=2, default=str))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Slow request bodies and a burst of readers against the server `make run` starts.

Run from the repository root:

    .venv/bin/python bench/slow_clients.py                      # a throwaway site in /tmp
    .venv/bin/python bench/slow_clients.py --data-dir /tmp/site --slow 200 --rounds 5

It starts the server with the granian command of the Makefile's `run` recipe (or of the
Makefile given with --makefile, e.g. an older one from `git show`), on 127.0.0.1 only, then:

1. fetches /en/contact/ once for a CSRF cookie and token;
2. opens --slow connections that each `POST /en/contact/` with `Content-Length: 100000` and
   send one byte every --trickle seconds (the probe of issue 16), and notes when and how each
   one is answered (a status, or the connection closed);
3. after --settle seconds, sends --rounds bursts of --burst concurrent readers, each asking
   for the home page, the contact page and a stylesheet, each with a --reader-timeout;
4. prints the readers served (200 within their timeout), their latencies, and what became of
   the slow clients. The exit status is 1 if any reader was not served.

Everything is bounded: every socket has a timeout, the run stops after --time-limit seconds,
and the server (its own process group) is stopped on exit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"  # never anything else: this script only talks to this machine


def log(message: str) -> None:
    print(f"[slow] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def makefile_command(makefile: Path, data_dir: Path, port: int, workers: int) -> list[str]:
    """The granian command of the Makefile's `run` recipe, with its variables filled in."""
    text = makefile.read_text()
    match = re.search(r"^\s*(?:exec )?\$\(BIN\)/granian (.*?)(?<!\\)\n", text, re.S | re.M)
    if not match:
        sys.exit(f"Could not find the granian command in {makefile}'s run recipe.")
    command = "$(BIN)/granian " + match.group(1).replace("\\\n", " ")
    for name, value in {
        "$(BIN)": str(BIN),
        "$(HOST)": HOST,
        "$(PORT)": str(port),
        "$(WORKERS)": str(workers),
        "$(ALLIANCE_DATA_DIR)": str(data_dir),
    }.items():
        command = command.replace(name, value)
    if "$(" in command:
        sys.exit(f"Unknown Makefile variable in: {command}")
    return shlex.split(command)


def site_environment(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(os.urandom(32).hex())
        key_file.chmod(0o600)
    env.update(
        ALLIANCE_DATA_DIR=str(data_dir),
        HOST=HOST,
        PORT=str(port),
        SECRET_KEY=key_file.read_text().strip(),
    )
    return env


def prepare(env: dict[str, str]) -> None:
    """What `make run` does before it starts the server."""
    for args in (
        ["migrate", "--noinput"],
        ["load_demo"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    ):
        subprocess.run(  # noqa: S603 (our interpreter, fixed commands)
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    Path(env["ALLIANCE_DATA_DIR"], "media", "images").mkdir(parents=True, exist_ok=True)


class Server:
    def __init__(self, command: list[str], env: dict[str, str], port: int, logfile: Path):
        self.command, self.env, self.port, self.logfile = command, env, port, logfile
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log(f"starting: {shlex.join(self.command)}")
        self.process = subprocess.Popen(  # noqa: S603 (the Makefile's command, on 127.0.0.1)
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
                    return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        sys.exit(f"the server did not answer within 120 s; see {self.logfile}")

    def __exit__(self, *exc) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


def contact_form(port: int) -> tuple[str, str, str]:
    """(cookie header, csrf token, a stylesheet's path) from the contact page."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"http://{HOST}:{port}/en/contact/", timeout=30) as response:
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if not token or "csrftoken" not in cookie or not stylesheet:
        sys.exit("the contact page has no CSRF token, cookie or stylesheet")
    return cookie, token.group(1), stylesheet.group(1)


async def slow_client(port: int, cookie: str, trickle: float, stop: asyncio.Event, outcome: dict):
    """POST with Content-Length 100000, one byte every `trickle` seconds, until answered."""
    opened = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
    except (OSError, TimeoutError):
        outcome["result"] = "not connected"
        return
    head = (
        "POST /en/contact/ HTTP/1.1\r\n"
        f"Host: {HOST}:{port}\r\n"
        f"Cookie: {cookie}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 100000\r\n\r\n"
    )
    answer = asyncio.ensure_future(reader.readline())
    try:
        writer.write(head.encode())
        await writer.drain()
        while not stop.is_set():
            done, _ = await asyncio.wait({answer}, timeout=trickle)
            if done:
                line = answer.result().decode(errors="replace").split()
                outcome["result"] = line[1] if len(line) > 1 else "closed"
                outcome["after"] = time.monotonic() - opened
                return
            writer.write(b"a")
            await writer.drain()
        outcome["result"] = "still open"
    except OSError:
        outcome["result"] = "closed"
        outcome["after"] = time.monotonic() - opened
    finally:
        answer.cancel()
        writer.close()


async def reader_get(port: int, path: str, timeout: float) -> float | None:
    """Seconds to a complete 200 answer, or None (timeout, error, other status)."""
    started = time.monotonic()

    async def get() -> bool:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n"
            writer.write(request.encode())
            await writer.drain()
            data = await reader.read()
            return data.startswith(b"HTTP/1.1 200")
        finally:
            writer.close()

    try:
        ok = await asyncio.wait_for(get(), timeout)
    except (OSError, TimeoutError):
        return None
    return time.monotonic() - started if ok else None


async def run(args, port: int, cookie: str, stylesheet: str) -> dict:
    stop = asyncio.Event()
    outcomes = [{} for _ in range(args.slow)]
    slow = [
        asyncio.ensure_future(slow_client(port, cookie, args.trickle, stop, outcome))
        for outcome in outcomes
    ]
    await asyncio.sleep(args.settle)
    paths = ["/en/", "/en/contact/", stylesheet]
    readers: dict[str, list[float | None]] = {path: [] for path in paths}
    for _ in range(args.rounds):
        batch = [
            (path, asyncio.ensure_future(reader_get(port, path, args.reader_timeout)))
            for _ in range(args.burst)
            for path in paths
        ]
        for path, future in batch:
            readers[path].append(await future)
        await asyncio.sleep(args.pause)
    # Let the slow clients run to the end of the window, then close them.
    remaining = args.time_limit - (args.settle + args.rounds * (args.pause + args.reader_timeout))
    if remaining > 0:
        done = asyncio.gather(*slow)
        try:
            await asyncio.wait_for(asyncio.shield(done), remaining)
        except TimeoutError:
            pass
    stop.set()
    await asyncio.gather(*slow, return_exceptions=True)
    return {"readers": readers, "slow": outcomes}


def report(result: dict, args, command: list[str]) -> bool:
    print(f"server: {shlex.join(command)}")
    print(
        f"slow clients: {args.slow} (Content-Length 100000, one byte every {args.trickle} s); "
        f"readers: {args.rounds} bursts of {args.burst} per path, timeout {args.reader_timeout} s"
    )
    print()
    print("| path | readers | served | p50 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    all_served = True
    for path, times in result["readers"].items():
        served = [t for t in times if t is not None]
        all_served &= len(served) == len(times)
        p50 = f"{statistics.median(served) * 1000:.0f}" if served else "-"
        worst = f"{max(served) * 1000:.0f}" if served else "-"
        print(f"| {path} | {len(times)} | {len(served)} | {p50} | {worst} |")
    print()
    results = Counter(outcome.get("result", "?") for outcome in result["slow"])
    afters = [o["after"] for o in result["slow"] if "after" in o]
    when = f", answered after {min(afters):.1f}–{max(afters):.1f} s" if afters else ""
    print(f"slow clients: {dict(results)}{when}")
    return all_served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="a site made by make run or large_site.py")
    parser.add_argument("--makefile", type=Path, default=ROOT / "Makefile")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--trickle", type=float, default=2.0)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--burst", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--reader-timeout", type=float, default=10.0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="alliance-slow-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "site"
        port = free_port()
        env = site_environment(data_dir, port)
        if args.data_dir is None:
            log(f"building a throwaway site in {data_dir}")
            prepare(env)
        command = makefile_command(args.makefile, data_dir, port, args.workers)
        with Server(command, env, port, Path(tmp) / "server.log"):
            cookie, _token, stylesheet = contact_form(port)
            result = asyncio.run(run(args, port, cookie, stylesheet))
        ok = report(result, args, command)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

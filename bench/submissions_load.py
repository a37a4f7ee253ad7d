"""Many concurrent RSVPs and endorsements against the real server: nothing accepted is lost.

Run from the repository root:

    .venv/bin/python bench/submissions_load.py [--rsvps 400] [--endorsements 400]
        [--concurrency 32] [--time-limit 120] [--replays 20] [--duplicates 20]

What it does:

1. Builds a throwaway site in a temporary ALLIANCE_DATA_DIR (SQLite there, or the
   database of DATABASE_URL when it is set: give it an empty database), runs
   ``migrate``, ``load_demo`` and ``collectstatic``, then with ``manage.py shell -c``
   adds two upcoming events taking RSVPs, each with a capacity below the places that
   will be asked for: one with a waiting list (replies beyond capacity wait), one
   without (they are refused as full), and opens one statement for public endorsement.
2. Starts the production server as ``make run`` does (granian, same flags, one worker
   per core, ``--blocking-threads 1``), with ``FORM_RATE_LIMIT=1000000/3600`` because
   every request comes from one address, and waits until it answers.
3. Each submission is one client with its own cookie jar: it GETs the form page
   (CSRF cookie, signed form token). All forms are fetched first, then the script
   sleeps once until every token is more than 3 s old, then all POSTs go out in a
   random order from a pool of ``--concurrency`` threads. No POST is started after
   ``--time-limit`` seconds; each request times out after ``--request-timeout``.
   Besides the distinct submissions, ``--replays`` RSVP forms are sent a second time
   (same cookie, same token: the nonce must refuse one of the two) and
   ``--duplicates`` endorsements sign for an organization already signing (the
   duplicate check must refuse one of the two).
   Answers are classified: accepted (an RSVP's redirect to its private link, whose
   page then says "confirmed" or "waiting list"; an endorsement's "check your e-mail"
   page), rejected (a 4xx whose page shows an error text, counted by that text), or
   failed (5xx, timeout, connection error, 4xx without a message, anything else).
4. Stops the server and reads the database: RSVP rows by status, confirmed places
   against the RsvpTally row and the capacity, endorsement rows. An accepted answer
   whose row is missing is *lost*; a row no accepted answer accounts for is a
   *phantom*. RSVP rows are matched exactly by the private link's fingerprint,
   endorsements by the signing organization.
5. Prints one table and exits 1 if anything was lost, phantom or failed, or a check
   (tally, capacity, shown status, replay refused) did not hold.

Everything it starts is stopped and the temporary directory removed at the end.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures as cf
import datetime as dt
import hashlib
import html
import http.cookiejar
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"  # never anything else: the load only goes to this machine
TOKEN_MIN_AGE = 3.0  # alliance.core.spam.MIN_SECONDS_TO_FILL
MARKER = "BENCH_JSON "

# -- code run inside the project with `manage.py shell -c` --------------------------

SETUP_CODE = r"""
import datetime as dt, json, os
from django.utils import timezone
from wagtail.models import Locale
from alliance.events.models import EventIndexPage, EventPage
from alliance.members.models import Endorsement
from alliance.newsroom.models import StatementPage

params = json.loads(os.environ["BENCH_PARAMS"])
en = Locale.objects.get(language_code="en")
index = EventIndexPage.objects.get(locale=en)
day = timezone.localdate() + dt.timedelta(days=30)
events = {}
for key, waiting_list in (("waiting-list", True), ("no-waiting-list", False)):
    event = EventPage(
        title=f"Load test forum ({key})",
        slug=f"load-test-{key}",
        kind="forum",
        summary="A throwaway event for bench/submissions_load.py.",
        start_date=day,
        start_time=dt.time(18, 0),
        end_time=dt.time(20, 0),
        time_zone="UTC",
        venue_name="Load test hall",
        city="Geneva",
        country="CH",
        rsvp_enabled=True,
        capacity=params["capacity"][key],
        waiting_list=waiting_list,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.rsvps_open(), key
    events[key] = {"id": event.pk, "url": event.url, "capacity": event.capacity,
                   "waiting_list": event.waiting_list}
statement = StatementPage.objects.get(locale=en, slug="ima-cpgsd-refugee-crisis")
statement.endorsements_open = True
statement.endorsements_close_on = None
statement.save_revision().publish()
statement.refresh_from_db()
assert statement.accepts_endorsements()
print("BENCH_JSON " + json.dumps({
    "events": events,
    "statement": {"id": statement.pk, "url": statement.url,
                  "endorse_url": f"/en/endorse/{statement.pk}/"},
    "baseline_endorsements": list(
        Endorsement.objects.filter(statement=statement).values_list("pk", flat=True)),
}))
"""

COUNT_CODE = r"""
import json, os
from alliance.events.models import EventPage, Rsvp, RsvpTally
from alliance.members.models import Endorsement

setup = json.loads(os.environ["BENCH_PARAMS"])
out = {"events": {}, "endorsements": []}
for key, info in setup["events"].items():
    event = EventPage.objects.get(pk=info["id"])
    tally = RsvpTally.objects.filter(event=event).values_list("confirmed_seats", flat=True).first()
    out["events"][key] = {
        "capacity": event.capacity,
        "tally": tally,
        "rows": list(Rsvp.objects.filter(event=event).values(
            "token_hash", "status", "party_size", "name")),
    }
out["endorsements"] = list(
    Endorsement.objects.filter(statement_id=setup["statement"]["id"])
    .exclude(pk__in=setup["baseline_endorsements"])
    .values("display_name", "country", "status", "email", "signer_name")
)
print("BENCH_JSON " + json.dumps(out, default=str))
"""


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def manage(env: dict, *args: str, params: dict | None = None) -> str:
    run_env = dict(env)
    if params is not None:
        run_env["BENCH_PARAMS"] = json.dumps(params)
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"manage.py {args[0]} failed ({done.returncode})")
    return done.stdout


def shell_json(env: dict, code: str, params: dict) -> dict:
    out = manage(env, "shell", "-c", code, params=params)
    for line in out.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise SystemExit(f"no result from manage.py shell:\n{out[-2000:]}")


def free_port(start: int) -> int:
    for port in range(start, start + 200):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port")


# -- the server ----------------------------------------------------------------------


class Server:
    """granian as `make run` starts it, in its own process group."""

    def __init__(self, env: dict, data_dir: Path, port: int, log_path: Path) -> None:
        self.port = port
        self.log_path = log_path
        workers = str(os.cpu_count() or 2)  # the Makefile's WORKERS ?= $(nproc)
        media_images = data_dir / "media" / "images"
        media_images.mkdir(parents=True, exist_ok=True)
        self.command = [
            str(BIN / "granian"), "--interface", "wsgi", "alliance.wsgi:application",
            "--host", HOST, "--port", str(port), "--workers", workers, "--blocking-threads", "1",
            "--static-path-route", "/media/images", "--static-path-mount", str(media_images),
            "--static-path-expires", "86400",
        ]  # fmt: skip
        self._log = open(log_path, "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 (the Makefile's command)
            self.command,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, path: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        url = f"http://{HOST}:{self.port}{path}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited ({self.process.returncode}), see {self.log_path}")
            try:
                with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                    url, timeout=5
                ) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"server did not answer {url} within {seconds:.0f} s")

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server's processes (its own process group)."""
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.process.pid:  # pgrp
                total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self._log.close()


# -- one submission --------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 302 itself is the answer to classify


@dataclass
class Submission:
    kind: str  # "rsvp" or "endorsement"
    number: int
    path: str
    fields: dict
    event: str = ""  # which event, for RSVPs
    replay_of: Submission | None = None
    opener: urllib.request.OpenerDirector | None = None
    # filled in along the way
    form_error: str = ""
    post_fields: dict = field(default_factory=dict)
    sent: bool = False
    status: int | None = None
    latency: float | None = None
    outcome: str = ""  # accepted / rejected / failed / not sent
    reason: str = ""
    rsvp_token: str = ""
    shown_status: str = ""
    follow_error: str = ""
    started: float = 0.0
    ended: float = 0.0


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        _NoRedirect(),
    )


def _request(opener, url: str, data: dict | None, timeout: float) -> tuple[int, object, str]:
    """Status, headers (case-insensitive: granian sends them in lower case) and body."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)  # noqa: S310 (http://127.0.0.1 only)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx, 5xx
        text = answer.read().decode("utf-8", "replace") if answer.fp else ""
        return answer.code, answer.headers, text


def _hidden(page: str, name: str) -> str:
    for tag in re.findall(r"<input\b[^>]*>", page):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            if value:
                return html.unescape(value.group(1))
    return ""


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def error_text(page: str) -> str:
    """The error a person would read on a refused form, or ''."""
    found = [_text(m) for m in re.findall(r'<div class="errors"[^>]*>(.*?)</div>', page, re.S)]
    found += [_text(m) for m in re.findall(r'<p class="error"[^>]*>(.*?)</p>', page, re.S)]
    if not found:  # e.g. Django's CSRF failure page: its heading and first paragraph
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        para = re.search(r"<p[^>]*>(.*?)</p>", page, re.S)
        found = [_text(m.group(1)) for m in (heading, para) if m]
    return " / ".join(part for part in found if part)


def fetch_form(sub: Submission, base: str, timeout: float) -> None:
    sub.opener = _opener()
    try:
        status, _headers, page = _request(sub.opener, base + sub.path, None, timeout)
    except (OSError, urllib.error.URLError) as error:
        sub.form_error = f"GET form: {type(error).__name__}: {error}"
        return
    csrf, token = _hidden(page, "csrfmiddlewaretoken"), _hidden(page, "token")
    if status != 200 or not csrf or not token:
        missing = [name for name, value in (("csrf", csrf), ("token", token)) if not value]
        sub.form_error = f"GET form: HTTP {status}, missing {missing}"
        return
    sub.post_fields = {"csrfmiddlewaretoken": csrf, "token": token, "fax": "", **sub.fields}


def post(sub: Submission, base: str, deadline: float, timeout: float) -> None:
    if sub.replay_of is not None:
        original = sub.replay_of
        sub.opener, sub.post_fields, sub.form_error = (
            original.opener,
            dict(original.post_fields),
            original.form_error,
        )
    if sub.form_error:
        sub.outcome, sub.reason = "not sent", "form not fetched"
        return
    if time.monotonic() > deadline:
        sub.outcome, sub.reason = "not sent", "time limit"
        return
    sub.sent = True
    sub.started = time.monotonic()
    try:
        status, headers, page = _request(sub.opener, base + sub.path, sub.post_fields, timeout)
    except (OSError, urllib.error.URLError) as error:
        sub.ended = time.monotonic()
        reason = getattr(error, "reason", error)
        sub.outcome, sub.reason = "failed", f"{type(reason).__name__}: {reason}"[:120]
        return
    sub.ended = time.monotonic()
    sub.latency = sub.ended - sub.started
    sub.status = status
    location = headers.get("Location", "")
    if status >= 500:
        sub.outcome, sub.reason = "failed", f"HTTP {status}"
    elif sub.kind == "rsvp" and status == 302 and "/rsvp/" in location:
        match = re.search(r"/rsvp/([^/]+)/\?new=1$", location)
        if not match:
            sub.outcome, sub.reason = "failed", f"302 to an odd private link {location!r}"
            return
        sub.outcome, sub.rsvp_token = "accepted", match.group(1)
        # What the person sees next: their private page, confirmed or waiting.
        try:
            f_status, _h, f_page = _request(
                sub.opener, urllib.parse.urljoin(base + sub.path, location), None, timeout
            )
        except (OSError, urllib.error.URLError) as error:
            sub.follow_error = f"{type(error).__name__}"
            return
        if f_status != 200:
            sub.follow_error = f"HTTP {f_status}"
        elif "status-confirmed" in f_page:
            sub.shown_status = "confirmed"
        elif "status-waitlisted" in f_page:
            sub.shown_status = "waitlisted"
        else:
            sub.follow_error = "no status on the private page"
    elif sub.kind == "endorsement" and status == 200 and 'role="status"' in page:
        sub.outcome = "accepted"
        shown = re.search(r'<p role="status">(.*?)</p>', page, re.S)
        sub.shown_status = _text(shown.group(1))[:60] if shown else ""
    elif 400 <= status < 500:
        text = error_text(page)
        if text:
            sub.outcome, sub.reason = "rejected", f"{status}: {re.sub(r'[0-9]+', 'N', text)}"
        else:
            sub.outcome, sub.reason = "failed", f"HTTP {status} without a message"
    else:
        sub.outcome, sub.reason = "failed", f"unexpected HTTP {status} {location}".strip()


# -- the run ---------------------------------------------------------------------------


def build_submissions(args, setup: dict, rng: random.Random) -> list[Submission]:
    subs: list[Submission] = []
    keys = list(setup["events"])
    for n in range(args.rsvps):
        key = keys[n % len(keys)]
        subs.append(
            Submission(
                "rsvp",
                n,
                setup["events"][key]["url"],
                {"name": f"Load guest {n}", "party_size": str(args.party_sizes[n])},
                event=key,
            )
        )
    countries = ["PH", "HK", "MX", "KE", "ID", "US", "CA", "GR", "LB", "BD", "AU", "NP"]
    for n in range(args.endorsements):
        subs.append(
            Submission(
                "endorsement",
                n,
                setup["statement"]["endorse_url"],
                {
                    "name": f"Signer {n}",
                    "organization": f"Load test group {n}",
                    "country": countries[n % len(countries)],
                    "email": f"signer{n}@example.org",
                },
            )
        )
    # Signing again for an organization that already signs (same name and country).
    for d in range(min(args.duplicates, args.endorsements)):
        n = d * max(1, args.endorsements // max(1, args.duplicates))
        subs.append(
            Submission(
                "endorsement",
                args.endorsements + d,
                setup["statement"]["endorse_url"],
                {
                    "name": f"Another signer {n}",
                    "organization": f"Load test group {n}",
                    "country": countries[n % len(countries)],
                    "email": f"again{n}@example.org",
                },
            )
        )
    rsvps = [s for s in subs if s.kind == "rsvp"]
    for r, original in enumerate(rng.sample(rsvps, min(args.replays, len(rsvps)))):
        subs.append(
            Submission(
                "rsvp",
                args.rsvps + r,
                original.path,
                original.fields,
                event=original.event,
                replay_of=original,
            )
        )
    return subs


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rsvps", type=int, default=400)
    parser.add_argument("--endorsements", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--time-limit", type=float, default=120, help="seconds for the POSTs")
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--replays", type=int, default=20, help="RSVP forms sent twice")
    parser.add_argument("--duplicates", type=int, default=20, help="second signatures")
    parser.add_argument("--port", type=int, default=8111, help="first port to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and log")
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 (a load pattern, not a secret)
    args.party_sizes = [rng.choice([1, 1, 1, 2, 2, 3, 4]) for _ in range(args.rsvps)]

    # Places asked per event; each capacity is 40 % of them, so both events fill up.
    asked = {"waiting-list": 0, "no-waiting-list": 0}
    for n, size in enumerate(args.party_sizes):
        asked[list(asked)[n % 2]] += size
    capacity = {key: max(1, int(places * 0.4)) for key, places in asked.items()}

    tmp = Path(tempfile.mkdtemp(prefix="alliance-load-"))
    data_dir = tmp / "data"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "FORM_RATE_LIMIT", "DEBUG", "HTTPS", "ALLIANCE_DATA_DIR")
    }
    database = os.environ.get("DATABASE_URL", "")
    env.update(
        {
            "ALLIANCE_DATA_DIR": str(data_dir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "HTTPS": "false",
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "HOST": HOST,
        }
    )
    db_label = (
        "PostgreSQL " + urllib.parse.urlsplit(database).path.lstrip("/") if database else "SQLite"
    )
    server = None
    started_at = dt.datetime.now(dt.UTC)
    load_start = os.getloadavg()
    try:
        log(f"throwaway site in {tmp} ({db_label})")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "-v0")
        setup = shell_json(env, SETUP_CODE, {"capacity": capacity})
        for key, info in setup["events"].items():
            log(
                f"event {key}: {info['url']} capacity {info['capacity']}, places asked {asked[key]}"
            )
        log(f"endorse: {setup['statement']['endorse_url']} (statement {setup['statement']['url']})")

        port = free_port(args.port)
        server_env = dict(env, PORT=str(port), FORM_RATE_LIMIT="1000000/3600")
        server = Server(server_env, data_dir, port, tmp / "server.log")
        log("server: " + " ".join(server.command))
        server.wait_ready(setup["events"]["waiting-list"]["url"])
        base = f"http://{HOST}:{port}"

        subs = build_submissions(args, setup, rng)
        originals = [s for s in subs if s.replay_of is None]
        log(f"fetching {len(originals)} forms with {args.concurrency} clients")
        t0 = time.monotonic()
        with cf.ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(lambda s: fetch_form(s, base, args.request_timeout), originals))
        fetched = time.monotonic()
        form_failures = collections.Counter(s.form_error for s in originals if s.form_error)
        log(f"forms fetched in {fetched - t0:.1f} s; failures: {dict(form_failures) or 0}")
        time.sleep(TOKEN_MIN_AGE + 0.5)  # the newest token is now old enough

        # A random order, each replay right behind its original so that the two
        # are taken up by two clients at nearly the same moment.
        replays = {id(s.replay_of): s for s in subs if s.replay_of is not None}
        rng.shuffle(originals)
        subs = []
        for sub in originals:
            subs += [sub, replays[id(sub)]] if id(sub) in replays else [sub]
        log(f"posting {len(subs)} submissions with {args.concurrency} clients")
        cpu_before, client_before = server.cpu_seconds(), os.times()
        post_start = time.monotonic()
        deadline = post_start + args.time_limit
        with cf.ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(lambda s: post(s, base, deadline, args.request_timeout), subs))
        post_end = time.monotonic()
        client_after = os.times()
        server_cpu = server.cpu_seconds() - cpu_before
        client_cpu = (client_after.user - client_before.user) + (
            client_after.system - client_before.system
        )
        log(
            f"CPU while posting: server {server_cpu:.1f} s, this client {client_cpu:.1f} s, "
            f"in {post_end - post_start:.1f} s on {os.cpu_count()} cores"
        )
        log(f"posts done in {post_end - post_start:.1f} s; stopping the server")
        load_end = os.getloadavg()
    finally:
        if server is not None:
            server.stop()

    try:
        db = shell_json(env, COUNT_CODE, setup)
        server_log = (tmp / "server.log").read_text(errors="replace")
        ok = report(args, subs, setup, db, asked, server_log, post_start, post_end, fetched - t0)
        wall, cores = post_end - post_start, os.cpu_count() or 1
        print(
            f"- CPU while posting: server processes {server_cpu:.1f} s, load generator "
            f"{client_cpu:.1f} s, over {wall:.1f} s wall on {cores} cores "
            f"(the server had {server_cpu / (wall * cores):.0%} of the machine)"
        )
        print()
        print(
            f"Run: {started_at:%Y-%m-%d %H:%M} UTC, {db_label}, nproc {os.cpu_count()}, "
            f"Python {sys.version.split()[0]}, {granian_version()}, "
            f"load average before {load_start[0]:.2f}, after {load_end[0]:.2f}"
        )
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


def granian_version() -> str:
    try:
        out = subprocess.run(  # noqa: S603
            [str(BIN / "granian"), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return "granian ?"
    return out or "granian ?"


def report(args, subs, setup, db, asked, server_log, post_start, post_end, fetch_seconds) -> bool:
    problems: list[str] = []
    sent = [s for s in subs if s.sent]
    held = [s for s in sent if s.status is not None]
    outcome = collections.Counter(s.outcome for s in subs)
    rejected = collections.Counter(s.reason for s in subs if s.outcome == "rejected")
    failed = collections.Counter(s.reason for s in subs if s.outcome == "failed")
    not_sent = collections.Counter(s.reason for s in subs if s.outcome == "not sent")
    latencies = [s.latency for s in held if s.latency is not None]
    first = min((s.started for s in sent), default=post_start)
    last = max((s.ended for s in sent), default=post_end)
    rate = len(held) / (last - first) if last > first else float("nan")

    # RSVPs: accepted answers against stored rows, matched by the private link's fingerprint.
    accepted_rsvps = {
        hashlib.sha256(s.rsvp_token.encode()).hexdigest(): s
        for s in subs
        if s.kind == "rsvp" and s.outcome == "accepted"
    }
    rows = {row["token_hash"]: (key, row) for key, ev in db["events"].items() for row in ev["rows"]}
    rsvp_lost = [h for h in accepted_rsvps if h not in rows]
    rsvp_phantom = [h for h in rows if h not in accepted_rsvps]
    shown_wrong = [
        (s.shown_status, rows[h][1]["status"])
        for h, s in accepted_rsvps.items()
        if h in rows and s.shown_status and s.shown_status != rows[h][1]["status"]
    ]
    follow_errors = collections.Counter(
        s.follow_error for s in accepted_rsvps.values() if s.follow_error
    )
    event_lines = []
    for key, ev in db["events"].items():
        by_status = collections.Counter(row["status"] for row in ev["rows"])
        confirmed_places = sum(r["party_size"] for r in ev["rows"] if r["status"] == "confirmed")
        tally = ev["tally"] or 0
        answers = collections.Counter(
            s.shown_status or "?" for s in accepted_rsvps.values() if s.event == key
        )
        refused = sum(
            1 for s in subs if s.kind == "rsvp" and s.event == key and s.outcome == "rejected"
        )
        event_lines.append(
            f"{key}: capacity {ev['capacity']}, places asked {asked[key]}, rows {dict(by_status)}, "
            f"confirmed places {confirmed_places}, tally {tally}; answers shown {dict(answers)}, "
            f"refused {refused}"
        )
        if tally != confirmed_places:
            problems.append(f"{key}: tally {tally} != confirmed places {confirmed_places}")
        if ev["capacity"] is not None and confirmed_places > ev["capacity"]:
            problems.append(
                f"{key}: {confirmed_places} confirmed places > capacity {ev['capacity']}"
            )
        if not setup["events"][key]["waiting_list"] and by_status.get("waitlisted"):
            problems.append(f"{key}: waiting list rows on an event without a waiting list")
    if shown_wrong:
        problems.append(f"{len(shown_wrong)} private pages show another status than stored")

    # Replays: the same RSVP form twice must be accepted at most once.
    replay_double = sum(
        1
        for s in subs
        if s.replay_of is not None and s.outcome == "accepted" and s.replay_of.outcome == "accepted"
    )
    if replay_double:
        problems.append(f"{replay_double} RSVP forms sent twice were accepted twice")

    # Endorsements: accepted answers per signing organization against stored rows.
    accepted_e = collections.Counter(
        s.fields["organization"]
        for s in subs
        if s.kind == "endorsement" and s.outcome == "accepted"
    )
    stored_e = collections.Counter(row["display_name"] for row in db["endorsements"])
    e_lost = sum(max(0, accepted_e[k] - stored_e[k]) for k in accepted_e)
    e_phantom = sum(max(0, stored_e[k] - accepted_e[k]) for k in stored_e)
    e_status = collections.Counter(row["status"] for row in db["endorsements"])
    mails = server_log.count("Subject: Please confirm your signature")

    lost = len(rsvp_lost) + e_lost
    phantom = len(rsvp_phantom) + e_phantom
    n_failed = outcome.get("failed", 0)

    # Server log: what is not an expected 4xx warning or an e-mail.
    bad_requests = len(re.findall(r"^Bad Request: ", server_log, re.M))
    alarming = [
        line.strip()
        for line in server_log.splitlines()
        if re.search(r"Traceback|Error|error|locked|Exception|CRITICAL|Internal Server", line)
    ]

    def row(label: str, value) -> None:
        print(f"| {label} | {value} |")

    print()
    print("| measure | value |")
    print("|---|---:|")
    row(
        "submissions (RSVPs + endorsements, incl. replays and duplicates)",
        f"{len(subs)} ({sum(s.kind == 'rsvp' for s in subs)} + "
        f"{sum(s.kind == 'endorsement' for s in subs)})",
    )
    row("forms fetched (GET) in", f"{fetch_seconds:.1f} s")
    row("requests sent (POST)", len(sent))
    row("held (answered with an HTTP status)", len(held))
    row("accepted", outcome.get("accepted", 0))
    row(
        "- RSVP confirmed / waiting list (as shown on the private page)",
        f"{sum(s.shown_status == 'confirmed' for s in accepted_rsvps.values())} / "
        f"{sum(s.shown_status == 'waitlisted' for s in accepted_rsvps.values())}",
    )
    row("- endorsement (check your e-mail)", sum(accepted_e.values()))
    row("rejected with a message", outcome.get("rejected", 0))
    for reason, count in sorted(rejected.items(), key=lambda item: -item[1]):
        row(f"- {reason}", count)
    row("failed", n_failed)
    for reason, count in sorted(failed.items(), key=lambda item: -item[1]):
        row(f"- {reason}", count)
    row("not sent", sum(not_sent.values()) if not_sent else 0)
    for reason, count in not_sent.items():
        row(f"- {reason}", count)
    row("lost (accepted, not stored)", lost)
    row("phantom (stored, not accepted)", phantom)
    row("RSVP forms sent twice and accepted twice", f"{replay_double} of {args.replays}")
    row(
        "latency p50 / p99 (POST)",
        f"{quantile(latencies, 0.5) * 1000:.0f} / {quantile(latencies, 0.99) * 1000:.0f} ms",
    )
    row("POSTs answered per second", f"{rate:.1f}")
    print()
    for line in event_lines:
        print(f"- RSVP {line}")
    print(f"- endorsement rows by status {dict(e_status)}; confirmation e-mails in the log {mails}")
    if follow_errors:
        print(f"- private page after an accepted RSVP not read: {dict(follow_errors)}")
    print(
        f"- server log: {bad_requests} 'Bad Request' warnings (the 4xx above), "
        f"{len(alarming)} lines mentioning errors"
    )
    for line in list(dict.fromkeys(alarming))[:15]:
        print(f"    {line[:200]}")
    for problem in problems:
        print(f"- CHECK FAILED: {problem}")
    if rsvp_lost or rsvp_phantom:
        print(f"- RSVP lost {len(rsvp_lost)}, phantom {len(rsvp_phantom)}")
    return not (lost or phantom or n_failed or problems)


if __name__ == "__main__":
    sys.exit(main())

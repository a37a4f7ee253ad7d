"""The end-to-end suite: the real server, the demo content and Debian's Chromium.

One server is started for the whole run, exactly as ``make run`` starts it
(granian, the page cache, the demo content), in a data directory of its own.
Accounts for the journeys are created before it starts; each has a second
factor with a key the tests know, so they can compute its codes.

Run with ``make e2e``; it installs Chromium, Playwright and the npm checkers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
E2E = Path(__file__).resolve().parent
NODE_BIN = E2E / "node_modules" / ".bin"
VNU_JAR = E2E / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTEFACTS = ROOT / "test-artifacts" / "e2e"
PYTHON = sys.executable

# Flags that keep Chromium off the network this machine does not have, and
# let it run as root in a container.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PASSWORD = "e2e-Pass-phrase-7Lq"  # noqa: S105 - a throwaway server's accounts

# The accounts the journeys sign in with. ``key`` is the hex TOTP secret,
# or None for an account that has not set up its second factor yet.
ACCOUNTS = {
    "editor": {"group": "Editors", "key": "3132333435363738393031323334353637383930"},
    "moderator": {"group": "Moderators", "key": "4142434445464748494a4b4c4d4e4f5051525354"},
    "representative": {
        "group": "Member representatives",
        "key": "6162636465666768696a6b6c6d6e6f7071727374",
    },
    "newcomer": {"group": "Member representatives", "key": None},
}

_ACCOUNT_SCRIPT = """
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from alliance.members.models import MemberOrganization, MemberRepresentative

accounts = {accounts!r}
organizations = iter(MemberOrganization.objects.listed().order_by("name"))
for username, spec in accounts.items():
    user = User.objects.create_user(username, f"{{username}}@example.org", {password!r})
    user.first_name = username.title()
    user.save()
    user.groups.add(Group.objects.get(name=spec["group"]))
    if spec["group"] == "Member representatives":
        MemberRepresentative.objects.create(user=user, organization=next(organizations))
    if spec["key"]:
        TOTPDevice.objects.create(user=user, name="e2e", key=spec["key"], confirmed=True)
for username in accounts:
    user = User.objects.get(username=username)
    rep = getattr(user, "representative", None)
    print("ACCOUNT", username, rep.organization.slug if rep else "-")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Account:
    username: str
    password: str
    key: str | None
    organization_slug: str | None = None
    _last_step: int = field(default=-1, repr=False)

    def code(self) -> str:
        """A TOTP code not used before: django-otp refuses a code twice."""
        from django_otp.oath import TOTP

        assert self.key, f"{self.username} has no second factor"
        totp = TOTP(bytes.fromhex(self.key))
        while totp.t() <= self._last_step:
            time.sleep(0.5)
            totp = TOTP(bytes.fromhex(self.key))
        self._last_step = totp.t()
        return f"{totp.token():06d}"


@dataclass
class LiveSite:
    url: str
    data_dir: Path
    log: Path
    accounts: dict[str, Account]
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database; return its output."""
        done = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def server_output(self) -> str:
        """What the server printed so far (the console e-mail backend writes here)."""
        return self.log.read_text(errors="replace")


def _wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    # Generous: on a loaded machine two workers importing Django took over a minute.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The server did not answer {url} within {seconds} s")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    data_dir = tmp_path_factory.mktemp("site")
    port = free_port()
    env = {
        **os.environ,
        "ALLIANCE_DATA_DIR": str(data_dir),
        "SECRET_KEY": "e2e-only-" + "k" * 50,
        "DEBUG": "false",
        "HTTPS": "false",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": f"http://127.0.0.1:{port}",
        # The journeys post many forms from one address within the hour.
        "FORM_RATE_LIMIT": "1000/3600",
        # The fediverse interop test's peer (Fedify) listens on loopback.
        "FEDERATION_ALLOW_LOCAL": "true",
        "PYTHONUNBUFFERED": "1",
    }
    # The site queues its background work in the database, as `make run` does (the unit tests'
    # TASKS_BACKEND, set in this process by alliance.testing_env, is not the site's).
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "FRONTEND_CACHE_URL",
        "DJANGO_SETTINGS_MODULE",
        "TASKS_BACKEND",
    ):
        env.pop(name, None)

    def manage(*args: str) -> str:
        done = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr}")
        return done.stdout

    manage("migrate", "--noinput")
    manage("load_demo")
    # What the demo queued (Wagtail's search index) is done before any test reads it; then a
    # worker runs beside the server, as `make run` starts one.
    manage("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    (data_dir / "media" / "images").mkdir(parents=True, exist_ok=True)
    printed = manage("shell", "-c", _ACCOUNT_SCRIPT.format(accounts=ACCOUNTS, password=PASSWORD))
    slugs = dict(line.split()[1:] for line in printed.splitlines() if line.startswith("ACCOUNT "))
    accounts = {
        name: Account(name, PASSWORD, spec["key"], None if slugs[name] == "-" else slugs[name])
        for name, spec in ACCOUNTS.items()
    }

    log = data_dir / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "granian"),
                "--interface",
                "rsgi",
                "alliance.server:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
                "--no-ws",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    with (data_dir / "worker.log").open("wb") as out:
        worker = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--queue-name", "*"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url + "/", server)
        yield LiveSite(url=url, data_dir=data_dir, log=log, accounts=accounts, env=env)
    finally:
        for process in (server, worker):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: make e2e installs Debian's package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def _new_page(browser, live_site, **options):
    context = browser.new_context(base_url=live_site.url, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser, live_site):
    """A phone-sized page (360 × 800) in a fresh context: no cookies, JavaScript on."""
    context, page = _new_page(browser, live_site, viewport={"width": 360, "height": 800})
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_site):
    """A laptop-sized page (1280 × 800) in a fresh context."""
    context, page = _new_page(browser, live_site, viewport={"width": 1280, "height": 800})
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_site):
    """A phone-sized page with JavaScript turned off, as on a locked-down phone."""
    context, page = _new_page(
        browser, live_site, viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    yield page
    context.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Where screenshots and reports are kept for people to look at after a run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


def node_tool(name: str) -> Path:
    tool = NODE_BIN / name
    if not tool.exists():
        pytest.fail(f"{tool} is missing: make e2e runs npm ci in e2e/.")
    return tool


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("The Nu HTML Checker needs Java: apt-get install default-jre-headless")
    return found

"""Two application servers side by side, sharing PostgreSQL and Redis (as in CI).

One server publishes a statement; the other, which had the listing in its
page cache, shows it at once. Nothing but the database and Redis is shared,
so this is what running several stateless servers behind a proxy relies on.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not settings.REDIS_URL,
    reason="needs PostgreSQL and Redis, which CI provides",
)

PASSWORD = "a long and unusual password 42"  # noqa: S105 (a test account's)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(data_dir: Path) -> dict:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(
            db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
        "REDIS_URL": settings.CACHES["default"]["LOCATION"],
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        # One data directory for both: the shared media directory of a real setup.
        "ALLIANCE_DATA_DIR": str(data_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


class Server:
    def __init__(self, tmp_path: Path, name: str, env: dict) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        granian = Path(sys.executable).with_name("granian")
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(granian),
                "--interface",
                "rsgi",
                "alliance.server:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                "1",
                "--no-ws",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"{name}.log").open("wb"),
        )
        self.log = tmp_path / f"{name}.log"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/robots.txt", timeout=2)  # noqa: S310
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text()) from None
                time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def get(self, path: str, *, as_reader: bool = True):
        """GET as a reader with no cookies, or with this server's session."""
        opener = urllib.request.build_opener() if as_reader else self.opener
        return self._open(opener, path)

    def post(self, path: str, data: dict):
        token = next(c.value for c in self.cookies if c.name == settings.CSRF_COOKIE_NAME)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self._open(self.opener, path, body)

    def _open(self, opener, path: str, body: bytes | None = None):
        try:
            return opener.open(self.base + path, data=body, timeout=20)
        except urllib.error.HTTPError as error:
            raise AssertionError(
                f"{error} for {path}; server log:\n{self.log.read_text()}"
            ) from None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def two_servers(tmp_path):
    env = server_environment(tmp_path / "data")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    servers = []
    try:
        servers.append(Server(tmp_path, "a", env))
        servers.append(Server(tmp_path, "b", env))
        yield servers
    finally:
        for server in servers:
            server.stop()


def stored(server: Server, path: str, seconds: float = 5.0):
    """The answer at ``path`` once the server answers it from its page cache.

    A rendered page is stored after it is sent: a request right behind it may be
    rendered again.
    """
    deadline = time.monotonic() + seconds
    answer = server.get(path)
    while answer.headers.get("X-Page-Cache") != "hit" and time.monotonic() < deadline:
        answer.read()
        time.sleep(0.05)
        answer = server.get(path)
    return answer


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_statement_published_through_one_server_is_read_fresh_through_the_other(
    statement_index, django_user_model, two_servers
):
    moderator = django_user_model.objects.create_superuser("moderator", password=PASSWORD)
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    draft = StatementPageFactory(
        parent=statement_index, title="Solidarity with the Quarrybank strikers", live=False
    )
    draft.save_revision()
    publisher, reader = two_servers

    # The reader's server has the listing in its page cache.
    cached = stored(reader, "/en/statements/")
    assert cached.headers["X-Page-Cache"] == "hit"
    assert b"Quarrybank" not in cached.read()

    # An editor signs in (with the second factor) and publishes through the other server.
    publisher.get("/en/account/login/", as_reader=False)
    signed_in = publisher.post(
        "/en/account/login/",
        {"username": "moderator", "password": PASSWORD, "code": f"{totp(device.bin_key):06d}"},
    )
    assert "/account/login/" not in signed_in.url
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}&next=/admin/"
    publisher.get(publish, as_reader=False)
    publisher.post(publish, {"include_descendants": ""})

    listing = reader.get("/en/statements/")
    assert listing.headers.get("X-Page-Cache") != "hit"
    assert b"Solidarity with the Quarrybank strikers" in listing.read()
    page = reader.get("/en/statements/solidarity-with-the-quarrybank-strikers/")
    assert page.status == 200
    assert re.search(rb"<h1[^>]*>\s*Solidarity with the Quarrybank strikers", page.read())

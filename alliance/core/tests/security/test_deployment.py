"""Production settings, each read by a fresh process the way a server starts.

The settings module is read once per process, so every variant runs in a
subprocess of its own; all of them start together to keep the wait short.
"""

from __future__ import annotations

import json
import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

SECRET = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50))
SHOW_HTTPS_SETTINGS = (
    "import json, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'alliance.settings'); "
    "import django; from django.conf import settings as s; "
    "print(json.dumps({'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT, "
    "'SESSION_COOKIE_SECURE': s.SESSION_COOKIE_SECURE, "
    "'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE, "
    "'SECURE_HSTS_SECONDS': s.SECURE_HSTS_SECONDS, "
    "'SECURE_PROXY_SSL_HEADER': s.SECURE_PROXY_SSL_HEADER}))"
)
SHOW_SQLITE_PRAGMAS = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
    "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])"
)
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
# Variables of this test run that must not leak into a server's start.
_OWN = {"DATABASE_URL", "REDIS_URL", "DEBUG", "HTTPS", "SECRET_KEY", "ALLIANCE_DATA_DIR"}
_OWN |= {"DJANGO_SETTINGS_MODULE"}


def _start(tmp_path_factory, name: str, command: list[str], **env) -> subprocess.Popen:
    data_dir = tmp_path_factory.mktemp(name)
    environment = {key: value for key, value in os.environ.items() if key not in _OWN}
    environment.update(env, ALLIANCE_DATA_DIR=str(data_dir))
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *command],
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    production = {"DEBUG": "0", "SECRET_KEY": SECRET}
    processes = {
        "check": _start(
            tmp_path_factory, "check", ["manage.py", "check", "--deploy"], HTTPS="1", **production
        ),
        "https": _start(
            tmp_path_factory, "https", ["-c", SHOW_HTTPS_SETTINGS], HTTPS="1", **production
        ),
        "http": _start(
            tmp_path_factory, "http", ["-c", SHOW_HTTPS_SETTINGS], HTTPS="0", **production
        ),
    }
    if not ON_POSTGRESQL:
        processes["sqlite"] = _start(
            tmp_path_factory, "sqlite", ["manage.py", "shell", "-c", SHOW_SQLITE_PRAGMAS], DEBUG="1"
        )
    yield processes
    for process in processes.values():
        if process.poll() is None:
            process.kill()
            process.wait()


def finished(process: subprocess.Popen) -> str:
    """What the process printed on its standard output, once it ended well."""
    out, err = process.communicate(timeout=180)
    assert process.returncode == 0, err
    return out


def test_deploy_check_finds_no_issues_with_https(started):
    assert "System check identified no issues" in finished(started["check"])


def test_https_turns_on_redirects_secure_cookies_hsts_and_the_proxy_header(started):
    values = json.loads(finished(started["https"]).strip().splitlines()[-1])
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_without_https_none_of_them_is_on(started):
    values = json.loads(finished(started["http"]).strip().splitlines()[-1])
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
    }


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite only: the tests run on PostgreSQL")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(started):
    lines = finished(started["sqlite"]).split()  # after what the shell imported
    journal_mode, busy_timeout = lines[-2], int(lines[-1])
    assert journal_mode == "wal"
    assert busy_timeout >= 5000

"""Settings come from the environment; a production start without a real key fails loudly."""

import os
import subprocess
import sys

import pytest

PRINT_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DATABASES['default']['ENGINE'], settings.SESSION_COOKIE_SECURE, "
    "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.MEDIA_ROOT, "
    "settings.CACHES['default']['BACKEND'], settings.ALLOWED_HOSTS)"
)


def run_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "HTTPS", "ALLOWED_HOSTS"}
    }
    environ.update(
        {"DJANGO_SETTINGS_MODULE": "alliance.settings", "ALLIANCE_DATA_DIR": str(tmp_path)}
    )
    environ.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_settings(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path):
    result = run_settings(tmp_path, DEBUG="false", SECRET_KEY="short")
    assert result.returncode != 0
    assert "too short" in result.stderr


def test_debug_runs_without_secret_key(tmp_path):
    assert run_settings(tmp_path, DEBUG="true").returncode == 0


def test_unclear_boolean_is_refused(tmp_path):
    result = run_settings(tmp_path, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_defaults_are_sqlite_and_media_in_the_data_dir(tmp_path):
    result = run_settings(tmp_path, SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert str(tmp_path / "media") in result.stdout
    assert (tmp_path / "alliance.sqlite3").parent.is_dir()


def test_database_url_and_redis_url_are_used(tmp_path):
    result = run_settings(
        tmp_path,
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://user@127.0.0.1:5432/alliance",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert "postgresql" in result.stdout
    assert "RedisCache" in result.stdout


def test_https_turns_on_secure_cookies_hsts_and_redirect(tmp_path):
    result = run_settings(tmp_path, SECRET_KEY="k" * 50, HTTPS="true")
    assert result.returncode == 0, result.stderr
    assert " True True 31536000 " in result.stdout


def test_allowed_hosts_come_from_the_environment(tmp_path):
    result = run_settings(
        tmp_path, SECRET_KEY="k" * 50, ALLOWED_HOSTS="ima.example.org, www.ima.example.org"
    )
    assert "'ima.example.org', 'www.ima.example.org'" in result.stdout


@pytest.mark.django_db
def test_collectstatic_writes_hashed_and_compressed_files(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    css = list((tmp_path / "collected" / "core").glob("site.*.css"))
    assert css, "no hashed stylesheet"
    assert (css[0].parent / (css[0].name + ".gz")).exists()
    assert (css[0].parent / (css[0].name + ".br")).exists()


def run_code(tmp_path, code: str, **env) -> subprocess.CompletedProcess:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "MEDIA_S3_BUCKET"}
    }
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "ALLIANCE_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "k" * 50,
        }
    )
    environ.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_media_goes_to_an_s3_compatible_store_when_a_bucket_is_named(tmp_path):
    result = run_code(
        tmp_path,
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)",
        MEDIA_S3_BUCKET="alliance-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "alliance-media", "https://s3.example.net"]


def test_media_stays_in_the_data_dir_without_a_bucket(tmp_path):
    result = run_code(
        tmp_path,
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.location)",
    )
    assert result.stdout.split() == ["FileSystemStorage", str(tmp_path / "media")]


def test_reverse_proxy_purging_is_configured_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.WAGTAILFRONTENDCACHE['varnish']['LOCATION'])"
    )
    result = run_code(tmp_path, code, FRONTEND_CACHE_URL="http://127.0.0.1:6081")
    assert result.stdout.strip() == "http://127.0.0.1:6081"


def test_without_redis_every_cache_is_shared_files_in_the_data_dir(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(*(str(c['LOCATION']) for c in settings.CACHES.values()))"
    )
    result = run_code(tmp_path, code)
    assert result.stdout.split() == [
        str(tmp_path / "cache" / "default"),
        str(tmp_path / "cache" / "pages"),
        str(tmp_path / "cache" / "fragments"),
        str(tmp_path / "cache" / "renditions"),
    ]


def test_key_generated_by_make_run_is_read_from_the_data_dir(tmp_path):
    (tmp_path / "secret_key").write_text("g" * 60 + "\n")
    result = run_settings(tmp_path, DEBUG="false")
    assert result.returncode == 0, result.stderr


def run_mail_settings(tmp_path, **env) -> str:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL_")}
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "alliance.settings",
            "ALLIANCE_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "k" * 50,
        }
    )
    environ.update(env)
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
            "settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)",
        ],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_mail_goes_to_the_console_without_a_mail_host(tmp_path):
    assert run_mail_settings(tmp_path).startswith("django.core.mail.backends.console.EmailBackend")


def test_mail_host_in_the_environment_means_smtp(tmp_path):
    printed = run_mail_settings(
        tmp_path, EMAIL_HOST="mail.example.org", EMAIL_PORT="587", EMAIL_USE_TLS="true"
    )
    assert printed == "django.core.mail.backends.smtp.EmailBackend mail.example.org 587 True False"


SHOW_DATA_FILE_MODES = (
    "import os; from pathlib import Path; from django.db import connection; "
    "c = connection.cursor(); c.execute('CREATE TABLE t (x integer)'); "
    "c.execute('INSERT INTO t VALUES (1)'); "
    "name = Path(connection.settings_dict['NAME']); "
    "print(' '.join(oct(os.stat(f'{name}{end}').st_mode & 0o777) for end in ('', '-wal', '-shm')))"
)


def test_the_sqlite_database_and_its_wal_files_are_private(tmp_path):
    result = run_code(tmp_path, SHOW_DATA_FILE_MODES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0o600", "0o600", "0o600"]


def test_a_database_made_readable_by_others_before_is_made_private(tmp_path):
    database = tmp_path / "alliance.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    result = run_code(tmp_path, "print('started')")
    assert result.returncode == 0, result.stderr
    assert database.stat().st_mode & 0o777 == 0o600

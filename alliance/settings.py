"""Settings for alliance, read from the environment.

Every value an operator may change comes from an environment variable; the
README lists them. A production start (``DEBUG`` off) without a real
``SECRET_KEY`` fails loudly instead of running with a guessable key.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
HTTPS = env_bool("HTTPS", False)

DATA_DIR = Path(os.environ.get("ALLIANCE_DATA_DIR") or BASE_DIR / "var").resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# `make run` generates a key into the data directory when none is set; reading it here lets
# the README's `manage.py` commands run as written, beside the server, with the same key.
_key_file = DATA_DIR / "secret_key"
if not SECRET_KEY and _key_file.is_file():
    SECRET_KEY = _key_file.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value "
            "(`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DEBUG=true for local development only."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
elif not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is too short or marked insecure; use 32+ random characters."
    )

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if HOST not in ("0.0.0.0", "::") and HOST not in ALLOWED_HOSTS:  # noqa: S104
    ALLOWED_HOSTS.append(HOST)

INSTALLED_APPS = [
    "alliance.core",
    "alliance.accounts",
    "alliance.newsroom",
    "alliance.members",
    "alliance.events",
    "alliance.alerts",
    "alliance.api",
    "alliance.federation",
    "alliance.wordpress",
    "alliance.demo",
    "alliance.privacy",
    "alliance.backups",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Pages Django renders (cache misses, signed-in readers, forms) go out
    # compressed too: 57 KiB of statement HTML becomes about 8. Outside the page
    # cache, which keeps the plain page and its own gzip copy. Django adds random
    # bytes to each gzip header against BREACH, and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    # Outermost of the rest, so it stores pages with every header the others add.
    "alliance.core.pagecache.middleware.PageCacheMiddleware",
    # Statement and event addresses answer ActivityPub readers with their object (JSON).
    "alliance.federation.middleware.ContentNegotiationMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "alliance.core.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "alliance.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The site and the page an address names, kept until content changes (core/routing.py).
    "alliance.core.routing.RoutingMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance.urls"
WSGI_APPLICATION = "alliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site shell and the pages composed from several apps (home, about) live at
        # project level, above every app (docs/architecture.md, "Layers").
        "DIRS": [BASE_DIR / "alliance" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is one SQLite file in the data directory; DATABASE_URL
# moves the site to PostgreSQL without code changes.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'alliance.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}


def private_file(path: Path) -> None:
    """Create ``path`` readable by its owner only, or make it so if it is not.

    For the SQLite database: SQLite creates its -wal and -shm files with the permissions of
    the database file, so they are private too (checked here as well, for older sites).
    """
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDONLY, 0o600))
        for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if each.exists() and each.stat().st_mode & 0o077:
                each.chmod(0o600)
    except OSError:  # not ours to change (a read-only copy, another owner): left as it is
        pass


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if DATABASES["default"]["NAME"] != ":memory:":
        private_file(Path(DATABASES["default"]["NAME"]))
    # Each worker keeps its connection, as on PostgreSQL: opening one and setting WAL on it
    # cost about 3 ms of every request served (bench/README.md). A restore writes into the
    # same file through SQLite's backup API, which open connections see.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # WAL lets readers proceed while an editor saves; IMMEDIATE avoids
    # "database is locked" upgrades under concurrent writes.
    # A writer waits up to 20 s for another to finish rather than failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
# Four caches every worker shares: "default" (rate limits, nonces, Wagtail's
# own), "pages" (whole pages for readers not signed in, see
# alliance/core/pagecache/), "template_fragments" (parts of pages kept until
# content changes: the header and footer, related statements, JSON-LD; Django's
# {% cache %} tag uses this alias, and alliance/core/kept.py) and "renditions"
# (Wagtail's image renditions, which it writes on every use of an image: kept
# apart so that each write is cheap). On disk by default, in Redis with REDIS_URL.
if REDIS_URL:
    # A cache that answers "nothing cached" when Redis is down, so pages still
    # render; short timeouts keep an outage from slowing every request.
    _redis = {
        "BACKEND": "alliance.core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "alliance"},
        "pages": {**_redis, "KEY_PREFIX": "alliance-pages"},
        "template_fragments": {
            **_redis,
            "BACKEND": "alliance.core.cache.FragmentRedisCache",
            "KEY_PREFIX": "alliance-fragments",
        },
        "renditions": {**_redis, "KEY_PREFIX": "alliance-renditions"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache" / "default",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "pages": {
            "BACKEND": "alliance.core.cache.PageFileCache",
            "LOCATION": DATA_DIR / "cache" / "pages",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        # Read on every page and written once per page and change: without
        # the default file cache's compression and its directory listing on
        # every write (alliance/core/cache.py).
        "template_fragments": {
            "BACKEND": "alliance.core.cache.FragmentFileCache",
            "LOCATION": DATA_DIR / "cache" / "fragments",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
        "renditions": {
            "BACKEND": "alliance.core.cache.RenditionFileCache",
            "LOCATION": DATA_DIR / "cache" / "renditions",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
PAGE_CACHE_ALIAS = "pages"
# How long a stored page may be served at most (0 turns the page cache off);
# changes to content end it sooner. Pages that show the time-dependent
# ("upcoming events") are at most this old.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Each worker also keeps the pages it served lately in its own memory, up to
# this many bytes (0: none), and still checks the shared generation on every
# request; see alliance/core/pagecache/stores.py.
PAGE_CACHE_WORKER_BYTES = int(os.environ.get("PAGE_CACHE_WORKER_BYTES", str(32 * 1024 * 1024)))
# Addresses whose answers depend on the request's Accept header (the read API answers 406 to
# a client that takes no JSON): the page cache keeps one answer per Accept value there.
PAGE_CACHE_NEGOTIATED_PREFIXES = ("/api/",)
# What a reverse proxy or CDN in front may do with a public page.
HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", "60"))
HTTP_CACHE_STALE_SECONDS = int(os.environ.get("HTTP_CACHE_STALE_SECONDS", "300"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages of the site and its content. LANGUAGES (comma-separated codes) narrows or
# reorders them; the first is the default.
ALL_LANGUAGES = {
    "en": _("English"),
    "es": _("Spanish"),
    "fr": _("French"),
    "tl": _("Filipino"),
    "id": _("Indonesian"),
    "zh-hant": _("Traditional Chinese"),
    "ar": _("Arabic"),
}
_language_codes = env_list("LANGUAGES", list(ALL_LANGUAGES))
_unknown = [code for code in _language_codes if code not in ALL_LANGUAGES]
if _unknown:
    raise ImproperlyConfigured(
        f"LANGUAGES has codes this site has no catalogue for: {', '.join(_unknown)}. "
        f"Known: {', '.join(ALL_LANGUAGES)}."
    )
LANGUAGES = [(code, ALL_LANGUAGES[code]) for code in _language_codes]
LANGUAGE_CODE = _language_codes[0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "Translate this page" makes a draft in each language, even of a live page: what the
# translator has not translated yet must not appear in public (wagtail-localize would
# otherwise publish the copy, still in the source language, at once). Issue 17.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Languages written right to left beyond Django's own list.
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date format per language, the same on every page (alliance/formats/).
FORMAT_MODULE_PATH = ["alliance.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed (gzip and Brotli when available) names, served
    # with far-future cache headers by WhiteNoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With several application servers, media must be shared: a directory they
# all mount (ALLIANCE_DATA_DIR/media), or an S3-compatible object store.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            # Any S3-compatible service (MinIO, Garage, Ceph...); credentials come from
            # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_PUBLIC_HOST") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies are read in full before a request reaches Django (alliance/server.py): one
# larger than this is refused (413), and so is one arriving slower than MIN_RATE bytes a
# second once the first GRACE seconds are over (408), so slow clients cannot hold the
# workers. 25 MiB: the 20 MiB documents editors may upload, with room for the form around them.
REQUEST_BODY_MAX_BYTES = 25 * 1024 * 1024
REQUEST_BODY_GRACE_SECONDS = float(os.environ.get("REQUEST_BODY_GRACE_SECONDS", "20"))
REQUEST_BODY_MIN_RATE = float(os.environ.get("REQUEST_BODY_MIN_RATE", "1024"))
# All the bodies one worker is reading at once; past it a new one is refused (503).
REQUEST_BODY_BUFFER_BYTES = 256 * 1024 * 1024

# Mail leaves through SMTP when EMAIL_HOST is set (Django's own setting names), else it is
# printed to the console, which is the default for a demo that must not send real mail.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Staff who receive contact form messages, besides the alliance's public address.
MANAGERS = [(email, email) for email in env_list("STAFF_EMAILS", [])]

# Sessions end after 8 hours, or after 2 hours without a request.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_IDLE_SECONDS = 60 * 60 * 2
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # A TLS-terminating proxy in front must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp). Public pages run only the site's own
# scripts, never inline ones; the JSON-LD blocks are data, not scripts. The
# editors' admin gets the relaxations Wagtail's interface needs.
_tile_host = ""
if os.environ.get("MAP_TILE_URL"):
    _tiles = urlsplit(os.environ["MAP_TILE_URL"])
    _tile_host = f"{_tiles.scheme}://{_tiles.netloc}"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tile_host] if _tile_host else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The service worker (core/offline.py) and the web app manifest: the site's own.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        # The live preview shows the page in a frame of the admin itself.
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Powerful browser features no page of the site uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# Addresses of requests come from REMOTE_ADDR, or with PROXY_COUNT=n from the
# n-th entry from the right of X-Forwarded-For, written by the operator's own proxies.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

# Public forms a connection may send, as (submissions, seconds). FORM_RATE_LIMIT
# ("20/3600") changes the default, e.g. for a load test from one address.
_default_rate = os.environ.get("FORM_RATE_LIMIT", "20/3600")
try:
    _rate_count, _rate_window = (int(part) for part in _default_rate.split("/"))
except ValueError:
    raise ImproperlyConfigured(
        f"FORM_RATE_LIMIT must look like 20/3600 (forms per seconds), not {_default_rate!r}."
    ) from None
FORM_RATE_LIMITS = {
    "default": (_rate_count, _rate_window),
    "rsvp": (_rate_count, _rate_window),
    "contact": (max(1, _rate_count // 2), _rate_window),
    "application": (max(1, _rate_count // 4), _rate_window),
    "alerts": (max(1, _rate_count // 4), _rate_window),
    # Password resets, both sign-in flows (alliance/accounts/forms.py): per connection, and
    # per e-mail address asked for, whoever asks, so that no inbox can be flooded.
    "password_reset": (5, 3600),
    "password_reset_account": (3, 3600),
    # The read API: generous, a partner's sync or a researcher's script stays well below.
    "api": (int(os.environ.get("API_RATE_LIMIT", "600")), 60),
    # The fediverse inbox, per connection: a big server's deliveries stay well below.
    "federation_inbox": (int(os.environ.get("FEDERATION_INBOX_RATE_LIMIT", "300")), 60),
}

# The read API's OpenAPI description (alliance.api, drf-spectacular). Its views set
# everything else themselves, so Wagtail's own uses of DRF keep DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance read API",
    "DESCRIPTION": (
        "Statements, events, days of action, member organizations, topics and regions, "
        "read only, for partners, journalists and researchers. See docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Its deploy check describes every DRF view of the project, Wagtail's admin API too;
    # the API's own description is checked by alliance/api/tests (Schemathesis).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "alliance.api.schema.add_problem_responses",
    ],
}

# Sign-in: password plus a second factor (django-otp), with failed attempts
# locked out per account and per address (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Failures expire after the cool-off; a success must not wipe them, or anyone
# with an account could guess at another's between their own sign-ins.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "alliance.core.throttle.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Wagtail's "forgotten password" in the admin counts like the site's own.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "alliance.accounts.forms.AdminPasswordResetForm"  # noqa: S105
AXES_VERBOSE = False
# Its log lines name no address and no username (alliance/core/logs.py).
AXES_CLIENT_STR_CALLABLE = "alliance.core.logs.axes_client"
# Never written into a failed attempt's record: passwords and second-factor codes.
AXES_SENSITIVE_PARAMETERS = ["password", "code", "token", "otp_token"]
OTP_TOTP_ISSUER = os.environ.get("WAGTAIL_SITE_NAME", "Alliance")

# One handler, whose filter keeps request paths (private links carry secrets) out of every
# line; Django's own loggers hand their records to it rather than to handlers of their own.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "alliance.core.logs.WithoutPrivateDetails"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private"]}},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        # At DEBUG these write whole template contexts and SQL with its parameters.
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

LOGIN_URL = "login"
WAGTAILADMIN_LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "member_account"
LOGOUT_REDIRECT_URL = "/"

# Background work (mail alerts, Wagtail's indexing) through django-tasks: by default the
# database backend, whose worker `make run` starts beside the web server
# (`manage.py db_worker`). With REDIS_URL, RQ queues in Redis (django-tasks-rq), so workers
# on other machines share the work (`manage.py rqworker --with-scheduler default`);
# TASKS_BACKEND names a backend outright (the tests' immediate one, alliance/testing_env.py).
RQ_BACKEND = "django_tasks_rq.RQBackend"
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND")
        or (RQ_BACKEND if REDIS_URL else "django_tasks_db.DatabaseBackend"),
    }
}
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # The queue's jobs live in the same Redis as the caches, under RQ's own "rq:" keys. A
    # fan-out to 100,000 addresses takes minutes: an hour before RQ gives a job up.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}
    # django-tasks-rq's job class runs a django-tasks task, for every worker without a flag.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
# Alerts: how long a new item waits for its translations before the subscribers whose
# language it lacks receive the default language's version (the first of LANGUAGES).
ALERTS_TRANSLATION_WAIT_MINUTES = int(os.environ.get("ALERTS_TRANSLATION_WAIT_MINUTES", "60"))
# Hard bounces after which an address stops receiving alerts (manage.py alerts_bounces).
ALERTS_BOUNCE_LIMIT = int(os.environ.get("ALERTS_BOUNCE_LIMIT", "3"))

# The fediverse (docs/federation.md): the alliance's account is @FEDERATION_USERNAME@<host of
# BASE_URL>. Other servers are reached only at public addresses; FEDERATION_ALLOW_LOCAL=true
# also allows loopback peers, for local testing only.
FEDERATION_USERNAME = os.environ.get("FEDERATION_USERNAME", "alliance")
FEDERATION_ALLOW_LOCAL = env_bool("FEDERATION_ALLOW_LOCAL", False)
# Deliveries posted at once by a fan-out (threads; most of their time is waiting).
FEDERATION_DELIVERY_THREADS = int(os.environ.get("FEDERATION_DELIVERY_THREADS", "8"))
# A server that stays unreachable this many days loses its followers here.
FEDERATION_UNREACHABLE_DAYS = int(os.environ.get("FEDERATION_UNREACHABLE_DAYS", "7"))
# Limits on what is fetched from other servers (their actors and keys).
FEDERATION_FETCH_TIMEOUT_SECONDS = float(os.environ.get("FEDERATION_FETCH_TIMEOUT_SECONDS", "10"))
FEDERATION_FETCH_MAX_BYTES = int(os.environ.get("FEDERATION_FETCH_MAX_BYTES", str(1024 * 1024)))
# How far a signed request's Date may be from our clock, either way.
FEDERATION_SIGNATURE_WINDOW_SECONDS = int(
    os.environ.get("FEDERATION_SIGNATURE_WINDOW_SECONDS", "3600")
)

# Days after an event ends before RSVP names and contact details are deleted.
RSVP_RETENTION_DAYS = int(os.environ.get("RSVP_RETENTION_DAYS", "30"))

# An optional map tile server for the day-of-action map, e.g.
# "https://tiles.example.org/{z}/{x}/{y}.png". Empty (the default) means no
# third-party requests: the page shows its own plain map and the full list.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# Wagtail
# A reverse proxy (Varnish) in front that accepts PURGE requests: Wagtail tells
# it when a page changes (see docs/deploy.md for Varnish and for a CDN).
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Alliance")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", f"http://{HOST}:{PORT}").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# About 40 megapixels, whether one picture or the frames of an animation:
# enough for any photo, far too little for a decompression bomb.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads are decoded, re-encoded and renamed (alliance/core/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "alliance.core.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "alliance.core.uploads.DocumentForm"
# Documents always download; none is shown inline by the browser.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: the admin would send a hash of each editor's address to a third
# party (and the policy blocks the pictures anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

COUNTRIES_FIRST = []

"""HTTP around every API answer: conditional requests, shared caching, CORS, a rate limit.

The ETag is derived from the page cache's content generation, which changes whenever
anything a reader can see changes: a client that sends it back gets a 304 with no query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from alliance.core import generation
from alliance.core.throttle import over_limit

from . import problems

READ_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Link, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def current_etag(request: HttpRequest) -> str:
    """Same generation and same address: same answer."""
    key = f"{generation.current()}\0{request.get_full_path()}".encode()
    return '"' + hashlib.sha256(key).hexdigest()[:32] + '"'


def _matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    tags = [tag.strip().removeprefix("W/") for tag in wanted.split(",")]
    return bool(wanted) and (wanted.strip() == "*" or etag in tags)


def _cache_control() -> str:
    return (
        f"public, max-age=0, s-maxage={settings.HTTP_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.HTTP_CACHE_STALE_SECONDS}"
    )


def _with_cors(response: HttpResponse) -> HttpResponse:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def served(view: Callable) -> Callable:
    """``view`` with the API's HTTP rules around it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(READ_METHODS)
            return _with_cors(response)
        if request.method not in READ_METHODS:
            response = problems.problem(405, _("This API is read only."))
            response["Allow"] = ", ".join(READ_METHODS)
            return _with_cors(response)
        if over_limit(request, "api"):
            window = settings.FORM_RATE_LIMITS["api"][1]
            return _with_cors(problems.problem(429, "", {"Retry-After": str(window)}))
        # Strict about parameters, so that a partner's mistake shows instead of being
        # quietly ignored (Django would take the last of repeated ones, django-filter
        # skips empty ones).
        unclear = sorted(k for k, v in request.GET.lists() if len(v) > 1 or not v[0])
        if unclear:
            detail = _("Give each parameter once, with a value: %(names)s.") % {
                "names": ", ".join(unclear)
            }
            return _with_cors(problems.problem(400, detail))
        etag = current_etag(request)
        headers = {"ETag": etag, "Cache-Control": _cache_control()}
        if _matches(request, etag):
            response = HttpResponse(status=304)
        else:
            # Answers do not depend on the reader's language: every text keeps its own.
            with translation.override(settings.LANGUAGE_CODE):
                response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            for name, value in headers.items():
                response[name] = value
        elif response.status_code == 404:
            # Otherwise LocaleMiddleware answers an API 404 with a redirect to /en/api/...,
            # which exists for it only because Wagtail serves every path under a language.
            request.urlconf = "alliance.api.urls"
        # A client that takes no JSON is answered 406: caches keep an answer per Accept
        # (the page cache too, settings.PAGE_CACHE_NEGOTIATED_PREFIXES).
        patch_vary_headers(response, ["Accept", "Accept-Encoding"])
        return _with_cors(response)

    return csrf_exempt(wrapper)

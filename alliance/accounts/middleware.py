"""Every signed-in session is verified with a second factor, and sessions end."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .second_factor import has_second_factor

# Pages a signed-in person without a verified second factor may still reach:
# the ones that let them set it up or leave.
OPEN_URL_NAMES = frozenset({"login", "logout", "two_factor_setup", "set_language"})
OPEN_PREFIXES = ("/static/", "/media/")
SIGNED_IN_AT = "alliance_signed_in_at"
LAST_SEEN = "alliance_last_seen"


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def session_expired(request: HttpRequest, now: float) -> bool:
    """True when the session is older than SESSION_COOKIE_AGE or idle for too long."""
    session = request.session
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN)
    if signed_in_at is None:
        session[SIGNED_IN_AT] = now
        signed_in_at = now
    if now - signed_in_at > settings.SESSION_COOKIE_AGE:
        return True
    if last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS:
        return True
    # Written at most once a minute, not on every request.
    if last_seen is None or now - last_seen > 60:
        session[LAST_SEEN] = now
    return False


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            if session_expired(request, time.time()):
                logout(request)
                return redirect(_login_url(request))
            if not user.is_verified():
                if has_second_factor(user):
                    # Signed in without the second factor the person has (a session
                    # from before it was set up elsewhere): start again, whatever the page.
                    if _url_name(request) not in ("login", "logout"):
                        logout(request)
                        return redirect(_login_url(request))
                elif not self._open(request):
                    return redirect_to_setup(request)
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path_info.startswith(OPEN_PREFIXES):
            return True
        return _url_name(request) in OPEN_URL_NAMES


def _login_url(request: HttpRequest) -> str:
    return f"{reverse('login')}?next={quote(request.get_full_path())}"


def redirect_to_setup(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('two_factor_setup')}?next={quote(request.get_full_path())}")

"""Rate limits for public forms, keyed by the sender's address without keeping it.

The address is hashed with the site's secret, and the count lives only in the
cache, only for the length of its window: nothing about who sent a form is
written to the database. When the cache is down, limits fail open, because
the honeypot and signed token still stand and people must still reach us.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The address a request came from, trusting only the proxies the operator declared.

    With ``PROXY_COUNT=n``, the n-th address from the right of
    X-Forwarded-For is the client's; anything further left was written by the
    client itself and is ignored.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, address: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}\0{address}".encode(), hashlib.sha256
    ).hexdigest()
    return f"throttle:{scope}:{digest[:32]}"


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Count one submission of ``scope`` from this client; True once it has sent too many.

    Limits come from ``settings.FORM_RATE_LIMITS`` as (submissions, seconds).
    """
    return over_limit_for(scope, client_address(request))


def over_limit_for(scope: str, subject: str) -> bool:
    """Count one use of ``scope`` for ``subject`` (an address, an account); True past the limit.

    Like ``over_limit``, with the subject given: e.g. the e-mail address a password reset
    is asked for, whoever asks. The subject is kept only as a keyed hash, in the cache.
    """
    limit, window = settings.FORM_RATE_LIMITS.get(scope, settings.FORM_RATE_LIMITS["default"])
    key = _key(scope, subject)
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except Exception:  # the cache is down: fail open, and say so in the log
        logger.warning("Rate limit for %s not counted: the cache is unavailable.", scope)
        return False
    return count > limit

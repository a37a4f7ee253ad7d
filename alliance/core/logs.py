"""What the process log may say: what happened, never to whom or through which private link.

The log is kept by whoever runs the server, for as long as they like, so no line carries a
reader's address, a name typed into a form, or a request path: private links (an RSVP's,
an endorsement's confirmation, a password reset) carry their secret in the path. Django's
request and security loggers put the path into their messages ("Forbidden (CSRF cookie not
set.): /en/…"), and the development server the whole request line; the filter below,
on every handler, puts "[path]" in its place. django-axes writes its own client description,
replaced by ``axes_client`` (no address, no username).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest

HIDDEN = "[path]"


def _forms(text: str) -> set[str]:
    # Django writes paths into log messages with non-ASCII characters escaped.
    return {text, text.encode("unicode_escape").decode("ascii")}


class WithoutPrivateDetails(logging.Filter):
    """Takes request paths (and the development server's request lines) out of log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.args, tuple) or not record.args:
            return True
        if record.name == "django.server":
            # '"GET /path HTTP/1.1" 200 1234': the request line goes.
            record.args = (HIDDEN, *record.args[1:])
            return True
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            paths = _forms(request.path) | _forms(request.get_full_path())
            record.args = tuple(HIDDEN if arg in paths else arg for arg in record.args)
        return True


def axes_client(username, ip_address, user_agent, path_info, request) -> str:
    """django-axes' description of a client in its log lines: nothing that identifies one."""
    return "a client"

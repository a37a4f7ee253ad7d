"""Security headers that depend on where a response goes."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Files sent without entering Django (the images' renditions, alliance/server.py): never
# sniffed into another type, and nothing in them may run or load anything.
FILE_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("content-security-policy", "default-src 'none'; sandbox"),
    ("referrer-policy", "same-origin"),
)


def is_admin_path(path: str) -> bool:
    return path.startswith("/admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second policy for Wagtail's admin.

    Public pages get the strict ``CONTENT_SECURITY_POLICY`` (no inline
    scripts); the admin, which editors reach only after signing in with two
    factors, gets ``CONTENT_SECURITY_POLICY_ADMIN``, which Wagtail's interface
    needs.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif not report_only and getattr(request, "is_dummy", False):
            # Wagtail renders a preview through the middleware with a stand-in
            # request for the public address; the admin shows it in a frame.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts

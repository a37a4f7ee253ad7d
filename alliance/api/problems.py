"""Errors as problem details (RFC 9457): ``application/problem+json`` with a status,
a title and, for bad filters, what was wrong with each."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

CONTENT_TYPE = "application/problem+json"


def problem_data(status: int, detail: str = "", errors=None) -> dict:
    data = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        data["detail"] = str(detail)
    if errors:
        data["errors"] = errors
    return data


def problem(status: int, detail: str = "", headers: dict | None = None) -> JsonResponse:
    """A problem details answer outside DRF's views (unknown address, rate limit)."""
    response = JsonResponse(problem_data(status, detail), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def exception_handler(exc, context) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = problem_data(response.status_code, _("Some parameters are not valid."), exc.detail)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        data = problem_data(response.status_code, detail)
    headers = {k: v for k, v in response.items() if k in ("Allow", "Retry-After")}
    return Response(data, status=response.status_code, headers=headers, content_type=CONTENT_TYPE)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return problem(404, _("There is nothing at this address of the API."))

"""Additions to the generated OpenAPI description: the errors every operation may answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .filters import PARAMETER_PATTERNS

PROBLEM = {
    "type": "object",
    "description": "Problem details (RFC 9457)",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["type", "title", "status"],
}
ERRORS = {
    "400": _("A filter or parameter is not valid."),
    "404": _("No such resource, or no such page of results."),
    "429": _("Too many requests from this address: wait for Retry-After seconds."),
}


def add_problem_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular post-processing hook: problem details on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                pattern = PARAMETER_PATTERNS.get(parameter["name"])
                if pattern and parameter["in"] == "query":
                    parameter["schema"]["pattern"] = pattern
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": str(description),
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result

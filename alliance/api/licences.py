"""The licence a statement may be republished under."""

from __future__ import annotations

from alliance.core import licences


def statement_licence(statement, alliance) -> dict:
    """Name and address of the statement's licence: its own, or the site's default."""
    code = getattr(statement, "licence", "") or getattr(alliance, "default_licence", "")
    found = licences.licence(code)
    return {"name": str(found.name), "url": found.url}

"""The licence a statement may be republished under, as the API gives it."""

from __future__ import annotations


def statement_licence(statement, alliance) -> dict:
    """Name and address of the statement's licence: its own, or the site's default."""
    found = statement.licence_for(alliance)
    return {"name": str(found.name), "url": found.url}

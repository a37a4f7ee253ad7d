"""A person asks what the site keeps about them, or asks for it to be erased.

An administrator looks the person up by e-mail address or name. What is found
can be handed over as JSON or erased. Every step goes through the kinds of
personal data the apps register (``alliance.core.personal_data``): each kind
finds its own records and knows how to hand them over and how to erase them
while respecting how they are used elsewhere (an RSVP to an event still to come
is cancelled first so its places go to the waiting list; a member
organization's profile and user accounts are found and shown but not erased).
This module knows no app's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.core.personal_data import PersonalDataKind, iso, registry

MIN_QUERY_LENGTH = 3


class QueryTooShort(ValueError):
    """A search so short it would match strangers as well as the person asking."""


@dataclass(frozen=True)
class PersonalDataReport:
    """Everything found for one search: each kind's key and the records it found."""

    query: str
    found: dict[str, list[Any]]

    def counts(self) -> dict[str, int]:
        return {kind: len(records) for kind, records in self.found.items()}

    @property
    def total(self) -> int:
        return sum(self.counts().values())

    def by_kind(self) -> list[tuple[PersonalDataKind, list[Any]]]:
        """The registered kinds this report covers, each with what it found."""
        return [
            (kind, self.found[kind.key]) for kind in registry.searchable() if kind.key in self.found
        ]


def personal_data_find(query: str) -> PersonalDataReport:
    """Records whose e-mail address or person's name equals ``query``, ignoring case.

    Exact matches only: a request names one person, and a partial match would
    sweep in others. One query per kind, however much is found.
    Raises QueryTooShort for fewer than MIN_QUERY_LENGTH characters.
    """
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        raise QueryTooShort(
            _("Type at least %(count)d characters: a whole e-mail address or a whole name.")
            % {"count": MIN_QUERY_LENGTH}
        )
    return PersonalDataReport(
        query=query, found={kind.key: kind.find(query) for kind in registry.searchable()}
    )


def personal_data_export(report: PersonalDataReport) -> dict[str, Any]:
    """What was found, as plain JSON-ready data for the person who asked.

    Internal fingerprints of private links are left out: they are hashes that
    mean nothing to the person and would only help someone forge a link.
    """
    data: dict[str, Any] = {"query": report.query, "exported_at": iso(timezone.now())}
    for kind, records in report.by_kind():
        data[kind.key] = [kind.export(record) for record in records]
    return data


def personal_data_erase(report: PersonalDataReport) -> dict[str, int]:
    """Erase what ``report`` found, all of it or nothing, and count what went and what stayed.

    Keys ending in ``_kept`` count records that a kind deliberately does not
    erase, for example an accepted application or a member organization's
    profile (the organization's own record) and user accounts (removed under
    Settings › Users, where the consequences for the person's work are visible).
    """
    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        for kind, records in report.by_kind():
            counts.update(kind.erase(records, now))
    return counts


def kept_count(counts: dict[str, int]) -> int:
    """How many records an erasure found but deliberately left alone."""
    return sum(value for key, value in counts.items() if key.endswith("_kept"))

"""What the members app shows on pages of the apps below it (``core.panels``).

A statement page (newsroom) shows who endorses it and, to a member organization's
representative, the button to endorse it.
"""

from __future__ import annotations

from django.template import Context

from alliance.core import panels
from alliance.core.kept import kept

from .endorsing import endorsements_by_country
from .models import Endorsement
from .permissions import represented_organization

STATEMENT_AFTER_BODY = "statement-after-body"


def statement_endorsements(page_context: Context, statement) -> dict:
    request = page_context["request"]
    organization = represented_organization(request.user)
    endorsements = Endorsement.objects.filter(statement=statement)
    # The public list is the same for every reader until something changes (core.kept); only
    # what is shown is kept, not the endorsement records.
    public = kept(request, "endorsements", statement.pk, compute=lambda: _public_list(statement))
    return {
        "statement": statement,
        "groups": public["groups"],
        "count": public["count"],
        "organization": organization,
        "already": organization is not None
        and endorsements.filter(organization=organization).exists(),
        "open": statement.accepts_endorsements(),
    }


def _public_list(statement) -> dict:
    return {
        "groups": [
            {
                "country": str(group["country"]),
                "endorsements": [{"display_name": e.display_name} for e in group["endorsements"]],
            }
            for group in endorsements_by_country(statement)
        ],
        "count": Endorsement.objects.filter(statement=statement).confirmed().count(),
    }


def register() -> None:
    panels.register(STATEMENT_AFTER_BODY, "members/tags/endorsements.html", statement_endorsements)

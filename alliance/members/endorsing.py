"""Signing on to a joint statement.

A member organization's representative endorses with one click: confirmed at
once. Anyone else signs through a public form: with an e-mail address the
signature waits for a click on the confirmation link (double opt-in), and in
every case it waits for the secretariat's review before it is shown. The
review follows the one workflow (core/review.py): approving lists and counts
the signature, declining ("rejecting") keeps it out, a reason being optional.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from alliance.core.review import ReviewPolicy, review_approve, review_decline
from alliance.core.spam import secret_fingerprint
from alliance.newsroom.models import StatementPage

from .models import Endorsement, EndorsementStatus, MemberOrganization
from .permissions import can_review_endorsements


class EndorsementRefused(Exception):
    """The endorsement cannot be taken; the message says why."""


def _hash(token: str) -> str:
    return secret_fingerprint(token)


def _key(*parts: str) -> str:
    return "|".join(" ".join(part.casefold().split()) for part in parts)[:300]


def _check_open(statement: StatementPage) -> None:
    if not statement.accepts_endorsements():
        raise EndorsementRefused(_("This statement is not open for endorsement (any more)."))


def endorsement_by_member(
    statement: StatementPage, organization: MemberOrganization
) -> Endorsement:
    _check_open(statement)
    try:
        with transaction.atomic():
            return Endorsement.objects.create(
                statement=statement,
                organization=organization,
                display_name=organization.name,
                country=organization.country,
                status=EndorsementStatus.CONFIRMED,
                dedup_key=_key("member", str(organization.pk)),
            )
    except IntegrityError:
        raise EndorsementRefused(
            _("Your organization has already endorsed this statement.")
        ) from None


def endorsement_by_public(
    statement: StatementPage, *, name: str, organization: str, country: str, email: str, confirm_url
) -> Endorsement:
    """Record a public signature. ``confirm_url(token)`` builds the link for the e-mail."""
    _check_open(statement)
    display = organization or name
    token = secrets.token_urlsafe(24) if email else ""
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(
                statement=statement,
                display_name=display,
                signer_name=name,
                country=country,
                email=email,
                status=EndorsementStatus.UNCONFIRMED if email else EndorsementStatus.PENDING,
                dedup_key=_key("public", display, country),
                token_hash=_hash(token) if token else "",
            )
    except IntegrityError:
        raise EndorsementRefused(
            _("This organization or person has already signed this statement.")
        ) from None
    if email:
        body = render_to_string(
            "members/email/endorsement_confirm.txt",
            {"endorsement": endorsement, "statement": statement, "url": confirm_url(token)},
        )
        send_mail(_("Please confirm your signature"), body, settings.DEFAULT_FROM_EMAIL, [email])
    return endorsement


def endorsement_confirm(token: str) -> Endorsement | None:
    """The signer clicked the link: the signature now waits for review."""
    endorsement = Endorsement.objects.filter(token_hash=_hash(token)).first()
    if endorsement is None:
        return None
    if endorsement.status == EndorsementStatus.UNCONFIRMED:
        endorsement.status = EndorsementStatus.PENDING
        endorsement.token_hash = ""
        endorsement.save(update_fields=["status", "token_hash"])
    return endorsement


class EndorsementReview(ReviewPolicy):
    """Confirmed signatures are the ones listed and counted under the statement."""

    model = Endorsement
    name = "endorsement"
    context_name = "endorsement"
    related = ("statement",)
    approved_status = EndorsementStatus.CONFIRMED
    declined_status = EndorsementStatus.REJECTED
    decline_word = "rejected"
    # A signature is often spam with no address to write to; nobody is sent a reason.
    reason_required = False
    approve_history = (gettext_lazy("Approve an endorsement"), gettext_lazy("Endorsement approved"))
    decline_history = (gettext_lazy("Reject an endorsement"), gettext_lazy("Endorsement rejected"))
    already_decided_message = gettext_lazy("Only endorsements waiting for review can be decided.")

    def may_review(self, user) -> bool:
        return can_review_endorsements(user)

    def title(self, record: Endorsement) -> str:
        return record.display_name


ENDORSEMENTS = EndorsementReview()


def endorsement_approve(endorsement: Endorsement, user=None) -> Endorsement:
    """List a signature waiting for review under its statement."""
    return review_approve(ENDORSEMENTS, endorsement, user)


def endorsement_reject(endorsement: Endorsement, user=None, reason: str = "") -> Endorsement:
    """Keep a signature waiting for review off the statement for good."""
    return review_decline(ENDORSEMENTS, endorsement, user, reason)


def endorsements_by_country(statement: StatementPage) -> list[dict]:
    """The public list under a statement: confirmed signers grouped by country."""
    groups: dict[str, list[Endorsement]] = {}
    for endorsement in Endorsement.objects.filter(statement=statement).public_list():
        groups.setdefault(endorsement.country.code if endorsement.country else "", []).append(
            endorsement
        )
    return [
        {"country": countries.name(code) if code else _("Other"), "endorsements": items}
        for code, items in sorted(
            groups.items(),
            key=lambda item: (not item[0], countries.name(item[0]) if item[0] else ""),
        )
    ]

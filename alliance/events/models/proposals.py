"""Local actions proposed for a day of action, waiting for a moderator's decision."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.core.review import ReviewDecision, ReviewQuerySet, ReviewStatus

# A proposal is reviewed like every reviewed record (core/review.py).
ProposalStatus = ReviewStatus


class LocalActionProposal(ReviewDecision):
    """Who proposed a local action. The action itself is a draft event page."""

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("local action"),
        on_delete=models.CASCADE,
        related_name="proposal",
        help_text=_("The draft event page created from the proposal."),
    )
    proposer_name = models.CharField(
        _("proposed by"), max_length=150, help_text=_("The person who sent the proposal.")
    )
    proposer_email = models.EmailField(
        _("proposer's e-mail"), help_text=_("Where the decision is sent.")
    )
    organization = models.CharField(
        _("organization"), max_length=255, help_text=_("The organization holding the action.")
    )
    created_at = models.DateTimeField(
        _("proposed"), default=timezone.now, help_text=_("When it arrived.")
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("local action proposal")
        verbose_name_plural = _("local action proposals")

    def __str__(self) -> str:
        return f"{self.organization}: {self.event.title}"

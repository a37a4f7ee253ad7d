"""Local actions proposed for a day of action, waiting for an editor's decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class LocalActionProposalQuerySet(models.QuerySet):
    def pending(self) -> LocalActionProposalQuerySet:
        return self.filter(status=ProposalStatus.PENDING)


class LocalActionProposal(models.Model):
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
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        help_text=_("Where the proposal stands."),
    )
    decline_reason = models.TextField(
        _("reason for declining"), blank=True, help_text=_("Sent to the proposer.")
    )
    created_at = models.DateTimeField(
        _("proposed"), default=timezone.now, help_text=_("When it arrived.")
    )
    decided_at = models.DateTimeField(
        _("decided"), null=True, blank=True, help_text=_("When an editor decided.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The editor who decided."),
    )

    objects = LocalActionProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("local action proposal")
        verbose_name_plural = _("local action proposals")

    def __str__(self) -> str:
        return f"{self.organization}: {self.event.title}"

"""Organizations and people signing on to a joint statement."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance.core.review import ReviewDecision, ReviewQuerySet


class EndorsementStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
    PENDING = "pending", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class EndorsementQuerySet(ReviewQuerySet):
    def confirmed(self) -> EndorsementQuerySet:
        return self.filter(status=EndorsementStatus.CONFIRMED)

    def public_list(self) -> EndorsementQuerySet:
        """What a statement page shows: confirmed, never an unlisted member by name."""
        return (
            self.confirmed()
            .exclude(organization__unlisted=True)
            .select_related("organization")
            .order_by("country", "display_name")
        )


class Endorsement(ReviewDecision):
    """A signature under a statement. Public signatures are reviewed (core/review.py):
    approving lists it ("confirmed"), declining keeps it out ("rejected")."""

    statement = models.ForeignKey(
        "newsroom.StatementPage",
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="endorsements",
        help_text=_("The statement endorsed."),
    )
    organization = models.ForeignKey(
        "members.MemberOrganization",
        verbose_name=_("member organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="endorsements",
        help_text=_("Set when a member organization endorses."),
    )
    display_name = models.CharField(
        _("organization or name"),
        max_length=255,
        help_text=_("As listed under the statement."),
    )
    signer_name = models.CharField(
        _("signed by"), max_length=150, blank=True, help_text=_("The person who signed.")
    )
    country = CountryField(_("country"), blank=True, help_text=_("Where the signer is based."))
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Only to confirm the signature; never shown.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EndorsementStatus.choices,
        default=EndorsementStatus.PENDING,
        help_text=_("Only confirmed endorsements are shown."),
    )
    # Recognises the same signer twice: the organization, or the normalised
    # name and country of a non-member.
    dedup_key = models.CharField(_("duplicate key"), max_length=300, help_text=_("Internal."))
    token_hash = models.CharField(
        _("confirmation fingerprint"), max_length=64, blank=True, help_text=_("Internal.")
    )
    created_at = models.DateTimeField(
        _("signed"), default=timezone.now, help_text=_("When it arrived.")
    )

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "dedup_key"], name="one_endorsement_per_signer"
            )
        ]
        # The review menu counts what is pending on every admin page: without it,
        # a scan of every endorsement (50,000 at 100,000 statements; issue 17).
        indexes = [models.Index(fields=["status"], name="endorsement_status")]

    def __str__(self) -> str:
        return self.display_name

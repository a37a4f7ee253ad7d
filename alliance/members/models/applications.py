"""Organizations asking to join. Nothing here is public."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance.core.models import phone_validator
from alliance.core.review import ReviewDecision, ReviewQuerySet, ReviewStatus

from .organizations import OrganizationKind

# An application is reviewed like every reviewed record (core/review.py).
ApplicationStatus = ReviewStatus


class MembershipApplication(ReviewDecision):
    organization_name = models.CharField(
        _("organization"), max_length=255, help_text=_("The applying organization's full name.")
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("If any."))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganizationKind.choices,
        help_text=_("What sort of organization it is."),
    )
    country = CountryField(_("country"), help_text=_("Where it is based."))
    city = models.CharField(_("city"), max_length=100, help_text=_("Its home city."))
    sectors = models.CharField(
        _("whom it organizes"), max_length=255, help_text=_("Sectors or nationalities.")
    )
    description = models.TextField(
        _("about the organization"), max_length=2000, help_text=_("What it does.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("If any."))
    contact_name = models.CharField(
        _("contact person"), max_length=150, help_text=_("Who the secretariat writes to.")
    )
    contact_email = models.EmailField(_("contact e-mail"), help_text=_("Where the decision goes."))
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("Optional."),
    )
    agrees_basis_of_unity = models.BooleanField(
        _("agrees with the Basis of Unity"),
        default=False,
        help_text=_("The applicant confirmed it agrees with the Basis of Unity."),
    )
    created_at = models.DateTimeField(
        _("received"), default=timezone.now, help_text=_("When it arrived.")
    )
    member = models.OneToOneField(
        "members.MemberOrganization",
        verbose_name=_("member organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        help_text=_("Created when the application is approved."),
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return self.organization_name

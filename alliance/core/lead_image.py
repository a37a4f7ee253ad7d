"""A page's lead image: its picture in listings, link previews, structured data and feeds."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class LeadImage(models.Model):
    """Put before ``Page`` in the bases: ``class StatementPage(LeadImage, Page)``."""

    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in listings and when the page is shared; choose one under Images."),
    )
    lead_image_alt = models.CharField(
        _("lead image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it, e.g. “Marchers with a "
            "banner in Hong Kong”."
        ),
    )

    # Read with the page when an address is routed to it (core.routing): every
    # page with one shows it, at the top and in its link preview.
    routed_with = ("lead_image",)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Say what the image shows, for people who cannot see it.")}
            )


def lead_image_panel() -> MultiFieldPanel:
    """The editor's panel for the two fields, for a page type's ``content_panels``."""
    return MultiFieldPanel(
        [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")
    )

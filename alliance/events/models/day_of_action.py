"""Global days of action, their downloadable materials, and the local actions below them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from alliance.core.blocks import BodyBlock
from alliance.core.handoff import ServedByViews
from alliance.core.lead_image import LeadImage, lead_image_panel
from alliance.core.tree import children_of
from alliance.core.visibility import KnownRestrictions

from .event import EventPage
from .queryset import EventQuerySet


class DayOfActionPage(KnownRestrictions, LeadImage, ServedByViews, RoutablePageMixin, Page):
    views_module = "alliance.events.views"

    """A global day of action: one call that many local actions answer on the same day."""

    date = models.DateField(_("date"), help_text=_("The day of action."))
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for listings and previews.")
    )
    demands = StreamField(
        BodyBlock(),
        verbose_name=_("call and demands"),
        help_text=_("The call to action and the demands everyone marches for."),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Tick for demonstration content; the page then says clearly it is an example."),
    )
    accepts_proposals = models.BooleanField(
        _("accepts local actions"),
        default=True,
        help_text=_("Whether organizations may propose local actions through the public form."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        lead_image_panel(),
        FieldPanel("demands"),
        InlinePanel("materials", heading=_("Materials to download"), label=_("Material")),
        FieldPanel("accepts_proposals"),
        FieldPanel("is_example"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("demands"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    def material_list(self):
        """The materials with their files, in one query."""
        return self.materials.select_related("document")

    class Meta:
        verbose_name = _("day of action")
        verbose_name_plural = _("days of action")

    def local_actions(self) -> EventQuerySet:
        return EventPage.objects.filter(children_of(self)).published()

    # The call to mobilize is what gets shared widely: it carries no form (and
    # so no CSRF cookie) and is served from the page cache. The proposal form,
    # which takes a name and an e-mail address, has an address of its own.
    @path("")
    def day_view(self, request):
        return self.hand_off("day_of_action_serve", request)

    @path("propose/")
    def propose_view(self, request):
        return self.hand_off("local_action_proposal", request)

    def accepting_proposals(self, today: dt.date | None = None) -> bool:
        """Proposals are welcome until the day itself, where the editors want them."""
        today = today or timezone.localdate()
        return self.accepts_proposals and self.date >= today


class DayOfActionMaterial(Orderable):
    page = ParentalKey(DayOfActionPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A poster, leaflet or fact sheet for local organizers."),
    )
    description = models.CharField(
        _("description"), max_length=255, blank=True, help_text=_("One line on what it is.")
    )

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

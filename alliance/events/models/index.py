"""The events index page: the upcoming and past listings and the month calendar."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from alliance.core.handoff import ServedByViews
from alliance.core.visibility import KnownRestrictions

from .event import EventPage
from .queryset import EventQuerySet


class EventIndexPage(KnownRestrictions, ServedByViews, RoutablePageMixin, Page):
    views_module = "alliance.events.views"

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence above the list of events.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage", "events.DayOfActionPage"]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("events index")

    def events(self) -> EventQuerySet:
        return EventPage.objects.descendant_of(self).published()

    def get_cached_paths(self) -> list[str]:
        # What a reverse proxy must forget when an event below changes.
        return ["/", "past/", "month/", "calendar.ics"]

    @path("")
    def upcoming_view(self, request):
        return self.hand_off("event_listing", request, past=False)

    @path("past/")
    def past_view(self, request):
        return self.hand_off("event_listing", request, past=True)

    @re_path(r"^month/(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month_view(self, request, year: str, month: str):
        return self.hand_off("event_month", request, int(year), int(month))

    @path("month/")
    def this_month_view(self, request):
        today = timezone.localdate()
        return self.hand_off("event_month", request, today.year, today.month)

"""An event page (when, where, who organizes it, RSVPs), its contact persons and statements."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from alliance.core.blocks import BodyBlock
from alliance.core.handoff import ServedByViews
from alliance.core.lead_image import LeadImage, lead_image_panel
from alliance.core.models import phone_validator, tel_uri
from alliance.core.visibility import KnownRestrictions

from ..admin_forms import EventPageForm
from ..schedule import event_instants, validate_time_zone
from .queryset import EventKind, EventManager, EventStatus

if TYPE_CHECKING:
    from .day_of_action import DayOfActionPage


class EventPage(KnownRestrictions, LeadImage, ServedByViews, RoutablePageMixin, Page):
    views_module = "alliance.events.views"

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.INFO_SESSION,
        help_text=_("What sort of event; readers can filter by it."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for listings and calendars."),
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("body"), blank=True, help_text=_("Everything else to know.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Postponed and cancelled events stay listed, clearly marked."),
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Postponed because of the typhoon warning; new date to follow.”"),
    )

    start_date = models.DateField(_("start date"), help_text=_("The local date it starts."))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue. Leave both times empty for an all-day event."),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For events over several days.")
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Local time at the venue.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Leave empty for the venue country's own zone; choose one where the country has "
            "several, and for online events the host's (or UTC)."
        ),
    )
    # Derived from the local dates and times above (see schedule.event_instants)
    # so that events in different zones sort and filter correctly.
    starts_at = models.DateTimeField(
        _("starts (UTC)"), editable=False, db_index=True, help_text=_("Computed.")
    )
    ends_at = models.DateTimeField(
        _("ends (UTC)"), editable=False, db_index=True, help_text=_("Computed.")
    )

    venue_name = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("E.g. “San Damiano Hall”.")
    )
    street_address = models.CharField(
        _("street address"), max_length=255, blank=True, help_text=_("Street and number.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("The city."))
    postal_code = models.CharField(
        _("postal code"), max_length=20, blank=True, help_text=_("If the place uses one.")
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Where it takes place; used for the region filter.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Optional, for the map, e.g. 40.75800."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Optional, for the map, e.g. -73.98550."),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For online events: where to join.")
    )
    meeting_point = models.TextField(
        _("meeting point"),
        blank=True,
        help_text=_("Where to gather, e.g. “Assemble at 43rd Street and 7th Avenue”."),
    )

    organizer = models.ForeignKey(
        "members.MemberOrganization",
        verbose_name=_("organizer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leave empty when the secretariat organizes it."),
    )
    organizer_name = models.CharField(
        _("organizer (not a member)"),
        max_length=255,
        blank=True,
        help_text=_("For an ally that is not in the member directory."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “English, Tagalog, Spanish”."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, interpretation, childcare, and anything else to know."),
    )
    flyer_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("flyer (image)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the page and in link previews."),
    )
    flyer_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("flyer (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A printable flyer to download."),
    )

    rsvp_enabled = models.BooleanField(
        _("take RSVPs"), default=False, help_text=_("Let people say they are coming.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Most people who can come. Leave empty for no limit."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When full, put further replies on a waiting list instead of refusing them."),
    )
    reminders = models.BooleanField(
        _("send reminders"),
        default=False,
        help_text=_(
            "Ask for an optional e-mail address or phone number to remind people. "
            "Off means the form asks for a name and the number of people only."
        ),
    )

    objects = EventManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("summary"),
                FieldPanel("status"),
                FieldPanel("status_note"),
            ],
            heading=_("What"),
        ),
        lead_image_panel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone", widget=forms.Select),
            ],
            heading=_("When (local time at the venue)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("postal_code")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("meeting_point"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organizer"), FieldPanel("organizer_name")], heading=_("Who organizes it")
        ),
        InlinePanel("contacts", heading=_("Contact persons"), label=_("Contact person")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("languages"),
                FieldPanel("accessibility"),
                FieldPanel("flyer_image"),
                FieldPanel("flyer_document"),
            ],
            heading=_("Practical"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("rsvp_enabled"),
                FieldPanel("capacity"),
                FieldPanel("waiting_list"),
                FieldPanel("reminders"),
            ],
            heading=_("RSVPs"),
        ),
        InlinePanel("related_statements", heading=_("Related statements"), label=_("Statement")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.FilterField("starts_at"),
    ]
    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage", "events.DayOfActionPage"]
    subpage_types: list[str] = []

    def related_statement_list(self):
        """The related statements that are live, in one query."""
        return self.related_statements.select_related("statement").filter(statement__live=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        if self.start_date is None:
            return
        self.starts_at, self.ends_at = event_instants(
            self.start_date, self.start_time, self.end_date, self.end_time, self.time_zone
        )
        if not self.venue_name and not self.city and not self.online_url:
            raise ValidationError(
                {"venue_name": _("Give a venue and city, or an online link.")}, code="no_place"
            )
        if self.capacity is not None and not self.rsvp_enabled:
            raise ValidationError(
                {"capacity": _("A capacity only applies when the event takes RSVPs.")}
            )

    def save(self, *args, **kwargs):
        # The instants are a cache of the local times: keep them in step even
        # when code (the demo loader, an import) skips form validation.
        if self.start_date is not None:
            self.starts_at, self.ends_at = event_instants(
                self.start_date, self.start_time, self.end_date, self.end_time, self.time_zone
            )
        return super().save(*args, **kwargs)

    # -- how it reads ---------------------------------------------------------

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def has_end(self) -> bool:
        """Whether the end is known: a time, or at least a last day."""
        return self.is_all_day or self.end_time is not None or self.is_multi_day

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.start_date

    @property
    def is_multi_day(self) -> bool:
        return self.last_day != self.start_date

    @property
    def zone_abbreviation(self) -> str:
        """The zone's name at the start, e.g. EDT."""
        return self.local_start.tzname() or self.time_zone

    @property
    def end_zone_abbreviation(self) -> str:
        """The zone's name at the end: differs from the start's across a clock change."""
        return self.local_end.tzname() or self.time_zone

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue_name

    @property
    def organizer_is_named(self) -> bool:
        """An unlisted (at-risk) member is never named as an organizer in public."""
        return bool(self.organizer) and not self.organizer.unlisted

    @property
    def organizer_display(self) -> str:
        if self.organizer:
            return (
                str(self.organizer) if self.organizer_is_named else str(_("A member organization"))
            )
        return self.organizer_name

    @property
    def sequence(self) -> int:
        """iCalendar SEQUENCE: seconds between first and latest publication.

        It grows with every republication, with nothing stored and no query.
        """
        if not self.first_published_at or not self.last_published_at:
            return 0
        return max(0, int((self.last_published_at - self.first_published_at).total_seconds()))

    @cached_property
    def day_of_action(self) -> DayOfActionPage | None:
        parent = self.get_parent().specific
        # Through the app registry: the day-of-action module imports this one.
        day_of_action_page = apps.get_model("events", "DayOfActionPage")
        return parent if isinstance(parent, day_of_action_page) else None

    def rsvps_open(self) -> bool:
        return self.rsvp_enabled and self.status == EventStatus.SCHEDULED and not self.is_past

    # -- routes -----------------------------------------------------------------

    @path("")
    def event_view(self, request):
        return self.hand_off("event_serve", request)

    @path("flyer/")
    def flyer_view(self, request):
        return self.hand_off("event_flyer", request)

    @path("rsvp/<str:token>/")
    def rsvp_manage(self, request, token: str):
        return self.hand_off("rsvp_manage", request, token)


class EventContact(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150, help_text=_("Whom to ask."))
    role = models.CharField(
        _("role"), max_length=150, blank=True, help_text=_("E.g. “Media” or “Logistics”.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("Include the country code for callers abroad."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Optional public e-mail."))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("phone"), FieldPanel("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)


class EventStatement(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_statements")
    statement = models.ForeignKey(
        "newsroom.StatementPage",
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A statement about this event or its cause."),
    )

    panels = [FieldPanel("statement")]

    class Meta(Orderable.Meta):
        verbose_name = _("related statement")
        verbose_name_plural = _("related statements")

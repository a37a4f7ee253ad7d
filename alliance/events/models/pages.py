"""Event pages, days of action, and the events index with its listings and calendars."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from alliance.core.blocks import BodyBlock
from alliance.core.models import phone_validator, tel_uri
from alliance.core.tree import children_of
from alliance.core.visibility import public_q

from ..schedule import event_instants, time_zone_choices, validate_time_zone


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("Info-session")
    FORUM = "forum", _("Forum")
    RALLY = "rally", _("Rally or march")
    PICKET = "picket", _("Picket")
    MOBILIZATION = "mobilization", _("Mobilization")
    ONLINE = "online", _("Online meeting")
    CULTURAL = "cultural", _("Cultural event")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


_END_OF_TIME = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


class EventQuerySet(PageQuerySet):
    def published(self) -> EventQuerySet:
        """What the public may see: live, not behind a privacy restriction."""
        return self.live().filter(public_q())

    def upcoming(self, now: dt.datetime | None = None) -> EventQuerySet:
        """Not over yet: running events count as upcoming until they end."""
        # The upper bound excludes nothing. With a range on both sides SQLite
        # reads the events ending from now on (the end index) and sorts those;
        # with one side it walked every past event in order of start (18 ms
        # at 10,000 events, bench/README.md).
        return self.filter(ends_at__gte=now or timezone.now(), ends_at__lt=_END_OF_TIME).order_by(
            "starts_at", "pk"
        )

    def past(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_region(self, region) -> EventQuerySet:
        from alliance.members.models import Country

        codes = Country.objects.filter(region=region).values("code")
        return self.filter(country__in=codes)

    def by_organizer(self, organizer) -> EventQuerySet:
        """Events of one member organization, or of the secretariat when organizer is None."""
        return self.filter(organizer=organizer) if organizer else self.filter(organizer=None)

    def in_month(self, year: int, month: int) -> EventQuerySet:
        """Events that touch a calendar month, by their local dates."""
        first = dt.date(year, month, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return self.filter(start_date__lt=following).filter(
            models.Q(end_date__gte=first) | models.Q(end_date=None, start_date__gte=first)
        )

    def for_listing(self) -> EventQuerySet:
        # Cards show no body; upcoming events are sorted by start, bodies and all.
        return self.select_related("organizer").defer_streamfields()


EventManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(RoutablePageMixin, Page):
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
        from ..views import event_listing

        return event_listing(self, request, past=False)

    @path("past/")
    def past_view(self, request):
        from ..views import event_listing

        return event_listing(self, request, past=True)

    @re_path(r"^month/(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month_view(self, request, year: str, month: str):
        from ..views import event_month

        return event_month(self, request, int(year), int(month))

    @path("month/")
    def this_month_view(self, request):
        from ..views import event_month

        today = timezone.localdate()
        return event_month(self, request, today.year, today.month)


class DayOfActionPage(RoutablePageMixin, Page):
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
        from ..views import day_of_action_serve

        return day_of_action_serve(self, request)

    @path("propose/")
    def propose_view(self, request):
        from ..views import local_action_proposal

        return local_action_proposal(self, request)

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


class EventPage(RoutablePageMixin, Page):
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
            "The venue's time zone, e.g. “America/New_York”; for online events, the host's."
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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
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
        return parent if isinstance(parent, DayOfActionPage) else None

    def rsvps_open(self) -> bool:
        return self.rsvp_enabled and self.status == EventStatus.SCHEDULED and not self.is_past

    # -- routes -----------------------------------------------------------------

    @path("")
    def event_view(self, request):
        from ..views import event_serve

        return event_serve(self, request)

    @path("rsvp/<str:token>/")
    def rsvp_manage(self, request, token: str):
        from ..views import rsvp_manage

        return rsvp_manage(self, request, token)


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

"""The alliance itself: its settings, home, about, standard and contact pages."""

from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from .blocks import BodyBlock
from .handoff import ServedByViews
from .kept import in_process
from .licences import DEFAULT_LICENCE, LICENCE_CHOICES

# AllianceTexts is a model of this app kept in texts.py; imported here so Django loads it.
from .texts import AllianceTexts, texts_in_reader_language  # noqa: F401
from .visibility import KnownRestrictions


def tel_uri(phone: str) -> str:
    """A tap-to-call link for a phone number as people write it."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


phone_validator = RegexValidator(
    r"^[0-9+()./\s-]{5,40}$",
    _("Use digits, spaces and + ( ) - . only, e.g. “+852 2345 6789”."),
)


@register_setting(icon="site")
class AllianceSettings(BaseSiteSetting, ClusterableModel):
    """Who the alliance is, as shown in every page's header, footer and structured data."""

    # The logo is in every page's structured data and link preview.
    select_related = ["logo"]

    @classmethod
    def for_request(cls, request):
        # Read on every page (header, footer, structured data) and rarely changed: each
        # process keeps it for the site's generation, which saving it renews (core.kept).
        name = cls.get_cache_attr_name()
        if not hasattr(request, name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            found = in_process(request, "alliance-settings", site.pk, lambda: cls.for_site(site))
            found._request = request
            setattr(request, name, found)
        return getattr(request, name)

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square or wide logo; used in the header and in structured data."),
    )
    founded = models.DateField(
        _("founded"),
        null=True,
        blank=True,
        help_text=_("Founding date. Only the month and year are shown publicly."),
    )
    secretariat_address = models.TextField(
        _("secretariat postal address"),
        blank=True,
        help_text=_("Optional. Leave empty if the address should not be public."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Public address for enquiries; contact form messages are sent here too."),
    )
    default_licence = models.CharField(
        _("licence of statements"),
        max_length=30,
        choices=LICENCE_CHOICES,
        default=DEFAULT_LICENCE,
        help_text=_(
            "Under which terms others may republish statements, unless a statement says "
            "otherwise (Statements › a statement › Republishing)."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "The name, short name, tagline and secretariat city are in "
                        "Settings › Name and tagline, where they are translated."
                    )
                ),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("founded"),
                FieldPanel("secretariat_address"),
                FieldPanel("contact_email"),
            ],
            heading=_("Secretariat"),
        ),
        InlinePanel("contact_persons", heading=_("Contact persons"), label=_("Contact person")),
        InlinePanel("social_links", heading=_("Social links"), label=_("Social link")),
        FieldPanel("default_licence", heading=_("Republishing")),
    ]

    class Meta:
        verbose_name = _("alliance settings")

    def __str__(self) -> str:
        return self.name or str(_("Alliance settings"))

    # The texts readers read are in core.texts, one row per language: these read them in
    # the reader's language, so templates and code say ``alliance.name`` as before.
    @property
    def name(self) -> str:
        return texts_in_reader_language(self.site_id)["name"]

    @property
    def acronym(self) -> str:
        return texts_in_reader_language(self.site_id)["acronym"]

    @property
    def tagline(self) -> str:
        return texts_in_reader_language(self.site_id)["tagline"]

    @property
    def secretariat_city(self) -> str:
        return texts_in_reader_language(self.site_id)["secretariat_city"]

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class ContactPerson(Orderable):
    settings = ParentalKey(
        AllianceSettings, on_delete=models.CASCADE, related_name="contact_persons"
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("Full name as it should appear.")
    )
    role = models.CharField(
        _("role"),
        max_length=150,
        blank=True,
        help_text=_("What to contact them about, e.g. “Media”."),
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

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)


class SocialLink(Orderable):
    settings = ParentalKey(AllianceSettings, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(
        _("label"), max_length=50, help_text=_("The network's name, e.g. “Facebook” or “Mastodon”.")
    )
    url = models.URLField(_("address"), help_text=_("The full address of the alliance's profile."))

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")
        verbose_name_plural = _("social links")

    def __str__(self) -> str:
        return self.label


class HomePage(KnownRestrictions, Page):
    intro = models.TextField(
        _("introduction"),
        help_text=_("Who the alliance is, in two sentences. Shown first on the home page."),
    )
    statements_count = models.PositiveSmallIntegerField(
        _("statements shown"),
        default=5,
        help_text=_("How many of the latest statements the home page lists."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("statements_count")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Composed from several apps' content, so its template lives at project level.
    template = "home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(KnownRestrictions, Page):
    """A plain page of text: privacy notice, an explainer, a campaign background."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown above the body and in search results."),
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's text.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage", "core.AboutPage"]

    class Meta:
        verbose_name = _("standard page")


class AboutPage(KnownRestrictions, Page):
    intro = models.TextField(
        _("introduction"),
        help_text=_("A sentence or two shown above the body and in search results."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The alliance's story and facts."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("founding_documents", heading=_("Founding documents"), label=_("Document")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.StandardPage"]
    max_count = 1
    # Shows the member directory's figures, so its template lives at project level.
    template = "about_page.html"

    def founding_document_list(self):
        """The founding documents with their files, in one query."""
        return self.founding_documents.select_related("document")

    class Meta:
        verbose_name = _("about page")


class FoundingDocument(Orderable):
    page = ParentalKey(AboutPage, on_delete=models.CASCADE, related_name="founding_documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The file readers download."),
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("One line on what the document is."),
    )

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("founding document")
        verbose_name_plural = _("founding documents")


class ContactPage(KnownRestrictions, ServedByViews, Page):
    views_module = "alliance.core.views"

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the contact persons and the form.")
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        default="",
        blank=True,
        help_text=_("Shown after a message is sent. Leave empty for a standard sentence."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        return self.hand_off("contact_page_serve", request)


class ContactMessageQuerySet(models.QuerySet):
    def unhandled(self) -> ContactMessageQuerySet:
        return self.filter(handled=False)

    def older_than(self, days: int, now: dt.datetime | None = None) -> ContactMessageQuerySet:
        return self.filter(created_at__lt=(now or timezone.now()) - dt.timedelta(days=days))


class ContactMessage(models.Model):
    """A message sent through the contact page. Personal data: kept only as long as needed."""

    # Erasable on request: the site history names it by kind and number (core/history.py).
    named_by_id_in_history = True

    name = models.CharField(
        _("name"), max_length=150, help_text=_("The sender's name or nickname.")
    )
    email = models.EmailField(_("e-mail"), help_text=_("Where the reply goes."))
    subject = models.CharField(_("subject"), max_length=200, blank=True, help_text=_("Optional."))
    message = models.TextField(_("message"), help_text=_("The message as sent."))
    created_at = models.DateTimeField(
        _("received"), default=timezone.now, editable=False, help_text=_("When it arrived.")
    )
    handled = models.BooleanField(
        _("handled"), default=False, help_text=_("Tick once someone has answered or dealt with it.")
    )

    objects = ContactMessageQuerySet.as_manager()

    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("handled"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return self.subject or self.message[:60]


class ClockRun(models.Model):
    """When a periodic job of ``manage.py clock`` last ran (alliance/core/clock.py).

    Kept in the database rather than the cache so that a restart, or a cache
    that drops entries, does not run a daily job again at once.
    """

    name = models.CharField(
        _("job"), max_length=100, unique=True, help_text=_("The job's name in the clock.")
    )
    started_at = models.DateTimeField(
        _("last started"), null=True, help_text=_("When the job last began.")
    )
    running_since = models.DateTimeField(
        _("running since"),
        null=True,
        help_text=_("Set while a run is under way, so the job never runs twice at a time."),
    )
    finished_at = models.DateTimeField(
        _("last finished"), null=True, help_text=_("When the last run ended.")
    )
    succeeded = models.BooleanField(
        _("succeeded"), default=False, help_text=_("Whether the last run ended without an error.")
    )

    class Meta:
        verbose_name = _("clock run")
        verbose_name_plural = _("clock runs")

    def __str__(self) -> str:
        return self.name

    def is_due(self, every: dt.timedelta, lease: dt.timedelta, now: dt.datetime) -> bool:
        """Whether a job run every ``every`` may start now (the same test ``claim`` makes)."""
        started = self.started_at is None or self.started_at <= now - every
        free = self.running_since is None or self.running_since <= now - lease
        return started and free

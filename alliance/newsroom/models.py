"""The newsroom: statements, press releases, news, calls to action and joint statements."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance.core.blocks import BodyBlock
from alliance.core.handoff import ServedByViews
from alliance.core.kept import kept
from alliance.core.lead_image import LeadImage, lead_image_panel
from alliance.core.licences import LICENCE_CHOICES, Licence, licence
from alliance.core.models import AllianceSettings
from alliance.core.pagecache.tags import depends_on
from alliance.core.translated import in_reader_language, originals_only
from alliance.core.tree import children_of
from alliance.core.visibility import KnownRestrictions, public_q
from alliance.core.widgets import CheckboxesWithAdd

from .snippets import Person, Topic


class StatementKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    PRESS_RELEASE = "press_release", _("Press release")
    NEWS = "news", _("News")
    CALL_TO_ACTION = "call_to_action", _("Call to action")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")


class StatementQuerySet(PageQuerySet):
    def published(self) -> StatementQuerySet:
        """What the public may see: live, not behind a privacy restriction."""
        return self.live().filter(public_q())

    def dated(self) -> StatementQuerySet:
        """All of them (every statement has a date), said so that SQLite reads the
        date index: without a condition on ``date`` it sorted every statement
        to show the newest ten, instead of reading ten (bench/README.md)."""
        return self.filter(date__gte=dt.date.min)

    def newest_first(self) -> StatementQuerySet:
        """By date, and on the same date the one added last first.

        Both keys are in the date index (SQLite keeps the row id in every
        index), so the newest ten are read, not sorted: a tie-break on the
        publishing time (another table) had SQLite sort every statement of the
        latest date, all columns, for each listing.
        """
        return self.dated().order_by("-date", "-pk")

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the latest date, or None when there are no statements."""
        dates = self.dated().values_list("date", flat=True)
        first, last = dates.order_by("date").first(), dates.order_by("-date").first()
        return (first, last) if first and last else None

    def for_listing(self) -> StatementQuerySet:
        # Cards show no body: without them, SQLite sorts small rows (on a day
        # with hundreds of statements it sorted every body of that day).
        return (
            self.select_related("lead_image")
            .prefetch_related("topics", "lead_image__renditions")
            .newest_first()
            .defer_streamfields()
        )


StatementManager = PageManager.from_queryset(StatementQuerySet)

# The fields a statement card (newsroom/includes/statement_card.html) and its
# address need.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale",
    "live",
    "content_type",
    "translation_key",
    "first_published_at",
    "kind",
    "date",
    "deck",
    "summary",
    "lead_image",
    "lead_image_alt",
)


class StatementIndexPage(KnownRestrictions, ServedByViews, RoutablePageMixin, Page):
    views_module = "alliance.newsroom.views"

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence above the list of statements.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["newsroom.StatementPage"]
    page_size = 10

    class Meta:
        verbose_name = _("statements index")

    def statements(self) -> StatementQuerySet:
        # child_of, not core.tree.children_of: every statement is a child, and
        # with a range of paths SQLite read them all by path and sorted them by
        # date; with child_of it reads the date index (bench/README.md).
        return StatementPage.objects.child_of(self).published()

    def route(self, request, path_components):
        # A statement in one query, where Wagtail takes two (the page, then its
        # type): statements are the only pages below. The listing's own
        # addresses (feeds) still come first.
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                statement = StatementPage.objects.filter(
                    children_of(self), slug=path_components[0]
                ).first()
                if statement is not None:
                    statement._cached_parent_obj = self
                    return statement.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_cached_paths(self) -> list[str]:
        # What a reverse proxy must forget when a statement below changes.
        return ["/", "feed/", "feed/rss/"]

    # The routes hand off to views.py (core.handoff).
    @path("")
    def listing(self, request):
        return self.hand_off("statement_listing", request)

    @path("feed/")
    def atom_feed(self, request):
        return self.hand_off("statement_feed", request, "atom")

    @path("feed/rss/")
    def rss_feed(self, request):
        return self.hand_off("statement_feed", request, "rss")

    @path("topics/<slug:slug>/feed/")
    def topic_atom_feed(self, request, slug: str):
        return self.hand_off("statement_feed", request, "atom", topic_slug=slug)

    @path("topics/<slug:slug>/feed/rss/")
    def topic_rss_feed(self, request, slug: str):
        return self.hand_off("statement_feed", request, "rss", topic_slug=slug)


# What a statement's page shows besides its own fields (spokespersons last: with their people).
RELATIONS = ("topics", "regions", "countries", "co_publishers", "spokespersons")


class StatementPage(KnownRestrictions, LeadImage, Page):
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=StatementKind.choices,
        default=StatementKind.STATEMENT,
        help_text=_("What sort of text this is; readers can filter by it."),
    )
    deck = models.CharField(
        _("deck"),
        max_length=255,
        blank=True,
        help_text=_("An optional subtitle under the headline."),
    )
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        # Listings, feeds and "related" read statements newest first.
        db_index=True,
        help_text=_(
            "The date the statement was issued. To publish later, use the schedule instead."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for listings, feeds and link previews."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The statement's text."))
    signature = models.TextField(
        _("signature block"),
        blank=True,
        help_text=_("Who signs at the end, one line each, e.g. the name, then the role."),
    )
    topics = ParentalManyToManyField(
        Topic,
        limit_choices_to=originals_only,
        verbose_name=_("topics"),
        blank=True,
        related_name="statements",
        help_text=_("What it is about; each topic has its own feed."),
    )
    regions = ParentalManyToManyField(
        "members.Region",
        limit_choices_to=originals_only,
        verbose_name=_("regions"),
        blank=True,
        related_name="statements",
        help_text=_("The regions it concerns, if any."),
    )
    countries = ParentalManyToManyField(
        "members.Country",
        verbose_name=_("countries"),
        blank=True,
        related_name="statements",
        help_text=_("The countries it concerns, if any."),
    )
    co_publishers = ParentalManyToManyField(
        "members.PartnerOrganization",
        verbose_name=_("co-publishers"),
        blank=True,
        related_name="statements",
        help_text=_("For a joint statement: the organizations that publish it with the alliance."),
    )

    licence = models.CharField(
        _("licence"),
        max_length=30,
        blank=True,
        choices=LICENCE_CHOICES,
        help_text=_(
            "Under which terms others may republish it. Leave empty for the site's default "
            "(Settings › Alliance settings)."
        ),
    )

    endorsements_open = models.BooleanField(
        _("open for endorsement"),
        default=False,
        help_text=_("Let organizations and people sign on to this statement."),
    )
    endorsements_close_on = models.DateField(
        _("endorsements close"),
        null=True,
        blank=True,
        help_text=_("Last day to sign. Leave empty to keep it open until unticked."),
    )

    objects = StatementManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("deck"), FieldPanel("date"), FieldPanel("summary")],
            heading=_("About this statement"),
        ),
        lead_image_panel(),
        FieldPanel("body"),
        InlinePanel("spokespersons", heading=_("Spokespersons and authors"), label=_("Person")),
        FieldPanel("signature"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "co_publishers",
                    widget=CheckboxesWithAdd(
                        add_url_name="wagtailsnippets_members_partnerorganization:add",
                        add_label=_("Add a partner organization (opens a new tab)"),
                    ),
                ),
                FieldPanel(
                    "topics",
                    widget=CheckboxesWithAdd(
                        add_url_name="wagtailsnippets_newsroom_topic:add",
                        add_label=_("Add a topic (opens a new tab)"),
                    ),
                ),
                FieldPanel("regions", widget=CheckboxesWithAdd()),
                FieldPanel("countries", widget=CheckboxesWithAdd()),
            ],
            heading=_("Partners, topics and places"),
        ),
        InlinePanel("related_statements", heading=_("Related statements"), label=_("Statement")),
        MultiFieldPanel(
            [FieldPanel("endorsements_open"), FieldPanel("endorsements_close_on")],
            heading=_("Sign-on"),
        ),
        FieldPanel("licence", heading=_("Republishing")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("deck"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("signature"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["newsroom.StatementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    @property
    def published_at(self) -> dt.datetime:
        """The publication moment: the issue date, at the time it first went live if that day."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return first
        return dt.datetime.combine(self.date, dt.time(0, 0), tzinfo=dt.UTC)

    @cached_property
    def byline_people(self) -> list[tuple[str, str]]:
        """(name, role) of each spokesperson, the usual role in the reader's language."""
        items = list(self.spokespersons.all())
        people = in_reader_language(item.person for item in items)
        return [
            (person.name, item.role or person.role)
            for item, person in zip(items, people, strict=True)
        ]

    @cached_property
    def index_url(self) -> str:
        """The address of the statements listing this statement belongs to."""
        if "_cached_parent_obj" not in self.__dict__:
            # The parent's address is this one without the last slug: a page's
            # address is its tree path of slugs (Wagtail's url_path), so no query.
            url = self.url
            if url and url.endswith(f"/{self.slug}/"):
                return url[: -len(self.slug) - 1]
        return self.get_parent().url

    def get_context(self, request, *args, **kwargs):
        # Topics, places, partners and people each appear in several places of
        # the page (meta tags, byline, JSON-LD, related): fetch each once.
        if getattr(request, "is_preview", False):
            # A preview shows the editor's unsaved choices, which the page holds.
            self._fetch_relations()
        else:
            # The same on every render until something is published: kept
            # (core.kept) and given to the page in memory, as modelcluster
            # gives a preview its relations, without a query.
            relations = kept(
                request,
                "statement-relations",
                self.pk,
                compute=self._fetch_relations,
                mutable=True,  # modelcluster sets each spokesperson's page
            )
            for name, items in relations.items():
                setattr(self, name, items)
        # "Related" lists the newest statements sharing a topic: a publish in
        # one of these topics may change it (alliance.core.pagecache.tags).
        depends_on(request, *self.topics.all())
        context = super().get_context(request, *args, **kwargs)
        context["licence"] = self.licence_for(AllianceSettings.for_request(request))
        return context

    def _fetch_relations(self) -> dict[str, list]:
        prefetch_related_objects(
            [self],
            *RELATIONS[:-1],
            # Through a plain lookup: modelcluster ignores the page filter on a
            # Prefetch queryset of a child relation and would fetch every page's.
            "spokespersons__person",
        )
        return {name: list(getattr(self, name).all()) for name in RELATIONS}

    def licence_for(self, alliance: AllianceSettings | None) -> Licence:
        """Its own licence, or the site's default."""
        return licence(self.licence or getattr(alliance, "default_licence", ""))

    def accepts_endorsements(self, today: dt.date | None = None) -> bool:
        if not self.endorsements_open or not self.live:
            return False
        today = today or timezone.localdate()
        return self.endorsements_close_on is None or today <= self.endorsements_close_on

    @cached_property
    def related(self) -> list[StatementPage]:
        """Hand-picked related statements first, then the newest sharing a topic."""
        chosen = [
            rel.statement
            for rel in self.related_statements.select_related("statement")
            if rel.statement.live
        ]
        wanted = 3
        if len(chosen) < wanted:
            topic_ids = [topic.pk for topic in self.topics.all()]
            if topic_ids:
                excluded = [self.pk, *(page.pk for page in chosen)]
                # EXISTS rather than a join: the newest statements are read in
                # date order (an index) until enough share a topic, instead of
                # de-duplicating and sorting every statement of those topics.
                sharing = StatementPage.topics.through.objects.filter(
                    statementpage_id=OuterRef("pk"), topic_id__in=topic_ids
                )
                chosen += list(
                    StatementPage.objects.published()
                    # In the reader's language: not this statement's own translations.
                    .filter(Exists(sharing), locale_id=self.locale_id)
                    .exclude(pk__in=excluded)
                    .newest_first()
                    # What a card shows; not the bodies.
                    .only(*CARD_FIELDS)[: wanted - len(chosen)]
                )
        # The cards' pictures in two queries, however many cards.
        prefetch_related_objects(chosen, "lead_image__renditions")
        return chosen


class StatementSpokesperson(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="spokespersons")
    person = models.ForeignKey(
        Person,
        limit_choices_to=originals_only,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Choose a person, or add one under Statements › People."),
    )
    role = models.CharField(
        _("role in this statement"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty to use the person's usual role."),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]
    # The person stays the original (core.translated): shown in the reader's language.
    translatable_fields = [
        SynchronizedField("sort_order"),
        SynchronizedField("person"),
        TranslatableField("role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("spokesperson")
        verbose_name_plural = _("spokespersons")

    @property
    def shown_role(self) -> str:
        return self.role or self.person.role


class StatementRelation(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="related_statements")
    statement = models.ForeignKey(
        "newsroom.StatementPage",
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another statement readers of this one should see."),
    )

    panels = [FieldPanel("statement")]

    class Meta(Orderable.Meta):
        verbose_name = _("related statement")
        verbose_name_plural = _("related statements")

"""The API's views: thin read-only viewsets over the domain apps' published querysets.

Each list fetches what its serializer needs for the whole page of results in a fixed number
of queries (``prepare``), so a page costs the same whatever it holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.models import Page

from alliance.core.models import AllianceSettings
from alliance.core.translated import default_language, translations_by_key, translations_into
from alliance.core.tree import children_of
from alliance.core.visibility import public_q
from alliance.events.models import DayOfActionPage, EventPage
from alliance.members.models import Country, MemberOrganization, Region
from alliance.newsroom.models import StatementPage, StatementSpokesperson, Topic

from . import filters, problems, serializers
from .pagination import CursorPagination, Selective


class ReadOnlyResource(viewsets.ReadOnlyModelViewSet):
    """Anyone may read, nobody signs in, nothing is written; answers are plain JSON."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    filter_backends = [DjangoFilterBackend]
    pagination_class = CursorPagination

    def get_exception_handler(self):
        return problems.exception_handler

    model = None

    def describing(self) -> bool:
        """Asked by drf-spectacular while it writes the description: no request, no database."""
        return getattr(self, "swagger_fake_view", False)

    def get_queryset(self):
        if self.describing():
            return self.model.objects.none()
        return self.published()

    def published(self):
        raise NotImplementedError

    def prepare(self, items: list) -> dict:
        """What the serializer needs for all ``items`` at once, added to its context."""
        return {}

    def list(self, request, *args, **kwargs):
        items = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = self.get_serializer(items, many=True)
        data = serializer.data
        release(serializer)
        return self.get_paginated_response(data)

    def get_serializer(self, *args, **kwargs):
        context = self.get_serializer_context()
        if args and args[0] is not None:
            items = list(args[0]) if kwargs.get("many") else [args[0]]
            context.update(self.prepare(items))
        kwargs["context"] = context
        return self.get_serializer_class()(*args, **kwargs)


def release(serializer) -> None:
    """Let go of what a serializer was given once it has written its answer.

    A DRF serializer and its fields refer to each other, so it is freed only by Python's
    garbage collector, and with it everything it still holds: a page of statements with
    their bodies' blocks, half of what a page left for the collector (bench/README.md).
    Released, those are freed as soon as the answer is made.
    """
    for each in (serializer, getattr(serializer, "child", None)):
        if each is not None:
            each.instance = None
            each._args, each._kwargs = (), {}
            each.__dict__.pop("_data", None)  # the answer: the response holds it
    serializer.context.clear()


def translations_of(pages: list[Page]) -> dict:
    """Every public, live version of these pages, by translation key, in one query."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    found = defaultdict(list)
    versions = (
        Page.objects.filter(translation_key__in=keys)
        .live()
        .filter(public_q())
        .select_related("locale")
        .only("path", "url_path", "depth", "translation_key", "locale__language_code")
        .order_by("locale__language_code")
    )
    for version in versions:
        found[version.translation_key].append(version)
    return found


class PageResource(ReadOnlyResource):
    def prepare(self, items: list) -> dict:
        return {"translations": translations_of(items)}


def translated_names(model, rows: list[tuple], languages: dict[int, str]) -> dict:
    """(translation key, language) to name, for the rows' topics or regions (key last in a row)."""
    found = translations_by_key(
        model, (row[-1] for row in rows), (languages[row[0]] for row in rows)
    )
    return {key: translation.name for key, translation in found.items()}


def statement_relations(statements: list[StatementPage]) -> dict:
    """Each statement's topics, regions, countries, co-publishers and spokespersons as they
    read in JSON, by the statement's id, in five queries.

    Plain rows in each relation's own order (its model's ``Meta.ordering``), not model
    instances: ``prefetch_related`` made some 200 instances and their managers for a page
    of 20 statements, a quarter of its time, and most of the garbage a page leaves for
    the garbage collector (bench/README.md).
    """
    ids = [statement.pk for statement in statements]
    found: dict = defaultdict(lambda: defaultdict(list))
    if not ids:
        return found
    # Topic and region names in each statement's own language, where translated: one more
    # query per kind for the page (core.translated).
    languages = {statement.pk: statement.locale.language_code for statement in statements}
    through = StatementPage.topics.through.objects.filter(statementpage_id__in=ids)
    rows = list(
        through.order_by("topic__name").values_list(
            "statementpage_id", "topic_id", "topic__slug", "topic__name", "topic__translation_key"
        )
    )
    names = translated_names(Topic, rows, languages)
    for owner, pk, slug, name, key in rows:
        shown = names.get((key, languages[owner]), name)
        found[owner]["topics"].append({"id": pk, "slug": slug, "name": shown})
    through = StatementPage.regions.through.objects.filter(statementpage_id__in=ids)
    rows = list(
        through.order_by("region__sort_order", "region__name").values_list(
            "statementpage_id",
            "region_id",
            "region__slug",
            "region__name",
            "region__translation_key",
        )
    )
    names = translated_names(Region, rows, languages)
    for owner, pk, slug, name, key in rows:
        shown = names.get((key, languages[owner]), name)
        found[owner]["regions"].append({"id": pk, "slug": slug, "name": shown})
    countries = Country._meta.get_field("code").countries
    names: dict[str, str] = {}  # each country's name looked up once (in the active language)
    through = StatementPage.countries.through.objects.filter(statementpage_id__in=ids)
    for owner, code in through.order_by("country_id").values_list(
        "statementpage_id", "country__code"
    ):
        if code not in names:
            names[code] = str(countries.name(code))
        found[owner]["countries"].append({"code": code, "name": names[code]})
    through = StatementPage.co_publishers.through.objects.filter(statementpage_id__in=ids)
    for owner, name, acronym, website in through.order_by("partnerorganization__name").values_list(
        "statementpage_id",
        "partnerorganization__name",
        "partnerorganization__acronym",
        "partnerorganization__website",
    ):
        found[owner]["co_publishers"].append({"name": name, "acronym": acronym, "website": website})
    speakers = StatementSpokesperson.objects.filter(page_id__in=ids).order_by("sort_order")
    for owner, name, role, usual_role, organization in speakers.values_list(
        "page_id", "person__name", "role", "person__role", "person__organization"
    ):
        found[owner]["spokespersons"].append(
            {"name": name, "role": role or usual_role, "organization": organization}
        )
    return found


class StatementViewSet(PageResource):
    """Statements, newest first: whole text, people, places, licence and translations."""

    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilter
    model = StatementPage

    def published(self):
        return (
            StatementPage.objects.published()
            # Every statement, said so that the newest are read from the date index.
            .filter(Selective(Q(date__gte=dt.date.min)))
            .select_related("locale")
            .order_by("-date", "-pk")
        )

    def prepare(self, items: list) -> dict:
        return {
            **super().prepare(items),
            "related": statement_relations(items),
            "bodies": dict(
                zip(
                    (item.pk for item in items),
                    serializers.bodies_html([item.body for item in items]),
                    strict=True,
                )
            ),
        }

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not self.describing():
            context["alliance"] = AllianceSettings.for_request(self.request)
        return context


def days_above(events: list[EventPage]) -> dict:
    """The days of action these events are local actions of, by their tree path."""
    parents = {event.path[: -event.steplen] for event in events}
    if not parents:
        return {}
    days = DayOfActionPage.objects.filter(path__in=parents).live().filter(public_q())
    return {day.path: day for day in days.only("title", "date", "path")}


class EventViewSet(PageResource):
    """Events in order of their start (UTC), with local times and their zone."""

    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    model = EventPage

    def published(self):
        return (
            EventPage.objects.published()
            # Every event, said so that SQLite reads them from the start index (Selective).
            .filter(Selective(Q(starts_at__gte=dt.datetime(1, 1, 2, tzinfo=dt.UTC))))
            .select_related("locale", "organizer")
            .defer_streamfields()
            .order_by("starts_at", "pk")
        )

    def prepare(self, items: list) -> dict:
        return {**super().prepare(items), "days": days_above(items)}


def local_actions_of(days: list[DayOfActionPage]) -> dict:
    """The published events below each day of action, by the day's path, in one query."""
    if not days:
        return {}
    below = reduce(or_, (children_of(day) for day in days), Q())
    found = defaultdict(list)
    events = (
        EventPage.objects.published()
        .filter(below)
        .select_related("locale")
        .defer_streamfields()
        .order_by("starts_at", "pk")
    )
    for event in events:
        found[event.path[: -event.steplen]].append(event)
    return found


class DayOfActionViewSet(PageResource):
    """Global days of action, newest first, each with its local actions."""

    serializer_class = serializers.DayOfActionSerializer
    filterset_class = filters.DayOfActionFilter
    model = DayOfActionPage

    def published(self):
        return (
            DayOfActionPage.objects.live()
            .filter(public_q())
            .select_related("locale")
            .order_by("-date", "-pk")
        )

    def prepare(self, items: list) -> dict:
        return {**super().prepare(items), "local_actions": local_actions_of(items)}


class OrganizationViewSet(ReadOnlyResource):
    """Listed member organizations, by name, with the fields each shows to everyone."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    model = MemberOrganization

    def published(self):
        return (
            MemberOrganization.objects.listed()
            .select_related("logo")
            .prefetch_related("social_links")
            .order_by("name", "pk")
        )


class NamedResource(ReadOnlyResource):
    """Topics and regions: the originals, named in the language ``?locale=`` asks for."""

    filterset_class = filters.NamesFilter

    def prepare(self, items: list) -> dict:
        language = self.request.query_params.get("locale") or default_language()
        return {"language": language, "names": translations_into(items, [language])}


class TopicViewSet(NamedResource):
    """The topics statements are filed under."""

    serializer_class = serializers.TopicSerializer
    model = Topic

    def published(self):
        return Topic.objects.originals().order_by("name", "pk")


class RegionViewSet(NamedResource):
    """The alliance's regions and the countries (ISO codes) in each."""

    serializer_class = serializers.RegionSerializer
    model = Region

    def published(self):
        return (
            Region.objects.originals()
            .prefetch_related("countries")
            .order_by("sort_order", "name", "pk")
        )

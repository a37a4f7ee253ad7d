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
from alliance.core.translated import default_language, translations_into
from alliance.core.tree import children_of
from alliance.core.visibility import public_q
from alliance.events.models import DayOfActionPage, EventPage
from alliance.members.models import MemberOrganization, Region
from alliance.newsroom.models import StatementPage, Topic

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

    def get_serializer(self, *args, **kwargs):
        context = self.get_serializer_context()
        if args and args[0] is not None:
            items = list(args[0]) if kwargs.get("many") else [args[0]]
            context.update(self.prepare(items))
        kwargs["context"] = context
        return self.get_serializer_class()(*args, **kwargs)


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
            .prefetch_related(
                "topics", "regions", "countries", "co_publishers", "spokespersons__person"
            )
            .order_by("-date", "-pk")
        )

    def prepare(self, items: list) -> dict:
        # Topic and region names in each statement's language: one query per kind.
        languages = {item.locale.language_code for item in items}
        topics = [topic for item in items for topic in item.topics.all()]
        regions = [region for item in items for region in item.regions.all()]
        return {
            **super().prepare(items),
            "names": {
                **translations_into(topics, languages),
                **translations_into(regions, languages),
            },
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

"""How each resource reads in JSON. Only public fields; every related list comes prefetched
(views.py) so that a page of results costs the same number of queries whatever its size."""

from __future__ import annotations

import html
import re

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.blocks import RichTextBlock, StreamValue
from wagtail.rich_text import expand_db_html

from alliance.events.models import DayOfActionPage, EventPage
from alliance.members.models import MemberOrganization
from alliance.newsroom.models import StatementPage

from .licences import statement_licence


def absolute(request, url: str | None) -> str | None:
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


# A comment, or a tag with its attributes (quoted values may hold ">").
TAG = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)


def plain_text(markup: str) -> str:
    """The text of some HTML: block ends become blank lines, entities become characters.

    ``markup`` is a body as the site renders it (well formed, text escaped), so removing the
    tags is enough: Django's ``strip_tags`` parses it again and again until nothing changes,
    which was a fifth of a statements list's time (bench/README.md). The result is text in
    JSON, never HTML.
    """
    spaced = re.sub(r"</(p|h[1-6]|li|blockquote|figure|figcaption)>", "\n\n", markup)
    spaced = re.sub(r"<br\s*/?>", "\n", spaced)
    text = html.unescape(TAG.sub("", spaced))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Between the rich text sources of a page of bodies, expanded together (``bodies_html``):
# no text stored from the editor holds it.
_SEPARATOR = "\x00"


def bodies_html(bodies: list[StreamValue]) -> list[str]:
    """Each body as ``str(body)`` renders it, for a whole page of results at once.

    Wagtail renders each paragraph (rich text) through a template that only prints its
    source with the links and embeds expanded (``expand_db_html``), and expands each one on
    its own: a template and a rewriting per paragraph, and a query per paragraph that links
    to pages or documents. Here every paragraph of every body is expanded in one call (one
    query per kind of link for the page), and the other blocks render through their
    templates as Wagtail renders them; each body is then joined as ``StreamBlock`` joins
    its blocks. A test compares the two on a body with every kind of block
    (tests/test_resources.py).
    """
    sources: list[str] = []
    pending = []
    for body in bodies:
        children = []
        for child in body:
            if type(child.block) is RichTextBlock and not child.block.get_template(child.value):
                children.append((len(sources), child.block_type))
                sources.append(child.value.source)
            else:
                children.append((child.render(), child.block_type))
        pending.append(children)
    expanded = expand_db_html(_SEPARATOR.join(sources)).split(_SEPARATOR) if sources else []
    if len(expanded) != len(sources):  # a source held the separator after all
        expanded = [expand_db_html(source) for source in sources]
    return [
        format_html_join(
            "\n",
            '<div class="w-block-{1} block-{1}">{0}</div>',
            [
                (mark_safe(expanded[html]) if isinstance(html, int) else html, kind)  # noqa: S308 - Wagtail's own output
                for html, kind in children
            ],
        )
        for children in pending
    ]


def translated_name(context: dict, item, language: str) -> str:
    """``item``'s name in ``language`` where ``prepare`` found a translation, else its own."""
    shown = context.get("names", {}).get((item.translation_key, language), item)
    return shown.name


class NamedSerializer(serializers.Serializer):
    """A topic or region: id and slug of the original, the name in the asked language."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.SerializerMethodField()

    def get_name(self, item) -> str:
        return translated_name(self.context, item, self.context.get("language", ""))


class TopicSerializer(NamedSerializer):
    pass


class RegionSerializer(NamedSerializer):
    countries = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, region) -> list[str]:
        return [str(country.code) for country in region.countries.all()]


class TranslationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    locale = serializers.CharField()
    url = serializers.URLField()


class PageSerializer(serializers.Serializer):
    """What every page resource shares: a stable id, its language and its translations."""

    id = serializers.IntegerField(help_text=_("The page's id: stable across renames and moves."))
    translation_key = serializers.UUIDField(
        help_text=_("The same for every translation of one text.")
    )
    locale = serializers.SerializerMethodField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    translations = serializers.SerializerMethodField()

    def get_locale(self, page) -> str:
        return page.locale.language_code

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page) -> str | None:
        request = self.context.get("request")
        return absolute(request, page.get_url(request))

    @extend_schema_field(TranslationSerializer(many=True))
    def get_translations(self, page) -> list[dict]:
        request = self.context.get("request")
        found = self.context.get("translations", {}).get(page.translation_key, [])
        return [
            {
                "id": other.pk,
                "locale": other.locale.language_code,
                "url": absolute(request, other.get_url(request)),
            }
            for other in found
            if other.pk != page.pk
        ]


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(allow_blank=True)
    organization = serializers.CharField(allow_blank=True)


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    website = serializers.URLField(allow_blank=True)


class PlaceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField(allow_blank=True)


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    alt = serializers.CharField(allow_blank=True)
    width = serializers.IntegerField()
    height = serializers.IntegerField()


# A statement; its relations come from ``context["related"]`` (views.statement_relations).
# ``to_representation`` writes the answer directly rather than through DRF's field
# machinery, which cost more per statement than everything else but rendering the body;
# the declared fields still make the description, and a test keeps the two the same
# (tests/test_resources.py). (No docstring: it would become the description's.)
class StatementSerializer(PageSerializer):
    kind = serializers.CharField()
    date = serializers.DateField()
    deck = serializers.CharField(allow_blank=True)
    summary = serializers.CharField()
    body_html = serializers.SerializerMethodField()
    body_text = serializers.SerializerMethodField()
    lead_image = serializers.SerializerMethodField()
    signature = serializers.CharField(allow_blank=True)
    topics = TopicSerializer(many=True, source="topics.all")
    regions = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    spokespersons = serializers.SerializerMethodField()
    co_publishers = PartnerSerializer(many=True, source="co_publishers.all")
    licence = serializers.SerializerMethodField()

    def to_representation(self, statement: StatementPage) -> dict:
        moments = self.fields["first_published_at"], self.fields["last_published_at"]
        first, last = (
            None if value is None else field.to_representation(value)
            for field, value in zip(
                moments, (statement.first_published_at, statement.last_published_at), strict=True
            )
        )
        body = self._body(statement)
        return {
            "id": statement.pk,
            "translation_key": str(statement.translation_key),
            "locale": self.get_locale(statement),
            "title": statement.title,
            "url": self.get_url(statement),
            "first_published_at": first,
            "last_published_at": last,
            "translations": self.get_translations(statement),
            "kind": str(statement.kind),
            "date": statement.date.isoformat(),
            "deck": statement.deck,
            "summary": statement.summary,
            "body_html": body,
            "body_text": plain_text(body),
            "lead_image": self.get_lead_image(statement),
            "signature": statement.signature,
            "topics": self._related(statement, "topics"),
            "regions": self.get_regions(statement),
            "countries": self.get_countries(statement),
            "spokespersons": self.get_spokespersons(statement),
            "co_publishers": self._related(statement, "co_publishers"),
            "licence": self.get_licence(statement),
        }

    def _related(self, statement: StatementPage, name: str) -> list[dict]:
        return self.context.get("related", {}).get(statement.pk, {}).get(name, [])

    def _body(self, statement: StatementPage) -> str:
        """The body rendered (``bodies_html``), with those of the whole page when the view
        prepared them."""
        cache = self.context.setdefault("bodies", {})
        if statement.pk not in cache:
            cache[statement.pk] = bodies_html([statement.body])[0]
        return cache[statement.pk]

    def get_body_html(self, statement: StatementPage) -> str:
        return self._body(statement)

    def get_body_text(self, statement: StatementPage) -> str:
        return plain_text(self._body(statement))

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_lead_image(self, statement: StatementPage) -> dict | None:
        for block in statement.body:
            if block.block_type == "image":
                image = block.value["image"]
                return {
                    "url": absolute(self.context.get("request"), image.file.url),
                    "alt": getattr(image, "contextual_alt_text", "") or "",
                    "width": image.width,
                    "height": image.height,
                }
        return None

    @extend_schema_field(TopicSerializer(many=True))
    def get_regions(self, statement: StatementPage) -> list[dict]:
        return self._related(statement, "regions")

    @extend_schema_field(PlaceSerializer(many=True))
    def get_countries(self, statement: StatementPage) -> list[dict]:
        return self._related(statement, "countries")

    @extend_schema_field(PersonSerializer(many=True))
    def get_spokespersons(self, statement: StatementPage) -> list[dict]:
        return self._related(statement, "spokespersons")

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, statement: StatementPage) -> dict:
        return statement_licence(statement, self.context.get("alliance"))


class OrganizerSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    slug = serializers.CharField(
        allow_null=True, help_text=_("The member's slug, when a listed member organizes it.")
    )


class DayOfActionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    date = serializers.DateField()


class EventSerializer(PageSerializer):
    kind = serializers.CharField()
    summary = serializers.CharField()
    status = serializers.CharField()
    status_note = serializers.CharField(allow_blank=True)
    all_day = serializers.BooleanField(source="is_all_day")
    time_zone = serializers.CharField(help_text=_("The venue's IANA time zone."))
    start_date = serializers.DateField()
    # Local wall-clock times, without an offset: JSON Schema's "time" format requires one.
    start_time = serializers.CharField(allow_null=True, help_text=_("Local time, HH:MM:SS."))
    end_date = serializers.DateField(allow_null=True)
    end_time = serializers.CharField(allow_null=True, help_text=_("Local time, HH:MM:SS."))
    starts_at_local = serializers.SerializerMethodField()
    ends_at_local = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField(help_text=_("The start as a UTC instant."))
    ends_at = serializers.DateTimeField(help_text=_("The end as a UTC instant."))
    venue = serializers.SerializerMethodField()
    online_url = serializers.URLField(allow_blank=True)
    organizer = serializers.SerializerMethodField()
    day_of_action = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_starts_at_local(self, event: EventPage) -> str:
        return event.local_start.isoformat()

    @extend_schema_field(OpenApiTypes.STR)
    def get_ends_at_local(self, event: EventPage) -> str:
        return event.local_end.isoformat()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_venue(self, event: EventPage) -> dict:
        return {
            "name": event.venue_name,
            "street_address": event.street_address,
            "city": event.city,
            "postal_code": event.postal_code,
            "country": str(event.country.code or ""),
            "latitude": float(event.latitude) if event.latitude is not None else None,
            "longitude": float(event.longitude) if event.longitude is not None else None,
            "meeting_point": event.meeting_point,
        }

    @extend_schema_field(OrganizerSerializer)
    def get_organizer(self, event: EventPage) -> dict:
        named = event.organizer_is_named
        return {
            "name": str(event.organizer_display),
            "slug": event.organizer.slug if named else None,
        }

    @extend_schema_field(DayOfActionRefSerializer(allow_null=True))
    def get_day_of_action(self, event: EventPage) -> dict | None:
        day = self.context.get("days", {}).get(event.path[: -event.steplen])
        if day is None:
            return None
        return {"id": day.pk, "title": day.title, "date": day.date}


class LocalActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    starts_at = serializers.DateTimeField()
    starts_at_local = serializers.CharField()
    time_zone = serializers.CharField()
    city = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)
    status = serializers.CharField()


class DayOfActionSerializer(PageSerializer):
    date = serializers.DateField()
    summary = serializers.CharField()
    demands_html = serializers.SerializerMethodField()
    local_actions = serializers.SerializerMethodField()

    def get_demands_html(self, day: DayOfActionPage) -> str:
        return str(day.demands)

    @extend_schema_field(LocalActionSerializer(many=True))
    def get_local_actions(self, day: DayOfActionPage) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "id": event.pk,
                "title": event.title,
                "url": absolute(request, event.get_url(request)),
                "starts_at": event.starts_at,
                "starts_at_local": event.local_start.isoformat(),
                "time_zone": event.time_zone,
                "city": event.city,
                "country": str(event.country.code or ""),
                "status": event.status,
            }
            for event in self.context.get("local_actions", {}).get(day.path, [])
        ]


class SocialLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.URLField()


# The optional fields of an organization: each is null unless it chose to show it to everyone
# (members' visibility rules, ``MemberOrganization.shown_fields("public")``).
OPTIONAL_FIELDS = (
    "city",
    "sectors",
    "founded_year",
    "joined_on",
    "website",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
)


class OrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    country = serializers.SerializerMethodField()
    founding_member = serializers.BooleanField()
    city = serializers.CharField(allow_null=True)
    sectors = serializers.CharField(allow_null=True)
    founded_year = serializers.IntegerField(allow_null=True)
    joined_on = serializers.DateField(allow_null=True)
    website = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)
    contact_name = serializers.CharField(allow_null=True)
    contact_email = serializers.CharField(allow_null=True)
    contact_phone = serializers.CharField(allow_null=True)
    logo = serializers.SerializerMethodField()
    social_links = serializers.SerializerMethodField()

    def to_representation(self, organization: MemberOrganization) -> dict:
        data = super().to_representation(organization)
        shown = organization.shown_fields("public")
        for field in OPTIONAL_FIELDS:
            if field not in shown:
                data[field] = None
        return data

    def get_country(self, organization: MemberOrganization) -> str:
        return str(organization.country.code or "")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo(self, organization: MemberOrganization) -> str | None:
        if organization.logo is None or "logo" not in organization.shown_fields("public"):
            return None
        return absolute(self.context.get("request"), organization.logo.file.url)

    @extend_schema_field(SocialLinkSerializer(many=True))
    def get_social_links(self, organization: MemberOrganization) -> list[dict]:
        if "social_links" not in organization.shown_fields("public"):
            return []
        return [{"label": link.label, "url": link.url} for link in organization.social_links.all()]

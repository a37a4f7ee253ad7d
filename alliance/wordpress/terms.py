"""WordPress categories and tags as topics, authors as people: read once, created in bulk.

Topics and people are written with ``bulk_create`` (no per-row signals); the
importer indexes them for search with the pages, once, at the end.
"""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from alliance.newsroom.models import Person, Topic

from . import wxr
from .report import ImportReport

TOPIC_KINDS = ("category", "tag")
# Taxonomies reported elsewhere: menus by the menu import, post formats post by post.
REPORTED_ELSEWHERE = ("nav_menu", "post_format")


class Terms:
    """Topics by slug and people by name, each looked up in the database at most once."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.topics: dict[str, Topic] = {topic.slug: topic for topic in Topic.objects.originals()}
        self.topic_names = {topic.name for topic in self.topics.values()}
        self.people: dict[str, Person] = {}
        self.created: list[Topic | Person] = []
        # bulk_create sends no pre_save, which gives other rows their language: set here.
        self.locale = Locale.get_default()

    # -- topics ----------------------------------------------------------------------------

    def declare(self, channel: wxr.Channel) -> None:
        """Create the export's categories and tags as topics, and report the rest."""
        new = []
        for term in channel.terms:
            if term.kind in TOPIC_KINDS:
                topic = self._new_topic(term)
                if topic is not None:
                    new.append(topic)
                if term.kind == "category" and term.parent:
                    self.report.subcategories += 1
            elif term.kind not in REPORTED_ELSEWHERE:
                self.report.not_imported[_("terms of the “%s” taxonomy") % term.kind] += 1
        if channel.term_meta:
            self.report.not_imported[_("term meta")] += channel.term_meta
        self._save(Topic, new)

    def topics_of(self, item: wxr.Item) -> list[Topic]:
        """The item's categories and tags as topics; its other terms are reported."""
        topics, new = [], []
        for term in item.terms:
            if term.kind == "post_format":
                name = term.slug.removeprefix("post-format-")
                self.report.not_imported[_("post format “%s”") % name] += 1
            elif term.kind not in TOPIC_KINDS:
                self.report.not_imported[_("“%s” terms on items") % term.kind] += 1
            else:
                topic = self.topics.get(self._slug(term)) or self._new_topic(term)
                if topic is not None and topic.pk is None:
                    new.append(topic)
                if topic is not None and topic not in topics:
                    topics.append(topic)
        self._save(Topic, new)
        return topics

    @staticmethod
    def _slug(term: wxr.Term) -> str:
        return slugify(term.slug or term.name)[:100]

    def _new_topic(self, term: wxr.Term) -> Topic | None:
        slug = self._slug(term)
        if not slug or not term.name or slug in self.topics:
            return None
        name = wanted = term.name[:100]
        n = 1
        while name in self.topic_names:
            name = f"{wanted} ({slug})"[:100] if n == 1 else f"{wanted} ({slug}-{n})"[:100]
            n += 1
        if name != wanted:
            self.report.topics_renamed.append((wanted, name))
        topic = Topic(slug=slug, name=name, locale=self.locale)
        self.topics[slug] = topic
        self.topic_names.add(name)
        return topic

    # -- people ----------------------------------------------------------------------------

    def authors(self, channel: wxr.Channel) -> None:
        """Everyone the export names as an author becomes a person, once."""
        for name in channel.authors.values():
            self.person(name)

    def person(self, name: str) -> Person:
        """The person of that name (the first, if an editor made several), or a new one."""
        name = name[:150]
        if name not in self.people:
            person = Person.objects.originals().filter(name=name).order_by("pk").first()
            if person is None:
                person = Person(name=name, locale=self.locale)
                self._save(Person, [person])
                self.report.people_created.append(name)
            self.people[name] = person
        return self.people[name]

    def _save(self, model, objects: list) -> None:
        if not objects:
            return
        model.objects.bulk_create(objects)
        self.created.extend(objects)
        if model is Topic:
            self.report.topics_created.extend(topic.name for topic in objects)

"""Atom and RSS feeds of statements, for all of them and for each topic."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from alliance.core.models import AllianceSettings
from alliance.core.structured_data import site_host, site_url

from .models import StatementIndexPage, StatementPage, Topic

FEED_LENGTH = 30


class StatementAtomFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page: StatementIndexPage, topic: Topic | None = None) -> None:
        super().__init__()
        self.index_page = index_page
        self.topic = topic

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.alliance = AllianceSettings.for_request(request)
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        name = self.alliance.name or self.index_page.title
        if self.topic:
            return _("%(name)s: statements on %(topic)s") % {"name": name, "topic": self.topic.name}
        return _("%(name)s: statements") % {"name": name}

    def link(self) -> str:
        url = self.index_page.get_url(self.request)
        return f"{url}?topic={self.topic.slug}" if self.topic else url

    def subtitle(self) -> str:
        return self.index_page.intro or self.alliance.tagline

    description = subtitle

    def feed_url(self) -> str:
        return self.request.build_absolute_uri(self.request.path)

    def items(self):
        statements = self.index_page.statements()
        if self.topic:
            statements = statements.filter(topics=self.topic)
        return (
            statements.select_related("lead_image")
            # The enclosures' renditions, with the images: not a query per statement.
            .prefetch_related("topics", "spokespersons__person", "lead_image__renditions")
            .newest_first()[:FEED_LENGTH]
        )

    def item_enclosures(self, item: StatementPage) -> list[Enclosure]:
        """The lead image, for readers that show a picture with each entry."""
        if item.lead_image is None:
            return []
        rendition = item.lead_image.get_rendition("width-1200|format-jpeg")
        # The length is unknown without reading the file; 0 is what RSS readers accept then.
        return [Enclosure(site_url(self.request, rendition.url), "0", "image/jpeg")]

    def item_title(self, item: StatementPage) -> str:
        return item.title

    def item_description(self, item: StatementPage) -> str:
        return item.summary

    def item_link(self, item: StatementPage) -> str:
        return item.get_url(self.request)

    def item_guid(self, item: StatementPage) -> str:
        # A tag URI (RFC 4151) on the page id: stable when a statement is renamed or moved.
        return f"tag:{site_host(self.request)},2008:statement-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: StatementPage):
        return item.published_at

    def item_updateddate(self, item: StatementPage):
        return item.last_published_at or item.published_at

    def item_author_name(self, item: StatementPage) -> str | None:
        names = [s.person.name for s in item.spokespersons.all()]
        return ", ".join(names) or self.alliance.name or None

    def item_categories(self, item: StatementPage) -> list[str]:
        return [topic.name for topic in item.topics.all()]


class StatementRssFeed(StatementAtomFeed):
    feed_type = Rss201rev2Feed

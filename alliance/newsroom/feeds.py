"""Atom and RSS feeds of statements, for all of them and for each topic.

Full text, so that a partner's feed importer can republish a statement whole: each entry
carries the body with absolute links and image addresses, and the statement's licence.
"""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from alliance.core.models import AllianceSettings
from alliance.core.structured_data import site_host, site_url
from alliance.core.translated import in_reader_language

from .models import StatementIndexPage, StatementPage, Topic

FEED_LENGTH = 30

# Addresses on this site in rendered HTML: href="/...", src="/..." (not "//host/...").
_SITE_ADDRESS = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_html(html: str, request) -> str:
    """``html`` with every address on this site made absolute, for readers elsewhere."""

    def one(match: re.Match) -> str:
        return f'{match.group(1)}{request.build_absolute_uri(match.group(2))}"'

    def srcset(match: re.Match) -> str:
        parts = []
        for candidate in match.group(2).split(","):
            url, _space, size = candidate.strip().partition(" ")
            if url.startswith("/") and not url.startswith("//"):
                url = request.build_absolute_uri(url)
            parts.append(f"{url} {size}".strip())
        return f'{match.group(1)}{", ".join(parts)}"'

    return _SRCSET.sub(srcset, _SITE_ADDRESS.sub(one, html))


class FullTextAtom1Feed(Atom1Feed):
    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class FullTextRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NAMESPACE,
            "xmlns:creativeCommons": CREATIVE_COMMONS_NAMESPACE,
        }

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        if item.get("licence_url"):
            # No per-item licence element in RSS 2.0: the Creative Commons module's.
            handler.addQuickElement("creativeCommons:license", item["licence_url"])


CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
CREATIVE_COMMONS_NAMESPACE = "http://backend.userland.com/creativeCommonsRssModule"


class StatementAtomFeed(Feed):
    feed_type = FullTextAtom1Feed

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
            topic = in_reader_language([self.topic])[0].name
            return _("%(name)s: statements on %(topic)s") % {"name": name, "topic": topic}
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
        found = list(
            statements.select_related("lead_image")
            # The enclosures' renditions, with the images: not a query per statement.
            .prefetch_related("topics", "spokespersons__person", "lead_image__renditions")
            .newest_first()[:FEED_LENGTH]
        )
        # The entries' categories in the feed's language, for all entries in one query.
        topics = [topic for statement in found for topic in statement.topics.all()]
        self.topic_names = {
            topic.pk: shown.name
            for topic, shown in zip(topics, in_reader_language(topics), strict=True)
        }
        return found

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
        return [self.topic_names.get(topic.pk, topic.name) for topic in item.topics.all()]

    def item_copyright(self, item: StatementPage) -> str:
        found = item.licence_for(self.alliance)
        return f"{found.name} {found.url}".strip()

    def item_extra_kwargs(self, item: StatementPage) -> dict:
        body = absolute_html(str(item.body), self.request)
        if item.signature:
            lines = "<br>".join(escape(line) for line in item.signature.splitlines())
            body += f"<p>{lines}</p>"
        return {"content": body, "licence_url": item.licence_for(self.alliance).url}


class StatementRssFeed(StatementAtomFeed):
    feed_type = FullTextRssFeed

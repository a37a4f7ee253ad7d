import datetime as dt

import feedparser
import pytest
from bs4 import BeautifulSoup

from alliance.newsroom.models import StatementSpokesperson

from .factories import PersonFactory, StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("path", ["feed/", "feed/rss/"])
def test_feed_is_valid_and_lists_published_statements(client, statement_index, path):
    statement = StatementPageFactory(
        parent=statement_index, title="In the feed", summary="Feed summary."
    )
    StatementPageFactory(parent=statement_index, title="Draft", live=False)
    feed = parse(client, statement_index.url + path)
    assert [entry.title for entry in feed.entries] == ["In the feed"]
    assert feed.entries[0].summary == "Feed summary."
    assert feed.entries[0].link == f"http://testserver{statement.url}"


def test_atom_feed_is_atom_and_rss_feed_is_rss(client, statement_index):
    StatementPageFactory(parent=statement_index)
    assert parse(client, statement_index.url + "feed/").version == "atom10"
    assert parse(client, statement_index.url + "feed/rss/").version == "rss20"


def test_feed_entries_have_dates_authors_and_stable_ids(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, date=dt.date(2016, 9, 9))
    person = PersonFactory(name="Eni Lestari")
    StatementSpokesperson.objects.create(page=statement, person=person)
    entry = parse(client, statement_index.url + "feed/").entries[0]
    assert entry.published_parsed[:3] == (2016, 9, 9)
    assert entry.author == "Eni Lestari"
    assert entry.id == f"tag:testserver,2008:statement-{statement.pk}"


def test_topic_feed_lists_only_that_topic(client, statement_index):
    refugees = TopicFactory(name="Refugees", slug="refugees")
    StatementPageFactory(parent=statement_index, title="On refugees", topics=[refugees])
    StatementPageFactory(parent=statement_index, title="On something else")
    for path in ("topics/refugees/feed/", "topics/refugees/feed/rss/"):
        feed = parse(client, statement_index.url + path)
        assert [entry.title for entry in feed.entries] == ["On refugees"]
        assert "Refugees" in feed.feed.title


def test_unknown_topic_feed_is_not_found(client, statement_index):
    assert client.get(statement_index.url + "topics/nothing/feed/").status_code == 404


def test_every_page_links_to_the_feeds_in_its_head(client, home, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    for url in (home.url, statement_index.url, statement.url, "/en/search/?q=x"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        types = {link.get("type") for link in soup.head.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= types, url


def test_statement_page_links_to_its_topic_feeds(client, statement_index):
    topic = TopicFactory(slug="refugees")
    statement = StatementPageFactory(parent=statement_index, topics=[topic])
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    hrefs = [link["href"] for link in soup.head.find_all("link", rel="alternate")]
    assert "/en/statements/topics/refugees/feed/" in hrefs


def test_statement_named_like_the_feed_does_not_hide_it(client, statement_index):
    StatementPageFactory(parent=statement_index, title="Feed the children", slug="feed")
    assert parse(client, statement_index.url + "feed/").version == "atom10"

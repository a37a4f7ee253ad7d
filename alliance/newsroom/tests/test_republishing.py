"""Licences, the "Republish this statement" note and full-text feeds (issue 21)."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from alliance.core.models import AllianceSettings

from .factories import StatementPageFactory

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
BODY = [
    (
        "paragraph",
        '<p>Read <a href="/en/about/">who we are</a> and <a href="https://x.org/">more</a>.</p>',
    ),
    ("paragraph", "<p>Second paragraph.</p>"),
]


def test_statement_page_shows_its_licence_and_how_to_republish(client, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    note = soup.select_one(".republish")
    assert note.h2.get_text() == "Republish this statement"
    assert note.select_one('a[rel="license"]')["href"] == CC_BY
    assert f"http://testserver{statement.url}" in note.get_text()


def test_a_statement_may_have_its_own_licence_in_page_and_json_ld(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, licence="cc-by-sa-4.0")
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    assert soup.select_one('.republish a[rel="license"]')["href"] == CC_BY_SA
    scripts = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    articles = [d for d in scripts if isinstance(d, dict) and d.get("@type") == "NewsArticle"]
    assert articles[0]["license"] == CC_BY_SA


def test_the_default_licence_comes_from_the_site_settings(client, statement_index, site):
    alliance = AllianceSettings.for_site(site)
    alliance.default_licence = "cc-by-sa-4.0"
    alliance.save()
    statement = StatementPageFactory(parent=statement_index)
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    assert soup.select_one('.republish a[rel="license"]')["href"] == CC_BY_SA


def test_atom_feed_carries_the_whole_text_with_absolute_links_and_licence(
    client, statement_index
):
    StatementPageFactory(parent=statement_index, body=BODY)
    feed = feedparser.parse(client.get(statement_index.url + "feed/").content)
    entry = feed.entries[0]
    content = entry.content[0].value
    assert "Second paragraph." in content
    assert 'href="http://testserver/en/about/"' in content
    assert 'href="https://x.org/"' in content
    assert CC_BY in entry.rights


def test_rss_feed_carries_the_whole_text_and_licence(client, statement_index):
    StatementPageFactory(parent=statement_index, body=BODY)
    response = client.get(statement_index.url + "feed/rss/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert "Second paragraph." in feed.entries[0].content[0].value
    assert CC_BY.encode() in response.content

"""The header, menu and footer are kept per content generation: never stale, never mixed up."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from alliance.core.database import sqlite_statistics_refresh
from alliance.core.models import AllianceSettings, ContactPerson

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def menu(client, url: str) -> list[tuple[str, str | None]]:
    links = soup(client.get(url)).select("nav .menu a")
    return [(a.get_text(), a.get("aria-current")) for a in links]


def test_a_page_published_into_the_menu_appears_at_once(client, home):
    StandardPageFactory(parent=home, title="About us", show_in_menus=True)
    assert [title for title, _ in menu(client, home.url)] == ["About us"]
    draft = StandardPageFactory(parent=home, title="Campaigns", show_in_menus=True, live=False)
    assert [title for title, _ in menu(client, home.url)] == ["About us"]
    draft.save_revision().publish()
    assert [title for title, _ in menu(client, home.url)] == ["About us", "Campaigns"]


def test_menu_marks_the_section_of_each_page_even_when_kept(client, home):
    about = StandardPageFactory(parent=home, title="About us", show_in_menus=True)
    campaigns = StandardPageFactory(parent=home, title="Campaigns", show_in_menus=True)
    child = StandardPageFactory(parent=campaigns, title="Harbour rally")
    assert menu(client, home.url) == [("About us", None), ("Campaigns", None)]
    assert menu(client, about.url) == [("About us", "page"), ("Campaigns", None)]
    assert menu(client, campaigns.url) == [("About us", None), ("Campaigns", "page")]
    assert menu(client, child.url) == [("About us", None), ("Campaigns", "true")]


def test_footer_follows_a_change_of_contact_persons_at_once(client, home, site):
    assert "Eni Lestari" not in client.get(home.url).content.decode()
    alliance = AllianceSettings.for_site(site)
    ContactPerson.objects.create(settings=alliance, name="Eni Lestari", role="Chairperson")
    alliance.save()
    assert "Eni Lestari" in client.get(home.url).content.decode()


def test_feed_links_are_those_of_the_page_language(client, home, statement_index):
    response = client.get(home.url)
    feeds = [link["href"] for link in soup(response).select('link[type="application/atom+xml"]')]
    assert feeds == [f"{statement_index.url}feed/"]
    footer = [a["href"] for a in soup(response).select(".site-footer a[href$='feed/']")]
    assert footer == [f"{statement_index.url}feed/"]


def test_rendered_pages_are_sent_compressed_to_readers_who_accept_it(client, home):
    StandardPageFactory(parent=home, intro="Solidarity. " * 200)
    plain = client.get(home.url)
    packed = client.get(home.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(packed.content)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its own statistics")
def test_sqlite_planner_statistics_cover_every_table_after_migrate():
    sqlite_statistics_refresh()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1 WHERE idx IS NULL")
        whole_tables = dict(cursor.fetchall())
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        page_indexes = cursor.fetchone()[0]
    # Empty tables are recorded as small, so joins start from them.
    assert whole_tables["wagtailcore_pageviewrestriction"] == "1"
    assert page_indexes > 0

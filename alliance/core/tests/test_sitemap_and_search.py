from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def sitemap_urls(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def test_sitemap_lists_every_published_page(client, home, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    page = StandardPageFactory(parent=home)
    urls = sitemap_urls(client)
    for item in (home, statement_index, statement, page):
        assert f"http://testserver{item.url}" in urls


def test_sitemap_leaves_out_drafts(client, home, statement_index):
    draft = StatementPageFactory(parent=statement_index, live=False, slug="secret-draft")
    assert not any(draft.slug in url for url in sitemap_urls(client))


def test_search_finds_published_statements(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Refugees deserve protection")
    response = client.get("/en/search/", {"q": "refugees"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select(".results a")] == ["Refugees deserve protection"]


def test_search_never_shows_drafts(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Embargoed refugees plan", live=False)
    response = client.get("/en/search/", {"q": "embargoed"})
    assert "Embargoed" not in response.content.decode()
    assert "Nothing was found" in response.content.decode()


def test_search_without_query_shows_the_form(client, home):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("#search-q") is not None


def test_overlong_search_is_refused_with_a_message(client, home):
    response = client.get("/en/search/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_search_with_bad_page_number_shows_first_page(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Solidarity")
    response = client.get("/en/search/", {"q": "solidarity", "page": "abc"})
    assert response.status_code == 200
    assert "Solidarity" in response.content.decode()

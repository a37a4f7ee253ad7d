"""A statement names its own spokespersons, and no other statement's."""

import json

from bs4 import BeautifulSoup

from alliance.newsroom.models import StatementSpokesperson

from .factories import PersonFactory, StatementPageFactory


def article_authors(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data.get("@type") == "NewsArticle":
            return [author["name"] for author in data["author"]]
    raise AssertionError("no NewsArticle")


def test_statement_lists_only_its_own_spokespersons(client, statement_index):
    ours = StatementPageFactory(parent=statement_index)
    theirs = StatementPageFactory(parent=statement_index)
    StatementSpokesperson.objects.create(page=ours, person=PersonFactory(name="Eni Lestari"))
    StatementSpokesperson.objects.create(page=theirs, person=PersonFactory(name="Someone Else"))
    response = client.get(ours.url)
    assert article_authors(response) == ["Eni Lestari"]
    assert "Someone Else" not in response.content.decode()

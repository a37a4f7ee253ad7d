"""The site search: every word must match, best matches first, nothing private or draft."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from alliance.core import search
from alliance.core.search import match_expression
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def titles(client, query: str, **params) -> list[str]:
    response = client.get("/en/search/", {"q": query, **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".results a")]


def test_every_word_must_match(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Domestic workers in Hong Kong")
    StatementPageFactory(parent=statement_index, title="Domestic violence report")
    assert titles(client, "domestic workers") == ["Domestic workers in Hong Kong"]


def test_a_word_in_the_title_ranks_above_a_word_in_the_body(client, home, statement_index):
    StatementPageFactory(
        parent=statement_index, title="Annual report", summary="Remittances rose this year."
    )
    StatementPageFactory(parent=statement_index, title="Remittances are wages")
    assert titles(client, "remittances") == ["Remittances are wages", "Annual report"]


def test_search_syntax_typed_by_a_reader_is_read_as_words(client, home, statement_index):
    StatementPageFactory(parent=statement_index, title="Workers NEAR the border")
    for query in ['"workers', "workers*", "NEAR(workers border)", "title: workers", "AND OR NOT"]:
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200, query


def test_punctuation_alone_finds_nothing_without_failing(client, home):
    assert match_expression("?! -- ''") is None
    response = client.get("/en/search/", {"q": "?!"})
    assert response.status_code == 200
    assert "Nothing was found" in response.content.decode()


def test_pages_behind_a_view_restriction_are_not_found(client, home, statement_index):
    hidden = StatementPageFactory(parent=statement_index, title="Members-only caucus notes")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(client, "caucus") == []


def test_results_are_paginated(client, home, statement_index):
    for number in range(12):
        StatementPageFactory(parent=statement_index, title=f"Solidarity note {number}")
    first, second = titles(client, "solidarity"), titles(client, "solidarity", page=2)
    assert len(first) == 10
    assert len(second) == 2
    assert not set(first) & set(second)


@pytest.fixture
def common_above_three(monkeypatch):
    """A word on more than three pages counts as very common."""
    monkeypatch.setattr(search, "RANKED_LIMIT", 3)
    monkeypatch.setattr(search, "POSTGRES_RANKED_LIMIT", 3)


def test_with_a_very_common_word_title_matches_come_first_then_the_newest(
    client, home, statement_index, common_above_three
):
    StatementPageFactory(parent=statement_index, title="Old note", summary="Tenancy rules.")
    StatementPageFactory(parent=statement_index, title="Tenancy rights", summary="On rent.")
    StatementPageFactory(parent=statement_index, title="Newer note", summary="Tenancy again.")
    StatementPageFactory(parent=statement_index, title="Newest note", summary="Tenancy still.")
    assert titles(client, "tenancy") == ["Tenancy rights", "Newest note", "Newer note"]


def test_with_a_very_common_word_the_reader_is_told_older_pages_were_left_out(
    client, home, statement_index, common_above_three
):
    for number in range(5):
        StatementPageFactory(parent=statement_index, title=f"Note {number}", summary="Tenancy.")
    response = client.get("/en/search/", {"q": "tenancy"})
    assert "Add a word to find older pages" in response.content.decode()
    assert "3 results" in response.content.decode()


def test_a_rare_word_is_ranked_without_a_note(client, home, statement_index, common_above_three):
    StatementPageFactory(parent=statement_index, title="Remittances", summary="Remittances.")
    response = client.get("/en/search/", {"q": "remittances"})
    assert "Add a word to find older pages" not in response.content.decode()


def test_with_a_very_common_word_restricted_pages_are_still_not_found(
    client, home, statement_index, common_above_three
):
    for number in range(4):
        StatementPageFactory(parent=statement_index, title=f"Caucus {number}")
    hidden = StatementPageFactory(parent=statement_index, title="Caucus notes")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "Caucus notes" not in titles(client, "caucus")

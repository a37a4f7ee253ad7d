"""Which pages the public may see, as remembered between restriction changes."""

import pytest
from wagtail.models import PageViewRestriction

from alliance.core.visibility import is_public, restricted_paths
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def test_nothing_is_restricted_on_a_new_site(home):
    assert restricted_paths() == ()


def test_a_restriction_is_seen_at_once_though_an_answer_was_remembered(home, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Caucus notes")
    assert is_public(statement)
    restrict(statement)
    assert not is_public(statement)


def test_a_lifted_restriction_is_seen_at_once(home, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Caucus notes")
    restriction = restrict(statement)
    assert not is_public(statement)
    restriction.delete()
    assert is_public(statement)


def test_pages_below_a_restricted_section_are_not_public(home, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Caucus notes")
    restrict(statement_index)
    assert not is_public(statement)
    assert not StatementPage.objects.published().exists()

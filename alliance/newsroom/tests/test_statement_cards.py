"""Statement cards are kept through publishes until what they show changes."""

from __future__ import annotations

import pytest
from django.test.signals import template_rendered

from alliance.core import generation
from alliance.newsroom.templatetags.newsroom import CARD_TEMPLATE

from .factories import StatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards_rendered():
    """The statements whose card template was rendered, in order."""
    rendered = []

    def note(sender, template, context, **kwargs):
        if template.name == CARD_TEMPLATE:
            rendered.append(context["statement"].title)

    template_rendered.connect(note)
    yield rendered
    template_rendered.disconnect(note)


def test_a_card_is_kept_through_the_publish_of_another_statement(
    client, statement_index, cards_rendered
):
    StatementPageFactory(parent=statement_index, title="Stop the deportations")
    client.get(statement_index.url)
    other = StatementPageFactory(parent=statement_index, title="Housing first")
    cards_rendered.clear()
    other.save_revision().publish()
    response = client.get(statement_index.url)
    assert "Stop the deportations" in response.content.decode()
    assert cards_rendered == ["Housing first"]


def test_a_card_shows_a_new_title_once_published(client, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="Stop the deportations")
    client.get(statement_index.url)
    statement.title = "Stop all the deportations now"
    statement.save_revision().publish()
    assert "Stop all the deportations now" in client.get(statement_index.url).content.decode()


def test_a_site_wide_change_renders_every_card_again(client, statement_index, cards_rendered):
    StatementPageFactory(parent=statement_index, title="Stop the deportations")
    client.get(statement_index.url)
    cards_rendered.clear()
    generation.pages_changed()
    client.get(statement_index.url)
    assert cards_rendered == ["Stop the deportations"]

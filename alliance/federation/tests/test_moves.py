"""A moved section: the statements and events below it are announced at their new address."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from alliance.core.tests.factories import StandardPageFactory
from alliance.federation import delivery
from alliance.federation.announce import announce_below
from alliance.federation.models import Activity, Follower
from alliance.newsroom.tests.factories import StatementIndexPageFactory, StatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followers(peer):
    inbox = delivery.inbox_for(f"{peer.base}/inbox")
    Follower.objects.create(actor=f"{peer.base}/users/ana", inbox=inbox)
    return inbox


@pytest.fixture
def publish(django_capture_on_commit_callbacks, immediate_tasks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()

    return run


def _published(parent, publish, count: int = 1) -> list:
    pages = [StatementPageFactory(parent=parent, live=False) for _ in range(count)]
    for page in pages:
        publish(lambda page=page: page.save_revision().publish())
    return pages


def _updates(peer) -> list[dict]:
    return [item["body"]["object"] for item in peer.received if item["body"]["type"] == "Update"]


def test_moving_a_section_updates_the_statement_below_it_with_its_new_address(
    home, statement_index, followers, peer, publish
):
    (moved,) = _published(statement_index, publish)
    other_index = StatementIndexPageFactory(parent=home, title="Archive", slug="archive")
    (elsewhere,) = _published(other_index, publish)
    section = StandardPageFactory(parent=home, title="Press", slug="press")
    peer.received.clear()
    publish(lambda: statement_index.move(section, pos="last-child"))
    (update,) = _updates(peer)
    assert update["id"].endswith(str(moved.translation_key))
    assert update["url"].endswith(f"/press/statements/{moved.slug}/")
    assert not Activity.objects.filter(translation_key=elsewhere.translation_key, kind="Update")


def test_changing_a_sections_slug_updates_the_statements_below_it(
    statement_index, followers, peer, publish
):
    (page,) = _published(statement_index, publish)
    peer.received.clear()
    statement_index.slug = "news"
    publish(lambda: statement_index.save_revision().publish())
    (update,) = _updates(peer)
    assert update["url"].endswith(f"/news/{page.slug}/")


def test_restricting_a_section_deletes_the_statements_below_it(
    statement_index, followers, peer, publish
):
    _published(statement_index, publish)
    peer.received.clear()
    publish(
        lambda: PageViewRestriction.objects.create(
            page=statement_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )
    assert [item["body"]["type"] for item in peer.received] == ["Delete"]


def test_reordering_a_section_among_its_siblings_announces_nothing_below_it(
    home, statement_index, followers, peer, publish
):
    _published(statement_index, publish)
    StandardPageFactory(parent=home, title="Press", slug="press")
    peer.received.clear()
    publish(lambda: statement_index.move(home, pos="last-child"))
    assert peer.received == []


def test_items_whose_object_did_not_change_are_not_announced_again(home, statement_index, publish):
    _published(statement_index, publish, count=3)
    section = StandardPageFactory(parent=home, title="Press", slug="press")
    publish(lambda: statement_index.move(section, pos="last-child"))
    assert announce_below.call(statement_index.pk) == 0


def _queries_for_move(home, publish, count: int) -> int:
    index = StatementIndexPageFactory(parent=home, slug=f"statements-{count}")
    _published(index, publish, count)
    section = StandardPageFactory(parent=home, slug=f"press-{count}")
    index.move(section, pos="last-child")
    with CaptureQueriesContext(connection) as queries:
        assert announce_below.call(index.pk) == count
    return len(queries)


def test_queries_grow_by_a_constant_per_announced_item(home, publish, settings):
    settings.FEDERATION_DELIVERY_THREADS = 1
    _queries_for_move(home, publish, 1)  # the first fills the caches (content types, sites)
    two, four, eight = (_queries_for_move(home, publish, count) for count in (2, 4, 8))
    per_item = (four - two) / 2
    assert eight - four == 4 * per_item
    assert per_item <= 12


def test_queries_do_not_grow_with_the_items_that_did_not_change(home, publish):
    def queries(count: int) -> int:
        index = StatementIndexPageFactory(parent=home, slug=f"unchanged-{count}")
        _published(index, publish, count)
        with CaptureQueriesContext(connection) as captured:
            assert announce_below.call(index.pk) == 0
        return len(captured)

    assert queries(3) == queries(12)

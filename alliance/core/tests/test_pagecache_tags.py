"""A publish ends only the stored pages that show the page published (core.pagecache.tags)."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page

from alliance.core import generation
from alliance.core.pagecache import tags
from alliance.core.tests.factories import StandardPageFactory
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.tests.factories import MemberDirectoryPageFactory, MemberOrganizationFactory
from alliance.newsroom.models import StatementRelation, StatementSpokesperson
from alliance.newsroom.tests.factories import (
    PersonFactory,
    StatementPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def republish(page, title: str) -> None:
    page.title = title
    page.save_revision().publish()


def stored(served, *paths: str) -> None:
    """Each page rendered once, and answered from the store from then on."""
    for path in paths:
        served(path)
        assert served(path).hit, path


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(parent=statement_index, title="Stop the deportations")


@pytest.fixture
def unrelated(statement_index):
    return StatementPageFactory(
        parent=statement_index, title="Housing first", topics=[TopicFactory(name="Housing")]
    )


def test_publishing_a_statement_keeps_an_unrelated_statement_stored(served, statement, unrelated):
    stored(served, unrelated.url)
    republish(statement, "Stop all the deportations now")
    assert served(unrelated.url).hit


def test_publishing_a_statement_with_a_spokesperson_keeps_an_unrelated_statement_stored(
    served, statement, unrelated
):
    statement.spokespersons.add(StatementSpokesperson(person=PersonFactory()))
    statement.save_revision().publish()
    stored(served, unrelated.url)
    republish(statement, "Stop all the deportations now")
    assert served(unrelated.url).hit


def test_publishing_a_statement_keeps_an_event_stored(served, statement, event_index):
    event = EventPageFactory(parent=event_index, title="Vigil at the port")
    stored(served, event.url)
    republish(statement, "Stop all the deportations now")
    answer = served(event.url)
    assert answer.hit
    assert b"Vigil at the port" in answer.body


def test_publishing_a_statement_keeps_the_events_calendar_stored(served, statement, event_index):
    calendar = event_index.url + "calendar.ics"
    stored(served, calendar)
    republish(statement, "Stop all the deportations now")
    assert served(calendar).hit


def test_publishing_a_statement_ends_its_own_stored_page(served, statement):
    stored(served, statement.url)
    republish(statement, "Stop all the deportations now")
    answer = served(statement.url)
    assert not answer.hit
    assert b"Stop all the deportations now" in answer.body


def test_publishing_a_statement_ends_its_stored_translations(served, statement):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = statement.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    stored(served, translation.url)
    republish(statement, "Stop all the deportations now")
    assert not served(translation.url).hit


def test_publishing_a_statement_ends_its_listing_feeds_and_home(served, home, statement_index):
    feed = statement_index.url + "feed/"
    stored(served, statement_index.url, feed, home.url)
    StatementPageFactory(parent=statement_index, title="A brand new call to action")
    for path in (statement_index.url, feed, home.url):
        answer = served(path)
        assert not answer.hit, path
        assert b"A brand new call to action" in answer.body, path


def test_publishing_an_event_ends_the_calendar_of_its_listing(served, event_index):
    calendar = event_index.url + "calendar.ics"
    stored(served, calendar)
    EventPageFactory(parent=event_index, title="Vigil at the port")
    answer = served(calendar)
    assert not answer.hit
    assert b"Vigil at the port" in answer.body


def test_publishing_a_statement_ends_the_statements_that_pick_it_as_related(
    served, statement, unrelated
):
    unrelated.related_statements.add(StatementRelation(statement=statement))
    unrelated.save_revision().publish()
    stored(served, unrelated.url)
    republish(statement, "Stop all the deportations now")
    answer = served(unrelated.url)
    assert not answer.hit
    assert b"Stop all the deportations now" in answer.body


def test_publishing_a_statement_ends_the_statements_sharing_its_topic(served, statement_index):
    topic = TopicFactory(name="Detention")
    older = StatementPageFactory(parent=statement_index, title="Close the camps", topics=[topic])
    stored(served, older.url)
    newer = StatementPageFactory(
        parent=statement_index, title="End detention of children", live=False
    )
    newer.topics.set([topic])
    newer.save_revision().publish()
    answer = served(older.url)
    assert not answer.hit
    assert b"End detention of children" in answer.body


def test_publishing_an_event_ends_its_day_of_action(served, event_index):
    day = DayOfActionPageFactory(parent=event_index, title="Global day against detention")
    stored(served, day.url)
    EventPageFactory(parent=day, title="March in Athens")
    answer = served(day.url)
    assert not answer.hit
    assert b"March in Athens" in answer.body


def test_publishing_an_event_ends_its_organizer_profile(served, home, event_index):
    directory = MemberDirectoryPageFactory(parent=home)
    organization = MemberOrganizationFactory(name="Harbour Workers")
    profile = f"{directory.url}{organization.slug}/"
    stored(served, profile)
    EventPageFactory(parent=event_index, title="Vigil at the port", organizer=organization)
    answer = served(profile)
    assert not answer.hit
    assert b"Vigil at the port" in answer.body


def test_publishing_ends_the_stored_search_results(served, statement_index, statement):
    search = "/en/search/?q=deportations"
    stored(served, search)
    StatementPageFactory(parent=statement_index, title="More deportations ahead")
    answer = served(search)
    assert not answer.hit
    assert b"More deportations ahead" in answer.body


def test_publishing_a_menu_page_ends_every_stored_page(served, home, statement, unrelated):
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    stored(served, unrelated.url)
    republish(about, "Who we are")
    answer = served(unrelated.url)
    assert not answer.hit
    assert b"Who we are" in answer.body


def test_page_rendered_before_the_publish_commits_is_not_served(
    served, statement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        republish(statement, "Stop all the deportations now")
        # Another worker, still reading the data of before the commit, renders and stores it...
        served(statement.url)
    for callback in callbacks:
        callback()
    # ...and the commit's stamp leaves that copy behind.
    assert not served(statement.url).hit


def test_stored_page_whose_tag_lost_its_stamp_is_rendered_again(
    served, another_worker, statement
):
    stored(served, statement.url)
    generation.store().delete(tags.STAMP_PREFIX + tags.tag_for(type(statement), statement.pk))
    # A stamp the store lost is no change: a worker that checked the page since the last
    # change announced may still serve its copy, but the store's copy proves nothing.
    assert not another_worker(statement.url).hit
    assert another_worker(statement.url).hit


def test_tag_of_a_page_is_the_same_for_its_specific_class(statement):
    assert tags.tag_for(type(statement), statement.pk) == tags.tag_for(Page, statement.pk)

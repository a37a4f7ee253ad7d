"""The published-content seam: what channels and caches are told when pages change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alliance.core import generation, publishing
from alliance.core.publishing import Change
from alliance.core.tests.factories import StandardPageFactory
from alliance.demo.loader import demo_load
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory
from alliance.wordpress.importer import wordpress_import
from alliance.wordpress.tests.wxr_files import export, item


@pytest.fixture
def changes():
    """Every content_changed sent during the test, as (page id, change, origin, subtree)."""
    told: list[tuple] = []

    def record(sender, page, change, origin, subtree, **kwargs):
        told.append((page.pk, change, origin, subtree))

    publishing.content_changed.connect(record, weak=False, dispatch_uid="test-recorder")
    yield told
    publishing.content_changed.disconnect(dispatch_uid="test-recorder")


@pytest.fixture
def draft(statement_index):
    return StatementPageFactory(parent=statement_index, live=False, title="A new call")


@pytest.fixture
def statement(draft):
    draft.save_revision().publish()
    draft.refresh_from_db()  # as a view or a script would load it next
    return draft


def _restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def test_first_publication_is_published(draft, changes):
    draft.save_revision().publish()
    assert changes == [(draft.pk, Change.PUBLISHED, None, False)]


def test_republishing_a_live_page_is_a_change(statement, changes):
    statement.title = "A new call, amended"
    statement.save_revision().publish()
    assert changes == [(statement.pk, Change.CHANGED, None, False)]


def test_publishing_a_new_slug_is_a_change_below_the_page_as_well(
    statement_index, statement, changes
):
    statement_index.slug = "news"
    statement_index.save_revision().publish()
    assert changes == [(statement_index.pk, Change.CHANGED, None, True)]


def test_republishing_a_page_loaded_before_its_first_publication_is_a_change(draft, changes):
    # Wagtail sets first_published_at again from such an object; it is not new all the same.
    draft.save_revision().publish()
    changes.clear()
    draft.save_revision().publish()
    assert changes == [(draft.pk, Change.CHANGED, None, False)]


def test_publishing_again_after_an_unpublish_is_not_a_first_publication(statement, changes):
    statement.unpublish()
    statement.save_revision().publish()
    assert [change for _pk, change, _origin, _subtree in changes] == [Change.LEFT, Change.CHANGED]


def test_unpublishing_leaves(statement, changes):
    statement.unpublish()
    assert changes == [(statement.pk, Change.LEFT, None, False)]


def test_deleting_a_live_page_leaves_once(statement, changes):
    pk = statement.pk
    statement.delete()
    assert changes == [(pk, Change.LEFT, None, False)]


def test_deleting_a_draft_tells_nothing(draft, changes):
    draft.delete()
    assert changes == []


def test_scheduled_page_is_published_when_it_goes_live(draft, changes, monkeypatch):
    go_live = timezone.now() + dt.timedelta(hours=1)
    draft.go_live_at = go_live
    draft.save_revision().publish()
    assert [change for _pk, change, _origin, _subtree in changes] == [Change.UNSEEN]
    changes.clear()
    monkeypatch.setattr(timezone, "now", lambda: go_live + dt.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert changes == [(draft.pk, Change.PUBLISHED, None, False)]


def test_page_created_live_is_published(statement_index, changes):
    page = StatementPageFactory(parent=statement_index)
    assert changes == [(page.pk, Change.PUBLISHED, None, False)]


def test_quiet_publications_carry_their_origin(draft, changes):
    with publishing.quietly("import"):
        draft.save_revision().publish()
    draft.save_revision().publish()
    assert [origin for _pk, _change, origin, _subtree in changes] == ["import", None]


def test_an_entry_point_marked_quiet_passes_its_origin_on(draft, changes):
    @publishing.quietly("demo")
    def load():
        draft.save_revision().publish()

    load()
    assert changes == [(draft.pk, Change.PUBLISHED, "demo", False)]


def test_publishing_behind_a_view_restriction_is_unseen(home, changes):
    section = StandardPageFactory(parent=home, title="Members only")
    _restrict(section)
    page = StandardPageFactory(parent=section, live=False)
    changes.clear()
    page.save_revision().publish()
    assert changes == [(page.pk, Change.UNSEEN, None, False)]


def test_restricting_a_section_makes_it_leave_with_its_pages(statement_index, statement, changes):
    _restrict(statement_index)
    assert changes == [(statement_index.pk, Change.LEFT, None, True)]


def test_removing_a_restriction_brings_the_section_back(statement_index, statement, changes):
    restriction = _restrict(statement_index)
    changes.clear()
    restriction.delete()
    assert changes == [(statement_index.pk, Change.CHANGED, None, True)]


def test_moving_a_page_under_a_restricted_section_leaves(home, statement, changes):
    section = StandardPageFactory(parent=home, title="Archive", slug="archive")
    _restrict(section)
    changes.clear()
    statement.move(section, pos="last-child")
    assert changes == [(statement.pk, Change.LEFT, None, True)]


def test_moving_a_public_page_elsewhere_in_public_is_a_change(home, statement, changes):
    section = StandardPageFactory(parent=home, title="Archive", slug="archive")
    changes.clear()
    statement.move(section, pos="last-child")
    assert changes == [(statement.pk, Change.CHANGED, None, True)]


def test_a_failing_receiver_does_not_stop_a_publish(draft, changes):
    def broken(sender, **kwargs):
        raise RuntimeError("a channel is down")

    publishing.content_changed.connect(broken, weak=False, dispatch_uid="test-broken")
    try:
        draft.save_revision().publish()
    finally:
        publishing.content_changed.disconnect(dispatch_uid="test-broken")
    draft.refresh_from_db()
    assert draft.live
    assert changes == [(draft.pk, Change.PUBLISHED, None, False)]


def test_the_wordpress_import_announces_nothing_channels_act_on(tmp_path, statement_index, changes):
    # The import writes its pages in bulk: whatever it announces is marked as an import,
    # and the page cache still starts a new generation.
    path = tmp_path / "export.xml"
    path.write_text(export([item(10, "An imported call")]), encoding="utf-8")
    before = generation.current()
    wordpress_import(path)
    assert StatementPage.objects.filter(title="An imported call", live=True).exists()
    assert all(origin == "import" for _pk, _change, origin, _subtree in changes)
    assert generation.current() != before


def test_the_demo_loader_publishes_quietly(db, changes):
    demo_load()
    assert changes
    assert {origin for _pk, _change, origin, _subtree in changes} == {"demo"}

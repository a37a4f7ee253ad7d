"""The autosave question (issue 17): can "Save draft" with topics, then an autosave, lose them?

Wagtail's editor autosaves by posting the whole form with ``Accept: application/json``
and the revision it last wrote (``overwrite_revision_id``); "Save draft" posts the same
form, overwriting that same revision. Wagtail refuses an autosave whose revision is not
the latest; these tests show what happens when an autosave sent before "Save draft"
arrives after it: without core/autosave.py, it overwrote the saved draft and the
topics and region were lost (Wagtail 8.0's check compares only the revision's id).
"""

import pytest
from django.urls import reverse

from alliance.members.models import Region
from alliance.newsroom.models import StatementPage

from .factories import TopicFactory
from .test_editor_workflow import add_statement, editor, statement_form  # noqa: F401

pytestmark = pytest.mark.django_db


def post_edit(client, statement, *, autosave: bool, **fields):
    form = statement_form()
    form.update(fields)
    headers = {"Accept": "application/json"} if autosave else {}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(statement.pk,)), form, headers=headers
    )


def test_a_late_autosave_does_not_drop_the_topics_of_a_saved_draft(editor, client, statement_index):  # noqa: F811
    client.force_login(editor)
    statement = add_statement(client, statement_index)
    refugees = TopicFactory(name="Refugees")
    asia = Region.objects.create(name="Asia", slug="asia")
    # The editor's first autosave: its revision is the one later requests overwrite.
    first = post_edit(client, statement, autosave=True, summary="Draft one.")
    assert first.status_code == 200, first.content[:500]
    autosaved = str(first.json()["revision_id"])
    known_at = first.json()["revision_created_at"]
    # "Save draft" with a topic and a region, overwriting the autosaved revision.
    saved = post_edit(
        client,
        statement,
        autosave=False,
        overwrite_revision_id=autosaved,
        loaded_revision_created_at=known_at,
        topics=[str(refugees.pk)],
        regions=[str(asia.pk)],
    )
    assert saved.status_code == 302
    # An autosave sent before the click, without them, arrives afterwards.
    late = post_edit(
        client,
        statement,
        autosave=True,
        overwrite_revision_id=autosaved,
        loaded_revision_created_at=known_at,
    )
    latest = StatementPage.objects.get(pk=statement.pk).get_latest_revision_as_object()
    assert late.status_code == 400, "a late autosave overwrote the saved draft"
    assert list(latest.topics.all()) == [refugees]
    assert list(latest.regions.all()) == [asia]


def test_autosaves_in_turn_still_overwrite_their_revision(editor, client, statement_index):  # noqa: F811
    client.force_login(editor)
    statement = add_statement(client, statement_index)
    first = post_edit(client, statement, autosave=True, summary="Draft one.").json()
    second = post_edit(
        client,
        statement,
        autosave=True,
        summary="Draft two.",
        overwrite_revision_id=str(first["revision_id"]),
        loaded_revision_created_at=first["revision_created_at"],
    )
    assert second.status_code == 200
    assert second.json()["revision_id"] == first["revision_id"]
    latest = StatementPage.objects.get(pk=statement.pk).get_latest_revision_as_object()
    assert latest.summary == "Draft two."

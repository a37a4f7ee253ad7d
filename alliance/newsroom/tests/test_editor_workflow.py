"""An editor writes and submits a statement; a moderator approves it: through Wagtail's admin."""

import datetime as dt

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from alliance.newsroom.models import StatementPage

from .factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw-editor-123456")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw-moderator-123456")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def statement_form(**overrides) -> dict:
    data = {
        "title": "Solidarity with the Women's March",
        "slug": "solidarity-womens-march",
        "kind": "statement",
        "deck": "",
        "date": "2017-01-21",
        "summary": "The alliance stands with the marchers.",
        "body": streamfield([("paragraph", rich_text("<p>We stand with them.</p>"))]),
        "spokespersons": inline_formset([]),
        "signature": "",
        "related_statements": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_statement(client, index, **form) -> StatementPage:
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", index.pk))
    response = client.post(url, statement_form(**form))
    assert response.status_code == 302, response.content.decode()[:3000]
    return StatementPage.objects.get(slug=form.get("slug", "solidarity-womens-march"))


def test_default_workflow_requires_moderator_approval(statement_index):
    workflow = statement_index.get_workflow()
    assert isinstance(workflow, Workflow)
    assert workflow.active


def test_editor_submission_waits_for_moderation_and_stays_private(client, editor, statement_index):
    client.force_login(editor)
    statement = add_statement(client, statement_index, **{"action-submit": "Submit"})
    assert not statement.live
    assert statement.workflow_in_progress
    client.logout()
    assert client.get("/en/statements/solidarity-womens-march/").status_code == 404
    feed = feedparser.parse(client.get(statement_index.url + "feed/").content)
    assert feed.entries == []


def test_moderator_approval_publishes_to_site_home_and_feed(
    client, editor, moderator, home, statement_index
):
    client.force_login(editor)
    statement = add_statement(client, statement_index, **{"action-submit": "Submit"})
    task_state = statement.current_workflow_task_state
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(statement.pk, "approve", task_state.pk)
    )
    response = client.post(url, {"comment": "Good to go."})
    assert response.status_code in (200, 302)
    statement.refresh_from_db()
    assert statement.live
    client.logout()
    assert client.get(statement.url).status_code == 200
    assert "Solidarity with the Women" in client.get(home.url).content.decode()
    feed = feedparser.parse(client.get(statement_index.url + "feed/").content)
    assert [entry.title for entry in feed.entries] == ["Solidarity with the Women's March"]


def test_editor_cannot_publish_directly(client, editor, statement_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))
    client.post(url, statement_form(**{"action-publish": "Publish"}))
    statement = StatementPage.objects.get(slug="solidarity-womens-march")
    assert not statement.live


def test_scheduled_statement_goes_live_only_at_its_time(client, moderator, statement_index):
    client.force_login(moderator)
    later = timezone.localtime() + dt.timedelta(days=2)
    statement = add_statement(
        client,
        statement_index,
        go_live_at=later.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "Publish"},
    )
    assert not statement.live
    assert statement.scheduled_revision is not None
    client.logout()
    assert client.get(statement_index.url).content.decode().count("Solidarity") == 0


def test_moderator_can_unpublish_through_the_admin(client, moderator, statement_index):
    statement = StatementPageFactory(parent=statement_index)
    statement.save_revision().publish()
    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(statement.pk,)))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert not statement.live


def test_editor_can_revert_to_an_earlier_revision(client, moderator, statement_index):
    statement = StatementPageFactory(parent=statement_index, title="First wording")
    first = statement.save_revision()
    first.publish()
    statement.title = "Second wording"
    statement.save_revision().publish()
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:revisions_revert", args=(statement.pk, first.pk))
    assert "First wording" in client.get(url).content.decode()


def test_editor_can_preview_a_draft_before_submitting(client, editor, statement_index):
    client.force_login(editor)
    statement = add_statement(client, statement_index)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(statement.pk,))
    data = statement_form(title="Previewed wording")
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Previewed wording" in response.content.decode()
    client.logout()
    assert client.get("/en/statements/solidarity-womens-march/").status_code == 404


@pytest.mark.parametrize("model", ["person", "topic"])
def test_editor_can_add_people_and_topics(client, editor, home, model):
    client.force_login(editor)
    assert client.get(reverse(f"wagtailsnippets_newsroom_{model}:add")).status_code == 200


def test_editor_can_add_a_partner_organization(client, editor, home):
    client.force_login(editor)
    url = reverse("wagtailsnippets_members_partnerorganization:add")
    assert client.get(url).status_code == 200


def test_editor_cannot_change_regions(client, editor, home):
    client.force_login(editor)
    url = reverse("wagtailsnippets_members_region:add")
    assert client.get(url).status_code in (302, 403)


# -- choosers ----------------------------------------------------------------------------


def test_topics_regions_countries_and_co_publishers_are_tick_boxes(editor, client, statement_index):
    TopicFactory(name="Refugees")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))
    content = client.get(url).content.decode()
    for field in ("topics", "regions", "countries", "co_publishers"):
        assert f'<select name="{field}"' not in content
    assert 'type="checkbox" name="topics"' in content


def test_a_topic_can_be_added_from_the_statement_form(editor, client, statement_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))
    content = client.get(url).content.decode()
    add_topic = reverse("wagtailsnippets_newsroom_topic:add")
    assert f'href="{add_topic}" target="_blank"' in content


def test_ticked_topics_are_saved(editor, client, statement_index):
    client.force_login(editor)
    refugees, labour = TopicFactory(name="Refugees"), TopicFactory(name="Labour")
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))
    form = statement_form()
    form["topics"] = [str(refugees.pk), str(labour.pk)]
    assert client.post(url, form).status_code == 302
    statement = StatementPage.objects.get(slug="solidarity-womens-march")
    assert set(statement.latest_revision.as_object().topics.all()) == {refugees, labour}

"""The audit trail: who published, removed, looked at RSVPs or changed permissions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from alliance.accounts.wagtail_hooks import AUDIT_ACTIONS
from alliance.core.tests.factories import StandardPageFactory
from alliance.events import replies
from alliance.events.tests.factories import EventPageFactory

from .helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def page(home):
    return StandardPageFactory(parent=home, title="Our history", slug="history")


def form_errors(response) -> str:
    context = response.context
    errors = [context["form"].errors] if context and "form" in context else []
    for panel in (context or {}).get("permission_panels", []):
        errors.append(getattr(panel, "errors", None))
        errors.append(getattr(panel, "non_form_errors", lambda: None)())
    return repr(errors)


def page_entries(page, action):
    return PageLogEntry.objects.filter(page=page, action=action)


# -- pages -------------------------------------------------------------------------------


def test_publishing_a_page_in_the_admin_is_recorded(admin_client, page, superuser):
    page.unpublish()
    response = admin_client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}",
        {},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    [entry] = page_entries(page, "wagtail.publish")
    assert entry.user_id == superuser.pk


def test_publishing_through_the_page_api_is_recorded(page, moderator):
    page.save_revision(user=moderator).publish(user=moderator)
    assert page_entries(page, "wagtail.publish").filter(user=moderator).exists()


def test_unpublishing_a_page_in_the_admin_is_recorded(admin_client, page, superuser):
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    [entry] = page_entries(page, "wagtail.unpublish")
    assert entry.user_id == superuser.pk


def test_deleting_a_page_in_the_admin_is_recorded(admin_client, page, superuser):
    page_id = page.pk
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(page_id,)))
    assert response.status_code == 302
    [entry] = PageLogEntry.objects.filter(page_id=page_id, action="wagtail.delete")
    assert entry.user_id == superuser.pk
    assert entry.label == "Our history"


# -- RSVP lists --------------------------------------------------------------------------


@pytest.fixture
def event(event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True)
    replies.rsvp_create(event, name="Rosa", party_size=2)
    return event


def test_viewing_an_rsvp_list_is_recorded(client, event, moderator):
    client.force_login(moderator)
    assert client.get(reverse("events_rsvp_list", args=(event.pk,))).status_code == 200
    [entry] = page_entries(event, "alliance.rsvps_viewed")
    assert entry.user_id == moderator.pk


def test_exporting_an_rsvp_list_is_recorded(client, event, moderator):
    client.force_login(moderator)
    assert client.get(reverse("events_rsvp_export", args=(event.pk,))).status_code == 200
    [entry] = page_entries(event, "alliance.rsvps_exported")
    assert entry.user_id == moderator.pk


def test_refused_look_at_an_rsvp_list_records_nothing(client, event, editor):
    client.force_login(editor)
    client.get(reverse("events_rsvp_list", args=(event.pk,)))
    assert not page_entries(event, "alliance.rsvps_viewed").exists()


def test_audit_entries_carry_no_attendee_names(client, event, moderator):
    client.force_login(moderator)
    client.get(reverse("events_rsvp_export", args=(event.pk,)))
    [entry] = page_entries(event, "alliance.rsvps_exported")
    assert "Rosa" not in str(entry.data)


# -- groups and users --------------------------------------------------------------------


def test_changing_a_groups_permissions_in_the_admin_is_recorded(admin_client, superuser):
    group = Group.objects.get(name="Editors")
    url = reverse("wagtailusers_groups:edit", args=(group.pk,))
    page = admin_client.get(url).content
    data = form_data(page, "form[method=post][action]")
    offered = {
        box["value"] for box in BeautifulSoup(page, "html.parser").select("input[name=permissions]")
    }
    new = next(pk for pk in sorted(offered) if not group.permissions.filter(pk=int(pk)).exists())
    data.setdefault("permissions", []).append(new)
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert group.permissions.filter(pk=int(new)).exists()
    [entry] = ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(group.pk), content_type__model="group"
    )
    assert entry.user_id == superuser.pk


def test_changing_a_users_groups_in_the_admin_is_recorded(admin_client, superuser, editor):
    editor.first_name, editor.last_name = "Eda", "Itor"
    editor.save()
    url = reverse("wagtailusers_users:edit", args=(editor.pk,))
    data = form_data(admin_client.get(url).content, "form[method=post][action]")
    moderators = Group.objects.get(name="Moderators")
    data.setdefault("groups", []).append(str(moderators.pk))
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert editor.groups.filter(pk=moderators.pk).exists()
    [entry] = ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(editor.pk), content_type__model="user"
    )
    assert entry.user_id == superuser.pk


# -- the report --------------------------------------------------------------------------


def test_site_history_shows_the_sites_own_actions(admin_client, event, moderator, superuser):
    moderator_client = type(admin_client)()
    moderator_client.force_login(moderator)
    moderator_client.get(reverse("events_rsvp_list", args=(event.pk,)))
    moderator_client.get(reverse("events_rsvp_export", args=(event.pk,)))
    response = admin_client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    html = response.content.decode()
    for action in ("alliance.rsvps_viewed", "alliance.rsvps_exported"):
        _label, message = AUDIT_ACTIONS[action]
        assert str(message) in html


def test_site_history_labels_every_own_action(admin_client, home, superuser):
    for action in AUDIT_ACTIONS:
        log(instance=home, action=action, user=superuser)
    html = admin_client.get("/admin/reports/site-history/").content.decode()
    for action, (label, message) in AUDIT_ACTIONS.items():
        assert f'value="{action}"' in html  # offered as a filter, by its label:
        assert str(label) in html
        assert str(message) in html


def test_second_factor_reset_shows_in_site_history(admin_client, person):
    admin_client.post(f"/admin/sign-ins/users/{person.pk}/reset-second-factor/")
    html = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Second factor reset by an administrator" in html

"""Every role sets up a second factor; translators translate and never publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from alliance.accounts import roles
from alliance.core.tests.factories import StandardPageFactory
from alliance.events import replies
from alliance.events.tests.factories import EventPageFactory
from alliance.members.tests.factories import MemberOrganizationFactory, representative

from .helpers import ACCOUNT, PROPOSE, SETUP, SIGN_INS, sign_in

pytestmark = pytest.mark.django_db

UNVERIFIED_URLS = ["/admin/", "/admin/pages/", ACCOUNT, PROPOSE]


def assert_sent_to_setup(client):
    for url in UNVERIFIED_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators"])
def test_staff_cannot_skip_setting_up_a_second_factor(client, event_index, make_user, group):
    user = make_user(f"staff-{group.lower()}", group)
    sign_in(client, user.username)
    assert_sent_to_setup(client)


def test_administrator_cannot_skip_setting_up_a_second_factor(client, event_index, superuser):
    sign_in(client, superuser.username)
    assert_sent_to_setup(client)


def test_representative_cannot_skip_setting_up_a_second_factor(client, event_index):
    rep = representative(MemberOrganizationFactory())
    sign_in(client, rep.username, "pw-representative-123456")
    assert_sent_to_setup(client)


def test_unverified_post_to_the_admin_changes_nothing(client, home, editor):
    sign_in(client, editor.username)
    response = client.post(f"/admin/pages/{home.pk}/unpublish/", {"include_descendants": "on"})
    assert response["Location"].startswith(SETUP)
    home.refresh_from_db()
    assert home.live


# -- translators ------------------------------------------------------------------------


@pytest.fixture
def translators():
    return Group.objects.get(name=roles.TRANSLATORS)


def test_translators_group_may_use_the_admin(translators):
    codenames = {(p.content_type.app_label, p.codename) for p in translators.permissions.all()}
    assert ("wagtailadmin", "access_admin") in codenames


def test_translators_group_may_submit_translations(translators):
    codenames = {(p.content_type.app_label, p.codename) for p in translators.permissions.all()}
    assert ("wagtail_localize", "submit_translation") in codenames


def test_translators_group_has_no_publish_permission_anywhere(translators):
    assert not translators.permissions.filter(codename__startswith="publish").exists()
    assert not GroupPagePermission.objects.filter(
        group=translators, permission__codename="publish_page"
    ).exists()


@pytest.fixture
def translator(make_user):
    return make_user("translator", roles.TRANSLATORS)


def test_translator_edits_but_does_not_publish_under_the_granted_page(home, translator):
    section = StandardPageFactory(parent=home, title="About")
    page = StandardPageFactory(parent=section, title="History")
    roles.translators_grant(section)
    for granted in (section, page):
        permissions = granted.permissions_for_user(translator)
        assert permissions.can_edit()
        assert not permissions.can_publish()


def test_translator_may_not_edit_outside_the_granted_page(home, translator):
    section = StandardPageFactory(parent=home, title="About")
    other = StandardPageFactory(parent=home, title="Elsewhere")
    roles.translators_grant(section)
    assert not other.permissions_for_user(translator).can_edit()
    assert not home.permissions_for_user(translator).can_edit()


def test_granting_translators_twice_changes_nothing(home):
    roles.translators_grant(home)
    roles.translators_grant(home)
    assert GroupPagePermission.objects.filter(group__name=roles.TRANSLATORS).count() == 1


def test_translator_reaches_the_admin(client, home, translator):
    client.force_login(translator)
    assert client.get("/admin/").status_code == 200


# -- editors ----------------------------------------------------------------------------


def test_editor_cannot_see_an_events_rsvp_list(client, event_index, editor):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True)
    replies.rsvp_create(event, name="Secret Attendee", party_size=1)
    assert event.permissions_for_user(editor).can_edit()  # editing alone is not enough
    client.force_login(editor)
    for name in ("events_rsvp_list", "events_rsvp_export"):
        url = reverse(name, args=(event.pk,))
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Secret Attendee" not in response.content


def test_editor_cannot_see_the_sign_ins_screen(client, home, editor):
    client.force_login(editor)
    response = client.get(SIGN_INS)
    assert response.status_code in (302, 403)
    assert b"Failed sign-ins" not in response.content

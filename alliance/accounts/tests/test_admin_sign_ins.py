"""The administrators' Sign-ins screen: pauses to lift, second factors to reset."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from alliance.accounts import second_factor

from .helpers import SETUP, SIGN_INS, authenticator_for, sign_in

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-000"


def unlock_url(attempt) -> str:
    return f"{SIGN_INS}{attempt.pk}/unlock/"


def reset_url(user) -> str:
    return f"{SIGN_INS}users/{user.pk}/reset-second-factor/"


@pytest.fixture
def paused(person):
    """``person``'s account, paused after five wrong passwords from one address."""
    stranger = Client()
    for _ in range(5):
        sign_in(stranger, person.username, WRONG, REMOTE_ADDR="192.0.2.1")
    return AccessAttempt.objects.get(username=person.username)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def rows(response) -> list[list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select("table.listing")[0]
    return [
        [cell.get_text(strip=True) for cell in row.select("td")] for row in table.select("tbody tr")
    ]


def test_administrator_sees_the_paused_account(admin_client, paused, person):
    response = admin_client.get(SIGN_INS)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    [row] = rows(response)
    assert row[0] == person.username
    assert row[1] == "192.0.2.1"
    assert row[2] == "5"
    assert row[4] == "Paused"


def test_sign_ins_screen_is_in_the_settings_menu_for_administrators(admin_client, home):
    assert SIGN_INS in admin_client.get("/admin/").content.decode()


def test_sign_ins_screen_lists_who_has_a_second_factor(admin_client, person, make_user):
    authenticator_for(make_user("with-app"))
    html = admin_client.get(SIGN_INS).content.decode()
    assert "Not set up yet" in html
    assert reset_url(person) not in html  # nothing to reset yet
    assert "Reset second factor" in html


def test_lifting_a_pause_lets_the_person_sign_in_again(admin_client, paused, person):
    response = admin_client.post(unlock_url(paused))
    assert response.status_code == 302
    assert response["Location"] == SIGN_INS
    assert not AccessAttempt.objects.exists()
    assert sign_in(Client(), person.username, REMOTE_ADDR="192.0.2.1").status_code == 302


def test_lifting_a_pause_is_recorded(admin_client, paused, person, superuser):
    admin_client.post(unlock_url(paused))
    entry = ModelLogEntry.objects.get(action="alliance.sign_in_unlocked")
    assert entry.user_id == superuser.pk
    assert entry.data == {"username": person.username}


def test_lifting_an_address_pause_frees_the_address(admin_client, person):
    stranger = Client()
    for number in range(5):
        sign_in(stranger, f"guess-{number}", WRONG, REMOTE_ADDR="192.0.2.9")
    assert sign_in(stranger, person.username, REMOTE_ADDR="192.0.2.9").status_code == 429
    admin_client.post(unlock_url(AccessAttempt.objects.first()))
    assert sign_in(stranger, person.username, REMOTE_ADDR="192.0.2.9").status_code == 302


def test_address_pause_shows_as_paused(admin_client, person):
    stranger = Client()
    for number in range(5):
        sign_in(stranger, f"guess-{number}", WRONG, REMOTE_ADDR="192.0.2.9")
    assert sign_in(stranger, person.username, REMOTE_ADDR="192.0.2.9").status_code == 429
    states = {row[4] for row in rows(admin_client.get(SIGN_INS))}
    assert states == {"Paused"}


def test_lifting_needs_a_post(admin_client, paused):
    assert admin_client.get(unlock_url(paused)).status_code == 405
    assert AccessAttempt.objects.exists()


def test_resetting_a_second_factor_removes_the_persons_devices(admin_client, person):
    authenticator_for(person)
    response = admin_client.post(reset_url(person))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    assert not second_factor.has_second_factor(person)


def test_resetting_a_second_factor_is_recorded(admin_client, person, superuser):
    authenticator_for(person)
    admin_client.post(reset_url(person))
    entry = ModelLogEntry.objects.get(action="alliance.two_factor_reset")
    assert entry.user_id == superuser.pk
    assert entry.object_id == str(person.pk)


def test_person_whose_second_factor_was_reset_sets_up_a_new_one(admin_client, person):
    authenticator_for(person)
    admin_client.post(reset_url(person))
    other = Client()
    sign_in(other, person.username)
    assert other.get("/en/")["Location"].startswith(SETUP)


# -- nobody else ------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_cannot_open_the_sign_ins_screen(editor_client, paused, person):
    response = editor_client.get(SIGN_INS)
    assert response.status_code in (302, 403)
    assert person.username.encode() not in response.content


def test_editor_cannot_lift_a_pause(editor_client, paused):
    response = editor_client.post(unlock_url(paused))
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=paused.pk).exists()
    assert not ModelLogEntry.objects.filter(action="alliance.sign_in_unlocked").exists()


def test_editor_cannot_reset_a_second_factor(editor_client, person):
    authenticator_for(person)
    response = editor_client.post(reset_url(person))
    assert response.status_code in (302, 403)
    assert second_factor.has_second_factor(person)
    assert not ModelLogEntry.objects.filter(action="alliance.two_factor_reset").exists()


def test_sign_ins_screen_is_not_in_an_editors_menu(editor_client, home):
    assert SIGN_INS not in editor_client.get("/admin/").content.decode()


def test_staff_member_without_superuser_status_cannot_open_the_screen(client, make_user):
    staff = make_user("staff-only")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(SIGN_INS).status_code in (302, 403)

"""Setting up the authenticator app, and signing in with it or a recovery code.

These go through the real sign-in page: ``client.force_login`` would count as
already verified (see the project's conftest).
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from alliance.accounts import second_factor
from alliance.members.tests.factories import MemberOrganizationFactory, representative

from .helpers import (
    ACCOUNT,
    INVALID_LOGIN,
    LOGIN,
    LOGOUT,
    PASSWORD,
    SETUP,
    authenticator_for,
    code_for,
    is_signed_in,
    sign_in,
    wrong_code,
)

pytestmark = pytest.mark.django_db

WRONG_SETUP_CODE = "That code is not the one your app shows now."


def pending_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


# -- setting up ----------------------------------------------------------------------


@pytest.fixture
def rep(home):
    """A representative, who may open /en/account/ once fully signed in."""
    return representative(MemberOrganizationFactory())


@pytest.fixture
def half_signed_in(client, rep):
    """Signed in with the password only, before any second factor exists."""
    response = sign_in(client, rep.username, "pw-representative-123456")
    assert response.status_code == 302
    return client


def test_setup_page_shows_a_qr_code_and_the_key(half_signed_in, rep):
    response = half_signed_in.get(SETUP)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("figure.qr svg") is not None
    device = pending_device(rep)
    assert soup.select_one("code.secret").get_text() == second_factor.readable_secret(device)


def test_setup_page_draws_sign_out_apart_from_confirm(half_signed_in):
    soup = BeautifulSoup(half_signed_in.get(SETUP).content, "html.parser")
    confirm, sign_out = soup.select("article form button[type=submit]")
    assert confirm.get_text() == "Confirm" and "secondary" not in confirm.get("class", [])
    assert sign_out.get_text() == "Sign out" and "secondary" in sign_out["class"]


def test_setup_page_is_not_stored_by_caches(half_signed_in):
    assert "no-store" in half_signed_in.get(SETUP)["Cache-Control"]


def test_reloading_the_setup_page_keeps_the_same_key(half_signed_in, rep):
    half_signed_in.get(SETUP)
    key = pending_device(rep).key
    half_signed_in.get(SETUP)
    assert pending_device(rep).key == key


def test_wrong_setup_code_is_refused_and_the_app_stays_unconfirmed(half_signed_in, rep):
    half_signed_in.get(SETUP)
    device = pending_device(rep)
    response = half_signed_in.post(SETUP, {"code": wrong_code(device)})
    assert response.status_code == 400
    assert WRONG_SETUP_CODE in response.content.decode()
    assert not second_factor.has_second_factor(rep)
    assert half_signed_in.get(ACCOUNT)["Location"].startswith(SETUP)


def test_right_setup_code_confirms_the_app(half_signed_in, rep):
    half_signed_in.get(SETUP)
    device = pending_device(rep)
    response = half_signed_in.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_setup_shows_ten_recovery_codes_once_and_not_to_caches(half_signed_in, rep):
    half_signed_in.get(SETUP)
    response = half_signed_in.post(SETUP, {"code": code_for(pending_device(rep))})
    assert "no-store" in response["Cache-Control"]
    shown = [
        code.get_text()
        for code in BeautifulSoup(response.content, "html.parser").select(".recovery-codes code")
    ]
    assert len(shown) == 10
    assert sorted(shown) == sorted(StaticToken.objects.values_list("token", flat=True))
    again = half_signed_in.get(SETUP).content.decode()
    assert not any(code in again for code in shown)


def test_setup_code_typed_with_spaces_is_accepted(half_signed_in, rep):
    half_signed_in.get(SETUP)
    code = code_for(pending_device(rep))
    response = half_signed_in.post(SETUP, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 200
    assert second_factor.has_second_factor(rep)


def test_session_is_verified_once_the_app_is_set_up(half_signed_in, rep):
    half_signed_in.get(SETUP)
    half_signed_in.post(SETUP, {"code": code_for(pending_device(rep))})
    assert half_signed_in.get(ACCOUNT).status_code == 200


def test_recovery_codes_page_does_not_lead_to_another_site(half_signed_in, rep):
    half_signed_in.get(SETUP)
    response = half_signed_in.post(
        SETUP, {"code": code_for(pending_device(rep)), "next": "https://evil.example/"}
    )
    link = BeautifulSoup(response.content, "html.parser").select_one("a.button")
    assert link["href"] == ACCOUNT


def test_setting_up_an_app_replaces_an_earlier_unconfirmed_one(client, rep):
    stale = TOTPDevice.objects.create(user=rep, name="old phone", confirmed=False)
    sign_in(client, rep.username, "pw-representative-123456")
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(stale)})
    assert list(TOTPDevice.objects.filter(user=rep).values_list("pk", flat=True)) == [stale.pk]


# -- signing in with it ----------------------------------------------------------------


@pytest.fixture
def protected(person):
    """``person`` with an authenticator app and recovery codes."""
    device, codes = authenticator_for(person)
    return person, device, codes


def error_of(response) -> str:
    return " ".join(
        BeautifulSoup(response.content, "html.parser").select_one("form").stripped_strings
    )


def test_password_without_code_is_refused(client, protected):
    person, _device, _codes = protected
    response = sign_in(client, person.username)
    assert response.status_code == 200
    assert INVALID_LOGIN in response.content.decode()
    assert not is_signed_in(client)


def test_missing_code_gets_the_same_answer_as_a_wrong_password(client, protected):
    person, _device, _codes = protected
    no_code = error_of(sign_in(client, person.username))
    wrong_password = error_of(sign_in(client, person.username, "wrong-password-123456"))
    assert no_code == wrong_password


def test_wrong_code_gets_the_same_answer_as_a_wrong_password(client, protected):
    person, device, _codes = protected
    bad_code = error_of(sign_in(client, person.username, code=wrong_code(device)))
    wrong_password = error_of(
        sign_in(client, person.username, "wrong-password-123456", code=code_for(device))
    )
    assert bad_code == wrong_password
    assert not is_signed_in(client)


def test_right_code_signs_in(client, protected):
    person, device, _codes = protected
    response = sign_in(client, person.username, code=code_for(device))
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/en/").status_code == 200  # not sent to the setup page


def test_code_from_the_app_cannot_be_used_twice(client, protected):
    person, device, _codes = protected
    code = code_for(device)
    sign_in(client, person.username, code=code)
    client.post(LOGOUT)
    response = sign_in(client, person.username, code=code)
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_recovery_code_signs_in_once(client, protected):
    person, _device, codes = protected
    first = sign_in(client, person.username, code=codes[0])
    assert first.status_code == 302
    assert is_signed_in(client)
    client.post(LOGOUT)
    again = sign_in(client, person.username, code=codes[0])
    assert again.status_code == 200
    assert not is_signed_in(client)
    assert second_factor.recovery_codes_left(person) == 9


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda code: f"{code[:3]} {code[3:]}", id="space"),
        pytest.param(lambda code: f"{code[:3]}-{code[3:]}", id="dash"),
        pytest.param(lambda code: f"  {code}  ", id="padding"),
    ],
)
def test_app_code_typed_loosely_is_accepted(client, protected, typed):
    person, device, _codes = protected
    response = sign_in(client, person.username, code=typed(code_for(device)))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(str.upper, id="capitals"),
        pytest.param(lambda code: f"{code[:4]}-{code[4:]}".upper(), id="dash-capitals"),
        pytest.param(lambda code: f"{code[:4]} {code[4:]}", id="space"),
    ],
)
def test_recovery_code_typed_loosely_is_accepted(client, protected, typed):
    person, _device, codes = protected
    response = sign_in(client, person.username, code=typed(codes[0]))
    assert response.status_code == 302


def test_person_with_second_factor_signing_in_lands_on_next(client, protected):
    person, device, _codes = protected
    response = client.post(
        f"{LOGIN}?next=/admin/",
        {"username": person.username, "password": PASSWORD, "code": code_for(device)},
    )
    assert response["Location"] == "/admin/"


# -- afterwards ------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, protected):
    person, device, codes = protected
    assert sign_in(client, person.username, code=code_for(device)).status_code == 302
    return client


def test_setting_up_the_app_is_recorded(half_signed_in, rep):
    half_signed_in.get(SETUP)
    half_signed_in.post(SETUP, {"code": code_for(pending_device(rep))})
    entry = ModelLogEntry.objects.get(action="alliance.two_factor_enabled")
    assert entry.user_id == rep.pk


def test_setup_page_of_someone_with_an_app_shows_no_new_key(signed_in, protected):
    person, _device, _codes = protected
    response = signed_in.get(SETUP)
    assert response.status_code == 200
    assert "You have 10 recovery codes left." in response.content.decode()
    assert b"<svg" not in response.content
    assert not TOTPDevice.objects.filter(user=person, confirmed=False).exists()


def test_renewed_recovery_codes_replace_the_old_ones(signed_in, protected):
    person, _device, old = protected
    response = signed_in.post(SETUP, {"action": "renew"})
    assert "no-store" in response["Cache-Control"]
    new = [
        code.get_text()
        for code in BeautifulSoup(response.content, "html.parser").select(".recovery-codes code")
    ]
    assert len(new) == 10
    assert not set(new) & set(old)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)
    entry = ModelLogEntry.objects.get(action="alliance.recovery_codes_renewed")
    assert entry.user_id == person.pk


def days_pass(user, days=1):
    """Move the devices' memory of earlier sign-ins ``days`` into the past."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            if device.throttling_failure_timestamp is not None:
                device.throttling_failure_timestamp -= dt.timedelta(days=days)
            if isinstance(device, TOTPDevice):
                device.last_t = -1
            device.save()
    # Failed sign-ins older than the cool-off no longer count either.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= dt.timedelta(days=days)
        attempt.save()


def test_old_typos_do_not_block_the_recovery_codes(client, protected):
    person, device, codes = protected
    for _typo in range(20):  # twenty typos over twenty days, each followed by success
        sign_in(client, person.username, code=wrong_code(device))
        days_pass(person)
        device.refresh_from_db()
        assert sign_in(client, person.username, code=code_for(device)).status_code == 302
        client.post(LOGOUT)
    days_pass(person)  # then the phone is lost; a day later, a recovery code
    assert sign_in(client, person.username, code=codes[0]).status_code == 302

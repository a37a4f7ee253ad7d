"""Sessions end when idle or old, and every signed-in session carries a second factor."""

import time

import pytest
from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from alliance.accounts import second_factor
from alliance.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from alliance.members.tests.factories import MemberOrganizationFactory, representative

from .helpers import ACCOUNT, LOGIN, PROPOSE, SETUP, authenticator_for, is_signed_in, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(home):
    return representative(MemberOrganizationFactory())


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


# -- how long a session lasts -----------------------------------------------------------


def test_recent_session_stays_signed_in(client, rep):
    client.force_login(rep)
    now = time.time()
    set_session(client, **{SIGNED_IN_AT: now - 3600, LAST_SEEN: now - 600})
    assert client.get(ACCOUNT).status_code == 200
    assert is_signed_in(client)


def test_idle_session_is_signed_out(client, rep):
    client.force_login(rep)
    now = time.time()
    set_session(
        client, **{SIGNED_IN_AT: now - 3600, LAST_SEEN: now - settings.SESSION_IDLE_SECONDS - 5}
    )
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={ACCOUNT}"
    assert not is_signed_in(client)


def test_session_older_than_its_age_is_signed_out_even_when_busy(client, rep):
    client.force_login(rep)
    now = time.time()
    set_session(
        client, **{SIGNED_IN_AT: now - settings.SESSION_COOKIE_AGE - 5, LAST_SEEN: now - 10}
    )
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not is_signed_in(client)


def test_requests_keep_a_session_from_going_idle(client, rep):
    client.force_login(rep)
    now = time.time()
    set_session(client, **{SIGNED_IN_AT: now - 3600, LAST_SEEN: now - 600})
    client.get(ACCOUNT)
    assert client.session[LAST_SEEN] >= now - 1


def test_sign_in_starts_the_session_clock(client, person):
    before = time.time()
    sign_in(client, person.username)
    assert client.session[SIGNED_IN_AT] >= before


def test_session_lifetime_settings(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_IDLE_SECONDS == 2 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


# -- a session without the second factor --------------------------------------------------


@pytest.fixture
def unverified(client, rep):
    """Signed in, but without the second factor the person has (not via our sign-in form)."""
    client.force_login(rep)  # the project's conftest gives ``rep`` a confirmed app
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()
    return client


@pytest.mark.parametrize("url", [ACCOUNT, PROPOSE, "/admin/", "/en/"])
def test_session_without_the_second_factor_is_signed_out(unverified, url):
    response = unverified.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    assert not is_signed_in(unverified)


def test_password_only_session_cannot_renew_recovery_codes(client, person):
    sign_in(client, person.username)  # no second factor yet: the password alone
    _device, codes = authenticator_for(person)  # the owner sets up the app elsewhere
    response = client.post(SETUP, {"action": "renew"})
    assert b"recovery-codes" not in response.content
    assert second_factor.recovery_codes_left(person) == len(codes)
    assert sorted(
        StaticToken.objects.filter(device__user=person).values_list("token", flat=True)
    ) == sorted(codes)

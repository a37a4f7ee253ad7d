"""Failed sign-ins pause an account, or an address, for a while (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from .helpers import PAUSED, authenticator_for, code_for, is_signed_in, sign_in

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-000"
LIMIT = 5


def fail(client, username, times, **extra):
    return [sign_in(client, username, WRONG, **extra) for _ in range(times)]


def test_failure_limit_is_five_per_account_and_per_address():
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_four_failures_do_not_pause_the_account(client, person):
    fail(client, person.username, LIMIT - 1)
    response = sign_in(client, person.username)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_fifth_failure_pauses_the_account(client, person):
    responses = fail(client, person.username, LIMIT)
    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    assert PAUSED in responses[-1].content.decode()


def test_paused_account_is_refused_even_with_the_right_password(client, person):
    fail(client, person.username, LIMIT)
    response = sign_in(client, person.username)
    assert response.status_code == 429
    assert PAUSED in response.content.decode()
    assert not is_signed_in(client)


def test_account_pause_holds_from_another_address(client, person):
    fail(client, person.username, LIMIT, REMOTE_ADDR="192.0.2.1")
    response = sign_in(client, person.username, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_failures_with_different_usernames_pause_the_address(client, person):
    for number in range(LIMIT):
        sign_in(client, f"guess-{number}", WRONG, REMOTE_ADDR="192.0.2.9")
    response = sign_in(client, person.username, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_address_pause_leaves_other_addresses_free(client, person):
    for number in range(LIMIT):
        sign_in(client, f"guess-{number}", WRONG, REMOTE_ADDR="192.0.2.9")
    response = sign_in(client, person.username, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_wrong_security_codes_count_as_failures(client, person):
    device, _codes = authenticator_for(person)
    responses = [sign_in(client, person.username, code="000000") for _ in range(LIMIT)]
    assert responses[-1].status_code == 429
    device.throttle_reset()
    response = sign_in(client, person.username, code=code_for(device))
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_missing_security_code_counts_as_a_failure(client, person):
    authenticator_for(person)
    sign_in(client, person.username)
    assert AccessAttempt.objects.get(username=person.username).failures_since_start == 1


def test_successful_sign_in_does_not_forget_recent_failures(client, person):
    fail(client, person.username, LIMIT - 1)
    assert sign_in(client, person.username).status_code == 302
    client.logout()
    fail(client, person.username, 1)
    assert sign_in(client, person.username).status_code == 429


def test_signing_in_to_another_account_does_not_clear_this_accounts_failures(
    client, person, make_user
):
    attacker = make_user("mallory")
    fail(client, person.username, LIMIT - 1)
    assert sign_in(client, attacker.username).status_code == 302
    client.logout()
    fail(client, person.username, 1)
    response = sign_in(client, person.username)
    assert response.status_code == 429

"""The sign-in page, and the first sign-in of someone without a second factor."""

import pytest
from bs4 import BeautifulSoup

from alliance.members.tests.factories import MemberOrganizationFactory, representative

from .helpers import (
    ACCOUNT,
    LOGIN,
    LOGOUT,
    PASSWORD,
    SETUP,
    authenticator_for,
    code_for,
    is_signed_in,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_sign_in_page_asks_for_username_password_and_security_code(client, home):
    response = client.get(LOGIN)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[method=post]")
    assert form.select_one("input[name=username]") is not None
    assert form.select_one("input[name=password][type=password]") is not None
    code = form.select_one("input[name=code]")
    assert code is not None
    assert code["autocomplete"] == "one-time-code"


def test_person_without_second_factor_signs_in_with_a_password(client, person):
    response = sign_in(client, person.username)
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert is_signed_in(client)


@pytest.mark.parametrize("url", [ACCOUNT, "/admin/", "/admin/pages/", "/en/"])
def test_person_without_second_factor_is_sent_to_the_setup_page(client, person, url):
    sign_in(client, person.username)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")


def test_person_without_second_factor_may_still_sign_out(client, person):
    sign_in(client, person.username)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert not response["Location"].startswith(SETUP)
    assert not is_signed_in(client)


def test_wrong_password_is_refused(client, person):
    response = sign_in(client, person.username, password="not-the-password-at-all")
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_sign_in_goes_to_a_safe_next_address(client, person):
    response = client.post(
        f"{LOGIN}?next=/admin/pages/",
        {"username": person.username, "password": PASSWORD, "next": "/admin/pages/"},
    )
    assert response["Location"] == "/admin/pages/"


def test_sign_in_does_not_go_to_another_site(client, person):
    response = client.post(
        LOGIN,
        {"username": person.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == ACCOUNT


def test_admin_login_page_leads_to_the_sites_sign_in_page_keeping_next(client, home):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/sign-ins/"])
def test_admin_sends_anonymous_visitors_to_the_sites_sign_in_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")


def test_representative_reaches_the_account_after_a_full_sign_in(client, home):
    rep = representative(MemberOrganizationFactory())
    device, _codes = authenticator_for(rep)
    response = sign_in(client, rep.username, "pw-representative-123456", code_for(device))
    assert response["Location"] == ACCOUNT
    assert client.get(ACCOUNT).status_code == 200


def test_posting_a_password_to_the_admin_login_address_does_not_sign_in(client, person):
    authenticator_for(person)
    response = client.post("/admin/login/", {"username": person.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not is_signed_in(client)


def test_setup_page_needs_a_sign_in(client, home):
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")

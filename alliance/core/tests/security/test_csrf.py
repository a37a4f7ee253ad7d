"""Every public form and the sign-in page need Django's CSRF token."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from .public_forms import FORM_NAMES, soup_of

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/account/login/"


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf_token(browser: Client, url: str) -> str:
    """The token a browser gets with the page that shows the form."""
    page = browser.get(url)
    assert page.status_code == 200
    field = soup_of(page).select_one("form input[name=csrfmiddlewaretoken]")
    assert field is not None
    return field["value"]


@pytest.mark.parametrize("public_form", FORM_NAMES, indirect=True)
def test_public_form_without_a_csrf_token_is_refused(browser, public_form):
    browser.get(public_form.url)  # the cookie alone is not enough
    response = browser.post(public_form.url, public_form.data())
    assert response.status_code == 403
    assert public_form.nothing_stored()


@pytest.mark.parametrize("public_form", FORM_NAMES, indirect=True)
def test_public_form_with_its_csrf_token_is_accepted(browser, public_form):
    token = csrf_token(browser, public_form.url)
    response = browser.post(public_form.url, public_form.data(csrfmiddlewaretoken=token))
    assert response.status_code in public_form.accepted
    assert public_form.count() == 1


@pytest.fixture
def account():
    return get_user_model().objects.create_user("signer", password="pw-signer-123456789")


def test_sign_in_without_a_csrf_token_is_refused(browser, account):
    browser.get(SIGN_IN)
    response = browser.post(SIGN_IN, {"username": "signer", "password": "pw-signer-123456789"})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


def test_sign_in_with_its_csrf_token_is_accepted(browser, account):
    token = csrf_token(browser, SIGN_IN)
    response = browser.post(
        SIGN_IN,
        {"username": "signer", "password": "pw-signer-123456789", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(account.pk)

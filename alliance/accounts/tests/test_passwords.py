"""Forgotten passwords give nothing away; new passwords must be long and uncommon."""

import pytest

from .helpers import PASSWORD, without_csrf

pytestmark = pytest.mark.django_db

RESET = "/en/account/password_reset/"
CHANGE = "/en/account/password_change/"


def ask_for_reset(client, email):
    return client.post(RESET, {"email": email}, follow=True)


def test_reset_for_a_known_address_sends_one_mail(client, person, mailoutbox):
    response = ask_for_reset(client, person.email)
    assert response.status_code == 200
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert "/en/account/reset/" in mailoutbox[0].body


def test_reset_for_an_unknown_address_sends_nothing(client, person, mailoutbox):
    response = ask_for_reset(client, "nobody@example.org")
    assert response.status_code == 200
    assert mailoutbox == []


def test_reset_answers_the_same_for_known_and_unknown_addresses(client, person):
    known = ask_for_reset(client, person.email)
    unknown = ask_for_reset(client, "nobody@example.org")
    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain[-1][0] == "/en/account/password_reset/done/"
    assert without_csrf(known.content) == without_csrf(unknown.content)


def test_reset_mail_link_lets_the_person_choose_a_new_password(client, person, mailoutbox):
    ask_for_reset(client, person.email)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    new = "another-long-passphrase-77"
    response = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def change(client, new):
    return client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )


def test_password_shorter_than_twelve_characters_is_refused(signed_in, person):
    response = change(signed_in, "Kx7#pq2!Lm4")  # 11 characters
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_common_password_is_refused(signed_in, person):
    response = change(signed_in, "qwerty123456")
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_long_uncommon_password_is_accepted(signed_in, person):
    response = change(signed_in, "Kx7#pq2!Lm4-river")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Kx7#pq2!Lm4-river")

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


# -- a limit on reset mails (per connection, per address asked for, on both flows) ----------

ADMIN_RESET = "/admin/password_reset/"


def test_resets_for_one_address_stop_after_three_from_any_connection(client, person, mailoutbox):
    for number in range(6):
        response = client.post(RESET, {"email": person.email}, REMOTE_ADDR=f"192.0.2.{number}")
        assert response["Location"] == "/en/account/password_reset/done/"
    assert len(mailoutbox) == 3


def test_resets_from_one_connection_stop_after_five(client, django_user_model, mailoutbox):
    for number in range(8):
        user = django_user_model.objects.create_user(f"person{number}", f"p{number}@example.org")
        user.set_password(PASSWORD)
        user.save()
        client.post(RESET, {"email": user.email}, REMOTE_ADDR="198.51.100.9")
    assert len(mailoutbox) == 5


def test_the_admins_reset_form_counts_the_same(client, person, mailoutbox):
    for number in range(6):
        response = client.post(
            ADMIN_RESET, {"email": person.email}, REMOTE_ADDR=f"192.0.2.{number}"
        )
        assert response.status_code == 302
    assert len(mailoutbox) == 3


def test_unknown_addresses_count_as_well_so_the_limit_reveals_nothing(client, person):
    for _ in range(4):
        known = client.post(RESET, {"email": person.email}, follow=True)
        unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
        assert without_csrf(known.content) == without_csrf(unknown.content)

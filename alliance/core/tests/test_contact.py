import datetime as dt
import io
import smtplib
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.management import CommandError, call_command

from alliance.core.models import AllianceSettings, ContactMessage, ContactPerson
from alliance.core.spam import MAX_AGE_SECONDS, TOKEN_SALT, form_token

from .factories import ContactPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_page(home):
    return ContactPageFactory(parent=home)


def message_data(**overrides) -> dict:
    data = {
        "name": "Maria",
        "email": "maria@example.org",
        "subject": "Joining the march",
        "message": "How can our association take part?",
        "fax": "",
        "token": form_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def test_contact_page_lists_contact_persons_with_phone_links(client, contact_page, site):
    alliance = AllianceSettings.for_site(site)
    ContactPerson.objects.create(settings=alliance, name="Antonio Arizaga", phone="862-227-6265")
    soup = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    assert soup.find("a", href="tel:8622276265").get_text() == "862-227-6265"
    assert "Antonio Arizaga" in soup.get_text()


def test_contact_form_stores_the_message(client, contact_page):
    response = client.post(contact_page.url, message_data())
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    message = ContactMessage.objects.get()
    assert (message.name, message.email) == ("Maria", "maria@example.org")
    assert not message.handled


def test_contact_form_emails_the_alliance_address(client, contact_page, site):
    alliance = AllianceSettings.for_site(site)
    alliance.contact_email = "secretariat@example.org"
    alliance.save()
    client.post(contact_page.url, message_data())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["secretariat@example.org"]
    assert "How can our association take part?" in mail.outbox[0].body


def test_contact_form_emails_staff_listed_in_settings(client, contact_page, settings):
    settings.MANAGERS = [("staff", "staff@example.org")]
    client.post(contact_page.url, message_data())
    assert mail.outbox[0].to == ["staff@example.org"]


def test_filled_honeypot_is_dropped_silently(client, contact_page):
    response = client.post(contact_page.url, message_data(fax="http://spam.example"))
    assert "Thank you" in response.content.decode()
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


def test_form_sent_back_too_fast_is_refused_and_keeps_the_text(client, contact_page):
    response = client.post(contact_page.url, message_data(token=form_token()))
    html = response.content.decode()
    assert "quicker than a person can type" in html
    assert "How can our association take part?" in html
    assert not ContactMessage.objects.exists()


def test_expired_form_is_refused_and_keeps_the_text(client, contact_page):
    stale = form_token(time.time() - MAX_AGE_SECONDS - 60)
    response = client.post(contact_page.url, message_data(token=stale))
    html = response.content.decode()
    assert "open for too long" in html
    assert "How can our association take part?" in html


def test_forged_token_is_refused(client, contact_page):
    response = client.post(contact_page.url, message_data(token="forged"))
    assert "could not be checked" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_message_with_many_links_is_refused(client, contact_page):
    links = " ".join(f"https://example.org/{n}" for n in range(5))
    response = client.post(contact_page.url, message_data(message=links))
    assert "at most 3 links" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_missing_fields_are_marked_and_nothing_typed_is_lost(client, contact_page):
    response = client.post(contact_page.url, message_data(email="not-an-address", name=""))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[role=alert]") is not None
    assert soup.select_one("#id_name-error") is not None
    assert soup.select_one("#id_name")["aria-describedby"] == "id_name-error"
    assert soup.select_one("#id_name")["aria-invalid"] == "true"
    assert soup.select_one("#id_email")["value"] == "not-an-address"
    assert soup.select_one("#id_message").get_text().strip() == "How can our association take part?"


def test_rerendered_form_carries_a_fresh_token(client, contact_page):
    data = message_data(name="")
    response = client.post(contact_page.url, data)
    soup = BeautifulSoup(response.content, "html.parser")
    fresh = soup.select_one("input[name=token]")["value"]
    assert fresh != data["token"]
    assert signing.loads(fresh, salt=TOKEN_SALT)["t"] > time.time() - 5


@pytest.fixture
def staff_address(settings):
    settings.MANAGERS = [("staff", "staff@example.org")]


@pytest.mark.parametrize(
    "typed",
    [
        {"subject": "Hello\r\nBcc: victim@example.org"},
        {"name": "Maria\nBcc: victim@example.org", "subject": ""},
        {"subject": "Hello\u2028Bcc: victim@example.org"},
    ],
    ids=["subject-crlf", "name-lf-without-subject", "subject-line-separator"],
)
def test_a_line_break_in_a_header_field_is_refused_before_anything_is_kept(
    client, contact_page, staff_address, typed
):
    response = client.post(contact_page.url, message_data(**typed))
    assert response.status_code == 200
    assert "on one line" in response.content.decode()
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


def test_the_staff_mail_answers_to_the_sender(client, contact_page, staff_address):
    client.post(contact_page.url, message_data())
    assert mail.outbox[0].reply_to == ["maria@example.org"]
    assert mail.outbox[0].subject == "Contact form: Joining the march"


def test_a_message_whose_mail_fails_is_not_kept_and_the_sender_may_retry(
    client, contact_page, staff_address, monkeypatch
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    response = client.post(contact_page.url, message_data())
    html = response.content.decode()
    assert response.status_code == 503
    assert "could not be sent just now" in html
    assert "How can our association take part?" in html
    assert not ContactMessage.objects.exists()


def make_message(days_old: int, handled: bool) -> ContactMessage:
    message = ContactMessage.objects.create(
        name="a", email="a@example.org", message="hi", handled=handled
    )
    ContactMessage.objects.filter(pk=message.pk).update(
        created_at=message.created_at - dt.timedelta(days=days_old)
    )
    return message


def test_purge_deletes_old_handled_messages_only():
    old_handled = make_message(100, handled=True)
    old_open = make_message(100, handled=False)
    recent = make_message(1, handled=True)
    call_command("purge_contact_messages", "--days", "90", stdout=io.StringIO())
    remaining = set(ContactMessage.objects.values_list("pk", flat=True))
    assert remaining == {old_open.pk, recent.pk}
    assert old_handled.pk not in remaining


def test_purge_can_include_unhandled_messages():
    make_message(100, handled=False)
    call_command("purge_contact_messages", "--days", "90", "--unhandled-too", stdout=io.StringIO())
    assert not ContactMessage.objects.exists()


def test_purge_refuses_a_nonsense_period():
    with pytest.raises(CommandError):
        call_command("purge_contact_messages", "--days", "0")

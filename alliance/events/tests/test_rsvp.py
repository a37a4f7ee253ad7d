import csv
import datetime as dt
import io
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alliance.core.spam import form_token
from alliance.events import replies
from alliance.events.models import EventStatus, Rsvp, RsvpStatus, RsvpTally

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def reply(**overrides) -> dict:
    data = {"name": "Rosa", "party_size": "1", "fax": "", "token": form_token(time.time() - 30)}
    data.update(overrides)
    return data


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, rsvp_enabled=True)


def send(client, event, **overrides):
    return client.post(event.url, reply(**overrides))


def manage_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].split("?")[0]


# -- the form --------------------------------------------------------------------


def test_form_asks_only_for_a_name_and_the_number_of_people(client, event):
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    form = soup.select_one("#rsvp form")
    names = {
        field["name"] for field in form.select("input, select") if field.get("type") != "hidden"
    }
    assert names == {"name", "party_size", "fax"}  # fax is the hidden honeypot


def test_form_asks_for_optional_contact_only_when_reminders_are_on(client, event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, reminders=True)
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert soup.select_one("#id_email").get("required") is None
    assert soup.select_one("#id_phone") is not None


def test_contact_details_are_dropped_when_reminders_are_off(event):
    receipt = replies.rsvp_create(event, name="Rosa", party_size=1, email="rosa@example.org")
    assert receipt.rsvp.email == ""


def test_event_without_rsvps_shows_no_form(client, event_index):
    event = EventPageFactory(parent=event_index)
    assert b'id="rsvp"' not in client.get(event.url).content


# -- replying ----------------------------------------------------------------------


def test_reply_leads_to_a_private_confirmation_page(client, event):
    url = manage_url(send(client, event))
    assert url.startswith(f"{event.url}rsvp/")
    response = client.get(url + "?new=1")
    html = response.content.decode()
    assert "Thank you for your reply" in html
    assert "You have a place for 1 person." in html
    assert f"{event.url}calendar.ics" in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_only_a_hash_of_the_private_link_is_stored(client, event):
    url = manage_url(send(client, event))
    token = url.rstrip("/").rsplit("/", 1)[1]
    rsvp = Rsvp.objects.get()
    assert token not in rsvp.token_hash
    assert rsvp.token_hash == replies.token_hash(token)


def test_unknown_private_link_is_not_found(client, event):
    assert client.get(f"{event.url}rsvp/not-a-real-token/").status_code == 404


def test_reply_can_be_cancelled_through_the_private_link(client, event):
    url = manage_url(send(client, event))
    response = client.post(url, {"cancel": "1"})
    assert "Your reply is cancelled" in response.content.decode()
    assert Rsvp.objects.get().status == RsvpStatus.CANCELLED
    assert RsvpTally.objects.get(event=event).confirmed_seats == 0


def test_party_size_can_be_changed_through_the_private_link(client, event):
    url = manage_url(send(client, event))
    client.post(url, {"change": "1", "party_size": "3"})
    assert Rsvp.objects.get().party_size == 3
    assert RsvpTally.objects.get(event=event).confirmed_seats == 3


def test_missing_name_is_reported_and_nothing_is_saved(client, event):
    response = send(client, event, name="", party_size="2")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_name-error") is not None
    assert soup.select_one("#id_party_size option[selected]")["value"] == "2"
    assert not Rsvp.objects.exists()


@pytest.mark.parametrize("size", ["0", "11", "many"])
def test_impossible_party_size_is_refused(client, event, size):
    assert send(client, event, party_size=size).status_code == 400
    assert not Rsvp.objects.exists()


def test_overlong_name_is_refused(client, event):
    assert send(client, event, name="x" * 101).status_code == 400
    assert not Rsvp.objects.exists()


def test_same_form_sent_twice_is_counted_once(client, event):
    data = reply()
    client.post(event.url, data)
    response = client.post(event.url, data)
    assert "already received" in response.content.decode()
    assert Rsvp.objects.count() == 1


def test_honeypot_reply_is_dropped(client, event):
    response = send(client, event, fax="http://spam.example")
    assert response.status_code == 302
    assert not Rsvp.objects.exists()


def test_too_many_replies_from_one_address_are_refused(client, event, settings):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "rsvp": (3, 600)}
    for _ in range(3):
        manage_url(send(client, event))
    response = send(client, event)
    assert response.status_code == 400
    assert "Too many forms were sent from your connection" in response.content.decode()
    assert Rsvp.objects.count() == 3


# -- who may reply ---------------------------------------------------------------


def test_past_event_takes_no_replies(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        rsvp_enabled=True,
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    response = send(client, event)
    assert response.status_code == 400
    assert not Rsvp.objects.exists()
    assert "This event is over." in response.content.decode()


def test_cancelled_event_takes_no_replies(client, event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, status=EventStatus.CANCELLED)
    with pytest.raises(replies.RsvpRefused):
        replies.rsvp_create(event, name="Rosa", party_size=1)
    assert send(client, event).status_code == 400


# -- capacity and the waiting list --------------------------------------------------


def test_replies_beyond_capacity_go_on_the_waiting_list(event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=3)
    first = replies.rsvp_create(event, name="A", party_size=2).rsvp
    second = replies.rsvp_create(event, name="B", party_size=2).rsvp
    assert (first.status, second.status) == (RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    assert replies.seats_left(event) == 1


def test_full_event_without_waiting_list_refuses_with_a_clear_message(client, event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=2, waiting_list=False)
    replies.rsvp_create(event, name="A", party_size=2)
    response = send(client, event)
    assert response.status_code == 400
    assert "the event is full" in response.content.decode()
    assert Rsvp.objects.count() == 1


def test_party_larger_than_places_left_is_told_how_many_are_left(event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=3, waiting_list=False)
    replies.rsvp_create(event, name="A", party_size=2)
    with pytest.raises(replies.RsvpRefused, match="Only 1 places are left"):
        replies.rsvp_create(event, name="B", party_size=2)


def test_cancellation_gives_the_place_to_the_first_on_the_waiting_list(event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=2)
    confirmed = replies.rsvp_create(event, name="A", party_size=2).rsvp
    first_waiting = replies.rsvp_create(event, name="B", party_size=2).rsvp
    second_waiting = replies.rsvp_create(event, name="C", party_size=1).rsvp
    replies.rsvp_cancel(confirmed)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RsvpStatus.CONFIRMED
    assert second_waiting.status == RsvpStatus.WAITLISTED
    assert RsvpTally.objects.get(event=event).confirmed_seats == 2


def test_growing_a_party_beyond_capacity_moves_it_to_the_waiting_list(event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=3)
    rsvp = replies.rsvp_create(event, name="A", party_size=2).rsvp
    replies.rsvp_create(event, name="B", party_size=1)
    rsvp = replies.rsvp_change_party_size(rsvp, 3)
    assert rsvp.status == RsvpStatus.WAITLISTED
    assert RsvpTally.objects.get(event=event).confirmed_seats == 1


def test_cancelling_twice_changes_nothing(event):
    rsvp = replies.rsvp_create(event, name="A", party_size=2).rsvp
    replies.rsvp_cancel(rsvp)
    replies.rsvp_cancel(rsvp)
    assert RsvpTally.objects.get(event=event).confirmed_seats == 0


def test_page_shows_places_left(client, event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=5)
    replies.rsvp_create(event, name="A", party_size=2)
    assert "3 places left." in client.get(event.url).content.decode()


# -- organizers -------------------------------------------------------------------


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw-moderator-123456")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw-editor-123456")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_organizer_sees_counts_and_the_list(client, event, moderator):
    replies.rsvp_create(event, name="Rosa", party_size=3)
    client.force_login(moderator)
    response = client.get(reverse("events_rsvp_list", args=(event.pk,)))
    html = response.content.decode()
    assert "Rosa" in html
    assert "Confirmed: 3 people" in html


def test_organizer_exports_the_list_as_csv(client, event, moderator):
    replies.rsvp_create(event, name='=HYPERLINK("x")', party_size=2)
    client.force_login(moderator)
    response = client.get(reverse("events_rsvp_export", args=(event.pk,)))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "People", "Status"]
    assert rows[1][0].startswith("'=")  # no spreadsheet formula
    assert rows[1][1] == "2"


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_no_one_else_sees_the_list(client, event, editor, who):
    replies.rsvp_create(event, name="Rosa", party_size=1)
    if who == "editor":
        client.force_login(editor)
    for name in ("events_rsvp_list", "events_rsvp_export"):
        response = client.get(reverse(name, args=(event.pk,)))
        assert response.status_code in (302, 403)
        assert b"Rosa" not in response.content


def test_rsvp_names_never_appear_on_public_pages(client, event):
    replies.rsvp_create(event, name="Secret Person", party_size=1)
    for url in (event.url, f"{event.url}calendar.ics", "/en/events/calendar.ics", "/sitemap.xml"):
        assert b"Secret Person" not in client.get(url).content


# -- retention and reminders ----------------------------------------------------------


def test_purge_removes_personal_data_after_the_retention_period_and_keeps_counts(
    event_index, settings
):
    settings.RSVP_RETENTION_DAYS = 30
    old = EventPageFactory(
        parent=event_index,
        rsvp_enabled=True,
        reminders=True,
        start_date=timezone.localdate() + dt.timedelta(days=1),
    )
    rsvp = replies.rsvp_create(old, name="Rosa", party_size=3, email="rosa@example.org").rsvp
    recent = EventPageFactory(parent=event_index, rsvp_enabled=True)
    kept = replies.rsvp_create(recent, name="Ana", party_size=1).rsvp
    type(old).objects.filter(pk=old.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=40),
        ends_at=timezone.now() - dt.timedelta(days=40),
    )
    call_command("purge_rsvps", stdout=io.StringIO())
    rsvp.refresh_from_db()
    kept.refresh_from_db()
    assert (rsvp.name, rsvp.email, rsvp.phone) == ("", "", "")
    assert rsvp.anonymized_at is not None
    assert replies.rsvp_counts(old)[RsvpStatus.CONFIRMED] == 3
    assert kept.name == "Ana"


def test_purge_is_safe_to_run_again(event_index):
    out = io.StringIO()
    call_command("purge_rsvps", "--days", "30", stdout=out)
    call_command("purge_rsvps", "--days", "30", stdout=out)
    assert "Removed personal data from 0 RSVP(s)" in out.getvalue()


def test_private_link_stops_working_once_data_is_removed(client, event):
    url = manage_url(send(client, event))
    replies.rsvps_anonymize(0, now=timezone.now() + dt.timedelta(days=365))
    assert client.get(url).status_code == 404


def test_reminders_go_once_to_those_who_left_an_address(event_index):
    event = EventPageFactory(
        parent=event_index, rsvp_enabled=True, reminders=True, start_date=timezone.localdate()
    )
    type(event).objects.filter(pk=event.pk).update(starts_at=timezone.now() + dt.timedelta(hours=5))
    event.refresh_from_db()
    replies.rsvp_create(event, name="Rosa", party_size=1, email="rosa@example.org")
    replies.rsvp_create(event, name="Ana", party_size=1)
    call_command("send_rsvp_reminders", stdout=io.StringIO())
    call_command("send_rsvp_reminders", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["rosa@example.org"]]

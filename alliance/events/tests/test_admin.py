"""Editors create events through Wagtail's admin, in the venue's local time."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from alliance.events.models import EventPage

from .factories import DayOfActionPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("root", password="pw-root-123456789")
    )
    return client


def event_form(**overrides) -> dict:
    data = {
        "title": "Forum on forced migration",
        "slug": "forum-forced-migration",
        "kind": "forum",
        "summary": "A forum.",
        "status": "scheduled",
        "status_note": "",
        "start_date": "2030-03-10",
        "start_time": "19:00",
        "end_date": "",
        "end_time": "21:00",
        "time_zone": "America/New_York",
        "venue_name": "San Damiano Hall",
        "street_address": "",
        "city": "New York",
        "postal_code": "",
        "country": "US",
        "latitude": "",
        "longitude": "",
        "meeting_point": "",
        "online_url": "",
        "organizer": "",
        "organizer_name": "",
        "languages": "",
        "accessibility": "",
        "flyer_image": "",
        "flyer_document": "",
        "capacity": "",
        "waiting_list": "on",
        "contacts": inline_formset([]),
        "related_statements": inline_formset([]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "Publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_event_created_in_local_time_gets_its_instant(admin_client, event_index):
    response = admin_client.post(add_url(event_index), event_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="forum-forced-migration")
    assert event.live
    assert event.starts_at == dt.datetime(2030, 3, 10, 23, 0, tzinfo=dt.UTC)  # EDT, UTC-4


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "is not a time zone we know"),
        ({"end_time": "18:00"}, "must end after it starts"),
        ({"end_date": "2030-03-09"}, "cannot end before it starts"),
        (
            {"start_time": "02:30", "end_time": "04:00", "start_date": "2030-03-10"},
            "does not exist",
        ),
        ({"venue_name": "", "city": ""}, "or an online link"),
    ],
)
def test_bad_event_input_is_refused_with_a_message(admin_client, event_index, overrides, message):
    response = admin_client.post(add_url(event_index), event_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.filter(slug="forum-forced-migration").exists()


def test_every_event_page_type_opens_in_the_editor(admin_client, event_index):
    day = DayOfActionPageFactory(parent=event_index)
    for page in (event_index, day, EventPageFactory(parent=day)):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, type(page).__name__


def test_event_with_rsvps_has_an_rsvp_button_for_organizers(admin_client, event_index):
    event = EventPageFactory(parent=event_index, rsvp_enabled=True)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert reverse("events_rsvp_list", args=(event.pk,)) in response.content.decode()

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup

from alliance.events.models import EventContact, EventStatement, EventStatus
from alliance.members.models import MemberOrganization
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def event_jsonld(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    for tag in soup.find_all("script", type="application/ld+json"):
        data = json.loads(tag.string)
        if data["@type"] == "Event":
            return data
    raise AssertionError("no Event JSON-LD")


def test_event_json_ld_has_status_location_and_organizer(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Info-session",
        start_date=dt.date(2030, 9, 9),
        street_address="129 West 31st Street",
        latitude="40.74860",
        longitude="-73.99290",
    )
    data = event_jsonld(client.get(event.url))
    assert data["name"] == "Info-session"
    assert data["startDate"] == "2030-09-09T19:00:00-04:00"
    assert data["endDate"] == "2030-09-09T21:00:00-04:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "San Damiano Hall"
    assert data["location"]["address"]["streetAddress"] == "129 West 31st Street"
    assert data["location"]["address"]["addressCountry"] == "US"
    assert data["location"]["geo"]["latitude"] == 40.7486
    assert data["organizer"]["name"] == "Test Alliance"


def test_member_organizer_is_named_in_json_ld_and_on_the_page(client, event_index):
    organizer = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    event = EventPageFactory(parent=event_index, organizer=organizer)
    response = client.get(event.url)
    assert event_jsonld(response)["organizer"]["name"] == "Migrante International"
    assert "Migrante International" in response.content.decode()


def test_cancelled_event_is_shown_clearly(client, event_index):
    event = EventPageFactory(
        parent=event_index, status=EventStatus.CANCELLED, status_note="Typhoon signal 8."
    )
    response = client.get(event.url)
    soup = BeautifulSoup(response.content, "html.parser")
    banner = soup.select_one(".status-banner")
    assert "This event is cancelled." in banner.get_text()
    assert "Typhoon signal 8." in banner.get_text()
    assert event_jsonld(response)["eventStatus"] == "https://schema.org/EventCancelled"


def test_postponed_event_is_shown_clearly(client, event_index):
    event = EventPageFactory(parent=event_index, status=EventStatus.POSTPONED)
    response = client.get(event.url)
    assert "This event is postponed." in response.content.decode()
    assert event_jsonld(response)["eventStatus"] == "https://schema.org/EventPostponed"


def test_online_event_offers_the_readers_own_time(client, event_index):
    event = EventPageFactory(
        parent=event_index, venue_name="", city="", online_url="https://meet.example.org/ima"
    )
    response = client.get(event.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("time[data-local-time]") is not None
    assert soup.find("script", src=lambda src: src and "local-time" in src) is not None
    data = event_jsonld(response)
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/ima"}
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_event_page_lists_contacts_meeting_point_and_related_statements(
    client, event_index, statement_index
):
    statement = StatementPageFactory(parent=statement_index, title="Why we march")
    event = EventPageFactory(
        parent=event_index, meeting_point="Assemble at 43rd Street and 7th Avenue."
    )
    EventContact.objects.create(page=event, name="Jonna Baldres", phone="646-587-7390")
    EventStatement.objects.create(page=event, statement=statement)
    html = client.get(event.url).content.decode()
    assert "Assemble at 43rd Street and 7th Avenue." in html
    assert 'href="tel:6465877390"' in html
    assert "Why we march" in html


def test_event_without_end_time_shows_only_its_start(client, event_index):
    event = EventPageFactory(parent=event_index, start_time=dt.time(16), end_time=None)
    when = BeautifulSoup(client.get(event.url).content, "html.parser").select_one(".event-facts dd")
    assert "16:00" in when.get_text()
    assert "–" not in when.get_text()


def test_event_json_ld_omits_an_unknown_end(client, event_index):
    event = EventPageFactory(parent=event_index, end_time=None)
    assert "endDate" not in event_jsonld(client.get(event.url))


def test_day_of_action_loads_no_map_tiles_by_default(client, event_index):
    from .factories import DayOfActionPageFactory

    day = DayOfActionPageFactory(parent=event_index)
    EventPageFactory(parent=day, latitude="22.3", longitude="114.2")
    html = client.get(day.url).content.decode()
    assert "tile-map" not in html
    assert 'class="world-map"' in html


def test_day_of_action_offers_a_tile_map_when_a_tile_server_is_configured(
    client, event_index, settings
):
    from .factories import DayOfActionPageFactory

    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    day = DayOfActionPageFactory(parent=event_index)
    EventPageFactory(parent=day, title="Rally", latitude="22.3", longitude="114.2")
    soup = BeautifulSoup(client.get(day.url).content, "html.parser")
    data = json.loads(soup.find("script", id="tile-map-data").string)
    assert data["url"] == settings.MAP_TILE_URL
    assert data["points"][0]["title"] == "Rally"
    assert soup.find("script", src=lambda src: src and "tile-map" in src) is not None
    assert soup.select_one(".world-map") is not None  # the plain map stays as the fallback


def test_unlisted_member_is_never_named_as_organizer(client, event_index):
    organizer = MemberOrganization.objects.create(
        name="Secret Refugee Group", slug="secret", unlisted=True
    )
    event = EventPageFactory(parent=event_index, organizer=organizer)
    for url in (event.url, f"{event.url}calendar.ics", event_index.url, "/"):
        assert b"Secret Refugee Group" not in client.get(url).content, url
    assert event_jsonld(client.get(event.url))["organizer"]["name"] == "A member organization"


def test_status_going_ahead_is_not_called_scheduled():
    assert EventStatus.SCHEDULED.value == "scheduled"
    assert EventStatus.SCHEDULED.label == "Going ahead"

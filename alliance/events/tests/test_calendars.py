import datetime as dt

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from alliance.events.models import EventStatus
from alliance.members.models import MemberOrganization, Region

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def ics(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def vevents(content: bytes) -> list:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def test_event_calendar_file_parses_with_two_independent_parsers(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Info-session",
        start_date=dt.date(2030, 9, 9),
        start_time=dt.time(19),
        end_time=dt.time(21),
        time_zone="America/New_York",
    )
    content = ics(client, f"{event.url}calendar.ics")
    component = vevents(content)[0]
    assert str(component["summary"]) == "Info-session"
    assert component.decoded("dtstart") == dt.datetime(
        2030, 9, 9, 19, tzinfo=component.decoded("dtstart").tzinfo
    )
    assert component.decoded("dtstart").utcoffset() == dt.timedelta(hours=-4)
    parsed = vobject.readOne(content.decode())
    assert parsed.vevent.summary.value == "Info-session"
    assert parsed.vevent.dtstart.value.astimezone(dt.UTC) == dt.datetime(
        2030, 9, 9, 23, tzinfo=dt.UTC
    )
    assert parsed.vevent.dtend.value.astimezone(dt.UTC) == dt.datetime(
        2030, 9, 10, 1, tzinfo=dt.UTC
    )


def test_calendar_carries_the_time_zone_definition(client, event_index):
    event = EventPageFactory(parent=event_index, time_zone="Asia/Hong_Kong")
    cal = icalendar.Calendar.from_ical(ics(client, f"{event.url}calendar.ics"))
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Hong_Kong"]
    assert vevents(cal.to_ical())[0]["dtstart"].params["TZID"] == "Asia/Hong_Kong"


def test_all_day_event_uses_dates_with_an_exclusive_end(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start_date=dt.date(2030, 12, 18),
        end_date=dt.date(2030, 12, 19),
        start_time=None,
        end_time=None,
    )
    component = vevents(ics(client, f"{event.url}calendar.ics"))[0]
    assert component.decoded("dtstart") == dt.date(2030, 12, 18)
    assert component.decoded("dtend") == dt.date(2030, 12, 20)


def test_event_without_end_time_has_no_invented_end(client, event_index):
    event = EventPageFactory(parent=event_index, end_time=None)
    assert "dtend" not in vevents(ics(client, f"{event.url}calendar.ics"))[0]


def test_uid_stays_the_same_when_the_event_is_renamed(client, event_index):
    event = EventPageFactory(parent=event_index, title="Before")
    before = str(vevents(ics(client, f"{event.url}calendar.ics"))[0]["uid"])
    event.title = "After"
    event.save_revision().publish()
    after = str(vevents(ics(client, f"{event.url}calendar.ics"))[0]["uid"])
    assert before == after == f"event-{event.pk}@testserver"


def test_sequence_grows_when_the_event_is_republished(client, event_index):
    event = EventPageFactory(parent=event_index)
    event.save_revision().publish()
    first = int(vevents(ics(client, f"{event.url}calendar.ics"))[0]["sequence"])
    event.refresh_from_db()
    type(event).objects.filter(pk=event.pk).update(
        first_published_at=event.first_published_at - dt.timedelta(minutes=5)
    )
    event.refresh_from_db()
    event.start_time = dt.time(18)
    event.save_revision().publish()
    second = int(vevents(ics(client, f"{event.url}calendar.ics"))[0]["sequence"])
    assert second > first


def test_cancelled_event_stays_in_the_feed_marked_cancelled(client, event_index):
    event = EventPageFactory(parent=event_index, status=EventStatus.CANCELLED)
    components = vevents(ics(client, f"{event_index.url}calendar.ics"))
    assert [str(c["status"]) for c in components] == ["CANCELLED"]
    assert str(components[0]["uid"]) == f"event-{event.pk}@testserver"


def test_postponed_event_is_tentative(client, event_index):
    EventPageFactory(parent=event_index, status=EventStatus.POSTPONED)
    assert str(vevents(ics(client, f"{event_index.url}calendar.ics"))[0]["status"]) == "TENTATIVE"


def test_feed_leaves_out_drafts(client, event_index):
    EventPageFactory(parent=event_index, title="Published")
    EventPageFactory(parent=event_index, title="Draft", live=False)
    titles = [str(c["summary"]) for c in vevents(ics(client, f"{event_index.url}calendar.ics"))]
    assert titles == ["Published"]


def test_region_feed_lists_only_that_region(client, event_index):
    from alliance.members.models import Country

    asia = Region.objects.create(name="Asia", slug="asia")
    Country.objects.create(code="HK", region=asia)
    EventPageFactory(parent=event_index, title="In Hong Kong", country="HK")
    EventPageFactory(parent=event_index, title="In New York", country="US")
    content = ics(client, f"{event_index.url}regions/asia/calendar.ics")
    assert [str(c["summary"]) for c in vevents(content)] == ["In Hong Kong"]


def test_organizer_feed_lists_only_that_organizer(client, event_index):
    organizer = MemberOrganization.objects.create(name="Migrante", slug="migrante")
    EventPageFactory(parent=event_index, title="Theirs", organizer=organizer)
    EventPageFactory(parent=event_index, title="The secretariat's")
    theirs = vevents(ics(client, f"{event_index.url}organizers/migrante/calendar.ics"))
    ours = vevents(ics(client, f"{event_index.url}organizers/secretariat/calendar.ics"))
    assert [str(c["summary"]) for c in theirs] == ["Theirs"]
    assert [str(c["summary"]) for c in ours] == ["The secretariat's"]


def test_unknown_region_or_organizer_feed_is_not_found(client, event_index):
    assert client.get(f"{event_index.url}regions/atlantis/calendar.ics").status_code == 404
    assert client.get(f"{event_index.url}organizers/nobody/calendar.ics").status_code == 404


def test_calendar_of_a_draft_event_is_not_found(client, event_index):
    EventPageFactory(parent=event_index, live=False, slug="secret-meeting")
    assert client.get(f"{event_index.url}secret-meeting/calendar.ics").status_code == 404


def test_event_page_offers_its_calendar_file(client, event_index):
    event = EventPageFactory(parent=event_index)
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert soup.find("a", string="Add to calendar")["href"] == f"{event.url}calendar.ics"
    alternates = [link["href"] for link in soup.head.find_all("link", type="text/calendar")]
    assert f"{event.url}calendar.ics" in alternates
    assert f"{event_index.url}calendar.ics" in alternates


def test_feed_of_many_events_has_one_time_zone_each(client, event_index):
    for zone in ("Asia/Hong_Kong", "Europe/Athens", "Asia/Hong_Kong"):
        EventPageFactory(parent=event_index, time_zone=zone)
    cal = icalendar.Calendar.from_ical(ics(client, f"{event_index.url}calendar.ics"))
    assert sorted(str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")) == [
        "Asia/Hong_Kong",
        "Europe/Athens",
    ]
    assert len(vobject.readOne(cal.to_ical().decode()).vevent_list) == 3


def test_a_title_stored_with_a_line_break_still_gives_a_calendar_file(client, event_index):
    # Saved before the forms refused line breaks: the file stays whole, the title on one line.
    event = EventPageFactory(
        parent=event_index, title="Picket\r\nBEGIN:VEVENT", venue_name="Chater\nGarden"
    )
    content = ics(client, f"{event.url}calendar.ics")
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["x-wr-calname"]) == "Picket BEGIN:VEVENT"
    assert [str(component["summary"]) for component in vevents(content)] == [
        "Picket BEGIN:VEVENT"
    ]
    assert str(vevents(content)[0]["location"]).startswith("Chater Garden")

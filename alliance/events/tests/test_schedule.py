import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from alliance.events import schedule
from alliance.events.models import EventPage

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NEW_YORK = "America/New_York"


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.fixture
def event(event_index) -> EventPage:
    return EventPageFactory(parent=event_index, start_date=dt.date(2026, 6, 10))


def errors_of(page: EventPage) -> dict:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


# -- local times and the instants they name ------------------------------------------------


def test_time_skipped_when_clocks_go_forward_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as caught:
        schedule.local_instant(dt.date(2026, 3, 8), dt.time(2, 30), NEW_YORK)
    assert caught.value.code == "nonexistent_local_time"
    message = caught.value.messages[0]
    assert "02:30 does not exist on 2026-03-08 in America/New_York" in message
    assert "clocks change" in message


def test_time_just_before_and_after_the_skipped_hour_is_accepted():
    assert schedule.local_instant(dt.date(2026, 3, 8), dt.time(1, 59), NEW_YORK) == utc(
        2026, 3, 8, 6, 59
    )
    assert schedule.local_instant(dt.date(2026, 3, 8), dt.time(3, 0), NEW_YORK) == utc(
        2026, 3, 8, 7, 0
    )


def test_ambiguous_time_when_clocks_go_back_means_the_first_occurrence():
    instant = schedule.local_instant(dt.date(2026, 11, 1), dt.time(1, 30), NEW_YORK)
    assert instant == utc(2026, 11, 1, 5, 30)  # still EDT, UTC−4


def test_southern_hemisphere_summer_time_is_applied_in_december():
    instant = schedule.local_instant(dt.date(2026, 12, 15), dt.time(19, 0), "Australia/Sydney")
    assert instant == utc(2026, 12, 15, 8, 0)  # AEDT, UTC+11


def test_southern_hemisphere_winter_time_is_applied_in_july():
    instant = schedule.local_instant(dt.date(2026, 7, 15), dt.time(19, 0), "Australia/Sydney")
    assert instant == utc(2026, 7, 15, 9, 0)  # AEST, UTC+10


def test_time_zone_without_daylight_saving_keeps_its_offset():
    instant = schedule.local_instant(dt.date(2026, 7, 1), dt.time(19, 0), "Asia/Hong_Kong")
    assert instant == utc(2026, 7, 1, 11, 0)


def test_all_day_event_runs_from_local_midnight_to_the_next_local_midnight():
    starts, ends = schedule.event_instants(dt.date(2026, 7, 1), None, None, None, "Asia/Hong_Kong")
    assert starts == utc(2026, 6, 30, 16, 0)
    assert ends == utc(2026, 7, 1, 16, 0)


def test_multi_day_all_day_event_runs_to_midnight_after_its_last_day():
    starts, ends = schedule.event_instants(
        dt.date(2026, 7, 1), None, dt.date(2026, 7, 3), None, "Asia/Hong_Kong"
    )
    assert starts == utc(2026, 6, 30, 16, 0)
    assert ends == utc(2026, 7, 3, 16, 0)


def test_all_day_event_on_the_day_clocks_go_forward_lasts_23_hours():
    starts, ends = schedule.event_instants(dt.date(2026, 3, 8), None, None, None, NEW_YORK)
    assert starts == utc(2026, 3, 8, 5, 0)
    assert ends == utc(2026, 3, 9, 4, 0)
    assert ends - starts == dt.timedelta(hours=23)


def test_event_crossing_a_daylight_saving_change_keeps_its_local_wall_times():
    starts, ends = schedule.event_instants(
        dt.date(2026, 10, 31), dt.time(20, 0), dt.date(2026, 11, 1), dt.time(10, 0), NEW_YORK
    )
    assert starts == utc(2026, 11, 1, 0, 0)  # EDT
    assert ends == utc(2026, 11, 1, 15, 0)  # EST
    assert ends - starts == dt.timedelta(hours=15)


def test_event_page_crossing_a_daylight_saving_change_shows_its_local_wall_times(event):
    event.start_date = dt.date(2026, 10, 31)
    event.start_time = dt.time(20, 0)
    event.end_date = dt.date(2026, 11, 1)
    event.end_time = dt.time(10, 0)
    event.save()
    event.refresh_from_db()
    assert (event.local_start.date(), event.local_start.time()) == (
        dt.date(2026, 10, 31),
        dt.time(20),
    )
    assert (event.local_end.date(), event.local_end.time()) == (dt.date(2026, 11, 1), dt.time(10))
    assert event.local_start.tzname() == "EDT"
    assert event.local_end.tzname() == "EST"


def test_multi_day_event_without_end_time_lasts_into_its_last_day():
    starts, ends = schedule.event_instants(
        dt.date(2026, 6, 10), dt.time(19, 0), dt.date(2026, 6, 12), None, NEW_YORK
    )
    assert starts == utc(2026, 6, 10, 23, 0)
    assert ends > schedule.local_instant(dt.date(2026, 6, 12), dt.time(0, 0), NEW_YORK)


# -- what is refused ------------------------------------------------------------------------


def test_end_time_before_start_time_on_the_same_day_is_refused():
    with pytest.raises(ValidationError) as caught:
        schedule.event_instants(
            dt.date(2026, 6, 10), dt.time(19, 0), None, dt.time(18, 0), NEW_YORK
        )
    assert caught.value.message_dict == {"end_time": ["The event must end after it starts."]}


def test_end_time_equal_to_start_time_is_refused():
    with pytest.raises(ValidationError) as caught:
        schedule.event_instants(
            dt.date(2026, 6, 10), dt.time(19, 0), None, dt.time(19, 0), NEW_YORK
        )
    assert "end_time" in caught.value.message_dict


def test_end_date_before_start_date_is_refused():
    with pytest.raises(ValidationError) as caught:
        schedule.event_instants(
            dt.date(2026, 6, 10), dt.time(19, 0), dt.date(2026, 6, 9), dt.time(21, 0), NEW_YORK
        )
    assert caught.value.message_dict == {"end_date": ["The event cannot end before it starts."]}


def test_unknown_time_zone_is_refused():
    with pytest.raises(ValidationError) as caught:
        schedule.event_instants(dt.date(2026, 6, 10), dt.time(19, 0), None, None, "Mars/Olympus")
    assert caught.value.code == "unknown_time_zone"
    assert "“Mars/Olympus” is not a time zone we know" in caught.value.messages[0]


def test_start_time_missing_while_end_time_is_given_is_refused():
    with pytest.raises(ValidationError) as caught:
        schedule.event_instants(dt.date(2026, 6, 10), None, None, dt.time(21, 0), NEW_YORK)
    assert "Give a start time too" in caught.value.message_dict["start_time"][0]


def test_event_without_end_time_lasts_two_hours_but_has_no_known_end(event):
    event.end_time = None
    event.save()
    event.refresh_from_db()
    assert event.ends_at - event.starts_at == dt.timedelta(hours=2)
    assert event.has_end is False


def test_event_with_end_time_has_a_known_end(event):
    assert event.has_end is True


def test_all_day_event_has_a_known_end(event):
    event.start_time = event.end_time = None
    event.save()
    assert event.has_end is True
    assert event.is_all_day is True


# -- validation of event pages -------------------------------------------------------------


def test_valid_event_page_passes_validation(event):
    event.full_clean()


def test_event_page_with_a_skipped_local_time_is_refused(event):
    event.start_date = dt.date(2026, 3, 8)
    event.start_time = dt.time(2, 30)
    event.end_time = dt.time(4, 0)
    errors = errors_of(event)
    assert any("does not exist" in message for messages in errors.values() for message in messages)


def test_event_page_ending_before_it_starts_is_refused(event):
    event.end_time = dt.time(18, 0)
    assert "end_time" in errors_of(event)


def test_event_page_with_end_date_before_start_date_is_refused(event):
    event.end_date = event.start_date - dt.timedelta(days=1)
    assert "end_date" in errors_of(event)


def test_event_page_with_an_unknown_time_zone_is_refused(event):
    event.time_zone = "Europe/Atlantis"
    assert "time_zone" in errors_of(event)


def test_event_page_with_only_an_end_time_is_refused(event):
    event.start_time = None
    assert "start_time" in errors_of(event)


def test_event_page_needs_a_venue_city_or_online_link(event):
    event.venue_name = event.city = event.online_url = ""
    assert errors_of(event)["venue_name"] == ["Give a venue and city, or an online link."]


def test_online_event_page_needs_no_venue(event):
    event.venue_name = event.city = ""
    event.online_url = "https://meet.example.org/assembly"
    event.full_clean()


def test_event_page_with_only_a_city_is_accepted(event):
    event.venue_name = ""
    event.full_clean()


def test_capacity_without_rsvps_is_refused(event):
    event.capacity = 40
    event.rsvp_enabled = False
    assert errors_of(event)["capacity"] == ["A capacity only applies when the event takes RSVPs."]


def test_capacity_with_rsvps_is_accepted(event):
    event.capacity = 40
    event.rsvp_enabled = True
    event.full_clean()


def test_clean_computes_the_instants_from_the_local_times(event):
    event.start_date = dt.date(2026, 12, 15)
    event.time_zone = "Australia/Sydney"
    event.clean()
    assert event.starts_at == utc(2026, 12, 15, 8, 0)
    assert event.ends_at == utc(2026, 12, 15, 10, 0)


# -- saving keeps the instants in step --------------------------------------------------------


def test_factory_event_starts_at_19_new_york_time(event):
    assert event.starts_at == utc(2026, 6, 10, 23, 0)  # EDT
    assert event.ends_at == utc(2026, 6, 11, 1, 0)


def test_saving_changed_local_times_updates_the_instants(event):
    event.start_time = dt.time(10, 0)
    event.end_time = dt.time(12, 30)
    event.save()
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.starts_at == utc(2026, 6, 10, 14, 0)
    assert stored.ends_at == utc(2026, 6, 10, 16, 30)


def test_saving_a_changed_time_zone_updates_the_instants(event):
    event.time_zone = "Asia/Hong_Kong"
    event.save()
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.starts_at == utc(2026, 6, 10, 11, 0)
    assert stored.local_start.tzname() == "HKT"


def test_saving_a_changed_date_updates_the_instants(event):
    event.start_date = dt.date(2026, 12, 1)
    event.save()
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.starts_at == utc(2026, 12, 2, 0, 0)  # EST
    assert stored.ends_at == utc(2026, 12, 2, 2, 0)


def test_publishing_a_revision_with_changed_times_updates_the_instants(event):
    event.start_time = dt.time(9, 0)
    event.end_time = dt.time(11, 0)
    event.save_revision().publish()
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.starts_at == utc(2026, 6, 10, 13, 0)
    assert stored.ends_at == utc(2026, 6, 10, 15, 0)


def test_saving_a_skipped_local_time_is_refused(event):
    event.start_date = dt.date(2026, 3, 8)
    event.start_time = dt.time(2, 30)
    event.end_time = dt.time(4, 0)
    with pytest.raises(ValidationError):
        event.save()
    assert EventPage.objects.get(pk=event.pk).start_date == dt.date(2026, 6, 10)

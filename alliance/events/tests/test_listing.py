import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.events.models import EventIndexPage, EventKind, EventStatus
from alliance.members.models import Country, MemberOrganization, Region

from .factories import DayOfActionPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".cards .card-title a")]


def when_text(response) -> str:
    return " ".join(soup_of(response).select_one(".event-facts dd").get_text().split())


def month_url(index, year: int, month: int) -> str:
    return f"{index.url}month/{year}/{month}/"


def month_cell(response, day: int):
    """The table cell of a day of the month shown (not of a neighbouring month)."""
    for cell in soup_of(response).select("table.month td"):
        if "outside" in cell.get("class", []):
            continue
        if cell.select_one(".day-number").get_text() == str(day):
            return cell
    raise AssertionError(f"no cell for day {day}")


def cell_titles(cell) -> list[str]:
    return [a.get_text() for a in cell.select("li a")]


# -- upcoming and past --------------------------------------------------------------------


def test_index_lists_upcoming_events_soonest_first(client, event_index):
    EventPageFactory(parent=event_index, title="Later", start_date=days(30))
    EventPageFactory(parent=event_index, title="Sooner", start_date=days(3))
    EventPageFactory(parent=event_index, title="Middle", start_date=days(12))
    assert titles(client.get(event_index.url)) == ["Sooner", "Middle", "Later"]


def test_upcoming_order_follows_the_instant_not_the_local_clock(client, event_index):
    # 19:00 in Hong Kong is 11:00 UTC; 12:00 in New York is 16:00 or 17:00 UTC.
    EventPageFactory(
        parent=event_index,
        title="New York noon",
        start_date=days(5),
        start_time=dt.time(12, 0),
        end_time=dt.time(13, 0),
    )
    EventPageFactory(
        parent=event_index,
        title="Hong Kong evening",
        start_date=days(5),
        time_zone="Asia/Hong_Kong",
        city="Hong Kong",
        country="HK",
    )
    assert titles(client.get(event_index.url)) == ["Hong Kong evening", "New York noon"]


def test_index_leaves_out_past_events(client, event_index):
    EventPageFactory(parent=event_index, title="Coming")
    EventPageFactory(parent=event_index, title="Over", start_date=days(-5))
    assert titles(client.get(event_index.url)) == ["Coming"]


def test_past_lists_past_events_newest_first(client, event_index):
    EventPageFactory(parent=event_index, title="Long ago", start_date=days(-60))
    EventPageFactory(parent=event_index, title="Last week", start_date=days(-7))
    EventPageFactory(parent=event_index, title="Last month", start_date=days(-30))
    EventPageFactory(parent=event_index, title="Coming")
    assert titles(client.get(f"{event_index.url}past/")) == ["Last week", "Last month", "Long ago"]


def test_drafts_are_never_listed(client, event_index):
    EventPageFactory(parent=event_index, title="Draft coming", live=False)
    EventPageFactory(parent=event_index, title="Draft over", start_date=days(-5), live=False)
    EventPageFactory(parent=event_index, title="Published")
    assert titles(client.get(event_index.url)) == ["Published"]
    assert titles(client.get(f"{event_index.url}past/")) == []
    month = days(10)
    html = client.get(month_url(event_index, month.year, month.month)).content.decode()
    assert "Published" in html
    assert "Draft coming" not in html


def test_running_event_counts_as_upcoming(client, event_index):
    EventPageFactory(
        parent=event_index,
        title="Running",
        start_date=days(-1),
        end_date=days(1),
        start_time=None,
        end_time=None,
        time_zone="UTC",
    )
    assert titles(client.get(event_index.url)) == ["Running"]
    assert titles(client.get(f"{event_index.url}past/")) == []


def test_event_that_ended_a_moment_ago_is_past(client, event_index):
    now = timezone.now().astimezone(dt.UTC)
    start = now - dt.timedelta(hours=3)
    end = now - dt.timedelta(minutes=1)
    EventPageFactory(
        parent=event_index,
        title="Just over",
        start_date=start.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_date=end.date(),
        end_time=end.time().replace(second=0, microsecond=0),
        time_zone="UTC",
    )
    assert titles(client.get(event_index.url)) == []
    assert titles(client.get(f"{event_index.url}past/")) == ["Just over"]


def test_empty_listing_says_so(client, event_index):
    soup = soup_of(client.get(event_index.url))
    assert "No upcoming events match." in soup.select_one("[role=status]").get_text()


# -- filters --------------------------------------------------------------------------------


@pytest.fixture
def asia():
    region = Region.objects.create(name="Asia Pacific", slug="asia-pacific")
    Country.objects.create(code="PH", region=region)
    Country.objects.create(code="HK", region=region)
    return region


def test_filter_by_region(client, event_index, asia):
    americas = Region.objects.create(name="Americas", slug="americas", sort_order=2)
    Country.objects.create(code="US", region=americas)
    EventPageFactory(parent=event_index, title="Manila", city="Manila", country="PH")
    EventPageFactory(parent=event_index, title="Hong Kong", city="Hong Kong", country="HK")
    EventPageFactory(parent=event_index, title="New York")
    response = client.get(event_index.url, {"region": "asia-pacific"})
    assert sorted(titles(response)) == ["Hong Kong", "Manila"]
    assert titles(client.get(event_index.url, {"region": "americas"})) == ["New York"]


def test_filter_by_country(client, event_index, asia):
    EventPageFactory(parent=event_index, title="Manila", city="Manila", country="PH")
    EventPageFactory(parent=event_index, title="New York")
    assert titles(client.get(event_index.url, {"country": "PH"})) == ["Manila"]


def test_country_filter_offers_only_countries_with_events(client, event_index):
    EventPageFactory(parent=event_index, city="Manila", country="PH")
    EventPageFactory(parent=event_index)
    soup = soup_of(client.get(event_index.url))
    codes = [o["value"] for o in soup.select("select[name=country] option") if o["value"]]
    assert sorted(codes) == ["PH", "US"]


def test_filter_by_organizer(client, event_index):
    migrante = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    other = MemberOrganization.objects.create(name="Other Union", slug="other-union")
    EventPageFactory(parent=event_index, title="Theirs", organizer=migrante)
    EventPageFactory(parent=event_index, title="Someone else's", organizer=other)
    EventPageFactory(parent=event_index, title="Secretariat's")
    response = client.get(event_index.url, {"organizer": "migrante"})
    assert titles(response) == ["Theirs"]
    assert "Organized by Migrante International" in response.content.decode()


def test_organizer_filter_offers_only_organizations_with_events_here(client, event_index):
    migrante = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    MemberOrganization.objects.create(name="Quiet Union", slug="quiet-union")
    EventPageFactory(parent=event_index, organizer=migrante)
    soup = BeautifulSoup(client.get(event_index.url).content, "html.parser")
    offered = [o["value"] for o in soup.select("select[name=organizer] option") if o["value"]]
    assert offered == ["migrante"]


def test_organizer_filter_names_organizations_with_their_acronym(client, event_index):
    EventPageFactory(
        parent=event_index,
        organizer=MemberOrganization.objects.create(
            name="Asia Pacific Mission for Migrants", acronym="APMM", slug="apmm"
        ),
    )
    soup = BeautifulSoup(client.get(event_index.url).content, "html.parser")
    option = soup.select_one('select[name=organizer] option[value="apmm"]')
    assert option.get_text() == "Asia Pacific Mission for Migrants (APMM)"


def test_organizer_filter_offers_an_organization_once_its_first_event_is_published(
    client, event_index
):
    migrante = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    newcomer = MemberOrganization.objects.create(name="New Union", slug="new-union")
    EventPageFactory(parent=event_index, organizer=migrante)
    client.get(event_index.url)  # the offered organizers are remembered now
    event = EventPageFactory(parent=event_index, organizer=newcomer, live=False)
    event.save_revision().publish()
    soup = BeautifulSoup(client.get(event_index.url).content, "html.parser")
    offered = [o["value"] for o in soup.select("select[name=organizer] option") if o["value"]]
    assert offered == ["migrante", "new-union"]


def test_filter_by_kind(client, event_index):
    EventPageFactory(parent=event_index, title="March", kind=EventKind.RALLY)
    EventPageFactory(parent=event_index, title="Session", kind=EventKind.INFO_SESSION)
    assert titles(client.get(event_index.url, {"kind": "rally"})) == ["March"]


def test_filters_combine(client, event_index, asia):
    EventPageFactory(
        parent=event_index, title="Manila march", city="Manila", country="PH", kind="rally"
    )
    EventPageFactory(parent=event_index, title="Manila forum", city="Manila", country="PH")
    EventPageFactory(parent=event_index, title="New York march", kind="rally")
    response = client.get(event_index.url, {"region": "asia-pacific", "kind": "rally"})
    assert titles(response) == ["Manila march"]


def test_filter_applies_to_past_events_too(client, event_index):
    EventPageFactory(parent=event_index, title="Old march", kind="rally", start_date=days(-9))
    EventPageFactory(parent=event_index, title="Old session", start_date=days(-8))
    assert titles(client.get(f"{event_index.url}past/", {"kind": "rally"})) == ["Old march"]


def test_invalid_filter_is_reported_and_ignored(client, event_index):
    EventPageFactory(parent=event_index, title="Still listed")
    response = client.get(
        event_index.url, {"kind": "nonsense", "region": "atlantis", "organizer": "nobody"}
    )
    assert titles(response) == ["Still listed"]
    alert = soup_of(response).select_one(".errors[role=alert]")
    assert alert is not None
    text = alert.get_text()
    assert "ignored" in text
    assert "Kind" in text and "Region" in text and "Organizer" in text


def test_valid_filter_still_applies_next_to_an_invalid_one(client, event_index):
    EventPageFactory(parent=event_index, title="March", kind="rally")
    EventPageFactory(parent=event_index, title="Session")
    response = client.get(event_index.url, {"kind": "rally", "region": "atlantis"})
    assert titles(response) == ["March"]
    assert soup_of(response).select_one(".errors[role=alert]") is not None


def test_no_alert_without_filter_errors(client, event_index):
    EventPageFactory(parent=event_index)
    assert soup_of(client.get(event_index.url)).select_one(".errors[role=alert]") is None


def test_region_filter_offers_the_region_calendar(client, event_index, asia):
    EventPageFactory(parent=event_index, city="Manila", country="PH")
    soup = soup_of(client.get(event_index.url, {"region": "asia-pacific"}))
    hrefs = [link["href"] for link in soup.select('head link[type="text/calendar"]')]
    assert f"{event_index.url}regions/asia-pacific/calendar.ics" in hrefs


# -- pagination ------------------------------------------------------------------------------


def test_page_beyond_the_last_is_not_found(client, event_index):
    EventPageFactory(parent=event_index)
    assert client.get(event_index.url, {"page": 1}).status_code == 200
    assert client.get(event_index.url, {"page": 2}).status_code == 404
    assert client.get(f"{event_index.url}past/", {"page": 3}).status_code == 404


def test_page_that_is_not_a_number_is_not_found(client, event_index):
    EventPageFactory(parent=event_index)
    assert client.get(event_index.url, {"page": "x"}).status_code == 404


def test_listing_is_paginated(client, event_index, monkeypatch):
    monkeypatch.setattr(EventIndexPage, "page_size", 2)
    for n in range(3):
        EventPageFactory(parent=event_index, title=f"E{n}", start_date=days(n + 1))
    assert titles(client.get(event_index.url)) == ["E0", "E1"]
    assert titles(client.get(event_index.url, {"page": 2})) == ["E2"]


# -- month view ------------------------------------------------------------------------------


def test_month_view_shows_a_multi_day_event_on_each_of_its_local_days(client, event_index):
    # 22:00 on the 12th to 01:00 on the 14th in New York: in UTC that is the 13th to the 14th.
    EventPageFactory(
        parent=event_index,
        title="Vigil",
        start_date=dt.date(2026, 5, 12),
        start_time=dt.time(22, 0),
        end_date=dt.date(2026, 5, 14),
        end_time=dt.time(1, 0),
    )
    response = client.get(month_url(event_index, 2026, 5))
    for day in (12, 13, 14):
        assert cell_titles(month_cell(response, day)) == ["Vigil"], day
    for day in (11, 15):
        assert cell_titles(month_cell(response, day)) == [], day


def test_month_view_shows_an_event_spanning_months_in_both(client, event_index):
    EventPageFactory(
        parent=event_index,
        title="Camp",
        start_date=dt.date(2026, 4, 29),
        end_date=dt.date(2026, 5, 2),
        start_time=None,
        end_time=None,
    )
    april = client.get(month_url(event_index, 2026, 4))
    may = client.get(month_url(event_index, 2026, 5))
    assert cell_titles(month_cell(april, 30)) == ["Camp"]
    assert cell_titles(month_cell(may, 1)) == ["Camp"]
    assert cell_titles(month_cell(may, 2)) == ["Camp"]
    assert cell_titles(month_cell(may, 3)) == []


def test_month_view_leaves_out_other_months(client, event_index):
    EventPageFactory(parent=event_index, title="June", start_date=dt.date(2026, 6, 3))
    soup = soup_of(client.get(month_url(event_index, 2026, 5)))
    assert "June" not in [a.get_text() for a in soup.select("table.month li a")]
    assert "No events this month." in soup.get_text()


def test_month_view_marks_a_cancelled_event(client, event_index):
    EventPageFactory(
        parent=event_index,
        title="Called off",
        start_date=dt.date(2026, 5, 20),
        status=EventStatus.CANCELLED,
    )
    cell = month_cell(client.get(month_url(event_index, 2026, 5)), 20)
    item = cell.select_one("li")
    assert "cancelled" in item["class"]
    assert "(cancelled)" in item.get_text()


def test_month_view_links_to_the_previous_and_next_month(client, event_index):
    soup = soup_of(client.get(month_url(event_index, 2026, 5)))
    assert soup.select_one('a[rel="prev"]')["href"] == f"{event_index.url}month/2026/4/"
    assert soup.select_one('a[rel="next"]')["href"] == f"{event_index.url}month/2026/6/"


def test_month_view_links_across_the_turn_of_the_year(client, event_index):
    december = soup_of(client.get(month_url(event_index, 2026, 12)))
    january = soup_of(client.get(month_url(event_index, 2027, 1)))
    assert december.select_one('a[rel="next"]')["href"] == f"{event_index.url}month/2027/1/"
    assert january.select_one('a[rel="prev"]')["href"] == f"{event_index.url}month/2026/12/"


@pytest.mark.parametrize("month", [0, 13, 99])
def test_impossible_month_is_not_found(client, event_index, month):
    assert client.get(month_url(event_index, 2026, month)).status_code == 404


def test_current_month_view_shows_this_month(client, event_index):
    EventPageFactory(parent=event_index, title="Today", start_date=today())
    response = client.get(f"{event_index.url}month/")
    assert cell_titles(month_cell(response, today().day)) == ["Today"]


# -- query counts ----------------------------------------------------------------------------


def test_listing_query_count_does_not_grow_with_events(
    client, event_index, django_assert_max_num_queries
):
    organizer = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    EventPageFactory(parent=event_index, organizer=organizer)
    with CaptureQueriesContext(connection) as few:
        client.get(event_index.url)
    for n in range(8):
        EventPageFactory(parent=event_index, organizer=organizer, start_date=days(n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(event_index.url)
    assert len(titles(response)) == 9


def test_month_view_query_count_does_not_grow_with_events(
    client, event_index, django_assert_max_num_queries
):
    organizer = MemberOrganization.objects.create(name="Migrante International", slug="migrante")
    EventPageFactory(parent=event_index, organizer=organizer, start_date=dt.date(2026, 5, 1))
    with CaptureQueriesContext(connection) as few:
        client.get(month_url(event_index, 2026, 5))
    for n in range(8):
        EventPageFactory(
            parent=event_index, organizer=organizer, start_date=dt.date(2026, 5, n + 2)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(month_url(event_index, 2026, 5))


# -- times in the venue's zone -------------------------------------------------------------------


def test_event_page_shows_summer_time_in_new_york_with_its_zone(client, event_index):
    event = EventPageFactory(parent=event_index, start_date=dt.date(2030, 7, 10))
    text = when_text(client.get(event.url))
    assert "19:00" in text and "21:00" in text
    assert "EDT" in text
    assert "America/New_York" in text
    assert "23:00" not in text  # not UTC


def test_event_page_shows_winter_time_in_new_york_with_its_zone(client, event_index):
    event = EventPageFactory(parent=event_index, start_date=dt.date(2030, 1, 15))
    text = when_text(client.get(event.url))
    assert "19:00" in text
    assert "EST" in text
    assert "America/New_York" in text


def test_event_page_shows_hong_kong_time_with_its_zone(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start_date=dt.date(2030, 7, 10),
        time_zone="Asia/Hong_Kong",
        city="Hong Kong",
        country="HK",
    )
    text = when_text(client.get(event.url))
    assert "19:00" in text
    assert "HKT" in text
    assert "Asia/Hong_Kong" in text
    assert "11:00" not in text


def test_listing_shows_each_event_in_its_own_zone(client, event_index):
    EventPageFactory(parent=event_index, title="New York")
    EventPageFactory(
        parent=event_index,
        title="Hong Kong",
        time_zone="Asia/Hong_Kong",
        city="Hong Kong",
        country="HK",
    )
    soup = soup_of(client.get(event_index.url))
    whens = {
        card.select_one(".card-title a").get_text(): card.select_one(".when").get_text()
        for card in soup.select(".cards .card")
    }
    assert "19:00" in whens["New York"] and "America/New_York" in whens["New York"]
    assert "19:00" in whens["Hong Kong"] and "HKT" in whens["Hong Kong"]


def test_time_in_the_machine_readable_datetime_carries_the_offset(client, event_index):
    event = EventPageFactory(parent=event_index, start_date=dt.date(2030, 7, 10))
    soup = soup_of(client.get(event.url))
    assert soup.select_one(".event-facts time")["datetime"] == "2030-07-10T19:00:00-04:00"


def test_all_day_event_is_shown_without_times(client, event_index):
    event = EventPageFactory(
        parent=event_index, start_date=dt.date(2030, 7, 10), start_time=None, end_time=None
    )
    text = when_text(client.get(event.url))
    assert "all day" in text
    assert ":" not in text


def test_event_crossing_a_dst_change_names_the_zone_of_its_end(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start_date=dt.date(2030, 11, 2),
        start_time=dt.time(20, 0),
        end_date=dt.date(2030, 11, 3),
        end_time=dt.time(10, 0),
    )
    text = when_text(client.get(event.url))
    assert "20:00" in text and "10:00" in text
    assert "EST" in text  # 10:00 on 3 November is standard time, not EDT


def test_multi_day_event_without_end_time_is_upcoming_until_its_last_day(client, event_index):
    EventPageFactory(
        parent=event_index,
        title="Three-day congress",
        start_date=days(-1),
        start_time=dt.time(9, 0),
        end_date=days(1),
        end_time=None,
        time_zone="UTC",
    )
    assert titles(client.get(event_index.url)) == ["Three-day congress"]


def test_event_page_shows_the_last_day_of_a_multi_day_event_without_end_time(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        start_date=dt.date(2030, 11, 5),
        end_date=dt.date(2030, 11, 7),
        end_time=None,
    )
    text = when_text(client.get(event.url))
    assert "5 November 2030" in text
    assert "7 November 2030" in text


# -- the home page and calendar links ------------------------------------------------------------


def test_home_page_shows_upcoming_events(client, home, event_index):
    EventPageFactory(parent=event_index, title="Coming soon")
    EventPageFactory(parent=event_index, title="Already over", start_date=days(-3))
    EventPageFactory(parent=event_index, title="Hidden draft", live=False)
    response = client.get(home.url)
    assert home_titles(response) == ["Coming soon"]


def home_titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".event-list .card-title a")]


def test_home_page_shows_the_soonest_three_events(client, home, event_index):
    for n in range(4):
        EventPageFactory(parent=event_index, title=f"E{n}", start_date=days(n + 1))
    assert home_titles(client.get(home.url)) == ["E0", "E1", "E2"]


def test_home_page_shows_real_events_before_examples(client, home, event_index):
    example_day = DayOfActionPageFactory(parent=event_index, is_example=True)
    EventPageFactory(parent=example_day, title="Example march", start_date=days(1))
    EventPageFactory(parent=event_index, title="Real picket", start_date=days(5))
    assert home_titles(client.get(home.url)) == ["Real picket", "Example march"]


def test_home_page_features_the_next_day_of_action(client, home, event_index):
    DayOfActionPageFactory(parent=event_index, title="Later day", date=days(30))
    DayOfActionPageFactory(parent=event_index, title="Next day", date=days(10))
    band = soup_of(client.get(home.url)).select_one(".campaign h2")
    assert band.get_text(strip=True) == "Next day"


@pytest.mark.parametrize(
    "url",
    ["home", "index", "past", "month", "event", "day", "statements", "search"],
)
def test_every_page_links_the_events_calendar_in_its_head(
    client, home, event_index, statement_index, url
):
    event = EventPageFactory(parent=event_index)
    day = DayOfActionPageFactory(parent=event_index)
    address = {
        "home": home.url,
        "index": event_index.url,
        "past": f"{event_index.url}past/",
        "month": f"{event_index.url}month/",
        "event": event.url,
        "day": day.url,
        "statements": statement_index.url,
        "search": "/en/search/?q=event",
    }[url]
    soup = soup_of(client.get(address))
    hrefs = [
        link["href"] for link in soup.select('head link[rel="alternate"][type="text/calendar"]')
    ]
    assert f"{event_index.url}calendar.ics" in hrefs


def test_the_linked_events_calendar_is_served(client, event_index):
    EventPageFactory(parent=event_index, title="In the feed")
    response = client.get(f"{event_index.url}calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:In the feed" in response.content


def test_event_page_also_links_its_own_calendar_file(client, event_index):
    event = EventPageFactory(parent=event_index)
    soup = soup_of(client.get(event.url))
    hrefs = [link["href"] for link in soup.select('head link[type="text/calendar"]')]
    assert f"{event.url}calendar.ics" in hrefs


def test_index_lists_coming_days_of_action_and_marks_examples(client, event_index):
    DayOfActionPageFactory(parent=event_index, title="Global day", is_example=True)
    soup = soup_of(client.get(event_index.url))
    section = soup.select_one(".days-of-action")
    assert "Global day" in section.get_text()
    assert "Example" in section.get_text()

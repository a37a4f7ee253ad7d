import datetime as dt
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from wagtail.models import PageLogEntry

from alliance.core.spam import form_token
from alliance.events.models import EventPage, LocalActionProposal, ProposalStatus
from alliance.members.models import Country, Region

from .factories import DayOfActionPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Quarrybank picket"


@pytest.fixture
def day(event_index):
    return DayOfActionPageFactory(
        parent=event_index, title="Global day against forced migration", slug="global-day"
    )


def proposal_data(day, **overrides) -> dict:
    data = {
        "organization": "Migrante Hong Kong",
        "proposer_name": "Rosa",
        "proposer_email": "rosa@example.org",
        "title": TITLE,
        "kind": "picket",
        "summary": "We picket in front of the consulate.",
        "start_date": day.date.isoformat(),
        "start_time": "16:00",
        "end_time": "18:00",
        "time_zone": "Asia/Hong_Kong",
        "venue_name": "Chater Garden",
        "street_address": "",
        "city": "Hong Kong",
        "country": "HK",
        "online_url": "",
        "fax": "",
        "token": form_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def propose(client, day, **overrides):
    return client.post(day.url + "propose/", proposal_data(day, **overrides))


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def action_titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".actions-list a")]


def nothing_created() -> bool:
    return not EventPage.objects.exists() and not LocalActionProposal.objects.exists()


@pytest.fixture
def proposed(client, day) -> LocalActionProposal:
    response = propose(client, day)
    assert response.status_code == 200, response.content.decode()[:3000]
    mail.outbox.clear()
    return LocalActionProposal.objects.get()


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


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "boss", "boss@example.org", "pw-superuser-123456"
    )


def approve(client, proposal, **headers):
    return client.post(reverse("events_proposal_approve", args=(proposal.pk,)), **headers)


def decline(client, proposal, reason="Please choose a date on the day of action."):
    return client.post(reverse("events_proposal_decline", args=(proposal.pk,)), {"reason": reason})


def event_of(proposal) -> EventPage:
    return EventPage.objects.get(pk=proposal.event_id)


# -- the day's page ------------------------------------------------------------------------


def test_day_lists_published_local_actions_grouped_by_region_and_country(client, day):
    asia = Region.objects.create(name="Asia Pacific", slug="asia-pacific", sort_order=1)
    americas = Region.objects.create(name="Americas", slug="americas", sort_order=2)
    Country.objects.create(code="PH", region=asia)
    Country.objects.create(code="HK", region=asia)
    Country.objects.create(code="US", region=americas)
    EventPageFactory(parent=day, title="Manila march", city="Manila", country="PH")
    EventPageFactory(
        parent=day,
        title="Cebu vigil",
        city="Cebu",
        country="PH",
        start_time=dt.time(8, 0),
        end_time=dt.time(9, 0),
    )
    EventPageFactory(parent=day, title="Hong Kong rally", city="Hong Kong", country="HK")
    EventPageFactory(parent=day, title="New York picket")
    EventPageFactory(
        parent=day,
        title="Online forum",
        venue_name="",
        city="",
        country="",
        online_url="https://meet.example.org/forum",
    )
    EventPageFactory(parent=day, title="Draft action", city="Manila", country="PH", live=False)

    soup = soup_of(client.get(day.url))
    regions = []
    for section in soup.select('section[aria-labelledby^="region-"]'):
        heading = " ".join(section.select_one("h3").get_text().split())
        places = [
            (h4.get_text(), [a.get_text() for a in h4.find_next_sibling("ul").select("a")])
            for h4 in section.select("h4")
        ]
        regions.append((heading, places))
    assert [heading for heading, _ in regions] == [
        "Asia Pacific (3)",
        "Americas (1)",
        "Other places (1)",
    ]
    assert regions[0][1] == [
        ("Hong Kong", ["Hong Kong rally"]),
        ("Philippines", ["Cebu vigil", "Manila march"]),  # in order of start
    ]
    assert regions[1][1] == [(countries.name("US"), ["New York picket"])]
    assert regions[2][1] == [("Online", ["Online forum"])]


def test_day_counts_its_local_actions_and_countries(client, day):
    EventPageFactory(parent=day, city="Manila", country="PH")
    EventPageFactory(parent=day, city="Cebu", country="PH")
    EventPageFactory(parent=day)
    EventPageFactory(parent=day, live=False)
    counter = soup_of(client.get(day.url)).select_one(".counter").get_text()
    assert counter == "3 local actions, in 2 countries"


def test_day_without_actions_invites_the_first_one(client, day):
    soup = soup_of(client.get(day.url))
    assert soup.select_one(".counter").get_text() == "0 local actions"
    assert "Be the first" in soup.get_text()


def test_actions_in_countries_without_a_region_are_under_other_places(client, day):
    EventPageFactory(parent=day, title="Lagos rally", city="Lagos", country="NG")
    soup = soup_of(client.get(day.url))
    assert " ".join(soup.select_one("section h3").get_text().split()) == "Other places (1)"
    assert soup.select_one("section h4").get_text() == "Nigeria"


def test_day_lists_actions_in_order_of_their_start(client, day):
    day_date = day.date
    EventPageFactory(parent=day, title="Evening", start_date=day_date, start_time=dt.time(20))
    EventPageFactory(
        parent=day, title="Morning", start_date=day_date, start_time=dt.time(8), end_time=None
    )
    assert action_titles(client.get(day.url)) == ["Morning", "Evening"]


def test_example_day_of_action_is_labelled_example(client, event_index):
    example = DayOfActionPageFactory(parent=event_index, is_example=True)
    banner = soup_of(client.get(example.url)).select_one(".example-banner")
    assert banner is not None
    assert banner.get_text().startswith("Example")


def test_real_day_of_action_is_not_labelled_example(client, day):
    assert soup_of(client.get(day.url)).select_one(".example-banner") is None


def test_day_links_to_the_proposal_form(client, day):
    soup = soup_of(client.get(day.url))
    assert soup.select_one("#propose-title") is not None
    assert soup.select_one(f'a[href="{day.url}propose/"]') is not None


def test_day_itself_carries_no_form_so_the_page_cache_can_keep_it(client, day):
    response = client.get(day.url)
    assert soup_of(response).select_one("form[method=post]") is None
    assert "csrftoken" not in response.cookies


def test_proposal_form_has_the_day_as_date(client, day):
    soup = soup_of(client.get(day.url + "propose/"))
    assert soup.select_one("#id_start_date")["value"] == day.date.isoformat()


def test_day_not_accepting_proposals_shows_no_form_and_keeps_nothing(client, event_index):
    closed = DayOfActionPageFactory(parent=event_index, accepts_proposals=False)
    assert soup_of(client.get(closed.url)).select_one("#propose-title") is None
    assert client.get(closed.url + "propose/").status_code == 404
    propose(client, closed)
    assert nothing_created()
    assert mail.outbox == []


def test_past_day_shows_no_form_and_keeps_nothing(client, event_index):
    past = DayOfActionPageFactory(
        parent=event_index, date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert soup_of(client.get(past.url)).select_one("#propose-title") is None
    assert client.get(past.url + "propose/").status_code == 404
    propose(client, past)
    assert nothing_created()


# -- proposing a local action --------------------------------------------------------------


def test_valid_proposal_creates_a_draft_event_under_the_day(client, day):
    propose(client, day)
    event = EventPage.objects.get()
    assert event.live is False
    assert event.get_parent().specific == day
    assert event.title == TITLE
    assert event.organizer_name == "Migrante Hong Kong"
    assert event.time_zone == "Asia/Hong_Kong"
    assert event.starts_at == dt.datetime.combine(day.date, dt.time(8, 0), tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime.combine(day.date, dt.time(10, 0), tzinfo=dt.UTC)


def test_valid_proposal_records_who_proposed_it(client, day):
    propose(client, day)
    proposal = LocalActionProposal.objects.get()
    assert proposal.event == EventPage.objects.get()
    assert proposal.proposer_name == "Rosa"
    assert proposal.proposer_email == "rosa@example.org"
    assert proposal.organization == "Migrante Hong Kong"
    assert proposal.status == ProposalStatus.PENDING


def test_valid_proposal_is_thanked(client, day):
    response = propose(client, day)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("h1").get_text() == "Thank you"
    assert soup.select_one(f'a[href="{day.url}"]') is not None


def test_valid_proposal_is_acknowledged_by_mail(client, day):
    propose(client, day)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa@example.org"]
    assert "Dear Rosa" in message.body
    assert TITLE in message.body


def test_all_day_proposal_is_accepted(client, day):
    propose(client, day, start_time="", end_time="")
    event = EventPage.objects.get()
    assert event.is_all_day
    assert event.start_date == day.date


def test_proposed_action_is_not_public(client, day, event_index, proposed):
    event = event_of(proposed)
    assert client.get(event.url).status_code == 404
    assert client.get(f"{event.url}calendar.ics").status_code == 404
    assert TITLE not in client.get(day.url).content.decode()
    assert TITLE not in client.get(event_index.url).content.decode()
    assert (
        TITLE
        not in client.get(
            f"{event_index.url}month/{day.date.year}/{day.date.month}/"
        ).content.decode()
    )
    assert TITLE not in client.get(f"{event_index.url}calendar.ics").content.decode()
    assert event.slug not in client.get("/sitemap.xml").content.decode()


def test_proposed_action_is_not_found_by_search(client, day, proposed):
    EventPageFactory(parent=day, title="Quarrybank vigil")  # published: shows search works
    html = client.get("/en/search/", {"q": "Quarrybank"}).content.decode()
    assert "Quarrybank vigil" in html
    assert TITLE not in html


def test_proposed_action_is_not_in_the_sitemap(client, day, proposed):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert day.slug in sitemap
    assert event_of(proposed).slug not in sitemap


# -- spam checks ---------------------------------------------------------------------------


def test_proposal_without_a_token_is_refused_and_kept_for_resending(client, day):
    response = propose(client, day, token="")
    assert response.status_code == 400
    assert nothing_created()


def test_proposal_with_a_forged_token_is_refused(client, day):
    response = propose(client, day, token="not-a-signed-token")
    assert response.status_code == 400
    assert "could not be checked" in soup_of(response).select_one("[role=alert]").get_text()
    assert nothing_created()


def test_proposal_sent_faster_than_a_person_types_is_refused(client, day):
    response = propose(client, day, token=form_token(time.time()))
    assert response.status_code == 400
    assert "quicker than a person" in soup_of(response).select_one("[role=alert]").get_text()
    assert nothing_created()


def test_proposal_from_a_form_open_too_long_is_refused(client, day):
    response = propose(client, day, token=form_token(time.time() - 2 * 24 * 3600))
    assert response.status_code == 400
    assert nothing_created()


def test_honeypot_filled_proposal_creates_nothing(client, day):
    response = propose(client, day, fax="https://cheap-pills.example")
    assert response.status_code == 200  # the bot is told it worked
    assert nothing_created()
    assert mail.outbox == []


# -- bad input -----------------------------------------------------------------------------


def test_end_time_before_start_time_is_refused_with_a_clear_message(client, day):
    response = propose(client, day, start_time="18:00", end_time="16:00")
    assert response.status_code == 400
    alert = soup_of(response).select_one("#form-errors[role=alert]")
    assert "The event must end after it starts." in alert.get_text()
    assert nothing_created()
    assert mail.outbox == []


def test_end_time_without_start_time_is_refused(client, day):
    response = propose(client, day, start_time="", end_time="16:00")
    assert response.status_code == 400
    assert "Give a start time too" in soup_of(response).select_one("#form-errors").get_text()
    assert nothing_created()


def test_unknown_time_zone_is_refused(client, day):
    response = propose(client, day, time_zone="Mars/Olympus")
    assert response.status_code == 400
    error = soup_of(response).select_one("#id_time_zone-error")
    assert error is not None
    assert "Mars/Olympus" in error.get_text()
    assert nothing_created()


def test_proposal_form_preselects_no_time_zone(client, day):
    form = soup_of(client.get(day.url + "propose/"))
    selected = form.select("#id_time_zone option[selected]")
    assert [option["value"] for option in selected] in ([], [""])


def test_proposal_without_a_time_zone_is_refused_where_the_country_has_several(client, day):
    response = propose(client, day, time_zone="", city="Chicago", country="US")
    assert response.status_code == 400
    error = soup_of(response).select_one("#id_time_zone-error")
    assert "several time zones" in error.get_text()
    assert nothing_created()


def test_proposal_without_a_time_zone_takes_the_countrys_only_one(client, day):
    response = propose(client, day, time_zone="")
    assert response.status_code == 200, response.content.decode()[:3000]
    assert LocalActionProposal.objects.get().event.time_zone == "Asia/Hong_Kong"


def test_missing_city_is_refused(client, day):
    response = propose(client, day, city="")
    assert response.status_code == 400
    assert "required" in soup_of(response).select_one("#id_city-error").get_text()
    assert nothing_created()


def test_skipped_local_time_is_refused(client, event_index):
    # Clocks go forward in New York on Sunday 14 March 2027.
    dst_day = DayOfActionPageFactory(parent=event_index, date=dt.date(2027, 3, 14))
    response = propose(
        client,
        dst_day,
        start_time="02:30",
        end_time="04:00",
        time_zone="America/New_York",
        city="New York",
        country="US",
    )
    assert response.status_code == 400
    assert "does not exist" in soup_of(response).select_one("#form-errors").get_text()
    assert nothing_created()


def test_refused_form_keeps_what_was_typed(client, day):
    response = propose(client, day, start_time="18:00", end_time="16:00")
    soup = soup_of(response)
    assert soup.select_one("#id_title")["value"] == TITLE
    assert soup.select_one("#id_organization")["value"] == "Migrante Hong Kong"
    assert soup.select_one("#id_proposer_email")["value"] == "rosa@example.org"
    assert (
        soup.select_one("#id_summary").get_text().strip() == "We picket in front of the consulate."
    )
    assert soup.select_one("#id_time_zone option[selected]")["value"] == "Asia/Hong_Kong"
    assert soup.select_one("#id_country option[selected]")["value"] == "HK"


def test_refused_form_gets_a_fresh_token_so_resending_works(client, day, monkeypatch):
    response = propose(client, day, start_time="18:00", end_time="16:00")
    token = soup_of(response).select_one("input[name=token]")["value"]
    later = time.time() + 30
    monkeypatch.setattr(time, "time", lambda: later)
    response = propose(client, day, token=token)
    assert response.status_code == 200
    assert LocalActionProposal.objects.count() == 1


# -- deciding ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_approval_publishes_the_action(client, proposed, request, who):
    client.force_login(request.getfixturevalue(who))
    response = approve(client, proposed)
    assert response.status_code == 302
    assert response["Location"] == reverse("events_proposal_queue")
    event = event_of(proposed)
    assert event.live is True
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.APPROVED
    assert proposed.decided_at is not None
    assert proposed.decided_by.username == request.getfixturevalue(who).username


def test_approved_action_is_public(client, day, event_index, proposed, moderator):
    client.force_login(moderator)
    approve(client, proposed)
    client.logout()
    event = event_of(proposed)
    assert client.get(event.url).status_code == 200
    assert action_titles(client.get(day.url)) == [TITLE]
    assert f"SUMMARY:{TITLE}" in client.get(f"{event_index.url}calendar.ics").content.decode()
    assert event.slug in client.get("/sitemap.xml").content.decode()


def test_approval_mails_the_proposer_the_published_address(client, proposed, moderator):
    client.force_login(moderator)
    approve(client, proposed)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa@example.org"]
    assert "approved" in message.body
    assert event_of(proposed).full_url in message.body


def test_approval_publishes_the_moderators_edits(client, proposed, moderator):
    event = event_of(proposed)
    event.title = "Quarrybank picket and rally"
    event.save_revision(user=moderator)
    client.force_login(moderator)
    approve(client, proposed)
    assert event_of(proposed).title == "Quarrybank picket and rally"


def test_declining_keeps_the_action_unpublished_and_records_the_reason(client, proposed, moderator):
    client.force_login(moderator)
    response = decline(client, proposed, reason="The date is not the day of action.")
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.DECLINED
    assert proposed.decline_reason == "The date is not the day of action."
    assert proposed.decided_by == moderator
    assert event_of(proposed).live is False
    client.logout()
    assert client.get(event_of(proposed).url).status_code == 404


def test_declining_mails_the_reason(client, proposed, moderator):
    client.force_login(moderator)
    decline(client, proposed, reason="The date is not the day of action.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@example.org"]
    assert "The date is not the day of action." in mail.outbox[0].body


@pytest.mark.parametrize("reason", ["", "   "])
def test_declining_without_a_reason_is_refused(client, proposed, moderator, reason):
    client.force_login(moderator)
    decline(client, proposed, reason=reason)
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.PENDING
    assert mail.outbox == []


def test_editor_who_cannot_publish_is_forbidden_to_approve(client, proposed, editor):
    client.force_login(editor)
    response = approve(client, proposed, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.PENDING
    assert event_of(proposed).live is False
    assert mail.outbox == []


def test_editor_who_cannot_publish_is_sent_away_from_approve(client, proposed, editor):
    # Wagtail's admin turns a refusal into a redirect with a message for ordinary requests.
    client.force_login(editor)
    response = approve(client, proposed)
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != reverse("events_proposal_queue")
    assert event_of(proposed).live is False
    assert mail.outbox == []


def test_editor_who_cannot_publish_cannot_decline(client, proposed, editor):
    client.force_login(editor)
    decline(client, proposed)
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.PENDING
    assert mail.outbox == []


def test_anonymous_visitor_cannot_approve(client, proposed):
    response = approve(client, proposed)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert event_of(proposed).live is False


def test_approval_needs_a_post(client, proposed, moderator):
    client.force_login(moderator)
    response = client.get(reverse("events_proposal_approve", args=(proposed.pk,)))
    assert response.status_code == 405
    assert event_of(proposed).live is False


def test_approving_twice_publishes_once_and_mails_once(client, proposed, moderator):
    client.force_login(moderator)
    approve(client, proposed)
    approve(client, proposed)
    event = event_of(proposed)
    publications = PageLogEntry.objects.filter(page=event, action="wagtail.publish")
    assert publications.count() == 1
    assert len(mail.outbox) == 1


def test_declining_an_approved_action_changes_nothing(client, proposed, moderator):
    client.force_login(moderator)
    approve(client, proposed)
    decline(client, proposed)
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.APPROVED
    assert proposed.decline_reason == ""
    assert event_of(proposed).live is True
    assert len(mail.outbox) == 1


def test_approving_a_declined_action_changes_nothing(client, proposed, moderator):
    client.force_login(moderator)
    decline(client, proposed)
    approve(client, proposed)
    proposed.refresh_from_db()
    assert proposed.status == ProposalStatus.DECLINED
    assert event_of(proposed).live is False
    assert len(mail.outbox) == 1


# -- the review queue ----------------------------------------------------------------------


def test_queue_lists_pending_proposals_for_a_moderator(client, proposed, moderator):
    client.force_login(moderator)
    response = client.get(reverse("events_proposal_queue"))
    assert response.status_code == 200
    soup = soup_of(response)
    row = soup.select_one("table.listing tbody tr")
    assert row is not None
    text = row.get_text()
    assert TITLE in text
    assert "Migrante Hong Kong" in text
    assert "rosa@example.org" in text
    assert row.select_one(
        f'form[action="{reverse("events_proposal_approve", args=(proposed.pk,))}"]'
    )


def test_queue_leaves_decided_proposals_out_of_the_pending_list(client, proposed, moderator):
    client.force_login(moderator)
    approve(client, proposed)
    soup = soup_of(client.get(reverse("events_proposal_queue")))
    assert soup.select_one("table.listing") is None
    assert "Nothing waits for review." in soup.get_text()


def test_queue_shows_editors_nothing_they_cannot_decide(client, proposed, editor):
    client.force_login(editor)
    response = client.get(reverse("events_proposal_queue"))
    assert response.status_code == 200
    assert TITLE not in response.content.decode()


def test_day_of_action_map_draws_the_world_and_links_each_placed_action(client, event_index):
    day = DayOfActionPageFactory(parent=event_index)
    rally = EventPageFactory(
        parent=day, title="Rally", city="Manila", country="PH", latitude="14.6", longitude="121.0"
    )
    EventPageFactory(parent=day, title="Vigil", country="PH", latitude=None, longitude=None)
    svg = BeautifulSoup(client.get(day.url).content, "html.parser").select_one(".world-map svg")
    assert len(svg.select("g.land path")) == 176
    assert svg.select_one("path[data-country=PH]")["class"] == ["s2"]
    links = svg.select("a")
    assert [link["href"] for link in links] == [rally.url]
    assert links[0].title.string == "Rally, Manila"

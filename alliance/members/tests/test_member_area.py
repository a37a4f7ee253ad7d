import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.events import replies
from alliance.events.models import EventPage, LocalActionProposal
from alliance.events.tests.factories import EventPageFactory
from alliance.members.models import (
    VISIBILITY_DEFAULTS,
    MemberOrganization,
    MembershipApplication,
    MembershipStatus,
    Visibility,
)
from alliance.members.permissions import REPRESENTATIVES_GROUP

from .factories import (
    MemberDirectoryPageFactory,
    MemberOrganizationFactory,
    human,
    representative,
)

pytestmark = pytest.mark.django_db

ACCOUNT = "/en/account/"
NOINDEX_LOST = (
    "registration/auth_page.html (and account.html, propose_event.html, endorse.html, "
    "endorsement_confirmed.html) put <meta name=robots content=noindex> in block extra_meta, "
    "but core/templates/base.html renders extra_meta only inside {% if page %}, and these "
    "views have no page: the noindex is never output"
)
PROPOSE = "/en/account/events/new/"


@pytest.fixture
def member():
    return MemberOrganizationFactory(
        name="Migrante Hong Kong",
        slug="migrante-hk",
        city="Kowloon",
        contact_name="Rosa Contact",
        contact_email="rosa@migrante.example.org",
    )


@pytest.fixture
def rep(member):
    return representative(member)


@pytest.fixture
def directory(home):
    return MemberDirectoryPageFactory(parent=home, title="Members", slug="members")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def profile_form_data(client) -> dict:
    """The profile form on /account/ as a browser would send it, unchanged."""
    form = soup_of(client.get(ACCOUNT)).select_one("section[aria-labelledby=profile-title] form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen["value"]
        elif field.name == "textarea":
            data[field["name"]] = field.get_text()
        else:
            data[field["name"]] = field.get("value", "")
    data.pop("csrfmiddlewaretoken", None)
    return data


def save_profile(client, **changes):
    data = profile_form_data(client)
    data.update(changes)
    return client.post(ACCOUNT, data)


def proposal(**changes) -> dict:
    data = {
        "organization": "Migrante Hong Kong",
        "proposer_name": "Rosa Proposer",
        "proposer_email": "rosa@migrante.example.org",
        "title": "Sunday forum on wages",
        "kind": "info_session",
        "summary": "Domestic workers talk about the minimum wage.",
        "start_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
        "time_zone": "Asia/Hong_Kong",
        "venue_name": "Chater Garden",
        "street_address": "Chater Road",
        "city": "Hong Kong",
        "country": "HK",
        "online_url": "",
    }
    data.update(changes)
    return human(**data)


# -- signing in -----------------------------------------------------------------------


def test_login_page_renders(client, home):
    response = client.get("/en/account/login/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("input[name=username]") is not None
    assert soup.select_one("input[name=password]") is not None


def test_login_page_is_not_indexed(client, home):
    robots = soup_of(client.get("/en/account/login/")).select_one('meta[name="robots"]')
    assert robots is not None
    assert robots["content"] == "noindex"


def test_representative_signs_in_to_the_account(client, home, rep):
    response = client.post(
        "/en/account/login/", {"username": rep.username, "password": "pw-representative-123456"}
    )
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT


@pytest.mark.parametrize("url", [ACCOUNT, PROPOSE])
def test_anonymous_visitor_is_sent_to_the_login_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en/account/login/?next={url}"


# -- the account page -----------------------------------------------------------------


def test_representative_sees_their_own_organization(client, home, rep):
    MemberOrganizationFactory(name="Another Member")
    client.force_login(rep)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("h1").get_text() == "Migrante Hong Kong"
    assert "Another Member" not in response.content.decode()
    assert soup.select_one("input[name=city]")["value"] == "Kowloon"


def test_contact_details_are_hidden_until_chosen(client, home, rep):
    client.force_login(rep)
    data = profile_form_data(client)
    assert data["show_contact_email"] == Visibility.HIDDEN
    assert data["show_city"] == Visibility.PUBLIC


def test_account_lists_statements_open_for_endorsement(client, statement_index, rep):
    from alliance.newsroom.tests.factories import StatementPageFactory

    StatementPageFactory(parent=statement_index, title="Sign me", endorsements_open=True)
    StatementPageFactory(parent=statement_index, title="Closed one", endorsements_open=False)
    client.force_login(rep)
    soup = soup_of(client.get(ACCOUNT))
    titles = [a.get_text() for a in soup.select("section[aria-labelledby=sign-title] li a")]
    assert titles == ["Sign me"]


@pytest.mark.parametrize("url", [ACCOUNT, PROPOSE])
def test_user_without_a_representative_link_is_forbidden(client, event_index, url):
    user = get_user_model().objects.create_user("lonely", password="pw-lonely-123456")
    user.groups.add(Group.objects.get(name=REPRESENTATIVES_GROUP))
    client.force_login(user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [ACCOUNT, PROPOSE])
def test_user_outside_the_representatives_group_is_forbidden(client, event_index, member, url):
    client.force_login(representative(member, in_group=False))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("status", [MembershipStatus.SUSPENDED, MembershipStatus.FORMER])
def test_representative_of_an_organization_no_longer_a_member_is_forbidden(
    client, event_index, status
):
    client.force_login(representative(MemberOrganizationFactory(status=status)))
    assert client.get(ACCOUNT).status_code == 403
    assert client.get(PROPOSE).status_code == 403


def test_inactive_representative_is_not_let_in(client, home, rep):
    rep.is_active = False
    rep.save()
    client.force_login(rep)
    assert client.get(ACCOUNT).status_code in (302, 403)


# -- the profile form -----------------------------------------------------------------


def test_representative_saves_the_profile(client, home, member, rep):
    client.force_login(rep)
    response = save_profile(client, city="Tsuen Wan")
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    member.refresh_from_db()
    assert member.city == "Tsuen Wan"


def test_saved_profile_is_confirmed(client, home, rep):
    client.force_login(rep)
    data = profile_form_data(client)
    response = client.post(ACCOUNT, {**data, "city": "Tsuen Wan"}, follow=True)
    notice = soup_of(response).select_one("p.notice[role=status]")
    assert notice.get_text() == "Your organization's profile is saved."


def test_visibility_choices_are_stored(client, home, member, rep):
    client.force_login(rep)
    save_profile(
        client,
        show_contact_email=Visibility.PUBLIC,
        show_contact_name=Visibility.MEMBERS,
        show_city=Visibility.HIDDEN,
    )
    member.refresh_from_db()
    assert member.visibility_of("contact_email") == Visibility.PUBLIC
    assert member.visibility_of("contact_name") == Visibility.MEMBERS
    assert member.visibility_of("city") == Visibility.HIDDEN
    assert member.visibility_of("contact_phone") == Visibility.HIDDEN
    assert set(member.visibility) == set(VISIBILITY_DEFAULTS)


def test_contact_email_made_public_shows_on_the_profile(client, directory, member, rep):
    client.force_login(rep)
    save_profile(client, show_contact_email=Visibility.PUBLIC)
    client.logout()
    html = client.get(f"{directory.url}{member.slug}/").content.decode()
    assert "rosa@migrante.example.org" in html
    assert "Rosa Contact" not in html


def test_city_made_hidden_leaves_the_profile(client, directory, member, rep):
    client.force_login(rep)
    save_profile(client, city="Tsuen Wan", show_city=Visibility.HIDDEN)
    client.logout()
    assert "Tsuen Wan" not in client.get(f"{directory.url}{member.slug}/").content.decode()


def test_unknown_visibility_is_refused(client, home, member, rep):
    client.force_login(rep)
    response = save_profile(client, city="Tsuen Wan", show_contact_email="everyone")
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.city == "Kowloon"
    assert member.visibility == {}


def test_malformed_profile_is_refused(client, home, member, rep):
    client.force_login(rep)
    response = save_profile(client, contact_email="not-an-address", city="x" * 101)
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.contact_email == "rosa@migrante.example.org"
    assert member.city == "Kowloon"


def test_website_typed_without_a_scheme_is_stored_as_https(client, home, member, rep):
    client.force_login(rep)
    save_profile(client, website="migrante.example.org")
    member.refresh_from_db()
    assert member.website == "https://migrante.example.org"


def test_profile_form_cannot_change_another_organization(client, home, member, rep):
    other = MemberOrganizationFactory(name="Another Member", city="Manila")
    client.force_login(rep)
    save_profile(
        client,
        city="Tsuen Wan",
        organization=other.pk,
        pk=other.pk,
        id=other.pk,
        slug=other.slug,
    )
    other.refresh_from_db()
    member.refresh_from_db()
    assert other.city == "Manila"
    assert member.city == "Tsuen Wan"


def test_profile_form_cannot_change_status_or_name(client, home, member, rep):
    client.force_login(rep)
    save_profile(
        client,
        city="Tsuen Wan",
        status=MembershipStatus.FORMER,
        name="Other",
        slug="other",
        unlisted="on",
        joined_on="1990-01-01",
    )
    member.refresh_from_db()
    assert member.city == "Tsuen Wan"
    assert member.status == MembershipStatus.MEMBER
    assert member.name == "Migrante Hong Kong"
    assert member.slug == "migrante-hk"
    assert member.unlisted is False
    assert member.joined_on is None


# -- proposing an event ---------------------------------------------------------------


def test_propose_form_is_filled_in_for_the_organization(client, event_index, rep):
    client.force_login(rep)
    response = client.get(PROPOSE)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("input[name=organization]")["value"] == "Migrante Hong Kong"
    assert soup.select_one("input[name=city]")["value"] == "Kowloon"


def test_representative_proposes_an_event(client, event_index, member, rep):
    client.force_login(rep)
    response = client.post(PROPOSE, proposal())
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    event = EventPage.objects.get()
    assert event.title == "Sunday forum on wages"
    assert event.live is False
    assert event.get_parent().pk == event_index.pk
    assert event.organizer == member
    assert event.start_time == dt.time(14, 0)


def test_proposed_event_records_who_proposed_it(client, event_index, member, rep):
    client.force_login(rep)
    client.post(PROPOSE, proposal())
    record = LocalActionProposal.objects.get()
    assert record.event == EventPage.objects.get()
    assert record.organization == "Migrante Hong Kong"
    assert record.proposer_email == "rosa@migrante.example.org"
    assert record.status == "pending"
    assert [message.to for message in mail.outbox] == [["rosa@migrante.example.org"]]


def test_proposal_is_always_for_the_own_organization(client, event_index, member, rep):
    other = MemberOrganizationFactory(name="Someone Else")
    client.force_login(rep)
    client.post(PROPOSE, {**proposal(organization="Someone Else"), "organizer": other.pk})
    event = EventPage.objects.get()
    assert event.organizer == member
    assert event.organizer_name == ""
    assert LocalActionProposal.objects.get().organization == "Migrante Hong Kong"


def test_proposed_event_is_not_public(client, directory, event_index, member, rep):
    client.force_login(rep)
    client.post(PROPOSE, proposal())
    client.logout()
    event = EventPage.objects.get()
    assert client.get(event.url).status_code == 404
    assert "Sunday forum on wages" not in client.get(event_index.url).content.decode()
    profile = client.get(f"{directory.url}{member.slug}/").content.decode()
    assert "Sunday forum on wages" not in profile


def test_two_proposals_with_the_same_title_are_both_kept(client, event_index, rep):
    client.force_login(rep)
    client.post(PROPOSE, proposal(title="Weekly meeting"))
    client.post(PROPOSE, proposal(title="Weekly meeting"))
    slugs = set(EventPage.objects.values_list("slug", flat=True))
    assert len(slugs) == 2
    assert LocalActionProposal.objects.count() == 2


def test_same_proposal_form_sent_twice_is_kept_once(client, event_index, rep):
    client.force_login(rep)
    data = proposal()
    client.post(PROPOSE, data)
    response = client.post(PROPOSE, data)
    assert response.status_code == 400
    assert "already sent" in response.content.decode()
    assert LocalActionProposal.objects.count() == 1


def test_member_proposals_count_against_the_rate_limit(client, event_index, rep, settings):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "local_action": (2, 600)}
    client.force_login(rep)
    for number in range(3):
        response = client.post(PROPOSE, proposal(title=f"Meeting {number}"))
    assert response.status_code == 400
    assert "Too many forms" in response.content.decode()
    assert LocalActionProposal.objects.count() == 2


def test_malformed_proposal_creates_nothing(client, event_index, rep):
    client.force_login(rep)
    response = client.post(PROPOSE, proposal(title="", time_zone="Mars/Olympus"))
    assert response.status_code == 400
    assert not EventPage.objects.exists()
    assert not LocalActionProposal.objects.exists()


def test_honeypot_proposal_creates_nothing(client, event_index, rep):
    client.force_login(rep)
    data = proposal()
    data["fax"] = "https://spam.example.com"
    client.post(PROPOSE, data)
    assert not EventPage.objects.exists()


def test_proposing_without_an_events_calendar_is_not_found(client, home, rep):
    client.force_login(rep)
    assert client.get(PROPOSE).status_code == 404


# -- the admin is out of reach --------------------------------------------------------


def test_representative_cannot_see_rsvps_of_its_own_event(client, event_index, member, rep):
    event = EventPageFactory(parent=event_index, organizer=member, rsvp_enabled=True)
    replies.rsvp_create(event, name="Secret Attendee", party_size=1)
    client.force_login(rep)
    response = client.get(reverse("events_rsvp_list", args=(event.pk,)))
    assert response.status_code in (302, 403)
    assert b"Secret Attendee" not in response.content


def test_representative_cannot_see_the_applications_queue(client, home, rep):
    MembershipApplication.objects.create(
        organization_name="Waiting Workers",
        kind="migrant",
        country="PH",
        city="Manila",
        sectors="Seafarers",
        description="Organizes seafarers.",
        contact_name="Ben",
        contact_email="ben@example.org",
    )
    client.force_login(rep)
    response = client.get(reverse("members_application_queue"))
    assert response.status_code in (302, 403)
    assert b"Waiting Workers" not in response.content
    assert b"ben@example.org" not in response.content


def test_representative_cannot_edit_pages_in_the_admin(client, event_index, member, rep):
    event = EventPageFactory(parent=event_index, organizer=member, title="Our own rally")
    client.force_login(rep)
    for page in (event, event_index):
        response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code in (302, 403)
        assert b"Our own rally" not in response.content


def test_representative_cannot_change_its_organization_in_the_admin(client, home, member, rep):
    client.force_login(rep)
    response = client.get(f"/admin/snippets/members/memberorganization/edit/{member.pk}/")
    assert response.status_code in (302, 403)
    assert b"rosa@migrante.example.org" not in response.content
    assert MemberOrganization.objects.get(pk=member.pk).status == MembershipStatus.MEMBER

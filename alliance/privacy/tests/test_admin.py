"""The personal data screens in the admin: for superusers only, and audited."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from alliance.core.models import ContactMessage
from alliance.events import replies
from alliance.events.models import RsvpStatus
from alliance.members.tests.factories import staff_user

from .conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db

SEARCH = reverse("privacy_search")
EXPORT = reverse("privacy_export")
ERASE = reverse("privacy_erase")


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root", password="pw-root-123456789")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(response) -> str:
    return " ".join(soup_of(response).get_text().split())


def counts_shown(response) -> dict[str, str]:
    """Each kind's heading, "Kind: count", as the results show it."""
    headings = soup_of(response).select("section[aria-labelledby^=kind-] h3")
    return dict(heading.get_text().rsplit(": ", 1) for heading in headings)


def erase_confirmed(client, query=EMAIL):
    return client.post(ERASE, {"q": query, "confirm": "yes"}, follow=True)


def test_settings_menu_offers_personal_data_requests_to_superusers(admin_client, home):
    assert "personal-data-requests" in admin_client.get(reverse("wagtailadmin_home")).text


def test_settings_menu_hides_personal_data_requests_from_editors(client, home):
    client.force_login(staff_user("Editors"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "personal-data-requests" not in response.text


def test_search_form_opens_empty(admin_client):
    response = admin_client.get(SEARCH)
    assert response.status_code == 200
    assert soup_of(response).select_one("form input[name=q]") is not None


def test_search_shows_what_was_found_grouped_by_kind_with_counts(admin_client, rosa):
    response = admin_client.post(SEARCH, {"q": EMAIL})
    assert counts_shown(response) == {
        "RSVPs": "1",
        "Contact messages": "1",
        "Applications to join": "1",
        "Endorsements": "1",
        "Local action proposals": "1",
        "Member organizations": "0",
        "Alert subscribers": "0",
        "Fediverse followers": "0",
        "User accounts": "0",
    }
    assert NAME in text_of(response)


def test_short_query_is_refused_with_a_message(admin_client, rosa):
    response = admin_client.post(SEARCH, {"q": "ro"})
    assert response.status_code == 400
    assert "at least 3 characters" in text_of(response)
    assert NAME not in text_of(response)


def test_download_is_a_json_attachment_that_is_never_stored(admin_client, rosa):
    response = admin_client.post(EXPORT, {"q": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert EMAIL not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["contact_messages"][0]["email"] == EMAIL
    assert data["rsvps"][0]["name"] == NAME


def test_erase_first_shows_what_will_go_and_erases_nothing(admin_client, rosa):
    response = admin_client.post(ERASE, {"q": EMAIL})
    assert response.status_code == 200
    assert counts_shown(response)["Contact messages"] == "1"
    assert soup_of(response).select_one("input[name=confirm][value=yes]") is not None
    assert ContactMessage.objects.filter(pk=rosa.message.pk).exists()


def test_confirmed_erase_removes_the_data_and_says_so(admin_client, rosa):
    response = erase_confirmed(admin_client)
    assert response.redirect_chain[-1][0] == SEARCH
    assert "Erased." in text_of(response)
    assert not ContactMessage.objects.filter(pk=rosa.message.pk).exists()
    assert counts_shown(admin_client.post(SEARCH, {"q": EMAIL}))["RSVPs"] == "0"


def test_confirmed_erase_keeps_rsvp_counts_right(admin_client, rosa):
    waiting = replies.rsvp_create(rosa.event, name="Ana", party_size=1).rsvp
    erase_confirmed(admin_client)
    waiting.refresh_from_db()
    assert waiting.status == RsvpStatus.CONFIRMED
    counts = replies.rsvp_counts(rosa.event)
    assert (counts[RsvpStatus.CONFIRMED], counts[RsvpStatus.CANCELLED]) == (1, 2)
    assert replies.seats_left(rosa.event) == 1


def test_erase_explains_that_a_member_organization_is_kept(admin_client, rosa):
    from alliance.members.models import MemberOrganization

    MemberOrganization.objects.create(
        name="Kanlungan", slug="kanlungan", country="HK", contact_email=EMAIL
    )
    response = erase_confirmed(admin_client)
    assert "is not personal data to erase" in text_of(response)
    assert MemberOrganization.objects.filter(contact_email=EMAIL).exists()


def test_download_and_erase_are_in_the_audit_log_without_personal_data(
    admin_client, superuser, rosa
):
    admin_client.post(EXPORT, {"q": EMAIL})
    erase_confirmed(admin_client)
    entries = ModelLogEntry.objects.filter(action__startswith="alliance.personal_data_")
    assert sorted(entries.values_list("action", flat=True)) == [
        "alliance.personal_data_erase",
        "alliance.personal_data_export",
    ]
    for entry in entries:
        assert entry.user_id == superuser.pk
        recorded = json.dumps(entry.data) + entry.label
        assert EMAIL not in recorded.lower()
        assert "rosa" not in recorded.lower()
    export = entries.get(action="alliance.personal_data_export")
    assert export.data["counts"]["contact_messages"] == 1


def test_audit_log_entries_have_readable_labels(admin_client, rosa):
    admin_client.post(EXPORT, {"q": EMAIL})
    entry = ModelLogEntry.objects.get(action="alliance.personal_data_export")
    assert entry.message == "Personal data exported"


@pytest.mark.parametrize("who", ["anonymous", "editor", "moderator", "staff"])
@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", SEARCH, {}),
        ("post", SEARCH, {"q": EMAIL}),
        ("post", EXPORT, {"q": EMAIL}),
        ("post", ERASE, {"q": EMAIL}),
        ("post", ERASE, {"q": EMAIL, "confirm": "yes"}),
    ],
)
def test_no_one_but_a_superuser_reaches_any_privacy_screen(
    client, django_user_model, home, rosa, who, method, url, data
):
    if who in ("editor", "moderator"):
        client.force_login(staff_user(who.capitalize() + "s"))
    elif who == "staff":
        # Staff status alone is Django's admin flag, not a superuser's rights.
        client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    response = getattr(client, method)(url, data)
    assert response.status_code in (302, 403)
    assert EMAIL.encode() not in response.content
    assert ContactMessage.objects.filter(pk=rosa.message.pk).exists()
    assert not ModelLogEntry.objects.filter(action__startswith="alliance.personal_data_").exists()

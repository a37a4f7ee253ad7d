from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.members.models import (
    ApplicationStatus,
    MemberOrganization,
    MembershipApplication,
    MembershipStatus,
)

from .factories import (
    JoinPageFactory,
    MemberDirectoryPageFactory,
    MemberOrganizationFactory,
    human,
    representative,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def join_page(home):
    return JoinPageFactory(parent=home, title="Join", slug="join")


@pytest.fixture
def directory(home):
    return MemberDirectoryPageFactory(parent=home, title="Members", slug="members")


@pytest.fixture
def moderator():
    return staff_user("Moderators")


@pytest.fixture
def editor():
    return staff_user("Editors")


def application(**changes) -> dict:
    data = {
        "organization_name": "Migrante Hong Kong",
        "acronym": "MHK",
        "kind": "migrant",
        "country": "HK",
        "city": "Kowloon",
        "sectors": "Filipino domestic workers",
        "description": "Organizes Filipino migrants in Hong Kong.",
        "contact_name": "Rosa Contact",
        "contact_email": "rosa@migrante.example.org",
        "contact_phone": "+852 1234 5678",
        "agrees_basis_of_unity": "on",
    }
    data.update(changes)
    return human(**{key: value for key, value in data.items() if value is not None})


def pending_application(**changes) -> MembershipApplication:
    values = {
        "organization_name": "Migrante Hong Kong",
        "acronym": "MHK",
        "kind": "migrant",
        "country": "HK",
        "city": "Kowloon",
        "sectors": "Filipino domestic workers",
        "description": "Organizes Filipino migrants in Hong Kong.",
        "contact_name": "Rosa Contact",
        "contact_email": "rosa@migrante.example.org",
        "contact_phone": "+852 1234 5678",
        "agrees_basis_of_unity": True,
    }
    values.update(changes)
    return MembershipApplication.objects.create(**values)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def alert(response) -> str:
    return " ".join(soup_of(response).select_one("[role=alert]").get_text().split())


def decide(client, item, decision: str, **data):
    if decision == "approve":
        data.setdefault("listing", "listed")
    return client.post(reverse("members_application_decide", args=(item.pk, decision)), data)


# -- applying -------------------------------------------------------------------------


def test_join_page_shows_the_form(client, join_page):
    response = client.get(join_page.url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("input[name=organization_name]") is not None
    assert soup.select_one("input[name=agrees_basis_of_unity]") is not None


def test_valid_application_is_stored_as_pending(client, join_page):
    client.post(join_page.url, application())
    stored = MembershipApplication.objects.get()
    assert stored.status == ApplicationStatus.PENDING
    assert stored.organization_name == "Migrante Hong Kong"
    assert stored.contact_email == "rosa@migrante.example.org"
    assert stored.agrees_basis_of_unity is True


def test_valid_application_is_thanked(client, join_page):
    response = client.post(join_page.url, application())
    assert response.status_code == 200
    assert "reached the secretariat" in soup_of(response).select_one("[role=status]").get_text()


def test_thank_you_text_of_the_page_is_used(client, home):
    page = JoinPageFactory(parent=home, slug="join", thank_you_text="We will call you soon.")
    response = client.post(page.url, application())
    assert soup_of(response).select_one("[role=status]").get_text() == "We will call you soon."


def test_contact_person_is_told_the_application_arrived(client, join_page):
    client.post(join_page.url, application())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@migrante.example.org"]
    assert "Dear Rosa Contact" in mail.outbox[0].body
    assert "Migrante Hong Kong" in mail.outbox[0].body


def test_application_creates_no_member(client, join_page):
    client.post(join_page.url, application())
    assert not MemberOrganization.objects.exists()


def test_pending_application_is_not_in_the_directory(client, join_page, directory):
    client.post(join_page.url, application())
    assert "Migrante Hong Kong" not in client.get(directory.url).content.decode()


def test_pending_application_is_not_found_by_search(client, join_page, directory):
    client.post(join_page.url, application())
    response = client.get("/en/search/", {"q": "Migrante"})
    assert "Migrante Hong Kong" not in response.content.decode()
    assert "Kowloon" not in response.content.decode()


def test_pending_application_is_not_in_the_sitemap(client, join_page, directory):
    client.post(join_page.url, application())
    sitemap = client.get("/sitemap.xml")
    tree = ElementTree.fromstring(sitemap.content)  # noqa: S314 (our own output)
    urls = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert not any("mhk" in url or "migrante" in url for url in urls)


def test_application_without_the_basis_of_unity_is_refused(client, join_page):
    response = client.post(join_page.url, application(agrees_basis_of_unity=None))
    assert response.status_code == 400
    assert "Membership requires agreeing with the Basis of Unity." in response.content.decode()
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_duplicate_of_a_pending_application_is_refused(client, join_page):
    pending_application(organization_name="Migrante Hong Kong")
    response = client.post(join_page.url, application(organization_name="  migrante   HONG kong "))
    assert response.status_code == 400
    assert "already waiting for review" in alert(response)
    assert MembershipApplication.objects.count() == 1
    assert mail.outbox == []


def test_refused_duplicate_keeps_what_was_typed(client, join_page):
    pending_application(organization_name="Migrante Hong Kong")
    response = client.post(
        join_page.url, application(organization_name="MIGRANTE Hong Kong", city="Tsuen Wan")
    )
    soup = soup_of(response)
    assert soup.select_one("input[name=organization_name]")["value"] == "MIGRANTE Hong Kong"
    assert soup.select_one("input[name=city]")["value"] == "Tsuen Wan"


def test_an_organization_may_apply_again_after_a_decline(client, join_page):
    pending_application(status=ApplicationStatus.DECLINED, decline_reason="Too early.")
    client.post(join_page.url, application())
    assert MembershipApplication.objects.pending().count() == 1


def test_application_for_a_name_already_in_the_directory_is_refused(client, join_page):
    MemberOrganizationFactory(name="Migrante Hong Kong")
    response = client.post(join_page.url, application(organization_name="migrante hong kong"))
    assert response.status_code == 400
    assert "already in the directory" in alert(response)
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"organization_name": "x" * 300},
        {"contact_email": "not-an-address"},
        {"acronym": "A" * 31},
        {"description": "x" * 2001},
        {"kind": "nonsense"},
        {"country": "XX"},
        {"contact_phone": "call me maybe"},
        {"organization_name": ""},
        {"contact_name": ""},
    ],
    ids=lambda bad: next(iter(bad)) + ("-empty" if not next(iter(bad.values())) else ""),
)
def test_over_long_or_malformed_application_is_refused(client, join_page, bad):
    response = client.post(join_page.url, application(**bad))
    assert response.status_code == 400
    assert soup_of(response).select_one("#form-errors") is not None
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_application_without_the_form_token_is_refused(client, join_page):
    data = application()
    del data["token"]
    response = client.post(join_page.url, data)
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


def test_honeypot_application_is_thanked_but_keeps_nothing(client, join_page):
    data = application()
    data["fax"] = "https://spam.example.com"
    response = client.post(join_page.url, data)
    assert response.status_code == 200
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_applicants_website_is_kept(client, join_page):
    data = application()
    data["website"] = "https://migrante.example.org"
    client.post(join_page.url, data)
    assert MembershipApplication.objects.get().website == "https://migrante.example.org"


# -- the queue ------------------------------------------------------------------------


def test_moderator_sees_pending_applications(client, moderator):
    pending_application(organization_name="Waiting Workers")
    pending_application(organization_name="Already Declined", status=ApplicationStatus.DECLINED)
    client.force_login(moderator)
    response = client.get(reverse("members_application_queue"))
    assert response.status_code == 200
    soup = soup_of(response)
    listed = [strong.get_text() for strong in soup.select("table.listing td strong")]
    assert listed == ["Waiting Workers"]


def test_moderator_sees_the_contact_details_in_the_queue(client, moderator):
    pending_application()
    client.force_login(moderator)
    html = client.get(reverse("members_application_queue")).content.decode()
    assert "rosa@migrante.example.org" in html


def test_editor_cannot_see_the_queue(client, editor):
    pending_application()
    client.force_login(editor)
    response = client.get(reverse("members_application_queue"))
    assert response.status_code in (302, 403)
    assert b"rosa@migrante.example.org" not in response.content


def test_member_representative_cannot_see_the_queue(client):
    pending_application()
    client.force_login(representative(MemberOrganizationFactory()))
    response = client.get(reverse("members_application_queue"))
    assert response.status_code in (302, 403)
    assert b"rosa@migrante.example.org" not in response.content


def test_anonymous_visitor_cannot_see_the_queue(client):
    pending_application()
    response = client.get(reverse("members_application_queue"))
    assert response.status_code in (302, 403)
    assert b"rosa@migrante.example.org" not in response.content


@pytest.mark.parametrize("who", ["editor", "representative", "anonymous"])
def test_only_reviewers_can_approve(client, editor, who):
    item = pending_application()
    if who == "editor":
        client.force_login(editor)
    elif who == "representative":
        client.force_login(representative(MemberOrganizationFactory()))
    response = decide(client, item, "approve")
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING
    assert not MemberOrganization.objects.filter(name="Migrante Hong Kong").exists()


def test_declining_needs_a_post(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    response = client.get(reverse("members_application_decide", args=(item.pk, "decline")))
    assert response.status_code == 405
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING


# -- the confirmation step -------------------------------------------------------------


def test_the_queue_sends_approval_to_the_confirmation_page(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    soup = soup_of(client.get(reverse("members_application_queue")))
    approve = reverse("members_application_decide", args=(item.pk, "approve"))
    assert soup.select_one(f'a[href="{approve}"]') is not None
    assert soup.select_one(f'form[action="{approve}"]') is None


def test_opening_the_confirmation_page_changes_nothing(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    response = client.get(reverse("members_application_decide", args=(item.pk, "approve")))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING
    assert not MemberOrganization.objects.exists()


def test_confirmation_page_shows_what_may_become_public(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    soup = soup_of(client.get(reverse("members_application_decide", args=(item.pk, "approve"))))
    assert {radio["value"] for radio in soup.select('input[name="listing"]')} == {
        "listed",
        "unlisted",
    }
    assert not soup.select('input[name="listing"][checked]')
    assert soup.select_one('select[name="show_city"] option[selected]')["value"] == "public"
    assert soup.select_one('select[name="show_contact_email"] option[selected]')["value"] == (
        "hidden"
    )
    assert "rosa@migrante.example.org" in soup.get_text()


def test_approving_without_choosing_listed_or_unlisted_is_refused(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    response = client.post(reverse("members_application_decide", args=(item.pk, "approve")))
    assert response.status_code == 200
    assert "Choose whether the organization is named in public." in response.content.decode()
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING
    assert not MemberOrganization.objects.exists()


def test_approving_as_unlisted_keeps_the_name_out_of_the_directory(client, moderator, directory):
    item = pending_application()
    client.force_login(moderator)
    response = decide(client, item, "approve", listing="unlisted")
    assert response.status_code == 302
    member = MemberOrganization.objects.get()
    assert member.unlisted
    client.logout()
    assert "Migrante Hong Kong" not in client.get(directory.url).content.decode()


def test_approving_keeps_the_chosen_visibility_of_each_field(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve", show_city="members", show_contact_email="public")
    member = MemberOrganization.objects.get()
    assert not member.unlisted
    assert "city" not in member.shown_fields("public")
    assert "city" in member.shown_fields("members")
    assert "contact_email" in member.shown_fields("public")


def test_confirmation_page_of_a_decided_application_goes_back_to_the_queue(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    response = client.get(reverse("members_application_decide", args=(item.pk, "approve")))
    assert response.status_code == 302
    assert response["Location"] == reverse("members_application_queue")


# -- approving ------------------------------------------------------------------------


def test_approving_creates_a_member(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    response = decide(client, item, "approve")
    assert response.status_code == 302
    member = MemberOrganization.objects.get()
    assert member.name == "Migrante Hong Kong"
    assert member.acronym == "MHK"
    assert member.status == MembershipStatus.MEMBER
    assert member.joined_on == timezone.localdate()
    assert member.country.code == "HK"
    assert member.contact_email == "rosa@migrante.example.org"


def test_approving_records_the_decision(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    item.refresh_from_db()
    assert item.status == ApplicationStatus.APPROVED
    assert item.decided_by == moderator
    assert item.decided_at is not None
    assert item.member == MemberOrganization.objects.get()


def test_approved_members_contact_details_are_hidden(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    member = MemberOrganization.objects.get()
    public = member.shown_fields("public")
    assert {"contact_name", "contact_email", "contact_phone"}.isdisjoint(public)


def test_approved_member_is_listed_without_its_contact_details(client, moderator, directory):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    client.logout()
    member = MemberOrganization.objects.get()
    assert "Migrante Hong Kong" in client.get(directory.url).content.decode()
    html = client.get(f"{directory.url}{member.slug}/").content.decode()
    assert "Kowloon" in html
    assert "rosa@migrante.example.org" not in html
    assert "Rosa Contact" not in html


def test_approving_tells_the_contact_person(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@migrante.example.org"]
    assert "Migrante Hong Kong is now a member organization" in mail.outbox[0].body


def test_approved_members_get_distinct_slugs(client, moderator):
    first = pending_application(organization_name="Migrante Hong Kong", acronym="MHK")
    second = pending_application(organization_name="Migrante Hawaii", acronym="MHK")
    client.force_login(moderator)
    decide(client, first, "approve")
    decide(client, second, "approve")
    assert sorted(MemberOrganization.objects.values_list("slug", flat=True)) == ["mhk", "mhk-2"]


def test_deciding_twice_creates_one_member(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    response = decide(client, item, "approve")
    assert response.status_code == 302
    assert MemberOrganization.objects.count() == 1
    assert len(mail.outbox) == 1


def test_declining_after_approval_changes_nothing(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    decide(client, item, "decline", reason="Changed our mind.")
    item.refresh_from_db()
    assert item.status == ApplicationStatus.APPROVED
    assert item.decline_reason == ""
    assert MemberOrganization.objects.count() == 1


def test_second_decision_is_reported(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "approve")
    response = client.post(
        reverse("members_application_decide", args=(item.pk, "approve")),
        {"listing": "listed"},
        follow=True,
    )
    assert "Someone already decided on this application." in response.content.decode()


def test_approving_a_name_taken_meanwhile_is_reported(client, moderator):
    item = pending_application()
    MemberOrganizationFactory(name="Migrante Hong Kong")
    client.force_login(moderator)
    response = decide(client, item, "approve")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING


# -- declining ------------------------------------------------------------------------


def test_declining_needs_a_reason(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    response = client.post(
        reverse("members_application_decide", args=(item.pk, "decline")),
        {"reason": "   "},
        follow=True,
    )
    assert "Please give a reason" in response.content.decode()
    item.refresh_from_db()
    assert item.status == ApplicationStatus.PENDING
    assert mail.outbox == []


def test_declining_records_the_reason(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "decline", reason="We only admit grassroots organizations.")
    item.refresh_from_db()
    assert item.status == ApplicationStatus.DECLINED
    assert item.decline_reason == "We only admit grassroots organizations."
    assert item.decided_by == moderator
    assert not MemberOrganization.objects.exists()


def test_declining_tells_the_contact_person_why(client, moderator):
    item = pending_application()
    client.force_login(moderator)
    decide(client, item, "decline", reason="We only admit grassroots organizations.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@migrante.example.org"]
    assert "We only admit grassroots organizations." in mail.outbox[0].body


def test_declined_application_leaves_the_queue(client, moderator):
    item = pending_application(organization_name="Declined Workers")
    client.force_login(moderator)
    decide(client, item, "decline", reason="No.")
    soup = soup_of(client.get(reverse("members_application_queue")))
    assert soup.select("table.listing td strong") == []
    assert "Declined Workers: Declined" in soup.get_text()

import csv
import datetime as dt
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.members.models import Endorsement, EndorsementStatus, MembershipStatus
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import MemberOrganizationFactory, human, representative, staff_user

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"http://testserver/en/endorse/confirm/([^/\s]+)/")


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(
        parent=statement_index, title="Stop forced migration", endorsements_open=True
    )


@pytest.fixture
def member():
    return MemberOrganizationFactory(name="Migrante Hong Kong", country="HK")


@pytest.fixture
def rep(member):
    return representative(member)


@pytest.fixture
def moderator():
    return staff_user("Moderators")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def listed(client, statement) -> dict[str, list[str]]:
    """The signers under a statement, by country heading, as the public sees them."""
    section = soup_of(client.get(statement.url)).select_one("section#endorsements")
    if section is None:
        return {}
    return {
        heading.get_text(): [li.get_text() for li in heading.find_next_sibling("ul").select("li")]
        for heading in section.select("h3")
    }


def signed_count(response) -> str:
    section = soup_of(response).select_one("section#endorsements")
    return " ".join(section.select_one("p").get_text().split())


def endorse_as_member(client, statement, **data):
    return client.post(reverse("endorse_as_member", args=(statement.pk,)), data)


def sign(client, statement, **fields):
    data = {"name": "Ana Signer", "organization": "", "country": "PH", "email": ""}
    data.update(fields)
    return client.post(reverse("endorse_publicly", args=(statement.pk,)), human(**data))


def confirm_token() -> str:
    match = CONFIRM_LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def approve(client, endorsement, decision: str = "approve"):
    return client.post(reverse("members_endorsement_decide", args=(endorsement.pk, decision)))


# -- member organizations -----------------------------------------------------------


def test_representative_endorses_with_one_click(client, statement, member, rep):
    client.force_login(rep)
    response = endorse_as_member(client, statement)
    assert response.status_code == 302
    assert response["Location"] == f"{statement.url}#endorsements"
    endorsement = Endorsement.objects.get()
    assert endorsement.organization == member
    assert endorsement.status == EndorsementStatus.CONFIRMED


def test_member_endorsement_is_listed_at_once_with_its_country(client, statement, member, rep):
    client.force_login(rep)
    endorse_as_member(client, statement)
    client.logout()
    assert listed(client, statement) == {"Hong Kong": ["Migrante Hong Kong"]}


def test_representative_is_told_the_endorsement_is_made(client, statement, rep):
    client.force_login(rep)
    response = client.post(reverse("endorse_as_member", args=(statement.pk,)), follow=True)
    section = soup_of(response).select_one("section#endorsements")
    assert "Migrante Hong Kong now endorses this statement." in section.get_text()


def test_statement_page_offers_the_representative_a_one_click_endorsement(client, statement, rep):
    client.force_login(rep)
    soup = soup_of(client.get(statement.url))
    form = soup.select_one("section#endorsements form")
    assert form["action"] == reverse("endorse_as_member", args=(statement.pk,))
    assert form.select_one("button").get_text() == "Endorse as Migrante Hong Kong"


def test_endorsing_twice_is_refused_and_counted_once(client, statement, rep):
    client.force_login(rep)
    endorse_as_member(client, statement)
    response = client.post(reverse("endorse_as_member", args=(statement.pk,)), follow=True)
    assert response.status_code == 200
    assert Endorsement.objects.count() == 1
    assert signed_count(response).startswith("1 organization or person has signed.")


def test_statement_page_shows_the_representative_it_already_endorses(client, statement, rep):
    client.force_login(rep)
    endorse_as_member(client, statement)
    section = soup_of(client.get(statement.url)).select_one("section#endorsements")
    assert "Migrante Hong Kong endorses this statement." in section.get_text()
    assert section.select_one("form") is None


def test_representative_is_told_the_organization_already_endorsed(client, statement, rep):
    client.force_login(rep)
    endorse_as_member(client, statement)
    response = client.post(reverse("endorse_as_member", args=(statement.pk,)), follow=True)
    assert "already endorsed" in response.content.decode()


@pytest.mark.parametrize("status", [MembershipStatus.APPLICANT, MembershipStatus.SUSPENDED])
def test_representative_of_an_organization_not_in_good_standing_is_refused(
    client, statement, status
):
    client.force_login(representative(MemberOrganizationFactory(status=status)))
    assert endorse_as_member(client, statement).status_code == 403
    assert not Endorsement.objects.exists()


def test_account_outside_the_representatives_group_is_refused(client, statement, member):
    client.force_login(representative(member, in_group=False))
    assert endorse_as_member(client, statement).status_code == 403
    assert not Endorsement.objects.exists()


def test_forged_post_cannot_endorse_for_another_organization(client, statement, member, rep):
    other = MemberOrganizationFactory(name="Someone Else")
    client.force_login(rep)
    endorse_as_member(
        client, statement, organization=other.pk, organization_id=other.pk, display_name="X"
    )
    endorsement = Endorsement.objects.get()
    assert endorsement.organization == member
    assert endorsement.display_name == "Migrante Hong Kong"
    assert not Endorsement.objects.filter(organization=other).exists()


def test_anonymous_post_to_the_member_endpoint_is_refused(client, statement):
    response = endorse_as_member(client, statement)
    assert response.status_code in (302, 403)
    assert not Endorsement.objects.exists()


def test_member_endpoint_needs_a_post(client, statement, rep):
    client.force_login(rep)
    assert client.get(reverse("endorse_as_member", args=(statement.pk,))).status_code == 405
    assert not Endorsement.objects.exists()


def test_unpublished_statement_cannot_be_endorsed(client, statement_index, rep):
    draft = StatementPageFactory(parent=statement_index, endorsements_open=True, live=False)
    client.force_login(rep)
    assert endorse_as_member(client, draft).status_code == 404
    assert client.get(reverse("endorse_publicly", args=(draft.pk,))).status_code == 404
    assert not Endorsement.objects.exists()


def test_unlisted_members_endorsement_is_not_shown_by_name(client, statement):
    hidden = MemberOrganizationFactory(name="Secret Refugee Group", country="NL", unlisted=True)
    client.force_login(representative(hidden))
    endorse_as_member(client, statement)
    assert Endorsement.objects.get().status == EndorsementStatus.CONFIRMED
    client.logout()
    response = client.get(statement.url)
    assert "Secret Refugee Group" not in response.content.decode()
    assert listed(client, statement) == {}


# -- the public form ------------------------------------------------------------------


def test_public_form_is_shown(client, statement):
    response = client.get(reverse("endorse_publicly", args=(statement.pk,)))
    assert response.status_code == 200
    assert soup_of(response).select_one("input[name=name]") is not None


def test_public_form_is_not_indexed(client, statement):
    soup = soup_of(client.get(reverse("endorse_publicly", args=(statement.pk,))))
    robots = soup.select_one('meta[name="robots"]')
    assert robots is not None
    assert robots["content"] == "noindex"


def test_statement_page_links_the_public_form(client, statement):
    soup = soup_of(client.get(statement.url))
    link = soup.select_one("section#endorsements a.button")
    assert link["href"] == reverse("endorse_publicly", args=(statement.pk,))


def test_public_signature_with_email_sends_a_confirmation(client, statement):
    response = sign(client, statement, organization="Bayan USA", email="ana@example.org")
    assert response.status_code == 200
    assert "open the link" in soup_of(response).select_one("[role=status]").get_text()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    assert "Stop forced migration" in mail.outbox[0].body
    assert CONFIRM_LINK.search(mail.outbox[0].body)
    assert Endorsement.objects.get().status == EndorsementStatus.UNCONFIRMED


def test_confirmation_token_is_not_stored_in_the_clear(client, statement):
    sign(client, statement, email="ana@example.org")
    assert confirm_token() not in Endorsement.objects.get().token_hash


def test_public_signature_is_not_listed_before_confirmation(client, statement):
    sign(client, statement, organization="Bayan USA", email="ana@example.org")
    assert listed(client, statement) == {}


def test_confirmed_signature_waits_for_review(client, statement):
    sign(client, statement, organization="Bayan USA", email="ana@example.org")
    response = client.get(f"/en/endorse/confirm/{confirm_token()}/")
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert Endorsement.objects.get().status == EndorsementStatus.PENDING
    assert listed(client, statement) == {}


def test_confirmed_and_approved_signature_is_listed(client, statement, moderator):
    sign(client, statement, organization="Bayan USA", country="US", email="ana@example.org")
    client.get(f"/en/endorse/confirm/{confirm_token()}/")
    client.force_login(moderator)
    approve(client, Endorsement.objects.get())
    client.logout()
    assert listed(client, statement) == {"United States of America": ["Bayan USA"]}


def test_unconfirmed_signature_cannot_be_approved(client, statement, moderator):
    sign(client, statement, organization="Bayan USA", email="ana@example.org")
    client.force_login(moderator)
    approve(client, Endorsement.objects.get())
    assert Endorsement.objects.get().status == EndorsementStatus.UNCONFIRMED
    client.logout()
    assert listed(client, statement) == {}


def test_confirmation_link_works_once(client, statement):
    sign(client, statement, email="ana@example.org")
    token = confirm_token()
    client.get(f"/en/endorse/confirm/{token}/")
    assert client.get(f"/en/endorse/confirm/{token}/").status_code == 404


def test_unknown_confirmation_token_is_not_found(client, statement):
    sign(client, statement, email="ana@example.org")
    assert client.get("/en/endorse/confirm/not-a-real-token/").status_code == 404
    assert Endorsement.objects.get().status == EndorsementStatus.UNCONFIRMED


def test_signature_without_email_waits_for_review_only(client, statement, moderator):
    response = sign(client, statement, name="Ana Signer", email="")
    assert "once the secretariat has reviewed it" in response.content.decode()
    assert mail.outbox == []
    endorsement = Endorsement.objects.get()
    assert endorsement.status == EndorsementStatus.PENDING
    assert listed(client, statement) == {}
    client.force_login(moderator)
    approve(client, endorsement)
    client.logout()
    assert listed(client, statement) == {"Philippines": ["Ana Signer"]}


def test_moderator_sees_signatures_waiting_for_review(client, statement, moderator):
    sign(client, statement, organization="Bayan USA")
    client.force_login(moderator)
    response = client.get(reverse("members_endorsement_queue"))
    assert response.status_code == 200
    assert "Bayan USA" in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "representative", "anonymous"])
def test_only_reviewers_can_approve_a_signature(client, statement, who):
    sign(client, statement, organization="Bayan USA")
    if who == "editor":
        client.force_login(staff_user("Editors"))
    elif who == "representative":
        client.force_login(representative(MemberOrganizationFactory()))
    response = approve(client, Endorsement.objects.get())
    assert response.status_code in (302, 403)
    assert Endorsement.objects.get().status == EndorsementStatus.PENDING


def test_duplicate_public_signature_is_refused_and_counted_once(client, statement):
    sign(client, statement, organization="Bayan USA", country="US")
    response = sign(client, statement, organization="  bayan   usa ", country="US")
    assert response.status_code == 400
    assert "already signed" in soup_of(response).select_one("[role=alert]").get_text()
    assert Endorsement.objects.count() == 1


def test_public_signature_with_a_missing_field_is_refused(client, statement):
    response = sign(client, statement, name="", country="")
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_honeypot_signature_keeps_nothing(client, statement):
    data = human(name="Bot", organization="Spam Inc", country="PH", email="bot@example.org")
    data["fax"] = "https://spam.example.com"
    client.post(reverse("endorse_publicly", args=(statement.pk,)), data)
    assert not Endorsement.objects.exists()
    assert mail.outbox == []


def test_rejected_signature_never_appears(client, statement, moderator):
    sign(client, statement, organization="Hate Group")
    endorsement = Endorsement.objects.get()
    client.force_login(moderator)
    approve(client, endorsement, "reject")
    assert Endorsement.objects.get().status == EndorsementStatus.REJECTED
    client.logout()
    response = client.get(statement.url)
    assert "Hate Group" not in response.content.decode()
    assert signed_count(response).startswith("0 organizations and people have signed.")


# -- a closed window --------------------------------------------------------------------


@pytest.fixture(params=["closed_yesterday", "not_open"])
def closed_statement(request, statement_index):
    if request.param == "closed_yesterday":
        return StatementPageFactory(
            parent=statement_index,
            endorsements_open=True,
            endorsements_close_on=timezone.localdate() - dt.timedelta(days=1),
        )
    return StatementPageFactory(parent=statement_index, endorsements_open=False)


def test_closed_statement_refuses_a_member(client, closed_statement, rep):
    client.force_login(rep)
    endorse_as_member(client, closed_statement)
    assert not Endorsement.objects.exists()


def test_closed_statement_tells_the_member_why(client, closed_statement, rep):
    client.force_login(rep)
    response = client.post(reverse("endorse_as_member", args=(closed_statement.pk,)), follow=True)
    assert "not open for endorsement" in response.content.decode()


def test_closed_statement_refuses_the_public_form_with_a_message(client, closed_statement):
    response = client.get(reverse("endorse_publicly", args=(closed_statement.pk,)))
    assert response.status_code == 400
    soup = soup_of(response)
    assert "not open for endorsement" in soup.select_one("[role=alert]").get_text()
    assert soup.select_one("input[name=name]") is None


def test_closed_statement_refuses_a_public_signature(client, closed_statement):
    response = sign(client, closed_statement, organization="Bayan USA", email="a@example.org")
    assert response.status_code == 400
    assert "not open for endorsement" in soup_of(response).select_one("[role=alert]").get_text()
    assert not Endorsement.objects.exists()
    assert mail.outbox == []


def test_statement_is_open_through_its_last_day(client, statement_index, rep):
    statement = StatementPageFactory(
        parent=statement_index, endorsements_open=True, endorsements_close_on=timezone.localdate()
    )
    client.force_login(rep)
    endorse_as_member(client, statement)
    assert Endorsement.objects.count() == 1


def test_statement_page_says_until_when_it_is_open(client, statement_index):
    statement = StatementPageFactory(
        parent=statement_index,
        endorsements_open=True,
        endorsements_close_on=dt.date(2099, 3, 8),
    )
    assert "Open until 8 March 2099." in signed_count(client.get(statement.url))


# -- the count ------------------------------------------------------------------------


def test_count_on_the_statement_page_is_of_confirmed_endorsements(client, statement):
    for index, status in enumerate(
        [
            EndorsementStatus.CONFIRMED,
            EndorsementStatus.CONFIRMED,
            EndorsementStatus.PENDING,
            EndorsementStatus.UNCONFIRMED,
            EndorsementStatus.REJECTED,
        ]
    ):
        Endorsement.objects.create(
            statement=statement,
            display_name=f"Signer {index}",
            country="PH",
            status=status,
            dedup_key=f"public|signer {index}|ph",
        )
    response = client.get(statement.url)
    assert signed_count(response).startswith("2 organizations and people have signed.")
    assert listed(client, statement) == {"Philippines": ["Signer 0", "Signer 1"]}


def test_signers_are_grouped_by_country(client, statement):
    for name, country in (("B Group", "PH"), ("A Group", "PH"), ("C Group", "HK"), ("D", "")):
        Endorsement.objects.create(
            statement=statement,
            display_name=name,
            country=country,
            status=EndorsementStatus.CONFIRMED,
            dedup_key=f"public|{name}|{country}",
        )
    assert listed(client, statement) == {
        "Hong Kong": ["C Group"],
        "Philippines": ["A Group", "B Group"],
        "Other": ["D"],
    }


# -- the CSV export ---------------------------------------------------------------------


def export(client, statement):
    return client.get(reverse("members_endorsement_export", args=(statement.pk,)))


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_moderator_downloads_the_endorsements_as_csv(client, statement, member, moderator):
    Endorsement.objects.create(
        statement=statement,
        organization=member,
        display_name=member.name,
        country="HK",
        status=EndorsementStatus.CONFIRMED,
        dedup_key=f"member|{member.pk}",
    )
    client.force_login(moderator)
    response = export(client, statement)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = rows_of(response)
    assert rows[0] == ["Organization or name", "Signed by", "Country", "Member", "Status"]
    assert rows[1] == ["Migrante Hong Kong", "", "HK", "yes", "Confirmed"]


@pytest.mark.parametrize("formula", ["=1+2", "+1", "-1", "@SUM(A1)", '=HYPERLINK("x")'])
def test_csv_escapes_formula_looking_names(client, statement, moderator, formula):
    Endorsement.objects.create(
        statement=statement,
        display_name=formula,
        signer_name=formula,
        country="PH",
        status=EndorsementStatus.PENDING,
        dedup_key="public|formula|ph",
    )
    client.force_login(moderator)
    row = rows_of(export(client, statement))[1]
    assert row[0] == "'" + formula
    assert row[1] == "'" + formula


def test_csv_leaves_out_rejected_signatures(client, statement, moderator):
    Endorsement.objects.create(
        statement=statement,
        display_name="Hate Group",
        status=EndorsementStatus.REJECTED,
        dedup_key="public|hate group|",
    )
    client.force_login(moderator)
    assert len(rows_of(export(client, statement))) == 1


@pytest.mark.parametrize("who", ["editor", "representative", "anonymous"])
def test_csv_is_forbidden_to_everyone_else(client, statement, member, who):
    Endorsement.objects.create(
        statement=statement,
        display_name="Private Signer",
        email="private@example.org",
        status=EndorsementStatus.PENDING,
        dedup_key="public|private signer|",
    )
    if who == "editor":
        client.force_login(staff_user("Editors"))
    elif who == "representative":
        client.force_login(representative(member))
    response = export(client, statement)
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")
    assert b"Private Signer" not in response.content

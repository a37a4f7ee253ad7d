"""What the API must never show, one test per resource."""

import pytest
from wagtail.models import PageViewRestriction

from alliance.events.models import LocalActionProposal, Rsvp
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.models import Endorsement, MembershipStatus
from alliance.members.tests.factories import MemberOrganizationFactory
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def test_statements_drafts_private_pages_and_endorsers_addresses(client, statement_index, home):
    shown = StatementPageFactory(parent=statement_index)
    draft = StatementPageFactory(parent=statement_index, live=False)
    private = StatementPageFactory(parent=statement_index)
    restrict(private)
    Endorsement.objects.create(
        statement=shown,
        display_name="A signer",
        email="signer@example.org",
        status="confirmed",
        dedup_key="a",
    )
    response = client.get("/api/v1/statements/")
    assert [item["id"] for item in response.json()["results"]] == [shown.pk]
    assert b"signer@example.org" not in response.content
    for hidden in (draft, private):
        assert client.get(f"/api/v1/statements/{hidden.pk}/").status_code == 404


def test_events_drafts_private_pages_rsvps_and_proposers(client, event_index):
    shown = EventPageFactory(parent=event_index, rsvp_enabled=True)
    draft = EventPageFactory(parent=event_index, live=False)
    private = EventPageFactory(parent=event_index)
    restrict(private)
    Rsvp.objects.create(event=shown, name="Rsvp Person", email="rsvp@example.org", party_size=1)
    LocalActionProposal.objects.create(
        event=shown, proposer_name="Pro Poser", proposer_email="proposer@example.org"
    )
    response = client.get("/api/v1/events/")
    assert [item["id"] for item in response.json()["results"]] == [shown.pk]
    for secret in (b"rsvp@example.org", b"Rsvp Person", b"proposer@example.org", b"Pro Poser"):
        assert secret not in response.content
    assert secret not in client.get(f"/api/v1/events/{shown.pk}/").content
    for hidden in (draft, private):
        assert client.get(f"/api/v1/events/{hidden.pk}/").status_code == 404


def test_events_never_name_an_unlisted_organizer(client, event_index):
    at_risk = MemberOrganizationFactory(name="At risk group", slug="at-risk", unlisted=True)
    event = EventPageFactory(parent=event_index, organizer=at_risk)
    response = client.get(f"/api/v1/events/{event.pk}/")
    assert b"At risk group" not in response.content and b"at-risk" not in response.content
    assert response.json()["organizer"]["slug"] is None


def test_days_of_action_drafts_private_pages_and_their_hidden_actions(client, event_index):
    shown = DayOfActionPageFactory(parent=event_index)
    draft_action = EventPageFactory(parent=shown, live=False)
    DayOfActionPageFactory(parent=event_index, live=False)
    restrict(DayOfActionPageFactory(parent=event_index))
    response = client.get("/api/v1/days-of-action/")
    assert [item["id"] for item in response.json()["results"]] == [shown.pk]
    assert response.json()["results"][0]["local_actions"] == []
    assert client.get(f"/api/v1/events/{draft_action.pk}/").status_code == 404


def test_organizations_unlisted_former_and_hidden_fields(client):
    shown = MemberOrganizationFactory(
        contact_email="private@example.org", contact_phone="+852 1234 5678"
    )
    unlisted = MemberOrganizationFactory(unlisted=True)
    former = MemberOrganizationFactory(status=MembershipStatus.FORMER)
    applicant = MemberOrganizationFactory(status=MembershipStatus.APPLICANT)
    response = client.get("/api/v1/organizations/")
    assert [item["id"] for item in response.json()["results"]] == [shown.pk]
    assert b"private@example.org" not in response.content and b"1234" not in response.content
    for hidden in (unlisted, former, applicant):
        assert client.get(f"/api/v1/organizations/{hidden.pk}/").status_code == 404

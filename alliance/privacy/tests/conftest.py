"""One person, Rosa, who has left her details in every corner of the site."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from alliance.core.contact import contact_message_create
from alliance.core.models import ContactMessage
from alliance.events.models import EventPage, LocalActionProposal, Rsvp
from alliance.events.moderation import local_action_propose
from alliance.events.replies import rsvp_create
from alliance.events.tests.factories import DayOfActionPageFactory, EventPageFactory
from alliance.members.admission import application_submit
from alliance.members.endorsing import endorsement_by_public
from alliance.members.models import Endorsement, MembershipApplication
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory

EMAIL = "rosa.delacruz@example.org"
NAME = "Rosa Dela Cruz"
_groups = itertools.count(1)


@dataclass
class Traces:
    event: EventPage
    statement: StatementPage
    rsvp: Rsvp
    rsvp_token: str
    message: ContactMessage
    application: MembershipApplication
    endorsement: Endorsement
    proposal: LocalActionProposal


def leave_traces(event_index, statement_index, *, email: str = EMAIL, name: str = NAME) -> Traces:
    """Rosa replies to an event, writes to the secretariat, applies for her group,
    signs a statement and proposes a local action, each through its own service."""
    event = EventPageFactory(
        parent=event_index, rsvp_enabled=True, reminders=True, capacity=2, waiting_list=True
    )
    receipt = rsvp_create(event, name=name, party_size=2, email=email)
    message = contact_message_create({"name": name, "email": email, "message": "Please help."})
    application = application_submit(
        {
            "organization_name": f"Kanlungan {next(_groups)}",
            "kind": "migrant",
            "country": "HK",
            "city": "Kowloon",
            "sectors": "Domestic workers",
            "description": "A new group.",
            "contact_name": name,
            "contact_email": email,
            "agrees_basis_of_unity": True,
        }
    )
    statement = StatementPageFactory(parent=statement_index, endorsements_open=True)
    endorsement = endorsement_by_public(
        statement,
        name=name,
        organization="",
        country="PH",
        email=email,
        confirm_url=lambda token: f"http://testserver/confirm/{token}/",
    )
    day = DayOfActionPageFactory(parent=event_index)
    proposal = local_action_propose(
        day,
        {
            "organization": "Kanlungan",
            "proposer_name": name,
            "proposer_email": email,
            "title": "Picket at the consulate",
            "kind": "picket",
            "summary": "We picket.",
            "start_date": day.date,
            "time_zone": "Asia/Hong_Kong",
            "city": "Hong Kong",
            "country": "HK",
        },
    )
    return Traces(
        event=event,
        statement=statement,
        rsvp=receipt.rsvp,
        rsvp_token=receipt.token,
        message=message,
        application=application,
        endorsement=endorsement,
        proposal=proposal,
    )


@pytest.fixture
def rosa(event_index, statement_index) -> Traces:
    return leave_traces(event_index, statement_index)

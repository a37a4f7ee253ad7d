"""The local-action queue: what each reviewer sees, its cost, and what the history keeps."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, ModelLogEntry

from alliance.accounts import roles
from alliance.core.review import ReasonMissing
from alliance.events.models import LocalActionProposal, ProposalStatus
from alliance.events.moderation import (
    local_action_approve,
    local_action_decline,
    local_action_propose,
)
from alliance.members.tests.factories import staff_user

from .factories import DayOfActionPageFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("events_proposal_queue")


@pytest.fixture
def day(event_index):
    return DayOfActionPageFactory(parent=event_index, slug="global-day")


@pytest.fixture
def moderator():
    return staff_user("Moderators", "mod-maria")


def propose(day, title: str = "Quarrybank picket", name: str = "Rosa") -> LocalActionProposal:
    return local_action_propose(
        day,
        {
            "title": title,
            "kind": "picket",
            "summary": "We picket.",
            "start_date": day.date,
            "start_time": dt.time(16),
            "end_time": dt.time(18),
            "time_zone": "Asia/Hong_Kong",
            "venue_name": "Chater Garden",
            "city": "Hong Kong",
            "country": "HK",
            "organization": "Migrante Hong Kong",
            "proposer_name": name,
            "proposer_email": f"{name.lower()}@example.org",
        },
    )


def listed_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("table.listing tbody td:first-child a:first-child")]


# -- constant cost ---------------------------------------------------------------------------


def test_queue_queries_do_not_grow_with_rows(client, day, moderator, django_assert_max_num_queries):
    propose(day, "Action 0")
    local_action_decline(propose(day, "Declined 0"), moderator, "Not on the day.")
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(QUEUE).status_code == 200
    for n in range(1, 12):
        propose(day, f"Action {n}")
        local_action_decline(propose(day, f"Declined {n}"), moderator, "Not on the day.")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(QUEUE)
    assert len(listed_titles(response)) == 12


def test_queue_queries_do_not_grow_for_a_reviewer_with_page_permissions(
    client, day, django_assert_max_num_queries
):
    group = Group.objects.create(name="Day moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=day, permission=publish)
    reviewer = staff_user("Day moderators", "day-mod")
    propose(day, "Action 0")
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as one:
        client.get(QUEUE)
    for n in range(1, 12):
        propose(day, f"Action {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(QUEUE)
    assert len(listed_titles(response)) == 12


# -- who sees what -----------------------------------------------------------------------------


def test_reviewer_sees_only_the_days_where_they_may_publish(client, event_index, day):
    other_day = DayOfActionPageFactory(parent=event_index, slug="other-day")
    group = Group.objects.create(name="Day moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=day, permission=publish)
    reviewer = staff_user("Day moderators", "day-mod")
    propose(day, "On our day")
    propose(other_day, "On the other day")
    client.force_login(reviewer)
    assert listed_titles(client.get(QUEUE)) == ["On our day"]


@pytest.mark.parametrize("group", ["Editors", roles.TRANSLATORS])
def test_decisions_and_their_reviewers_are_hidden_from_who_may_not_decide(
    client, day, moderator, group
):
    local_action_decline(propose(day, "Quarrybank picket"), moderator, "Not on the day.")
    client.force_login(staff_user(group, "someone-else"))
    response = client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "mod-maria" not in html
    assert "Quarrybank picket" not in html
    assert "Recently decided" not in html


def test_moderator_sees_the_latest_decisions_and_who_took_them(client, day, moderator):
    local_action_decline(propose(day, "Quarrybank picket"), moderator, "Not on the day.")
    client.force_login(moderator)
    text = BeautifulSoup(client.get(QUEUE).content, "html.parser").get_text()
    assert "Quarrybank picket: Declined (mod-maria)" in text


# -- the decision ------------------------------------------------------------------------------


def test_decision_is_in_the_history_by_kind_and_number_only(day, moderator):
    proposal = local_action_approve(propose(day, name="Rosa"), moderator)
    [entry] = ModelLogEntry.objects.filter(action="alliance.local_action_approved")
    assert entry.user_id == moderator.pk
    assert entry.object_id == str(proposal.pk)
    assert entry.label == f"Local action proposal #{proposal.pk}"
    assert entry.message == "Local action approved"
    assert "Rosa" not in entry.label + str(entry.data)


def test_declining_without_a_reason_is_refused_by_the_service(day, moderator):
    proposal = propose(day)
    with pytest.raises(ReasonMissing):
        local_action_decline(proposal, moderator, "  ")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.decided_at is None

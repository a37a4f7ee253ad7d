"""The applications and endorsements queues: their cost, and what the site history keeps."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from alliance.core.history import relabel_history
from alliance.members import endorsing
from alliance.members.admin_views import EndorsementQueueView
from alliance.members.admission import application_decline
from alliance.members.models import Endorsement, EndorsementStatus, MembershipApplication
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import staff_user

pytestmark = pytest.mark.django_db

SIGNER = "Ana Signer"
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def moderator():
    return staff_user("Moderators", "mod-maria")


@pytest.fixture
def statement(statement_index):
    return StatementPageFactory(parent=statement_index, endorsements_open=True)


def application(name: str) -> MembershipApplication:
    return MembershipApplication.objects.create(
        organization_name=name,
        kind="migrant",
        country="HK",
        city="Kowloon",
        sectors="Domestic workers",
        description="A group.",
        contact_name="Rosa Contact",
        contact_email="rosa@example.org",
        agrees_basis_of_unity=True,
    )


def signature(statement, name: str = SIGNER, email: str = "") -> Endorsement:
    return endorsing.endorsement_by_public(
        statement, name=name, organization="", country="PH", email=email, confirm_url=str
    )


def rows(response) -> int:
    return len(BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr"))


# -- constant cost ---------------------------------------------------------------------------


def test_application_queue_queries_do_not_grow_with_rows(
    client, moderator, django_assert_max_num_queries
):
    application("Waiting 0")
    application_decline(application("Declined 0"), moderator, "No.")
    client.force_login(moderator)
    queue = reverse("members_application_queue")
    with CaptureQueriesContext(connection) as one:
        assert client.get(queue).status_code == 200
    for n in range(1, 12):
        application(f"Waiting {n}")
        application_decline(application(f"Declined {n}"), moderator, "No.")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(queue)
    assert rows(response) == 12


def test_endorsement_queue_queries_do_not_grow_with_rows(
    client, statement_index, moderator, django_assert_max_num_queries
):
    signature(StatementPageFactory(parent=statement_index, endorsements_open=True), "Signer 0")
    client.force_login(moderator)
    queue = reverse("members_endorsement_queue")
    with CaptureQueriesContext(connection) as one:
        assert client.get(queue).status_code == 200
    for n in range(1, 12):
        signature(StatementPageFactory(parent=statement_index, endorsements_open=True), f"S{n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(queue)
    assert rows(response) == 12


# -- the decision ----------------------------------------------------------------------------


def test_approving_a_signature_records_who_decided_and_when(client, statement, moderator):
    endorsement = signature(statement)
    client.force_login(moderator)
    client.post(reverse("members_endorsement_decide", args=(endorsement.pk, "approve")))
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.CONFIRMED
    assert endorsement.decided_by == moderator
    assert endorsement.decided_at is not None


def test_rejecting_a_signature_keeps_the_optional_reason(client, statement, moderator):
    endorsement = signature(statement)
    client.force_login(moderator)
    client.post(
        reverse("members_endorsement_decide", args=(endorsement.pk, "reject")),
        {"reason": "Not an organization."},
    )
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.REJECTED
    assert endorsement.decline_reason == "Not an organization."


# -- issue 16, finding 4: the history keeps no erased signer's name --------------------------


def test_erased_signers_name_is_not_in_the_site_history(client, statement, moderator):
    endorsement = signature(statement)
    client.force_login(moderator)
    client.post(reverse("members_endorsement_decide", args=(endorsement.pk, "approve")))
    superuser = get_user_model().objects.create_superuser("root", password="pw-root-1234567")
    client.force_login(superuser)
    client.post(reverse("privacy_erase"), {"q": SIGNER, "confirm": "yes"})
    assert not Endorsement.objects.filter(pk=endorsement.pk).exists()
    for reader in (superuser, moderator):
        client.force_login(reader)
        html = client.get(SITE_HISTORY).content.decode()
        assert "Endorsement approved" in html
        assert f"Endorsement #{endorsement.pk}" in html
        assert SIGNER not in html


def test_history_names_decided_records_by_kind_and_number(statement, moderator):
    endorsement = endorsing.endorsement_approve(signature(statement), moderator)
    declined = application("Waiting Workers")
    application_decline(declined, moderator, "No.")
    labels = dict(ModelLogEntry.objects.values_list("action", "label"))
    assert labels["alliance.endorsement_approved"] == f"Endorsement #{endorsement.pk}"
    assert labels["alliance.application_declined"] == f"Membership application #{declined.pk}"


def test_existing_history_entries_are_relabelled_by_the_migration(statement, moderator):
    endorsement = endorsing.endorsement_approve(signature(statement), moderator)
    # As entries written before the fix were: the signer's name as the label.
    ModelLogEntry.objects.filter(object_id=str(endorsement.pk)).update(label=SIGNER)
    assert relabel_history(apps, "members", ["endorsement", "membershipapplication"]) == 1
    entry = ModelLogEntry.objects.get(object_id=str(endorsement.pk))
    assert entry.label == f"Endorsement #{endorsement.pk}"


def test_endorsement_queue_links_the_lists_of_the_latest_signed_statements_only(
    client, moderator, statement_index, monkeypatch
):
    older = StatementPageFactory(
        parent=statement_index, title="Older statement", endorsements_open=True
    )
    newer = StatementPageFactory(
        parent=statement_index, title="Newer statement", endorsements_open=True
    )
    signature(older)
    signature(newer)
    client.force_login(moderator)
    monkeypatch.setattr(EndorsementQueueView, "statements_shown", 1)
    html = client.get(reverse("members_endorsement_queue")).content.decode()
    assert "Newer statement (CSV)" in html
    assert "Older statement (CSV)" not in html

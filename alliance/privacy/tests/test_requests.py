"""Finding, handing over and erasing one person's data; the scheduled purge."""

import datetime as dt
import io
import json

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.core.models import ContactMessage
from alliance.events import replies
from alliance.events.models import LocalActionProposal, Rsvp, RsvpStatus, RsvpTally
from alliance.members.admission import application_approve, application_decline
from alliance.members.models import (
    ApplicationStatus,
    Endorsement,
    EndorsementStatus,
    MemberOrganization,
    MembershipApplication,
)
from alliance.privacy.requests import (
    QueryTooShort,
    personal_data_erase,
    personal_data_export,
    personal_data_find,
)

from .conftest import EMAIL, NAME, leave_traces

pytestmark = pytest.mark.django_db

ERASED_KINDS = [
    "rsvps",
    "contact_messages",
    "membership_applications",
    "endorsements",
    "local_action_proposals",
]


def purge() -> str:
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


# -- finding -----------------------------------------------------------------------


def test_finds_every_kind_by_email_whatever_its_case(rosa):
    counts = personal_data_find("  ROSA.DelaCruz@Example.ORG ").counts()
    assert {kind: counts[kind] for kind in ERASED_KINDS} == dict.fromkeys(ERASED_KINDS, 1)


def test_finds_every_kind_by_the_whole_name(rosa):
    counts = personal_data_find("rosa dela cruz").counts()
    assert {kind: counts[kind] for kind in ERASED_KINDS} == dict.fromkeys(ERASED_KINDS, 1)


def test_part_of_a_name_or_address_finds_nothing(rosa):
    assert personal_data_find("Rosa Dela").total == 0
    assert personal_data_find("example.org").total == 0


def test_other_people_are_not_found(rosa, event_index, statement_index):
    leave_traces(event_index, statement_index, email="ana@example.org", name="Ana Reyes")
    report = personal_data_find(EMAIL)
    assert [rsvp.name for rsvp in report.found["rsvps"]] == [NAME]
    assert [message.name for message in report.found["contact_messages"]] == [NAME]


def test_a_member_organization_with_her_as_contact_is_found(rosa):
    MemberOrganization.objects.create(
        name="Kanlungan", slug="kanlungan", country="HK", contact_email=EMAIL
    )
    assert personal_data_find(EMAIL).counts()["member_organizations"] == 1


def test_her_account_is_found_by_username_or_address(rosa, django_user_model):
    django_user_model.objects.create_user("rosadc", email=EMAIL)
    assert personal_data_find("RosaDC").counts()["accounts"] == 1
    assert personal_data_find(EMAIL).counts()["accounts"] == 1


@pytest.mark.parametrize("query", ["", "ro", "  r  "])
def test_a_query_shorter_than_three_characters_is_refused(rosa, query):
    with pytest.raises(QueryTooShort, match="at least 3 characters"):
        personal_data_find(query)


def test_finding_and_exporting_take_as_many_queries_for_many_records_as_for_one(
    rosa, event_index, statement_index
):
    with CaptureQueriesContext(connection) as one:
        personal_data_export(personal_data_find(EMAIL))
    for _ in range(3):
        leave_traces(event_index, statement_index)
    with CaptureQueriesContext(connection) as four:
        report = personal_data_find(EMAIL)
        personal_data_export(report)
    assert report.counts()["rsvps"] == 4
    assert len(four) == len(one)


# -- exporting ---------------------------------------------------------------------


def test_export_holds_what_is_stored_with_dates_as_iso_strings(rosa):
    data = json.loads(json.dumps(personal_data_export(personal_data_find(EMAIL))))
    [rsvp] = data["rsvps"]
    assert (rsvp["name"], rsvp["email"], rsvp["party_size"]) == (NAME, EMAIL, 2)
    assert rsvp["event"] == rosa.event.title
    assert dt.datetime.fromisoformat(rsvp["created_at"]) == rosa.rsvp.created_at
    assert data["contact_messages"][0]["message"] == "Please help."
    assert data["membership_applications"][0]["contact_email"] == EMAIL
    assert data["endorsements"][0]["statement"] == rosa.statement.title
    assert data["local_action_proposals"][0]["proposer_name"] == NAME


def test_export_leaves_out_the_private_link_fingerprint(rosa):
    exported = json.dumps(personal_data_export(personal_data_find(EMAIL)))
    assert rosa.rsvp.token_hash not in exported


# -- erasing -----------------------------------------------------------------------


def test_erase_leaves_nothing_to_find(rosa):
    personal_data_erase(personal_data_find(EMAIL))
    assert personal_data_find(EMAIL).total == 0
    assert personal_data_find(NAME).total == 0


def test_erase_deletes_message_application_and_signature(rosa):
    personal_data_erase(personal_data_find(EMAIL))
    assert not ContactMessage.objects.filter(pk=rosa.message.pk).exists()
    assert not MembershipApplication.objects.filter(pk=rosa.application.pk).exists()
    assert not Endorsement.objects.filter(pk=rosa.endorsement.pk).exists()


def test_erase_removes_the_proposer_but_keeps_the_local_action_and_decision(rosa):
    personal_data_erase(personal_data_find(EMAIL))
    proposal = LocalActionProposal.objects.get(pk=rosa.proposal.pk)
    assert (proposal.proposer_name, proposal.proposer_email) == ("", "")
    assert proposal.organization == "Kanlungan"


def test_erase_cancels_a_reply_to_a_coming_event_and_the_waiting_list_moves_up(rosa):
    waiting = replies.rsvp_create(rosa.event, name="Ana", party_size=1).rsvp
    assert waiting.status == RsvpStatus.WAITLISTED
    result = personal_data_erase(personal_data_find(EMAIL))
    waiting.refresh_from_db()
    assert waiting.status == RsvpStatus.CONFIRMED
    assert RsvpTally.objects.get(event=rosa.event).confirmed_seats == 1
    assert replies.rsvp_counts(rosa.event)[RsvpStatus.CONFIRMED] == 1
    assert (result["rsvps_cancelled"], result["rsvps_anonymized"]) == (1, 1)


def test_erase_keeps_the_number_of_people_who_came_to_a_past_event(rosa):
    type(rosa.event).objects.filter(pk=rosa.event.pk).update(
        starts_at=ago(days=3), ends_at=ago(days=3)
    )
    personal_data_erase(personal_data_find(EMAIL))
    rsvp = Rsvp.objects.get(pk=rosa.rsvp.pk)
    assert (rsvp.name, rsvp.email, rsvp.phone, rsvp.status) == ("", "", "", RsvpStatus.CONFIRMED)
    assert replies.rsvp_counts(rosa.event)[RsvpStatus.CONFIRMED] == 2
    assert RsvpTally.objects.get(event=rosa.event).confirmed_seats == 2


def test_erase_ends_the_private_link_of_her_reply(rosa, client):
    personal_data_erase(personal_data_find(EMAIL))
    assert client.get(f"{rosa.event.url}rsvp/{rosa.rsvp_token}/").status_code == 404


def test_erase_keeps_an_accepted_member_organization_and_says_so(rosa, django_user_model):
    member = application_approve(rosa.application, django_user_model.objects.create_user("sec"))
    result = personal_data_erase(personal_data_find(EMAIL))
    assert MemberOrganization.objects.filter(pk=member.pk, contact_email=EMAIL).exists()
    assert MembershipApplication.objects.filter(pk=rosa.application.pk).exists()
    assert result["member_organizations_kept"] == 1
    assert result["membership_applications_kept"] == 1
    assert result["membership_applications"] == 0


def test_erase_counts_what_went(rosa):
    result = personal_data_erase(personal_data_find(EMAIL))
    assert result == {
        "rsvps_cancelled": 1,
        "rsvps_anonymized": 1,
        "contact_messages": 1,
        "membership_applications": 1,
        "endorsements": 1,
        "local_action_proposals": 1,
        "membership_applications_kept": 0,
        "member_organizations_kept": 0,
        "alert_subscribers": 0,
        "fediverse_followers": 0,
        "accounts_kept": 0,
    }


def test_erasing_twice_erases_nothing_more(rosa):
    report = personal_data_find(EMAIL)
    personal_data_erase(report)
    again = personal_data_erase(report)
    assert again["contact_messages"] == again["endorsements"] == 0
    assert again["rsvps_cancelled"] == 0


# -- the scheduled purge -----------------------------------------------------------


def test_purge_prints_one_line_per_kind(db):
    lines = purge().splitlines()
    # One a kind that expires anything, alert subscribers and fediverse followers included.
    assert len(lines) == 7
    assert "RSVP" in lines[0] and "contact message" in lines[1]


def test_purge_deletes_applications_declined_more_than_90_days_ago(rosa, django_user_model):
    application_decline(rosa.application, django_user_model.objects.create_user("sec"), "No.")
    MembershipApplication.objects.filter(pk=rosa.application.pk).update(decided_at=ago(days=91))
    assert "Deleted 1 membership application" in purge()
    assert not MembershipApplication.objects.filter(pk=rosa.application.pk).exists()


def test_purge_keeps_recently_declined_and_pending_applications(rosa, django_user_model):
    application_decline(rosa.application, django_user_model.objects.create_user("sec"), "No.")
    MembershipApplication.objects.filter(pk=rosa.application.pk).update(decided_at=ago(days=89))
    pending = leave_traces(
        rosa.event.get_parent(), rosa.statement.get_parent(), email="ana@example.org", name="Ana"
    ).application
    MembershipApplication.objects.filter(pk=pending.pk).update(created_at=ago(days=400))
    purge()
    assert MembershipApplication.objects.filter(pk=rosa.application.pk).exists()
    assert MembershipApplication.objects.get(pk=pending.pk).status == ApplicationStatus.PENDING


def test_purge_deletes_signatures_unconfirmed_after_14_days(rosa):
    assert rosa.endorsement.status == EndorsementStatus.UNCONFIRMED
    Endorsement.objects.filter(pk=rosa.endorsement.pk).update(created_at=ago(days=15))
    assert "Deleted 1 unconfirmed endorsement" in purge()
    assert not Endorsement.objects.filter(pk=rosa.endorsement.pk).exists()


def test_purge_keeps_recent_unconfirmed_and_old_confirmed_signatures(rosa):
    Endorsement.objects.filter(pk=rosa.endorsement.pk).update(created_at=ago(days=13))
    confirmed = Endorsement.objects.create(
        statement=rosa.statement,
        display_name="Ana",
        signer_name="Ana",
        status=EndorsementStatus.CONFIRMED,
        dedup_key="public|ana|",
        created_at=ago(days=400),
    )
    purge()
    assert Endorsement.objects.filter(pk__in=[rosa.endorsement.pk, confirmed.pk]).count() == 2


def test_purge_runs_the_rsvp_and_contact_message_purges(rosa, settings):
    type(rosa.event).objects.filter(pk=rosa.event.pk).update(
        starts_at=ago(days=settings.RSVP_RETENTION_DAYS + 1),
        ends_at=ago(days=settings.RSVP_RETENTION_DAYS + 1),
    )
    ContactMessage.objects.filter(pk=rosa.message.pk).update(handled=True, created_at=ago(days=91))
    output = purge()
    assert "Removed personal data from 1 RSVP(s)" in output
    assert "Deleted 1 contact message(s)" in output
    assert Rsvp.objects.get(pk=rosa.rsvp.pk).name == ""
    assert not ContactMessage.objects.filter(pk=rosa.message.pk).exists()


def test_purge_keeps_replies_to_recent_events_and_recent_messages(rosa):
    purge()
    assert Rsvp.objects.get(pk=rosa.rsvp.pk).name == NAME
    assert ContactMessage.objects.filter(pk=rosa.message.pk).exists()


def test_purge_deletes_failed_sign_ins_past_their_lockout_time(db):
    def attempt(username: str, when: dt.datetime) -> AccessAttempt:
        made = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.1", failures_since_start=1
        )
        AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=when)
        return made

    attempt("old", ago(minutes=31))
    recent = attempt("recent", ago(minutes=5))
    purge()
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_run_again_purges_nothing_more(rosa):
    Endorsement.objects.filter(pk=rosa.endorsement.pk).update(created_at=ago(days=15))
    purge()
    second = purge()
    assert "Deleted 0 unconfirmed endorsement(s)" in second
    assert "Deleted 0 membership application(s)" in second
    assert "Removed personal data from 0 RSVP(s)" in second

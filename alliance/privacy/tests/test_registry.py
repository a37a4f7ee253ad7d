"""Privacy works from the personal-data registry alone.

A kind registered by any app is found, shown, handed over, erased and
expired without a change in ``privacy``; and every model that holds an
e-mail address, a phone number or a network address belongs to a kind.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, ClassVar

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, load_command_class
from django.db import models
from django.urls import reverse
from wagtail.models import ModelLogEntry

from alliance.alerts.models import Subscriber
from alliance.core.models import AllianceSettings, ContactMessage, ContactPerson
from alliance.core.personal_data import PersonalDataKind, registry
from alliance.events.models import EventContact, LocalActionProposal, Rsvp
from alliance.federation.models import Follower
from alliance.members.models import Endorsement, MemberOrganization, MembershipApplication
from alliance.privacy.requests import (
    personal_data_erase,
    personal_data_export,
    personal_data_find,
)

from .conftest import EMAIL
from .test_admin import counts_shown, erase_confirmed, text_of

# Models with such fields that hold no one's private data: contact details the
# alliance publishes on purpose, and django-axes logs that the settings turn off
# (checked below).
NOT_PERSONAL = {
    AllianceSettings: "the alliance's own public address",
    ContactPerson: "contact persons the secretariat publishes",
    EventContact: "contact persons an event's editors publish",
    AccessLog: "off: AXES_DISABLE_ACCESS_LOG",
    AccessFailureLog: "off unless AXES_ENABLE_ACCESS_FAILURE_LOG",
}


class Subscribers(PersonalDataKind):
    """A kind from an app privacy has never heard of, its records kept in memory."""

    key = "subscribers"
    title = "Newsletter subscribers"
    position = 45
    note = "Deleted."
    columns = ("E-mail",)
    retention = "subscribers who never confirmed"
    records: ClassVar[list[dict[str, Any]]] = []

    def find(self, query: str) -> list[dict[str, Any]]:
        return [record for record in self.records if record["email"].lower() == query.lower()]

    def describe(self, record: dict[str, Any]) -> list[Any]:
        return [record["email"]]

    def export(self, record: dict[str, Any]) -> dict[str, Any]:
        return dict(record)

    def erase(self, records: list[dict[str, Any]], now: dt.datetime) -> dict[str, int]:
        for record in records:
            self.records.remove(record)
        return {"subscribers": len(records)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return f"Subscribers: {counts['subscribers']}."

    def expire(self, now: dt.datetime) -> list[str]:
        return ["Deleted 0 unconfirmed subscriber(s)."]


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-12345678"))
    return client


@pytest.fixture
def subscribers():
    Subscribers.records[:] = [{"email": EMAIL, "since": "2024-01-01"}]
    registry.register(Subscribers)
    yield Subscribers.records
    registry.unregister(Subscribers.key)


def _personal_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField | models.GenericIPAddressField)
        or "phone" in field.name
    ]


def test_the_registered_kinds_are_the_known_ones_in_the_screens_order():
    assert [kind.key for kind in registry.kinds()] == [
        "rsvps",
        "contact_messages",
        "membership_applications",
        "endorsements",
        "local_action_proposals",
        "member_organizations",
        "alert_subscribers",
        "fediverse_followers",
        "accounts",
        "failed_sign_ins",
    ]
    assert {model for kind in registry.kinds() for model in kind.models} == {
        Rsvp,
        ContactMessage,
        MembershipApplication,
        Endorsement,
        LocalActionProposal,
        MemberOrganization,
        Subscriber,
        Follower,
        get_user_model(),
        AccessAttempt,
    }


def test_every_model_with_contact_details_belongs_to_a_registered_kind():
    registered = {model for kind in registry.kinds() for model in kind.models}
    unregistered = [
        model._meta.label
        for model in apps.get_models()
        if _personal_fields(model) and model not in registered and model not in NOT_PERSONAL
    ]
    assert unregistered == []


def test_the_axes_logs_left_out_are_switched_off():
    assert settings.AXES_DISABLE_ACCESS_LOG is True
    assert not getattr(settings, "AXES_ENABLE_ACCESS_FAILURE_LOG", False)


@pytest.mark.django_db
def test_the_erase_messages_read_a_sentence_per_kind_in_the_screens_order(admin_client, rosa):
    MemberOrganization.objects.create(
        name="Kanlungan", slug="kanlungan", country="HK", contact_email=EMAIL
    )
    shown = text_of(erase_confirmed(admin_client))
    assert (
        "Erased. RSVPs: 1, of which cancelled first: 1. Contact messages: 1. Applications to "
        "join: 1. Endorsements: 1. Local action proposals without the proposer's details now: 1."
    ) in shown
    assert (
        "Kept. Accepted applications: 0. Member organization profiles: 1. User accounts: 0. "
        "An accepted member organization's profile belongs to the organization and is not "
        "personal data to erase; change its contact person under Members › Organizations. Remove "
        "an account under Settings › Users."
    ) in shown


@pytest.mark.django_db
def test_a_new_kind_is_found_and_handed_over(subscribers):
    report = personal_data_find(EMAIL.upper())
    assert report.counts()["subscribers"] == 1
    assert personal_data_export(report)["subscribers"] == [{"email": EMAIL, "since": "2024-01-01"}]


@pytest.mark.django_db
def test_a_new_kind_is_erased_with_the_others(subscribers):
    result = personal_data_erase(personal_data_find(EMAIL))
    assert result["subscribers"] == 1
    assert subscribers == []


@pytest.mark.django_db
def test_a_new_kind_has_its_table_on_the_search_screen(admin_client, subscribers):
    response = admin_client.post(reverse("privacy_search"), {"q": EMAIL})
    assert counts_shown(response)["Newsletter subscribers"] == "1"


@pytest.mark.django_db
def test_a_new_kind_says_what_it_erased_and_the_audit_entry_counts_it(admin_client, subscribers):
    response = erase_confirmed(admin_client)
    assert "Subscribers: 1." in response.text
    entry = ModelLogEntry.objects.get(action="alliance.personal_data_erase")
    assert entry.data["counts"]["subscribers"] == 1


@pytest.mark.django_db
def test_the_daily_purge_runs_a_new_kind_s_retention(subscribers):
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Deleted 0 unconfirmed subscriber(s)." in out.getvalue().splitlines()


def test_the_daily_purge_help_names_a_new_kind_s_retention(subscribers):
    command = load_command_class("alliance.privacy", "purge_personal_data")
    assert "subscribers who never confirmed" in command.help

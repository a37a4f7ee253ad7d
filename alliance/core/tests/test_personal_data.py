"""The personal-data registry itself: how kinds are registered and ordered."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from alliance.core.models import ContactMessage
from alliance.core.personal_data import (
    ContactMessages,
    PersonalDataKind,
    PersonalDataRegistry,
    registry,
)


class First(PersonalDataKind):
    key = "first"
    title = "First"
    position = 1


class Second(PersonalDataKind):
    key = "second"
    title = "Second"
    position = 2
    searchable = False


class KeptOnly(PersonalDataKind):
    key = "kept_only"
    title = "Kept only"
    position = 3
    erasable = False


def test_kinds_come_in_their_position_order_whatever_the_order_of_registering():
    kinds = PersonalDataRegistry()
    kinds.register(Second)
    kinds.register(First)
    assert [kind.key for kind in kinds.kinds()] == ["first", "second"]


def test_only_searchable_kinds_are_offered_to_a_search():
    kinds = PersonalDataRegistry()
    kinds.register(First, Second)
    assert [kind.key for kind in kinds.searchable()] == ["first"]


def test_registering_the_same_kind_twice_keeps_one():
    kinds = PersonalDataRegistry()
    kinds.register(First)
    kinds.register(First)
    assert len(kinds.kinds()) == 1


def test_two_kinds_with_one_key_are_refused():
    class Impostor(First):
        pass

    kinds = PersonalDataRegistry()
    kinds.register(First)
    with pytest.raises(ImproperlyConfigured, match="'first'"):
        kinds.register(Impostor)


def test_a_kind_that_is_not_erasable_counts_what_it_found_as_kept():
    assert KeptOnly().erase(["a", "b"], timezone.now()) == {"kept_only_kept": 2}


def test_a_kind_without_retention_expires_nothing():
    assert First().expire(timezone.now()) == []


def test_core_registers_contact_messages_from_its_app_config():
    assert any(isinstance(kind, ContactMessages) for kind in registry.kinds())


@pytest.mark.django_db
def test_contact_messages_expire_only_when_handled_and_old():
    now = timezone.now()
    old = ContactMessage.objects.create(name="a", email="a@example.org", message="hi")
    ContactMessage.objects.filter(pk=old.pk).update(
        created_at=now - dt.timedelta(days=91), handled=True
    )
    ContactMessage.objects.create(name="b", email="b@example.org", message="hi", handled=True)
    [line] = ContactMessages().expire(now)
    assert line == "Deleted 1 contact message(s) older than 90 days."
    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["b"]

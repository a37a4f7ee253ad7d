"""Replies sent at the same moment never overfill an event (PostgreSQL, real connections)."""

import threading

import pytest
from django.db import connection, connections

from alliance.events import replies
from alliance.events.models import Rsvp, RsvpStatus, RsvpTally

from .factories import EventPageFactory

REPLIES = 24
CAPACITY = 7


# Committed transactions, and Wagtail's initial data (root page, site, groups)
# restored after each test for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def concurrent_event(request):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only exercised for real on PostgreSQL (.ci/run runs it)")
    event_index = request.getfixturevalue("event_index")
    return EventPageFactory(parent=event_index, rsvp_enabled=True, capacity=CAPACITY)


def reply_all_at_once(event, count: int, party_size: int = 1) -> list:
    barrier = threading.Barrier(count)
    outcomes: list = []
    lock = threading.Lock()

    def one(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            receipt = replies.rsvp_create(event, name=f"person {n}", party_size=party_size)
            result = receipt.rsvp.status
        except replies.RsvpRefused:
            result = "refused"
        except Exception as error:  # noqa: BLE001 - reported below, the test must see it
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_simultaneous_replies_fill_exactly_the_capacity(concurrent_event):
    outcomes = reply_all_at_once(concurrent_event, REPLIES)
    assert len(outcomes) == REPLIES
    assert outcomes.count(RsvpStatus.CONFIRMED) == CAPACITY
    assert outcomes.count(RsvpStatus.WAITLISTED) == REPLIES - CAPACITY
    assert Rsvp.objects.filter(event=concurrent_event).count() == REPLIES  # none lost
    assert RsvpTally.objects.get(event=concurrent_event).confirmed_seats == CAPACITY


def test_simultaneous_replies_without_waiting_list_never_overfill(concurrent_event):
    concurrent_event.waiting_list = False
    concurrent_event.save()
    outcomes = reply_all_at_once(concurrent_event, REPLIES, party_size=2)
    confirmed = Rsvp.objects.filter(event=concurrent_event).confirmed()
    seats = sum(r.party_size for r in confirmed)
    assert seats <= CAPACITY
    assert seats == CAPACITY - CAPACITY % 2
    assert outcomes.count("refused") == REPLIES - confirmed.count()
    assert RsvpTally.objects.get(event=concurrent_event).confirmed_seats == seats

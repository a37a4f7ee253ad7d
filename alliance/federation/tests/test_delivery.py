"""Publishing reaches followers: Create, Update and Delete, one delivery per shared inbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.core import publishing
from alliance.federation import delivery
from alliance.federation.models import Activity, Delivery, DeliveryStatus, Follower, Inbox
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followers(peer):
    """Three followers on the peer's server, sharing its inbox."""
    inbox = delivery.inbox_for(f"{peer.base}/inbox")
    for name in ("ana", "ben", "chi"):
        Follower.objects.create(actor=f"{peer.base}/users/{name}", inbox=inbox)
    return inbox


@pytest.fixture
def publish(django_capture_on_commit_callbacks, immediate_tasks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()

    return run


def _fresh(page):
    page.refresh_from_db()  # a revision's publish leaves this instance as it was
    return page


def _kinds(peer) -> list[str]:
    return [item["body"]["type"] for item in peer.received]


def test_a_first_publication_is_one_create_per_shared_inbox(
    statement_index, followers, peer, publish
):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    assert _kinds(peer) == ["Create"]
    create = peer.received[0]["body"]
    assert create["object"]["type"] == "Article"
    assert create["object"]["id"].endswith(str(page.translation_key))
    assert peer.received[0]["path"] == "/inbox"


def test_a_change_is_an_update_and_unpublishing_a_delete(statement_index, followers, peer, publish):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    page.title = "Corrected title"
    publish(lambda: page.save_revision().publish())
    publish(lambda: _fresh(page).unpublish())
    assert _kinds(peer) == ["Create", "Update", "Delete"]
    tombstone = peer.received[2]["body"]["object"]
    assert tombstone["type"] == "Tombstone"
    assert tombstone["formerType"] == "Statement"
    assert peer.received[1]["body"]["object"]["name"] == "Corrected title"


def test_deleting_a_live_page_sends_a_delete(statement_index, followers, peer, publish):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    publish(lambda: _fresh(page).delete())
    assert _kinds(peer) == ["Create", "Delete"]


def test_an_import_sends_nothing(statement_index, followers, peer, publish):
    page = StatementPageFactory(parent=statement_index, live=False)
    with publishing.quietly("import"):
        publish(lambda: page.save_revision().publish())
    assert peer.received == []


def test_the_deleted_object_answers_410_with_its_tombstone(
    client, statement_index, followers, peer, publish
):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    publish(lambda: _fresh(page).unpublish())
    response = client.get(f"/ap/objects/{page.translation_key}")
    assert response.status_code == 410
    assert response.json()["type"] == "Tombstone"


def test_the_outbox_lists_what_was_sent_newest_first(client, statement_index, followers, publish):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    publish(lambda: page.save_revision().publish())
    outbox = client.get("/ap/outbox").json()
    assert outbox["type"] == "OrderedCollection"
    assert outbox["totalItems"] == 2
    first = client.get("/ap/outbox?page=1").json()
    assert [item["type"] for item in first["orderedItems"]] == ["Update", "Create"]


def test_a_server_that_fails_is_tried_again_later(statement_index, followers, peer, publish):
    peer.inbox_status = 503
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    [pending] = Delivery.objects.all()
    assert (pending.status, pending.attempts) == (DeliveryStatus.PENDING, 1)
    assert pending.next_attempt_at > timezone.now()
    assert Inbox.objects.get().failing_since is not None
    peer.inbox_status = 202
    sent = delivery.fan_out(pending.activity_id, now=pending.next_attempt_at)
    assert sent == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert Inbox.objects.get().failing_since is None


def test_a_server_unreachable_for_days_is_dropped_with_its_followers(settings, followers):
    settings.FEDERATION_UNREACHABLE_DAYS = 7
    Inbox.objects.update(failing_since=timezone.now() - dt.timedelta(days=8))
    assert delivery.drop_unreachable() == 1
    assert not Follower.objects.exists()


def test_a_refusal_is_final(statement_index, followers, peer, publish):
    peer.inbox_status = 403
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_a_fan_out_run_again_sends_nothing_twice(statement_index, followers, peer, publish):
    page = StatementPageFactory(parent=statement_index, live=False)
    publish(lambda: page.save_revision().publish())
    delivery.fan_out(Activity.objects.get().pk)
    assert _kinds(peer) == ["Create"]


def _inboxes(peer, count: int) -> None:
    for number in range(count):
        inbox = delivery.inbox_for(f"{peer.base}/inbox?server={number}")
        Follower.objects.create(actor=f"{peer.base}/users/u{number}", inbox=inbox)


def _queries_for_fan_out(statement_index, publish) -> int:
    page = StatementPageFactory(parent=statement_index, live=True)
    activity = Activity.objects.create(
        kind="Create", translation_key=page.translation_key, payload={"type": "Create"}
    )
    with CaptureQueriesContext(connection) as captured:
        delivery.fan_out(activity.pk, chunk=50)
    return len(captured)


def test_queries_do_not_grow_with_the_inboxes(statement_index, peer, publish):
    _inboxes(peer, 3)
    _queries_for_fan_out(statement_index, publish)  # the key is made, the blocks are cached
    few = _queries_for_fan_out(statement_index, publish)
    Follower.objects.all().delete()
    _inboxes(peer, 40)
    many = _queries_for_fan_out(statement_index, publish)
    assert len(peer.received) == 3 + 3 + 40
    assert many == few

"""An independent ActivityPub server (Fedify, from npm) follows the alliance and reads it.

The peer (e2e/federation/fedify_peer.mjs) runs on loopback beside the real site: it
finds the actor through WebFinger, sends a signed Follow, and verifies the HTTP
signature of everything the site sends before parsing it with Fedify's own vocabulary.
Here the site publishes a statement (with a Spanish translation) and an event, corrects
the statement, then withdraws it; the peer's findings are read back and checked.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time

import pytest

from conftest import E2E

PEER = E2E / "federation" / "fedify_peer.mjs"

_PUBLISH = """
import datetime as dt
from alliance.events.models import EventIndexPage, EventPage
from alliance.newsroom.models import StatementIndexPage, StatementPage, Topic
from wagtail.models import Locale
index = StatementIndexPage.objects.filter(locale__language_code="en").first()
statement = StatementPage(
    title="Fediverse interop statement", slug="fediverse-interop",
    summary="Read by another server.", deck="A deck for the fediverse",
    body=[("paragraph", "<p>Every language travels together.</p>")],
)
index.add_child(instance=statement)
statement.topics.set(Topic.objects.all()[:1])
statement.save_revision().publish()
spanish = statement.copy_for_translation(Locale.objects.get(language_code="es"))
spanish.title = "Declaración para el fediverso"
spanish.save_revision().publish()
events = EventIndexPage.objects.filter(locale__language_code="en").first()
event = EventPage(
    title="Fediverse interop vigil", slug="fediverse-interop-vigil", summary="A vigil.",
    start_date=dt.date(2031, 3, 10), start_time=dt.time(18, 30), end_time=dt.time(20, 0),
    time_zone="Asia/Manila", venue_name="Plaza Miranda", city="Manila", country="PH",
    latitude="14.59900", longitude="120.98400",
)
events.add_child(instance=event)
event.save_revision().publish()
print("PUBLISHED", statement.translation_key)
"""

_CORRECT = """
from alliance.newsroom.models import StatementPage
page = StatementPage.objects.get(slug="fediverse-interop", locale__language_code="en")
page.title = "Fediverse interop statement, corrected"
page.save_revision().publish()
"""

_WITHDRAW = """
from alliance.newsroom.models import StatementPage
for page in StatementPage.objects.filter(slug="fediverse-interop").order_by("-pk"):
    page.unpublish()
"""


class Peer:
    def __init__(self, site_url: str, findings) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            ["node", str(PEER), site_url, str(findings)],  # noqa: S607
            cwd=E2E,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line.strip())

    def wait_for(self, word: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if word in self.lines.get(timeout=1):
                    return
            except queue.Empty:
                if self.process.poll() is not None:
                    break
        pytest.fail(f"The Fedify peer never said {word}:\n{''.join(self.output)}")


@pytest.fixture(scope="module")
def findings(live_site, tmp_path_factory):
    path = tmp_path_factory.mktemp("fedify") / "findings.json"
    peer = Peer(live_site.url, path)
    try:
        peer.wait_for("LISTENING")
        peer.wait_for("FOLLOWED")
        live_site.manage("shell", "-c", _PUBLISH)
        peer.wait_for("RECEIVED Create Event")
        live_site.manage("shell", "-c", _CORRECT)
        peer.wait_for("corrected")
        live_site.manage("shell", "-c", _WITHDRAW)
        peer.process.wait(timeout=120)
    finally:
        if peer.process.poll() is None:
            peer.process.kill()
    data = json.loads(path.read_text())
    assert not data["errors"], data["errors"]
    return data


def _received(findings, activity: str, object_type: str) -> list[dict]:
    return [
        entry
        for entry in findings["received"]
        if entry["activity"] == activity and (entry.get("object") or {}).get("type") == object_type
    ]


def test_the_peer_finds_the_actor_through_webfinger(findings, live_site):
    host = live_site.url.removeprefix("http://")
    assert findings["webfinger"]["subject"] == f"acct:alliance@{host}"
    assert findings["webfinger"]["fedifySubject"] == f"acct:alliance@{host}"
    assert findings["webfinger"]["self"] == f"{live_site.url}/ap/actor"
    assert findings["follow"]["actorType"] == "Organization"
    assert findings["follow"]["sharedInbox"] == f"{live_site.url}/ap/shared-inbox"


def test_every_delivery_carried_a_signature_the_peer_verified(findings):
    assert findings["inbox"], "nothing was delivered"
    for delivery in findings["inbox"]:
        assert delivery["status"] == 202, delivery
        assert 'algorithm="rsa-sha256"' in delivery["signature"]
        assert delivery["digest"].startswith("SHA-256=")


def test_the_follow_is_accepted(findings, live_site):
    [accept] = [entry for entry in findings["received"] if entry["activity"] == "Accept"]
    assert accept["actor"] == f"{live_site.url}/ap/actor"
    assert accept["object"]["type"] == "Follow"


def test_the_article_carries_every_language(findings):
    articles = _received(findings, "Create", "Article") + _received(findings, "Update", "Article")
    both = [a["object"] for a in articles if set(a["object"]["nameMap"]) == {"en", "es"}]
    assert both, articles
    article = both[0]
    assert article["nameMap"]["es"] == "Declaración para el fediverso"
    assert set(article["contentMap"]) == {"en", "es"}
    assert "Every language travels together." in article["contentMap"]["en"]
    assert article["summaryMap"]["en"] == "A deck for the fediverse"
    assert article["tags"] and article["tags"][0].startswith("#")


def test_the_event_is_read_with_its_time_and_place(findings):
    [create] = _received(findings, "Create", "Event")
    event = create["object"]
    assert event["startTime"] == "2031-03-10T10:30:00Z"  # 18:30 in Manila
    assert event["endTime"] == "2031-03-10T12:00:00Z"
    assert event["location"] == {"name": "Plaza Miranda", "latitude": 14.599, "longitude": 120.984}
    raw = next(
        d["raw"]["object"]
        for d in findings["inbox"]
        if d["raw"]["type"] == "Create" and d["raw"]["object"]["type"] == "Event"
    )
    assert raw["startTime"] == "2031-03-10T18:30:00+08:00"
    assert raw["timezone"] == "Asia/Manila"


def test_the_correction_is_an_update_and_the_withdrawal_a_delete(findings):
    updates = _received(findings, "Update", "Article")
    assert any(u["object"]["name"] == "Fediverse interop statement, corrected" for u in updates)
    [delete] = [entry for entry in findings["received"] if entry["activity"] == "Delete"]
    assert delete["object"]["type"] == "Tombstone"

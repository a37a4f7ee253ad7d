"""Following the alliance: a signed Follow gets a signed Accept; bad requests change nothing."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils import timezone

from alliance.federation import signatures
from alliance.federation.models import DomainBlock, Follower

pytestmark = pytest.mark.django_db

ACTOR = "http://testserver/ap/actor"


def _follow(client, peer, **overrides):
    return peer.signed_post(client, "/ap/inbox", peer.follow(ACTOR), **overrides)


def _verify_ours(client, received: dict) -> None:
    """Check our signature on what the peer received, with the key our actor publishes."""
    pem = client.get("/ap/actor").json()["publicKey"]["publicKeyPem"]
    key = serialization.load_pem_public_key(pem.encode())
    header = dict(signatures._PARAM.findall(received["headers"]["Signature"]))
    assert header["keyId"] == ACTOR + "#main-key"
    assert header["headers"] == "(request-target) host date digest content-type"
    lines = [f"(request-target): post {received['path']}"]
    lines += [
        f"{name}: {received['headers'][name.title()]}" for name in header["headers"].split()[1:]
    ]
    key.verify(
        base64.b64decode(header["signature"]),
        "\n".join(lines).encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    assert received["headers"]["Digest"] == signatures.digest(received["raw"])


def test_a_signed_follow_is_stored_and_accepted_with_a_signed_accept(
    client, home, peer, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _follow(client, peer)
    assert response.status_code == 202
    follower = Follower.objects.get()
    assert follower.actor == peer.actor_id
    assert follower.inbox.url == f"{peer.base}/inbox"  # the shared inbox
    [accept] = peer.received
    assert accept["path"] == "/users/ana/inbox"
    assert accept["body"]["type"] == "Accept"
    assert accept["body"]["object"]["id"] == f"{peer.base}/follows/1"
    _verify_ours(client, accept)


def test_undo_of_the_follow_removes_the_follower(client, home, peer, immediate_tasks):
    _follow(client, peer)
    undo = {
        "id": f"{peer.base}/undo/1",
        "type": "Undo",
        "actor": peer.actor_id,
        "object": peer.follow(ACTOR),
    }
    assert peer.signed_post(client, "/ap/shared-inbox", undo).status_code == 202
    assert not Follower.objects.exists()


def test_an_unsigned_follow_gets_a_401_and_changes_nothing(client, home, peer):
    body = json.dumps(peer.follow(ACTOR))
    response = client.post("/ap/inbox", body, content_type="application/activity+json")
    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_forged_signature_gets_a_401(client, home, peer):
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    real = peer.key
    peer.key = forger
    body = json.dumps(peer.follow(ACTOR)).encode()
    headers = signatures.sign("POST", "http://testserver/ap/inbox", forger, peer.key_id, body=body)
    peer.key = real
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    response = client.post("/ap/inbox", body, content_type="application/activity+json", **extra)
    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_replayed_request_gets_a_401(client, home, peer, immediate_tasks):
    body = json.dumps(peer.follow(ACTOR)).encode()
    headers = signatures.sign(
        "POST", "http://testserver/ap/inbox", peer.key, peer.key_id, body=body
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    first = client.post("/ap/inbox", body, content_type="application/activity+json", **extra)
    Follower.objects.all().delete()
    again = client.post("/ap/inbox", body, content_type="application/activity+json", **extra)
    assert (first.status_code, again.status_code) == (202, 401)
    assert not Follower.objects.exists()


def test_a_stale_date_gets_a_401(client, home, peer):
    body = json.dumps(peer.follow(ACTOR)).encode()
    old = timezone.now() - dt.timedelta(hours=3)
    headers = signatures.sign(
        "POST", "http://testserver/ap/inbox", peer.key, peer.key_id, body=body, now=old
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    response = client.post("/ap/inbox", body, content_type="application/activity+json", **extra)
    assert response.status_code == 401
    assert "Date" in response.json()["error"]


def test_a_body_changed_after_signing_gets_a_401(client, home, peer):
    body = json.dumps(peer.follow(ACTOR)).encode()
    headers = signatures.sign(
        "POST", "http://testserver/ap/inbox", peer.key, peer.key_id, body=body
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    changed = body.replace(b"follows/1", b"follows/2")
    response = client.post("/ap/inbox", changed, content_type="application/activity+json", **extra)
    assert response.status_code == 401
    assert "Digest" in response.json()["error"]


def test_an_activity_for_another_actor_gets_a_401(client, home, peer):
    follow = peer.follow(ACTOR) | {"actor": f"{peer.base}/users/someone-else"}
    assert peer.signed_post(client, "/ap/inbox", follow).status_code == 401
    assert not Follower.objects.exists()


def test_a_blocked_domain_is_refused(client, home, peer):
    DomainBlock.objects.create(domain="127.0.0.1")
    assert _follow(client, peer).status_code == 403
    assert not Follower.objects.exists()


def test_blocking_a_domain_removes_its_followers(client, home, peer, immediate_tasks):
    _follow(client, peer)
    DomainBlock.objects.create(domain="127.0.0.1")
    assert not Follower.objects.exists()


def test_a_body_that_is_not_an_activity_is_a_400(client, home):
    response = client.post("/ap/inbox", b"[1, 2]", content_type="application/activity+json")
    assert response.status_code == 400

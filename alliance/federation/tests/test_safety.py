"""What the site fetches, whom it hears from, and what it keeps of people."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from http_message_signatures import HTTPMessageSigner, algorithms
from http_message_signatures.resolvers import MappingKeyResolver

from alliance.core.personal_data import registry
from alliance.federation import fetch
from alliance.federation.delivery import inbox_for
from alliance.federation.middleware import wants_activity
from alliance.federation.models import Follower

pytestmark = pytest.mark.django_db

ACTOR = "http://testserver/ap/actor"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/inbox",
        "https://10.0.0.8/inbox",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/inbox",
        "https://192.168.1.1/",
        "file:///etc/passwd",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url, settings):
    settings.FEDERATION_ALLOW_LOCAL = False
    with pytest.raises(fetch.FetchError):
        fetch.request("GET", url, {})


def test_loopback_is_allowed_only_when_asked_for_private_networks_never(settings):
    settings.FEDERATION_ALLOW_LOCAL = True
    assert fetch.resolve("http://127.0.0.1:9/inbox")[3] == "127.0.0.1"
    with pytest.raises(fetch.FetchError, match="not public"):
        fetch.resolve("http://10.0.0.8/inbox")


def test_an_answer_over_the_size_limit_is_refused(settings, peer):
    settings.FEDERATION_FETCH_MAX_BYTES = 100
    with pytest.raises(fetch.FetchError, match="too big"):
        fetch.request("GET", peer.actor_id, {})


@dataclass
class _Message:
    method: str
    url: str
    headers: dict = field(default_factory=dict)


def test_an_rfc_9421_signature_is_verified(client, home, peer, immediate_tasks):
    body = json.dumps(peer.follow(ACTOR)).encode()
    message = _Message(
        "POST", "http://testserver/ap/inbox", {"Content-Type": "application/activity+json"}
    )
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.RSA_V1_5_SHA256,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={peer.key_id: peer.key}),
    )
    signer.sign(
        message,
        key_id=peer.key_id,
        created=timezone.now(),
        covered_component_ids=("@method", "@target-uri"),
        body=body,
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in message.headers.items()}
    extra.pop("HTTP_CONTENT_TYPE")
    response = client.post("/ap/inbox", body, content_type="application/activity+json", **extra)
    assert response.status_code == 202, response.content
    assert Follower.objects.filter(actor=peer.actor_id).exists()


@pytest.mark.parametrize(
    ("accept", "wanted"),
    [
        ("application/activity+json", True),
        ('application/ld+json; profile="https://www.w3.org/ns/activitystreams"', True),
        ("text/html,application/xhtml+xml,*/*;q=0.8", False),
        ("*/*", False),
        ("", False),
    ],
)
def test_who_asks_for_activitystreams(accept, wanted):
    assert wants_activity(accept) is wanted


def test_followers_are_personal_data_found_by_address_and_erased(peer):
    Follower.objects.create(actor=peer.actor_id, inbox=inbox_for(f"{peer.base}/inbox"))
    [kind] = [kind for kind in registry.kinds() if kind.key == "fediverse_followers"]
    [found] = kind.find(peer.actor_id)
    assert kind.export(found)["actor"] == peer.actor_id
    assert kind.erase([found], timezone.now()) == {"fediverse_followers": 1}
    assert not Follower.objects.exists()


def test_a_handle_finds_the_follower_at_its_usual_address():
    Follower.objects.create(
        actor="https://social.example/users/ana", inbox=inbox_for("https://social.example/inbox")
    )
    [kind] = [kind for kind in registry.kinds() if kind.key == "fediverse_followers"]
    assert [f.actor for f in kind.find("@ana@social.example")] == [
        "https://social.example/users/ana"
    ]

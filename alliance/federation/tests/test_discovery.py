"""Finding the alliance: WebFinger, NodeInfo, the actor, and the links on every page."""

from __future__ import annotations

import pytest

from alliance.federation.delivery import inbox_for
from alliance.federation.models import Follower

pytestmark = pytest.mark.django_db


def test_webfinger_answers_the_handle_on_the_base_url_host(client, settings, home):
    settings.WAGTAILADMIN_BASE_URL = "https://alliance.example.org"
    response = client.get("/.well-known/webfinger?resource=acct:alliance@alliance.example.org")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jrd+json"
    [self_link] = [link for link in response.json()["links"] if link["rel"] == "self"]
    assert self_link == {
        "rel": "self",
        "type": "application/activity+json",
        "href": "https://alliance.example.org/ap/actor",
    }


def test_webfinger_keeps_a_port_that_is_not_the_default(client, settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    response = client.get("/.well-known/webfinger?resource=acct:alliance@127.0.0.1:8000")
    assert response.json()["subject"] == "acct:alliance@127.0.0.1:8000"


def test_webfinger_knows_no_one_else(client, home):
    response = client.get("/.well-known/webfinger?resource=acct:someone@testserver")
    assert response.status_code == 404


def test_webfinger_without_a_resource_says_so(client, home):
    response = client.get("/.well-known/webfinger")
    assert response.status_code == 400
    assert "resource" in response.json()["error"]


def test_nodeinfo_is_discovered_and_says_activitypub(client, home):
    links = client.get("/.well-known/nodeinfo").json()["links"]
    assert links[0]["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.1"
    info = client.get("/nodeinfo/2.1").json()
    assert info["version"] == "2.1"
    assert info["protocols"] == ["activitypub"]
    assert info["openRegistrations"] is False


def test_the_actor_is_an_organization_with_a_public_key(client, home):
    response = client.get("/ap/actor", HTTP_ACCEPT="application/activity+json")
    assert response["Content-Type"].startswith("application/activity+json")
    actor = response.json()
    assert actor["type"] == "Organization"
    assert actor["preferredUsername"] == "alliance"
    assert actor["name"] == "Test Alliance"
    assert actor["publicKey"]["id"] == "http://testserver/ap/actor#main-key"
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert actor["endpoints"]["sharedInbox"] == "http://testserver/ap/shared-inbox"


def test_the_key_is_generated_once(client, home):
    first = client.get("/ap/actor").json()["publicKey"]["publicKeyPem"]
    second = client.get("/ap/actor").json()["publicKey"]["publicKeyPem"]
    assert first == second


def test_every_page_links_the_actor(client, home):
    html = client.get("/en/").content.decode()
    assert (
        '<link rel="alternate" type="application/activity+json" href="http://testserver/ap/actor">'
    ) in html


def test_the_home_page_shows_the_handle(client, home):
    html = client.get("/en/").content.decode()
    assert "@alliance@testserver" in html


def test_followers_shows_the_count_but_not_who(client, home, peer):
    Follower.objects.create(actor=peer.actor_id, inbox=inbox_for(f"{peer.base}/inbox"))
    followers = client.get("/ap/followers").json()
    assert followers["totalItems"] == 1
    assert "orderedItems" not in followers and "items" not in followers

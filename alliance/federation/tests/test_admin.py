"""Blocking a domain in the admin (Settings › Blocked domains)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.federation.delivery import inbox_for
from alliance.federation.models import DomainBlock, Follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _add(admin_client, domain: str):
    url = reverse("wagtailsnippets_federation_domainblock:add")
    return admin_client.post(url, {"domain": domain, "reason": "Spam"})


def test_an_administrator_blocks_a_domain_and_its_followers_go(admin_client, home):
    Follower.objects.create(
        actor="https://spam.example/users/x", inbox=inbox_for("https://spam.example/inbox")
    )
    response = _add(admin_client, "  Spam.Example. ")
    assert response.status_code == 302
    assert DomainBlock.objects.get().domain == "spam.example"
    assert not Follower.objects.exists()


def test_an_address_instead_of_a_domain_is_refused_with_a_message(admin_client, home):
    response = _add(admin_client, "https://spam.example/users")
    assert response.status_code == 200
    assert "Enter a host name only" in response.content.decode()
    assert not DomainBlock.objects.exists()


def test_the_settings_menu_offers_blocked_domains(admin_client, home):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_federation_domainblock:list") in html

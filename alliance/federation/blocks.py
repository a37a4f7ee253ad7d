"""Blocked domains: an administrator's list (Settings › Blocked domains), read through the cache."""

from __future__ import annotations

from django.core.cache import cache

from .models import DomainBlock, Follower, Inbox

CACHE_KEY = "federation:blocked-domains"


def _domains() -> frozenset[str]:
    domains = cache.get(CACHE_KEY)
    if domains is None:
        domains = frozenset(DomainBlock.objects.values_list("domain", flat=True))
        cache.set(CACHE_KEY, domains, 300)
    return domains


def blocked(host: str) -> bool:
    """Is this host, or a domain above it, blocked?"""
    host = host.lower().rstrip(".")
    domains = _domains()
    parts = host.split(".")
    return any(".".join(parts[index:]) in domains for index in range(len(parts)))


def normalize(domain: str) -> str:
    return domain.strip().lower().rstrip(".")


def apply(block: DomainBlock) -> int:
    """Remove what a new block concerns: the domain's inboxes and their followers."""
    cache.delete(CACHE_KEY)
    domain = block.domain
    inboxes = Inbox.objects.filter(domain=domain) | Inbox.objects.filter(
        domain__endswith="." + domain
    )
    followers = Follower.objects.filter(inbox__in=inboxes).count()
    inboxes.delete()
    return followers


def lifted() -> None:
    cache.delete(CACHE_KEY)

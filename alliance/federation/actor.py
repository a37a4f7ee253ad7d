"""The alliance's actor, its WebFinger answer and the server's NodeInfo."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from wagtail.models import Site

from alliance.core.models import AllianceSettings

from . import addresses, keys
from .models import Activity, Follower


def _alliance() -> AllianceSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    return AllianceSettings.for_site(site) if site is not None else None


def document() -> dict:
    alliance = _alliance()
    name = (alliance.name if alliance else "") or settings.WAGTAIL_SITE_NAME
    data: dict = {
        "@context": addresses.CONTEXT,
        "id": addresses.actor_id(),
        "type": "Organization",
        "preferredUsername": settings.FEDERATION_USERNAME,
        "name": name,
        "summary": f"<p>{alliance.tagline}</p>" if alliance and alliance.tagline else "",
        "url": addresses.base_url() + "/",
        "inbox": addresses.absolute(reverse("federation_inbox")),
        "outbox": addresses.absolute(reverse("federation_outbox")),
        "followers": addresses.followers_id(),
        "endpoints": {"sharedInbox": addresses.absolute(reverse("federation_shared_inbox"))},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "indexable": True,
        "publicKey": {
            "id": addresses.key_id(),
            "owner": addresses.actor_id(),
            "publicKeyPem": keys.actor_key().public_key_pem,
        },
    }
    if alliance and alliance.logo_id:
        rendition = alliance.logo.get_rendition("max-400x400|format-png")
        data["icon"] = {
            "type": "Image",
            "mediaType": "image/png",
            "url": addresses.absolute(rendition.url),
        }
    return data


def webfinger(resource: str) -> dict | None:
    """The JRD for ``acct:<name>@<host>`` or the actor's address; None for anyone else."""
    account = f"acct:{settings.FEDERATION_USERNAME}@{addresses.host()}"
    if resource.lower() not in (account.lower(), addresses.actor_id().lower()):
        return None
    return {
        "subject": account,
        "aliases": [addresses.actor_id()],
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": addresses.actor_id()},
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": addresses.base_url() + "/",
            },
        ],
    }


def nodeinfo() -> dict:
    alliance = _alliance()
    return {
        "version": "2.1",
        "software": {"name": "alliance", "version": "0.1.0"},
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {
            "users": {"total": 1, "activeMonth": 1, "activeHalfyear": 1},
            "localPosts": Activity.objects.filter(kind="Create").count(),
        },
        "metadata": {
            "nodeName": (alliance.name if alliance else "") or settings.WAGTAIL_SITE_NAME,
            "followers": Follower.objects.count(),
        },
    }

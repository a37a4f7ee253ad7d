"""Personal data in federation: who follows the alliance from the fediverse.

A follower is an account's address on its server and the inbox activities go
to; nothing else is kept. Registered from ``FederationConfig.ready()``. Found
by the account's address (``https://server.example/users/name``) or its handle
(``@name@server.example`` is looked up as the usual Mastodon address).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.core.personal_data import PersonalDataKind, admin_time, deleted_count, iso

from .delivery import drop_unreachable
from .models import Follower


def _addresses(query: str) -> list[str]:
    query = query.strip()
    if query.startswith("@") and query.count("@") == 2:
        _empty, name, host = query.split("@")
        return [f"https://{host}/users/{name}", f"https://{host}/@{name}"]
    return [query]


class Followers(PersonalDataKind):
    key = "fediverse_followers"
    title = gettext_lazy("Fediverse followers")
    position = 66
    models = (Follower,)
    note = gettext_lazy("Deleted: the alliance's posts no longer go to them.")
    columns = (gettext_lazy("Account"), gettext_lazy("Inbox"), gettext_lazy("Followed"))
    retention = "followers on a server unreachable for FEDERATION_UNREACHABLE_DAYS days"

    def find(self, query: str) -> list[Follower]:
        wanted = [address.lower() for address in _addresses(query)]
        return [
            follower
            for follower in Follower.objects.filter(actor__in=_addresses(query)).select_related(
                "inbox"
            )
            if follower.actor.lower() in wanted
        ]

    def describe(self, follower: Follower) -> list[Any]:
        return [follower.actor, follower.inbox.url, admin_time(follower.created_at)]

    def export(self, follower: Follower) -> dict[str, Any]:
        return {
            "actor": follower.actor,
            "inbox": follower.inbox.url,
            "followed_at": iso(follower.created_at),
        }

    def erase(self, records: list[Follower], now: dt.datetime) -> dict[str, int]:
        found = Follower.objects.filter(pk__in=[follower.pk for follower in records])
        return {"fediverse_followers": deleted_count(found)}

    def erased_summary(self, counts: dict[str, int]) -> str:
        return _("Fediverse followers: %(count)d.") % {"count": counts["fediverse_followers"]}

    def expire(self, now: dt.datetime) -> list[str]:
        count = drop_unreachable(now)
        return [f"Dropped {count} unreachable fediverse inbox(es) and their followers."]

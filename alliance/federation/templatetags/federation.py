"""The fediverse on our pages: the actor's (or an item's) link, and the handle."""

from __future__ import annotations

from django import template

from .. import addresses, objects

register = template.Library()


@register.simple_tag
def activity_link(page=None) -> str:
    """Where ActivityPub readers find this page: the item's object, else the actor."""
    if page is not None and objects.federated(page):
        return addresses.object_id(page.translation_key)
    return addresses.actor_id()


@register.simple_tag
def fediverse_handle() -> str:
    return addresses.handle()

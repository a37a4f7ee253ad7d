"""The share links under a statement or an event (core/share.py)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from alliance.core import share, structured_data

register = template.Library()


@register.inclusion_tag("core/includes/share.html", takes_context=True)
def share_block(context, page) -> dict:
    """Links to share ``page`` by WhatsApp, Telegram, e-mail and the fediverse, nothing loaded."""
    url = structured_data.site_url(context["request"], page.url)
    return {
        "share_title": page.title,
        "share_url": url,
        "links": share.share_links(page.title, url),
        "fediverse": reverse("share_fediverse", args=[page.pk]),
    }

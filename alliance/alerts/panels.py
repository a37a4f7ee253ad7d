"""The compact subscribe form that alerts put on pages of the apps below (``core.panels``).

The statements index (and a topic's statements, the index filtered by topic), the
events index and the home page name a slot; alerts fill it. The form holds no
CSRF or human-check token, so the pages stay in the page cache (a stored copy is
shared by every reader, and a token is good for one form only): it only carries
the address to the full form, which has both and a button to press.
"""

from __future__ import annotations

from django.template import Context

from alliance.core import panels
from alliance.events.models import EventIndexPage
from alliance.newsroom.models import StatementIndexPage

LISTING_AFTER = "listing-after"
HOME_AFTER = "home-after"
TEMPLATE = "alerts/includes/subscribe_form.html"


def _filtered(page_context: Context, name: str):
    form = page_context.get("filter")
    cleaned = getattr(form, "cleaned_data", None) or {}
    return cleaned.get(name)


def _form(topic=None, region=None) -> dict:
    # The full form's address carries the choice on: ids only, never the address typed.
    query = f"?topics={topic.pk}" if topic else f"?regions={region.pk}" if region else ""
    return {"topic": topic, "region": region, "full_form_query": query}


def listing_form(page_context: Context, page) -> dict | None:
    """On the statements index (a topic's when filtered) and the events index."""
    if isinstance(page, StatementIndexPage):
        return _form(topic=_filtered(page_context, "topic"))
    if isinstance(page, EventIndexPage):
        return _form(region=_filtered(page_context, "region"))
    return None


def home_form(page_context: Context, page) -> dict:
    return _form()


def register() -> None:
    panels.register(LISTING_AFTER, TEMPLATE, listing_form)
    panels.register(HOME_AFTER, TEMPLATE, home_form)

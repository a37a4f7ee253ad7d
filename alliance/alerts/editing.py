"""What the page editor shows of alerts, and the editor's choice to publish without them.

In the publish menu of a statement, event or day of action that was never
published, the editor sees how many subscribers in which languages the first
publication will reach, and a second button, "Publish without alerts". That
button is Wagtail's own publish action (``action-publish``) with another value,
so publishing, scheduling and validation stay Wagtail's; the alerts' hooks only
note the choice:

- before the editor's form is processed, for this request (a context variable,
  reset when each request starts), which the receiver on the published-content
  seam reads when the page goes live at once;
- after it is saved, as a ``Withheld`` record of the item, which a scheduled
  publication read later by ``publish_scheduled`` finds. Publishing again with
  the ordinary button removes it, so the last choice holds.

Nothing here changes a domain app: the count and the button are alerts' own.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest
from wagtail.models import Page

from . import sending
from .models import Mailing, Withheld

WITHOUT_ALERTS = "without-alerts"

_without_alerts: ContextVar[bool] = ContextVar("alerts_without_alerts", default=False)


def reset(**kwargs) -> None:
    """Forget the choice (connected to ``request_started`` and ``request_finished``)."""
    _without_alerts.set(False)


def _publishing(request: HttpRequest) -> str | None:
    if request.method != "POST":
        return None
    return request.POST.get("action-publish") or None


def note_choice(request: HttpRequest) -> None:
    """Before the editor's form is processed: remember the button for this request."""
    _without_alerts.set(_publishing(request) == WITHOUT_ALERTS)


def keep_choice(request: HttpRequest, page: Page) -> None:
    """After the page is saved: keep the choice for a publication scheduled for later."""
    action = _publishing(request)
    if action is None or Mailing.objects.filter(translation_key=page.translation_key).exists():
        return
    if action == WITHOUT_ALERTS:
        Withheld.objects.get_or_create(translation_key=page.translation_key)
    else:
        Withheld.objects.filter(translation_key=page.translation_key).delete()


def withheld(page: Page) -> bool:
    """Whether the editor chose to publish this item without alerts."""
    if _without_alerts.get():
        Withheld.objects.get_or_create(translation_key=page.translation_key)
        return True
    return Withheld.objects.filter(translation_key=page.translation_key).exists()


@dataclass(frozen=True)
class Recipients:
    total: int
    by_language: list[tuple[str, int]]


def recipients(page: Page) -> Recipients | None:
    """Who a first publication of ``page`` (as it is in the editor) would reach.

    None when it would reach no one by rule: not an item alerts announce, or
    published before. Counts every frequency; weekly subscribers get it in the digest.
    """
    kind = sending.item_kind(page)
    if kind is None or page.first_published_at is not None:
        return None
    if Mailing.objects.filter(translation_key=page.translation_key).exists():
        return None  # a translation of an item already announced
    rows = (
        sending.wanting_page(kind, page)
        .values("language")
        .annotate(count=Count("pk"))
        .order_by("language")
    )
    names = dict(settings.LANGUAGES)
    by_language = [(str(names.get(row["language"], row["language"])), row["count"]) for row in rows]
    return Recipients(sum(count for _name, count in by_language), by_language)


def page_in_editor(context: dict) -> Page | None:
    """The page of the editor's publish menu; a new, empty one in the create view."""
    if context.get("page") is not None:
        return context["page"]
    match = getattr(context["request"], "resolver_match", None)
    kwargs = match.kwargs if match else {}
    try:
        model = apps.get_model(kwargs["content_type_app_name"], kwargs["content_type_model_name"])
    except (KeyError, LookupError):
        return None
    return model() if issubclass(model, Page) else None

"""Alerts listen to the published-content seam (``alliance.core.publishing``).

Only a first publication by an editor sends: a republished correction is
CHANGED, a scheduled page is PUBLISHED when it goes live, and content written
in bulk (the WordPress import, the demo) comes with an ``origin`` and sends
nothing; nor does an item its editor published without alerts (``editing``).
"""

from __future__ import annotations

from django.core.signals import request_finished, request_started
from django.dispatch import Signal
from wagtail.models import Page

from alliance.core.publishing import Change, content_changed

from . import editing, sending


def on_content_changed(
    sender, page: Page, change: str, origin: str | None = None, **kwargs
) -> None:
    if origin is not None or change != Change.PUBLISHED:
        return
    if sending.item_kind(page) is None or editing.withheld(page):
        return
    sending.mailing_create(page)


def connect(signal: Signal = content_changed) -> None:
    signal.connect(on_content_changed, dispatch_uid="alerts-content-changed")
    request_started.connect(editing.reset, dispatch_uid="alerts-reset-choice-start")
    request_finished.connect(editing.reset, dispatch_uid="alerts-reset-choice-end")

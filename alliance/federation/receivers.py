"""Federation listens to the published-content seam (``alliance.core.publishing``).

Every public change of a statement or event by an editor is announced after the
commit; content written in bulk (the WordPress import, the demo) comes with an
``origin`` and is not: followers must not receive a thousand old posts.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Page

from alliance.core.publishing import Change, content_changed

from . import blocks, objects
from .announce import announce, announce_below
from .models import DomainBlock


def on_content_changed(
    sender,
    page: Page,
    change: str,
    origin: str | None = None,
    subtree: bool = False,
    **kwargs,
) -> None:
    if origin is not None or change == Change.UNSEEN:
        return
    if subtree:  # the items below moved, or were hidden or shown, with it
        page_id = page.pk
        transaction.on_commit(lambda: announce_below.enqueue(page_id))
    if not objects.federated(page):
        return
    key, label = str(page.translation_key), page._meta.label_lower
    transaction.on_commit(lambda: announce.enqueue(key, label))


def on_block_saved(sender, instance: DomainBlock, **kwargs) -> None:
    blocks.apply(instance)


def on_block_deleted(sender, instance: DomainBlock, **kwargs) -> None:
    blocks.lifted()


def connect(signal: Signal = content_changed) -> None:
    signal.connect(on_content_changed, dispatch_uid="federation-content-changed")
    post_save.connect(on_block_saved, sender=DomainBlock, dispatch_uid="federation-block-saved")
    post_delete.connect(
        on_block_deleted, sender=DomainBlock, dispatch_uid="federation-block-deleted"
    )

"""What the alliance tells its followers: Create, Update and Delete of statements and events.

Decided in a task after the editor's transaction commits, from what is public
then: the item's first public appearance is a Create, any later change while
public an Update (a translation added or withdrawn included), and its last
public translation leaving a Delete with a Tombstone. The item's previous
activity says which applies, so a republished page that had been withdrawn is
created again.
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import addresses, delivery, objects
from .models import PUBLIC_KINDS, Activity, ActivityKind


def _last_kind(translation_key) -> str | None:
    return (
        Activity.objects.filter(translation_key=translation_key, kind__in=PUBLIC_KINDS)
        .order_by("-created_at", "-pk")
        .values_list("kind", flat=True)
        .first()
    )


def _activity(kind: str, translation_key, document: dict) -> Activity:
    activity_uuid = uuid.uuid4()
    payload = {
        "@context": addresses.CONTEXT,
        "id": addresses.activity_id(activity_uuid),
        "type": kind,
        "actor": addresses.actor_id(),
        "published": timezone.now().isoformat(timespec="seconds"),
        "to": [addresses.PUBLIC],
        "cc": [addresses.followers_id()],
        "object": {key: value for key, value in document.items() if key != "@context"},
    }
    return Activity.objects.create(
        uuid=activity_uuid, kind=kind, translation_key=translation_key, payload=payload
    )


def decide(translation_key, model_label: str) -> Activity | None:
    """Store the activity the item's present state calls for, if any."""
    model = apps.get_model(model_label)
    pages = objects.translations(translation_key, model)
    last = _last_kind(translation_key)
    if not pages:
        if last in (None, ActivityKind.DELETE):
            return None
        gone = objects.tombstone(
            translation_key, model.__name__.removesuffix("Page"), timezone.now()
        )
        return _activity(ActivityKind.DELETE, translation_key, gone)
    document = objects.article(pages) if model is objects.StatementPage else objects.event(pages)
    kind = (
        ActivityKind.UPDATE
        if last in (ActivityKind.CREATE, ActivityKind.UPDATE)
        else ActivityKind.CREATE
    )
    return _activity(kind, translation_key, document)


@task()
def announce(translation_key: str, model_label: str) -> int | None:
    with transaction.atomic():
        activity = decide(uuid.UUID(translation_key), model_label)
    if activity is None:
        return None
    delivery.enqueue(activity.pk)
    return activity.pk

"""What the alliance tells its followers: Create, Update and Delete of statements and events.

Decided in a task after the editor's transaction commits, from what is public
then: the item's first public appearance is a Create, any later change while
public an Update (a translation added or withdrawn included), and its last
public translation leaving a Delete with a Tombstone. The item's previous
activity says which applies, so a republished page that had been withdrawn is
created again.

A moved section (or one whose slug changed) moves the addresses of everything
below it: :func:`announce_below` looks at those items a batch at a time and
announces only the ones whose object changed (its ``url``, or whether it is
public at all), so a move costs a few queries per batch plus the announced
items' own. Items never announced (imported quietly) stay unannounced.
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from alliance.core import visibility

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


#: Items below a moved page looked at per round of queries.
BATCH = 200
_SHOWN = (ActivityKind.CREATE, ActivityKind.UPDATE)


def _keys_below(path: str, depth: int, after, labels: dict[int, str]) -> list[tuple]:
    """The next batch of (translation key, model label) of live items below ``path``."""
    rows = (
        Page.objects.live()
        .filter(path__startswith=path, depth__gt=depth, content_type_id__in=labels)
        .filter(translation_key__gt=after)
        .order_by("translation_key")
        .values_list("translation_key", "content_type_id")
        .distinct()[:BATCH]
    )
    return [(key, labels[type_id]) for key, type_id in rows]


def _main_urls(keys: list) -> dict:
    """Each item's address as its object gives it (its main language's page), if public."""
    pages = list(
        Page.objects.live()
        .filter(translation_key__in=keys)
        .filter(visibility.public_q())
        .select_related("locale")
        .order_by("pk")
    )
    pages.sort(key=lambda page: page.locale.language_code != settings.LANGUAGE_CODE)
    urls: dict = {}
    for page in pages:
        urls.setdefault(page.translation_key, page)
    return {key: addresses.page_url(page) for key, page in urls.items()}


def _last_sent(keys: list) -> dict:
    """Each item's last activity, as (kind, the object's url)."""
    latest = (
        Activity.objects.filter(translation_key=OuterRef("translation_key"), kind__in=PUBLIC_KINDS)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    rows = Activity.objects.filter(translation_key__in=keys, pk=Subquery(latest)).values_list(
        "translation_key", "kind", "payload__object__url"
    )
    return {key: (kind, url) for key, kind, url in rows}


def _changed(batch: list[tuple]) -> list[tuple]:
    keys = [key for key, _label in batch]
    urls, sent = _main_urls(keys), _last_sent(keys)
    changed = []
    for key, label in batch:
        kind, url = sent.get(key, (None, None))
        moved_or_hidden = kind in _SHOWN and urls.get(key) != url
        shown_again = kind == ActivityKind.DELETE and key in urls
        if moved_or_hidden or shown_again:
            changed.append((key, label))
    return changed


@task()
def announce_below(page_id: int) -> int:
    """Announce the items below a moved (or re-slugged) page whose object changed; how many."""
    found = Page.objects.filter(pk=page_id).values_list("path", "depth").first()
    if found is None:
        return 0
    path, depth = found
    kinds = ContentType.objects.get_for_models(*objects.KINDS)
    labels = {kinds[model].pk: model._meta.label_lower for model in objects.KINDS}
    announced, after = 0, uuid.UUID(int=0)
    while batch := _keys_below(path, depth, after, labels):
        after = batch[-1][0]
        for key, label in _changed(batch):
            with transaction.atomic():
                activity = decide(key, label)
            if activity is not None:
                delivery.enqueue(activity.pk)
                announced += 1
    return announced

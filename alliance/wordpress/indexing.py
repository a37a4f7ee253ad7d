"""Search and reference indexing of what an import writes, a batch at a time.

The bulk writes send no save signals, so nothing is indexed one object at a
time. New pages are indexed from the objects in memory, with every relation
already there (no query per page); the reference index gets all of a batch's
rows in one insert, since a new page has no rows to compare with. Topics and
people created along the way are indexed once, at the end.

On SQLite (Wagtail's database search backend), modelsearch's ``add_items``
extracts every search field of an object three times (once each for the title,
body and autocomplete columns, keeping a third of it each time), looks for rows
of the new objects, and recomputes the average title length over the whole index
after each batch. For new objects the rows are written here with each field
extracted once, and the title lengths are refreshed once, in ``finish``
(modelsearch's own ``ObjectIndexer`` and ``_refresh_title_norms``: internals,
checked by the import tests' search assertions).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

CHUNK = 500


def _sqlite_index(backend, model):
    """The model's index when it is modelsearch's SQLite index, else None.

    modelsearch's SQLite module resolves its models when imported, and those models
    exist only on SQLite: on PostgreSQL importing it fails, so it is imported here,
    once the database is known to be SQLite.
    """
    if connection.vendor != "sqlite":
        return None
    from . import sqlite_index

    return sqlite_index.index_of(backend, model)


def _add_new(backend, model, objects: list) -> None:
    index = _sqlite_index(backend, model)
    if index is None or not model.get_search_fields():
        backend.add_bulk(model, objects)
        return
    from . import sqlite_index

    sqlite_index.add_new(backend, model, objects, CHUNK)


def index_new(model, objects: list) -> None:
    """Index new objects of one model, in memory, for search and for references."""
    for backend in get_search_backends(with_auto_update=True):
        _add_new(backend, model, objects)
    if not ReferenceIndex.is_indexed(model):
        return
    content_type = ContentType.objects.get_for_model(model)
    base = ContentType.objects.get_for_model(([model, *model._meta.get_parent_list()])[-1])
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base,
            object_id=obj.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for obj in objects
        # The same extraction ReferenceIndex.create_or_update_for_object makes for one object.
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        )
    ]
    ReferenceIndex.objects.bulk_create(
        rows, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def index_created(created: list) -> None:
    """Index topics and people made in bulk (they have no outbound references to record)."""
    by_model: dict[type, list[int]] = defaultdict(list)
    for obj in created:
        by_model[type(obj)].append(obj.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, ids in by_model.items():
        for start in range(0, len(ids), CHUNK):
            objects = list(model.get_indexed_objects().filter(pk__in=ids[start : start + CHUNK]))
            for backend in backends:
                backend.add_bulk(model, objects)


def finish(model) -> None:
    """After the last batch: the title lengths the SQLite index ranks by, once."""
    for backend in get_search_backends(with_auto_update=True):
        index = _sqlite_index(backend, model)
        if index is not None:
            index._refresh_title_norms()

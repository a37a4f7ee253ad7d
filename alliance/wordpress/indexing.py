"""Search and reference indexing of what an import writes, a batch at a time.

The bulk writes send no save signals, so nothing is indexed one object at a
time. New pages are indexed from the objects in memory, with every relation
already there (no query per page); the reference index gets all of a batch's
rows in one insert, since a new page has no rows to compare with. Topics and
people created along the way are indexed once, at the end.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

CHUNK = 500


def index_new(model, objects: list) -> None:
    """Index new objects of one model, in memory, for search and for references."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)
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

"""New objects' rows in modelsearch's SQLite index, each search field extracted once.

Imported only on SQLite (see ``indexing._sqlite_index``): modelsearch's SQLite
module resolves models that exist only there.
"""

from __future__ import annotations

from modelsearch.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer, SQLiteIndex
from modelsearch.utils import get_content_type_pk


class _OnceIndexer(ObjectIndexer):
    """modelsearch's indexer, keeping what it extracted from the object's own fields."""

    def prepare_field(self, obj, field):
        if obj is not self.obj:
            return super().prepare_field(obj, field)
        prepared = self.__dict__.setdefault("_prepared", {})
        if id(field) not in prepared:
            prepared[id(field)] = list(super().prepare_field(obj, field))
        return iter(prepared[id(field)])


def index_of(backend, model) -> SQLiteIndex | None:
    index = backend.get_index_for_model(model)
    return index if isinstance(index, SQLiteIndex) else None


def add_new(backend, model, objects: list, chunk: int) -> None:
    """Write the search rows of new objects, each field extracted once."""
    content_type_pk = get_content_type_pk(model)
    entries = []
    for obj in objects:
        indexer = _OnceIndexer(obj, backend)
        entries.append(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=indexer.id,
                title=indexer.title,
                autocomplete=indexer.autocomplete,
                body=indexer.body,
            )
        )
    IndexEntry._default_manager.bulk_create(entries, batch_size=chunk)

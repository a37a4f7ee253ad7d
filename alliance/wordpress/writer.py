"""Writing new pages in bulk: tree places, rows, one revision each, records and redirects.

Wagtail's ``add_child`` / ``save_revision`` / ``publish`` cost about 70 ms a
page (a tree lookup, two saves, validation, signals, search and reference
indexing, log entries, one at a time). An import writes pages nobody has seen
yet, so it does the same work a batch at a time: it places each page in the
tree from a counter kept per parent, inserts the rows of a batch together,
writes one revision per page (published, scheduled or a draft, as WordPress
had it) and leaves search and reference indexing to one pass at the end.
A batch that fails is written again item by item, so one bad item fails alone.

Pages that exist already (an update) and events go through Wagtail's own
saving instead (``publish``): they are few.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision

from . import wxr
from .indexing import index_new
from .links import Links, Redirects
from .models import ImportedItem
from .pages import goes_live, note, published_at, scheduled
from .report import ImportReport

BATCH = 250
STEP = Page.steplen


@dataclass(eq=False)
class Slot:
    """Where new children of one parent go: the next place in the tree and the slugs taken."""

    parent: Page
    last_step: int
    slugs: set[str]

    def place(self, page: Page, wanted: str) -> None:
        slug, n = wanted, 2
        while slug in self.slugs:
            slug, n = f"{wanted}-{n}", n + 1
        self.slugs.add(slug)
        self.last_step += 1
        page.slug = slug
        page.depth = self.parent.depth + 1
        page.path = Page._get_path(self.parent.path, page.depth, self.last_step)
        page.url_path = f"{self.parent.url_path}{slug}/"
        page.locale_id = self.parent.locale_id
        page.numchild = 0


@dataclass
class NewPage:
    page: Page
    item: wxr.Item
    kind: str
    slot: Slot
    blocks: list
    fingerprint: str
    author: str
    record_kind: str
    links: int = 0


@dataclass
class PageWriter:
    source: str
    report: ImportReport
    links: Links
    redirects: Redirects
    now: dt.datetime = field(default_factory=timezone.now)
    slots: dict = field(default_factory=dict)
    pending: list[NewPage] = field(default_factory=list)
    written: dict = field(default_factory=lambda: defaultdict(list))  # model -> page ids
    index_now: bool = True  # not in a dry run: it is all rolled back

    # -- places in the tree -----------------------------------------------------------------

    def slot(self, parent: Page) -> Slot:
        """The slot of a page already in the database (read once)."""
        if parent.pk not in self.slots:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            last = children.order_by("-path").values_list("path", flat=True).first()
            slugs = set(children.values_list("slug", flat=True))
            self.slots[parent.pk] = Slot(parent, Page._str2int(last[-STEP:]) if last else 0, slugs)
        return self.slots[parent.pk]

    def new_slot(self, wp_id: int) -> Slot | None:
        """The slot of a page written in this run, by its WordPress id."""
        return self.slots.get(("new", wp_id))

    def forget(self, parent: Page) -> None:
        """Wagtail is about to add a child to ``parent``: counters read before are stale."""
        self.flush()
        self.slots.pop(parent.pk, None)

    # -- queueing and writing ---------------------------------------------------------------

    def add(self, new: NewPage, wanted_slug: str) -> None:
        page, item = new.page, new.item
        new.slot.place(page, wanted_slug)
        live = goes_live(item)
        page.live = live
        page.has_unpublished_changes = not live
        page.first_published_at = published_at(item) or self.now if live else None
        page.last_published_at = self.now if live else None
        page.latest_revision_created_at = self.now
        if scheduled(item):
            page.go_live_at = published_at(item)
        if item.post_type == "page":
            self.slots[("new", item.wp_id)] = Slot(page, 0, set())
        self.pending.append(new)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            with transaction.atomic():
                self._write(batch)
        except Exception:  # noqa: BLE001 - find the one item that fails, write the others
            self._forget_ids(batch)
            for new in batch:
                try:
                    with transaction.atomic():
                        self._write([new])
                except Exception as error:  # noqa: BLE001 - one item's failure is reported
                    self._forget_ids([new])
                    reason = f"{type(error).__name__}: {error}"[:300]
                    self.report.add("failed", new.kind, new.item, reason)
                    continue
                self._done([new])
            return
        self._done(batch)

    def _forget_ids(self, batch: list[NewPage]) -> None:
        for new in batch:
            self.links.pages.pop(new.item.wp_id, None)
            self.links.waiting.discard(new.page.pk)
            new.page.id = new.page.pk = None
            new.page._state.adding = True
        self.redirects.pending.clear()

    def _done(self, batch: list[NewPage]) -> None:
        # Treebeard reads a parent's numchild in memory when Wagtail adds a child to it later.
        for slot, added in Counter(new.slot for new in batch).items():
            slot.parent.numchild += added
        for new in batch:
            self.written[type(new.page)].append(new.page.pk)
            self.report.links_rewritten += new.links
            if new.item.sticky:
                self.report.sticky.append(new.item.title)
            self.report.add("imported", new.kind, new.item, note(new.item))

    def _write(self, batch: list[NewPage]) -> None:
        pages = [new.page for new in batch]
        Page.objects.bulk_create(pages)
        for new in batch:
            new.page.page_ptr_id = new.page.id
            self.links.pages[new.item.wp_id] = new.page.id
        for new in batch:
            new.page.body, new.links = self.links.rewrite(new.blocks, new.page)
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        for model, objects in by_model.items():
            _insert_rows(model, objects)
            _write_relations(model, objects)
        revisions = self._revisions(batch)
        _point_at_revisions(pages)
        if self.index_now:
            for model, objects in by_model.items():
                index_new(model, objects)
        for slot, added in Counter(new.slot for new in batch).items():
            if slot.parent.pk is None:
                raise ValueError("its parent page could not be imported")
            Page.objects.filter(pk=slot.parent.pk).update(numchild=F("numchild") + added)
        self._records(batch, revisions)
        for new in batch:
            self.redirects.add(new.item, new.page.pk)
        self.redirects.flush()
        self._log(batch, revisions)

    def _revisions(self, batch: list[NewPage]) -> list[Revision]:
        base = ContentType.objects.get_for_model(Page)
        revisions = [
            Revision(
                content_type=ContentType.objects.get_for_model(new.page),
                base_content_type=base,
                object_id=str(new.page.pk),
                created_at=self.now,
                content=new.page.serializable_data(),
                object_str=new.page.title,
                approved_go_live_at=new.page.go_live_at if scheduled(new.item) else None,
            )
            for new in batch
        ]
        Revision.objects.bulk_create(revisions)
        for new, revision in zip(batch, revisions, strict=True):
            new.page.latest_revision = revision
            new.page.live_revision = revision if new.page.live else None
        return revisions

    def _records(self, batch: list[NewPage], revisions: list[Revision]) -> None:
        ImportedItem.objects.bulk_create(
            ImportedItem(
                source=self.source,
                wp_id=new.item.wp_id,
                kind=new.record_kind,
                page_id=new.page.pk,
                permalink=new.item.link[:1000],
                content_hash=new.fingerprint,
                imported_revision_id=revision.pk,
                imported_at=self.now,
                author=new.author[:150],
            )
            for new, revision in zip(batch, revisions, strict=True)
        )

    def _log(self, batch: list[NewPage], revisions: list[Revision]) -> None:
        """The page history's entry, as publishing (or scheduling) would write it."""
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(new.page),
                label=new.page.title,
                page_id=new.page.pk,
                action="wagtail.publish" if new.page.live else "wagtail.publish.schedule",
                timestamp=self.now,
                revision=revision,
                content_changed=True,
            )
            for new, revision in zip(batch, revisions, strict=True)
            if new.page.live or new.page.go_live_at
        )


def _point_at_revisions(pages: list[Page]) -> None:
    """Each page's latest (and, when live, live) revision: two updates the database joins,
    rather than a CASE over every page of the batch."""
    page_type = ContentType.objects.get_for_model(Page)
    revision = Subquery(
        Revision.objects.filter(
            base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
        ).values("pk")[:1]
    )
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(latest_revision_id=revision)
    live = [page.pk for page in pages if page.live]
    if live:
        Page.objects.filter(pk__in=live).update(live_revision_id=revision)


def _insert_rows(model: type[Page], pages: list[Page]) -> None:
    """The rows of the page type's own table (Page's rows are written already).

    Django's ``bulk_create`` refuses models with a parent table, so the child
    table is written with the same insert it uses for one object at a time.
    """
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start : start + size], fields=fields)


def _write_relations(model: type[Page], pages: list[Page]) -> None:
    """The topics and inline children (spokespersons) the pages were given in memory.

    Relations the pages were not given are set empty in memory too, so that
    serialising and indexing a new page never asks the database for them.
    """
    for page in pages:
        relations = _in_memory(page)
        if not hasattr(page, "_cluster_related_objects"):
            page._cluster_related_objects = relations
        for relation in get_all_child_relations(model):
            relations.setdefault(relation.get_accessor_name(), [])
        for many in model._meta.many_to_many:
            relations.setdefault(many.name, [])
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        rows = []
        for page in pages:
            for order, child in enumerate(_in_memory(page)[name]):
                setattr(child, relation.field.attname, page.pk)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                rows.append(child)
        if rows:
            relation.related_model.objects.bulk_create(rows)
    for many in model._meta.many_to_many:
        through = many.remote_field.through
        own, other = many.m2m_field_name(), many.m2m_reverse_field_name()
        rows = [
            through(**{f"{own}_id": page.pk, f"{other}_id": target.pk})
            for page in pages
            for target in _in_memory(page)[many.name]
        ]
        if rows:
            through.objects.bulk_create(rows)


def _in_memory(page: Page) -> dict:
    """Relations given to the page in memory (modelcluster keeps them until the page is saved)."""
    return getattr(page, "_cluster_related_objects", {})


def save_and_publish(page: Page, item: wxr.Item) -> Revision:
    """Wagtail's way, for the few pages not written in bulk: a revision, published as
    WordPress had it (live, scheduled or unpublished)."""
    if scheduled(item):
        if page.live:
            page.unpublish()
        go_live = published_at(item)
        page.go_live_at = go_live
        return page.save_revision(approved_go_live_at=go_live)
    revision = page.save_revision()
    if goes_live(item):
        revision.publish()
    elif page.live:
        page.unpublish()
    return revision

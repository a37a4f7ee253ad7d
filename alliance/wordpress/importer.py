"""Importing a WordPress export: posts, pages, events, media, terms, authors, menus and old links.

The file is read as a stream, each pass doing one job: a survey (nothing is
written unless the whole file is a readable export; it also learns every old
address and the menus), attachments, then posts, events and pages. New pages
are written in batches (``writer``); a batch that fails is written again item
by item, so one bad item never aborts or half-imports the others.
Re-importing updates what this importer wrote before; a page an editor has
changed since is left alone and reported as a conflict. Search and reference
indexing run once, at the end.

``wordpress_import`` is the one entry point (the command and the admin screen call it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from alliance.core import publishing
from alliance.core.generation import pages_changed
from alliance.core.models import HomePage, StandardPage
from alliance.events.models import EventPage
from alliance.newsroom.models import StatementIndexPage, StatementKind, StatementPage

from . import content, indexing, pages, tribe_events, wxr
from .links import Redirects
from .media import Images, import_attachment
from .menus import Menu
from .models import ImportedItem, ImportedKind
from .report import ImportRefused, ImportReport
from .survey import Records, Survey, source_key, survey
from .terms import Terms
from .writer import NewPage, PageWriter, save_and_publish

__all__ = ["ImportRefused", "ImportReport", "wordpress_import"]

RECORD_KINDS = {"post": ImportedKind.POST, "event": ImportedKind.EVENT, "page": ImportedKind.PAGE}
WRITTEN_ELSEWHERE = ("attachment", "post", "tribe_events", "page", "nav_menu_item")


@publishing.quietly("import")
def wordpress_import(
    path: Path,
    *,
    media_dir: Path | None = None,
    dry_run: bool = False,
    kind_map: dict[str, str] | None = None,
    menu: str | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> ImportReport:
    """Import a WXR file. Raises ImportRefused (nothing written) for an unreadable file."""
    report = ImportReport(dry_run=dry_run)
    kind_map = kind_map or {}
    unknown = sorted(set(kind_map.values()) - set(StatementKind.values))
    if unknown:
        raise ImportRefused(f"Unknown statement kinds in the mapping: {', '.join(unknown)}.")
    found = survey(path, report, on_progress)
    # A dry run wraps everything in one transaction that is rolled back; a real
    # import commits a batch of items at a time.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        run = _Import(path, found, report, media_dir=media_dir, kind_map=kind_map, dry_run=dry_run)
        run.menu.choose(menu, run.links)
        run.run(on_progress)
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        # The bulk writes send no signals: one new page cache generation for the whole import.
        pages_changed()
    return report


class _Import:
    def __init__(
        self,
        path: Path,
        found: Survey,
        report: ImportReport,
        *,
        media_dir: Path | None,
        kind_map: dict[str, str],
        dry_run: bool,
    ) -> None:
        self.path, self.found, self.report = path, found, report
        self.media_dir, self.dry_run = media_dir, dry_run
        self.source = source_key(found.channel, found.first_guid)
        self.links = found.links
        self.records = Records(self.source)
        self.links.pages.update(self.records.pages())
        self.terms = Terms(report)
        self.redirects = Redirects(report)
        self.writer = PageWriter(self.source, report, self.links, self.redirects)
        self.writer.index_now = not dry_run
        self.options = pages.Options(kind_map, found.channel.authors)
        self.images = Images()
        self.menu = Menu(found.menu_items, found.top_pages)
        self.in_menu: set[int] = set()
        self.menu_written: dict[int, str] = {}
        self.seen: set[int] = set()
        self.home = (
            HomePage.objects.filter(locale=Locale.get_default()).first()
            or Page.get_first_root_node()
        )
        self._statement_index: StatementIndexPage | None = None
        self._event_index = None
        self._not_parents: set[int] = set()

    def run(self, on_progress) -> None:
        self.in_menu = self.menu.shows(self.links)
        self.terms.declare(self.found.channel)
        self.terms.authors(self.found.channel)
        if self.found.counts["attachment"]:
            for item in self._items("media", on_progress):
                if item.post_type == "attachment":
                    self._one(item)
        page_items = []
        for item in self._items("content", on_progress):
            if item.post_type in ("post", "tribe_events"):
                self._one(item)
            elif item.post_type == "page":
                page_items.append(item)
            elif item.post_type not in WRITTEN_ELSEWHERE:
                kind = item.post_type or "item"
                self.report.add("skipped", kind, item, "not content of this site")
                self.report.not_imported[_("“%s” items") % kind] += 1
        for item in _parents_first(page_items):
            self._one(item)
        self.writer.flush()
        self.links.rewrite_waiting(self.report)
        self.menu.report(self.report, self.links, self.menu_written)
        if not self.dry_run:
            indexing.index_created(self.terms.created)
            indexing.finish(Page)

    def _items(self, stage: str, on_progress):
        for entry in wxr.read(self.path, lambda f: on_progress and on_progress(stage, f)):
            if isinstance(entry, wxr.Item):
                yield entry

    # -- one item ----------------------------------------------------------------------------

    def _one(self, item: wxr.Item) -> None:
        kind = pages.KINDS[item.post_type]
        if item.status == "trash":
            self.report.add("skipped", kind, item, "in the WordPress trash")
            return
        if item.wp_id in self.seen:
            self.report.add("skipped", kind, item, "the file has this post id twice")
            return
        self.seen.add(item.wp_id)
        if kind == "attachment":
            self._guarded(kind, item, self._attachment, item)
            return
        fingerprint = pages.fingerprint(item)
        record = self.records.items.get(item.wp_id)
        if record is not None and record.page_id in self.records.latest:
            self._existing(item, kind, record, fingerprint)
        elif kind == "event":
            index = self.event_index  # made, if need be, outside the event's own transaction
            self._guarded(kind, item, self._new_event, item, fingerprint, record, index)
        else:
            # Queued for the writer, which keeps each batch in a transaction of its own.
            self._guarded(kind, item, self._new, item, kind, fingerprint, record, atomic=False)

    def _guarded(self, kind: str, item: wxr.Item, action, *args, atomic: bool = True) -> None:
        try:
            with transaction.atomic() if atomic else contextlib.nullcontext():
                action(*args)
        except Exception as error:  # noqa: BLE001 - one item's failure is reported, never fatal
            self.report.add("failed", kind, item, f"{type(error).__name__}: {error}"[:300])

    def _attachment(self, item: wxr.Item) -> None:
        import_attachment(
            item,
            source=self.source,
            media_dir=self.media_dir,
            images=self.images,
            report=self.report,
            dry_run=self.dry_run,
        )

    def _existing(self, item: wxr.Item, kind: str, record, fingerprint: str) -> None:
        page_id = record.page_id
        edited = self.records.latest[page_id] != record.revision_id
        if edited or page_id in self.records.unpublished:
            reason = "changed by an editor since the last import: left as is"
            self.report.add("conflict", kind, item, reason)
        elif record.content_hash == fingerprint:
            self.report.add("unchanged", kind, item)
        else:
            self._guarded(kind, item, self._update, item, kind, record, fingerprint)

    def _convert(self, item: wxr.Item) -> content.Conversion:
        conversion = content.convert(
            item.content, image_for=self.images.for_url, gallery_for=self.images.for_ids
        )
        self.report.shortcodes.update(conversion.removed_shortcodes)
        self.report.missing_media.extend(url for url in conversion.missing_images if url)
        self.report.unsafe_removed += conversion.unsafe_removed
        return conversion

    def _new(self, item: wxr.Item, kind: str, fingerprint: str, record) -> None:
        if record is not None:
            # Imported before, but its page has since been deleted: import it afresh.
            ImportedItem.objects.filter(source=self.source, wp_id=item.wp_id).delete()
        conversion = self._convert(item)
        if kind == "post":
            slot = self.writer.slot(self.statement_index)
            page = pages.fill_statement(
                StatementPage(), item, conversion, self.terms, self.options
            )
        else:
            slot = self._page_slot(item)
            page = pages.fill_standard(StandardPage(), item, conversion, self.terms)
            if item.wp_id in self.in_menu and slot.parent.pk == self.home.pk:
                page.show_in_menus = True
                self.menu_written[item.wp_id] = page.title
        new = NewPage(
            page=page,
            item=item,
            kind=kind,
            slot=slot,
            blocks=conversion.blocks,
            fingerprint=fingerprint,
            author=pages.author(item, self.options),
            record_kind=RECORD_KINDS[kind],
        )
        self.writer.add(new, _wanted_slug(item))

    def _page_slot(self, item: wxr.Item):
        """Under the imported parent page if there is one (and it can hold pages), else home."""
        if item.parent_id:
            slot = self.writer.new_slot(item.parent_id)
            if slot is not None:
                return slot
            page_id = self.links.pages.get(item.parent_id)
            if page_id in self.writer.slots:
                return self.writer.slots[page_id]
            if page_id and page_id not in self._not_parents:
                parent = Page.objects.get(pk=page_id)
                if parent.specific_class in (HomePage, StandardPage):
                    return self.writer.slot(parent)
                self._not_parents.add(page_id)
        return self.writer.slot(self.home)

    def _new_event(self, item: wxr.Item, fingerprint: str, record, index: Page) -> None:
        if record is not None:
            ImportedItem.objects.filter(source=self.source, wp_id=item.wp_id).delete()
        conversion = self._convert(item)
        page = tribe_events.fill_event(
            EventPage(), item, conversion, self.found.venues, self.found.organizers
        )
        page.slug = _free_slug(_wanted_slug(item), index)
        if pages.goes_live(item):
            page.first_published_at = pages.published_at(item)
        index.add_child(instance=page)
        self._written(item, "event", page, conversion, fingerprint, "imported")

    def _update(self, item: wxr.Item, kind: str, record, fingerprint: str) -> None:
        page = Page.objects.get(pk=record.page_id).specific
        conversion = self._convert(item)
        if kind == "post":
            pages.fill_statement(page, item, conversion, self.terms, self.options)
        elif kind == "event":
            tribe_events.fill_event(
                page, item, conversion, self.found.venues, self.found.organizers
            )
        else:
            pages.fill_standard(page, item, conversion, self.terms)
            if item.wp_id in self.in_menu and page.depth == self.home.depth + 1:
                page.show_in_menus = True
                self.menu_written[item.wp_id] = page.title
        page.slug = _free_slug(_wanted_slug(item), page.get_parent(), page)
        self._written(item, kind, page, conversion, fingerprint, "updated")

    def _written(self, item, kind, page, conversion, fingerprint: str, outcome: str) -> None:
        """Save a page through Wagtail (events, updates), with its record and redirects."""
        page.body, changed = self.links.rewrite(conversion.blocks, page)
        revision = save_and_publish(page, item)
        ImportedItem.objects.update_or_create(
            source=self.source,
            wp_id=item.wp_id,
            defaults={
                "kind": RECORD_KINDS[kind],
                "page": page,
                "permalink": item.link[:1000],
                "content_hash": fingerprint,
                "imported_revision_id": revision.pk,
                "imported_at": timezone.now(),
                "author": pages.author(item, self.options)[:150],
            },
        )
        self.links.pages[item.wp_id] = page.pk
        self.redirects.add(item, page.pk)
        self.redirects.flush()
        self.report.links_rewritten += changed
        if item.sticky:
            self.report.sticky.append(item.title)
        self.report.add(outcome, kind, item, pages.note(item))

    # -- index pages, made when first needed ---------------------------------------------------

    @property
    def statement_index(self) -> StatementIndexPage:
        if self._statement_index is None:
            index = StatementIndexPage.objects.filter(locale=self.home.locale).first()
            if index is None:
                self.writer.forget(self.home)
                index = StatementIndexPage(title="Statements", slug="statements")
                self.home.add_child(instance=index)
                index.save_revision().publish()
            self._statement_index = index
        return self._statement_index

    @property
    def event_index(self):
        if self._event_index is None:
            self.writer.forget(self.home)
            self._event_index = tribe_events.event_index(self.home)
        return self._event_index


def _wanted_slug(item: wxr.Item) -> str:
    return (slugify(item.slug) or slugify(strip_tags(item.title)) or f"item-{item.wp_id}")[:200]


def _free_slug(wanted: str, parent: Page, page: Page | None = None) -> str:
    siblings = parent.get_children()
    if page is not None:
        siblings = siblings.exclude(pk=page.pk)
    slug, n = wanted, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{wanted}-{n}", n + 1
    return slug


def _parents_first(items: list[wxr.Item]) -> list[wxr.Item]:
    by_id = {item.wp_id: item for item in items}
    ordered: list[wxr.Item] = []
    seen: set[int] = set()

    def visit(item: wxr.Item, trail: set[int]) -> None:
        if item.wp_id in seen or item.wp_id in trail:
            return
        parent = by_id.get(item.parent_id)
        if parent is not None:
            visit(parent, trail | {item.wp_id})
        seen.add(item.wp_id)
        ordered.append(item)

    for item in sorted(items, key=lambda i: (i.menu_order, i.wp_id)):
        visit(item, set())
    return ordered

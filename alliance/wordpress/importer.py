"""Importing a WordPress export: posts, pages, events, media, terms, authors and old links.

The file is read as a stream several times, each pass doing one job:
validation (nothing is written unless the whole file is a readable export),
attachments, then posts, events and pages, then links between them. Every item
is written in its own transaction, so one bad item never aborts or
half-imports the others. Re-importing updates what this importer wrote before;
a page an editor has changed since is left alone and reported as a conflict.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django_countries import countries
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, PageLogEntry

from alliance.core import publishing
from alliance.core.models import HomePage, StandardPage
from alliance.newsroom.models import (
    Person,
    StatementIndexPage,
    StatementKind,
    StatementPage,
    StatementSpokesperson,
    Topic,
)

from . import content, wxr
from .models import ImportedItem, ImportedKind

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
DOCUMENT_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".txt",
    ".xls",
    ".xlsx",
    ".csv",
    ".zip",
}
UNPUBLISHED = {"draft", "pending", "private", "auto-draft"}


@dataclass
class Line:
    outcome: str  # imported, updated, unchanged, skipped, conflict, failed
    kind: str
    wp_id: int
    title: str
    reason: str = ""


@dataclass
class ImportReport:
    lines: list[Line] = field(default_factory=list)
    comments: int = 0
    sticky: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    unsafe_removed: int = 0
    missing_media: list[str] = field(default_factory=list)
    redirects: int = 0
    links_rewritten: int = 0
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def add(self, outcome: str, kind: str, item: wxr.Item, reason: str = "") -> None:
        self.lines.append(Line(outcome, kind, item.wp_id, item.title or f"#{item.wp_id}", reason))

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    def summary(self) -> dict[str, int]:
        return {
            outcome: self.count(outcome)
            for outcome in ("imported", "updated", "unchanged", "skipped", "conflict", "failed")
        }


class ImportRefused(Exception):
    """The file cannot be imported at all; nothing was written."""


@dataclass
class _Context:
    source: str
    report: ImportReport
    media_dir: Path | None
    kind_map: dict[str, str]
    dry_run: bool
    home: Page
    statement_index: StatementIndexPage
    authors: dict[str, str]
    venues: dict[int, wxr.Item] = field(default_factory=dict)
    organizers: dict[int, str] = field(default_factory=dict)
    images_by_url: dict[str, Image] = field(default_factory=dict)
    images_by_id: dict[int, Image] = field(default_factory=dict)
    pages_by_url: dict[str, int] = field(default_factory=dict)
    with_links: list[int] = field(default_factory=list)


@publishing.quietly("import")
def wordpress_import(
    path: Path,
    *,
    media_dir: Path | None = None,
    dry_run: bool = False,
    kind_map: dict[str, str] | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> ImportReport:
    """Import a WXR file. Raises ImportRefused (nothing written) for an unreadable file."""
    report = ImportReport(dry_run=dry_run)
    kind_map = kind_map or {}
    unknown = sorted(set(kind_map.values()) - set(StatementKind.values))
    if unknown:
        raise ImportRefused(f"Unknown statement kinds in the mapping: {', '.join(unknown)}.")
    channel, venues, organizers = _validate(path, report, on_progress)
    # A dry run wraps everything in one transaction that is rolled back; a real
    # import commits each item on its own.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        context = _context(path, channel, report, media_dir, kind_map, dry_run)
        context.venues, context.organizers = venues, organizers
        _import_terms_and_authors(channel)
        for stage, kinds in (("media", {"attachment"}), ("content", {"post", "tribe_events"})):
            for item in _items(path, stage, on_progress):
                if item.post_type in kinds:
                    _one(context, item)
        pages = []
        for item in _items(path, "pages", on_progress):
            if item.post_type == "page":
                pages.append(item)
            elif item.post_type not in ("attachment", "post", "tribe_events"):
                report.add("skipped", item.post_type or "item", item, "not content of this site")
        for item in _parents_first(pages):
            _one(context, item)
        _rewrite_links(context)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _validate(path: Path, report: ImportReport, on_progress):
    """Read the whole file once before writing anything."""
    venues: dict[int, wxr.Item] = {}
    organizers: dict[int, str] = {}
    channel = None
    try:
        for entry in wxr.read(path, lambda f: on_progress and on_progress("checking", f)):
            if isinstance(entry, wxr.Channel):
                channel = entry
                if wxr.newer_than_known(entry):
                    report.warnings.append(
                        f"WXR version {entry.version} is newer than this importer knows "
                        f"({', '.join(wxr.KNOWN_VERSIONS)}); unknown elements are ignored."
                    )
            elif entry.post_type == "tribe_venue":
                venues[entry.wp_id] = entry
            elif entry.post_type == "tribe_organizer":
                organizers[entry.wp_id] = entry.title
    except wxr.NotAnExport as error:
        raise ImportRefused(str(error)) from None
    except OSError as error:
        raise ImportRefused(f"The file could not be read: {error.strerror}.") from None
    if channel is None:
        raise ImportRefused("This is not a WordPress export.")
    return channel, venues, organizers


def _items(path: Path, stage: str, on_progress):
    for entry in wxr.read(path, lambda f: on_progress and on_progress(stage, f)):
        if isinstance(entry, wxr.Item):
            yield entry


def _context(path, channel, report, media_dir, kind_map, dry_run) -> _Context:
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first() or Page.get_first_root_node()
    index = StatementIndexPage.objects.filter(locale=locale).first()
    if index is None:
        index = StatementIndexPage(title="Statements", slug="statements")
        home.add_child(instance=index)
        index.save_revision().publish()
    return _Context(
        source=(channel.link or "wordpress").rstrip("/")[:255],
        report=report,
        media_dir=media_dir,
        kind_map=kind_map,
        dry_run=dry_run,
        home=home,
        statement_index=index,
        authors=channel.authors,
    )


def _import_terms_and_authors(channel: wxr.Channel) -> None:
    for term in channel.terms:
        _topic(term)
    for name in channel.authors.values():
        _person(name)


def _person(name: str) -> Person:
    """The person of that name (the first, if an editor made several), or a new one."""
    name = name[:150]
    existing = Person.objects.filter(name=name).order_by("pk").first()
    return existing or Person.objects.create(name=name)


def _topic(term: wxr.Term) -> Topic | None:
    slug = slugify(term.slug or term.name)[:100]
    if not slug or not term.name:
        return None
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        name = term.name[:100]
        if Topic.objects.filter(name=name).exists():
            name = f"{name} ({slug})"[:100]
        topic = Topic.objects.create(slug=slug, name=name)
    return topic


def _one(context: _Context, item: wxr.Item) -> None:
    kind = {"post": "post", "page": "page", "tribe_events": "event", "attachment": "attachment"}[
        item.post_type
    ]
    context.report.comments += item.comments
    if item.status == "trash":
        context.report.add("skipped", kind, item, "in the WordPress trash")
        return
    try:
        with transaction.atomic():
            if kind == "attachment":
                _attachment(context, item)
            else:
                _page_item(context, item, kind)
    except Exception as error:  # noqa: BLE001 - one item's failure is reported, never fatal
        context.report.add("failed", kind, item, f"{type(error).__name__}: {error}"[:300])


# -- attachments -------------------------------------------------------------------------------


def _attachment(context: _Context, item: wxr.Item) -> None:
    report = context.report
    existing = ImportedItem.objects.filter(source=context.source, wp_id=item.wp_id).first()
    if existing and (existing.image or existing.document):
        if existing.image:
            _remember_image(context, item, existing.image)
        report.add("unchanged", "attachment", item)
        return
    relative = item.meta.get("_wp_attached_file") or _uploads_path(item.attachment_url)
    if context.media_dir is None:
        report.add("skipped", "attachment", item, "no media folder given (--media-dir)")
        return
    file_path = _inside(context.media_dir, relative)
    if file_path is None or not file_path.is_file():
        report.missing_media.append(relative or item.attachment_url)
        report.add("skipped", "attachment", item, f"file not found in the media folder: {relative}")
        return
    extension = file_path.suffix.lower()
    if extension not in IMAGE_EXTENSIONS | DOCUMENT_EXTENSIONS:
        report.add("skipped", "attachment", item, f"file type {extension} is not imported")
        return
    if context.dry_run:
        report.add("imported", "attachment", item, "dry run: the file was found")
        return
    title = (item.title or file_path.stem)[:255]
    record = existing or ImportedItem(source=context.source, wp_id=item.wp_id)
    record.kind = ImportedKind.ATTACHMENT
    record.permalink = item.link[:1000]
    record.content_hash = _hash({"file": relative})
    with file_path.open("rb") as handle:
        if extension in IMAGE_EXTENSIONS:
            image = Image(title=title)
            image.file.save(file_path.name, File(handle), save=False)
            image.save()
            record.image = image
            _remember_image(context, item, image)
        else:
            document = Document(title=title)
            document.file.save(file_path.name, File(handle), save=False)
            document.save()
            record.document = document
    record.save()
    report.add("imported", "attachment", item)


def _uploads_path(url: str) -> str:
    path = urlsplit(url).path
    marker = "/wp-content/uploads/"
    return path.split(marker, 1)[1] if marker in path else PurePosixPath(path).name


def _inside(root: Path, relative: str) -> Path | None:
    """The file under the media folder, never outside it (no ../ escapes)."""
    if not relative:
        return None
    candidate = (root / relative).resolve()
    return candidate if candidate.is_relative_to(root.resolve()) else None


def _remember_image(context: _Context, item: wxr.Item, image: Image) -> None:
    context.images_by_id[item.wp_id] = image
    for url in (item.attachment_url, item.link):
        if url:
            context.images_by_url[_url_key(url)] = image


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    # WordPress links resized copies (photo-300x200.jpg) of the same upload.
    stem, dot, extension = path.rpartition(".")
    if dot:
        stem = re.sub(r"-\d+x\d+$", "", stem)
        path = f"{stem}.{extension}"
    return path.rstrip("/").lower()


# -- posts, pages and events ---------------------------------------------------------------------


def _page_item(context: _Context, item: wxr.Item, kind: str) -> None:
    report = context.report
    conversion = content.convert(
        item.content,
        image_for=lambda url: context.images_by_url.get(_url_key(url)),
        gallery_for=lambda ids: [context.images_by_id[i] for i in ids if i in context.images_by_id],
    )
    report.shortcodes.update(conversion.removed_shortcodes)
    report.missing_media.extend(url for url in conversion.missing_images if url)
    report.unsafe_removed += conversion.unsafe_removed
    fingerprint = _hash(
        {
            "title": item.title,
            "content": item.content,
            "excerpt": item.excerpt,
            "status": item.status,
            "date": str(item.date_gmt or item.date_local),
            "terms": [(t.kind, t.slug) for t in item.terms],
            "meta": item.meta,
            "parent": item.parent_id,
        }
    )
    record = ImportedItem.objects.filter(source=context.source, wp_id=item.wp_id).first()
    page = record.page.specific if record and record.page else None
    if page is not None:
        if page.latest_revision_id != record.imported_revision_id or _unpublished_since(
            page, record
        ):
            report.add(
                "conflict", kind, item, "changed by an editor since the last import: left as is"
            )
            _remember_page(context, item, page, conversion)
            return
        if record.content_hash == fingerprint:
            report.add("unchanged", kind, item)
            _remember_page(context, item, page, conversion)
            return
    outcome = "updated" if page is not None else "imported"
    if kind == "post":
        page = _statement(context, item, page, conversion)
    elif kind == "event":
        page = _event(context, item, page, conversion)
    else:
        page = _standard_page(context, item, page, conversion)
    revision = _publish(page, item, report, kind)
    record = record or ImportedItem(source=context.source, wp_id=item.wp_id)
    record.kind = {"post": ImportedKind.POST, "event": ImportedKind.EVENT}.get(
        kind, ImportedKind.PAGE
    )
    record.page = page
    record.permalink = item.link[:1000]
    record.content_hash = fingerprint
    record.imported_revision_id = revision.pk
    record.imported_at = timezone.now()
    record.save()
    _remember_page(context, item, page, conversion)
    _redirects(context, item, page)
    if item.sticky:
        report.sticky.append(item.title)
    report.add(outcome, kind, item, _note(item))


def _unpublished_since(page: Page, record: ImportedItem) -> bool:
    """An editor took the page offline after the import (unpublishing makes no revision)."""
    return PageLogEntry.objects.filter(
        page=page, action="wagtail.unpublish", timestamp__gt=record.imported_at
    ).exists()


def _note(item: wxr.Item) -> str:
    if item.password:
        return "password-protected in WordPress: left unpublished"
    if item.status in UNPUBLISHED:
        return f"{item.status} in WordPress: left unpublished"
    if item.status == "future":
        if _scheduled(item):
            return "scheduled in WordPress: scheduled here too"
        return "scheduled in WordPress for a time now past: left unpublished"
    return ""


def _scheduled(item: wxr.Item) -> bool:
    return (
        item.status == "future"
        and not item.password
        and item.date_gmt is not None
        and item.date_gmt.replace(tzinfo=dt.UTC) > timezone.now()
    )


def _title(item: wxr.Item) -> str:
    title = strip_tags(item.title).strip()
    return (title or f"Untitled ({item.wp_id})")[:255]


def _slug(item: wxr.Item, parent: Page, page: Page | None) -> str:
    base = (slugify(item.slug) or slugify(strip_tags(item.title)) or f"item-{item.wp_id}")[:200]
    siblings = parent.get_children()
    if page is not None:
        siblings = siblings.exclude(pk=page.pk)
    slug, n = base, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _summary(item: wxr.Item, conversion: content.Conversion) -> str:
    text = strip_tags(item.excerpt).strip()
    if not text:
        for block_type, value in conversion.blocks:
            if block_type == "paragraph":
                text = strip_tags(value).strip()
                if text:
                    break
    return Truncator(text or _title(item)).chars(300)


def _statement(context, item, page, conversion) -> StatementPage:
    parent = context.statement_index
    page = page or StatementPage()
    page.title = _title(item)
    page.slug = _slug(item, parent, page if page.pk else None)
    categories = [t.slug for t in item.terms if t.kind == "category"]
    page.kind = next(
        (context.kind_map[slug] for slug in categories if slug in context.kind_map),
        StatementKind.STATEMENT,
    )
    page.date = (item.date_local or item.date_gmt or timezone.now().replace(tzinfo=None)).date()
    page.summary = _summary(item, conversion)
    page.body = conversion.blocks or [("paragraph", "<p></p>")]
    page.topics = [topic for topic in (_topic(term) for term in item.terms) if topic]
    author = context.authors.get(item.creator) or item.creator
    if author:
        person = _person(author)
        page.spokespersons = [StatementSpokesperson(person=person)]
    if not page.pk:
        parent.add_child(instance=page)
    return page


def _standard_page(context, item, page, conversion) -> StandardPage:
    parent_record = (
        ImportedItem.objects.filter(
            source=context.source, wp_id=item.parent_id, page__isnull=False
        ).first()
        if item.parent_id
        else None
    )
    parent = parent_record.page.specific if parent_record else context.home
    if not isinstance(parent, (HomePage, StandardPage)):
        parent = context.home
    page = page or StandardPage()
    page.title = _title(item)
    page.slug = _slug(item, parent, page if page.pk else None)
    page.intro = strip_tags(item.excerpt).strip()[:1000]
    page.body = conversion.blocks
    if not page.pk:
        parent.add_child(instance=page)
    return page


def _event(context, item, page, conversion):
    from alliance.events.models import EventIndexPage, EventPage, EventStatus

    index = EventIndexPage.objects.filter(locale=context.home.locale).first()
    if index is None:
        index = EventIndexPage(title="Events", slug="events")
        context.home.add_child(instance=index)
        index.save_revision().publish()
    meta = item.meta
    zone = meta.get("_EventTimezone") or "UTC"
    if zone not in zoneinfo.available_timezones():
        zone = "UTC"
    start = _date_time(meta.get("_EventStartDate")) or item.date_local
    end = _date_time(meta.get("_EventEndDate"))
    if start is None:
        raise ValueError("the event has no start date (_EventStartDate)")
    all_day = meta.get("_EventAllDay", "").lower() in ("yes", "1", "true")
    page = page or EventPage()
    page.title = _title(item)
    page.slug = _slug(item, index, page if page.pk else None)
    page.summary = _summary(item, conversion)
    page.body = conversion.blocks
    page.time_zone = zone
    page.start_date = start.date()
    page.start_time = None if all_day else start.time()
    page.end_date = end.date() if end else None
    page.end_time = None if all_day or end is None else end.time()
    if end and not all_day and end <= start:
        page.end_time = None
    page.status = EventStatus.SCHEDULED
    venue = context.venues.get(_int(meta.get("_EventVenueID", "")))
    if venue is not None:
        page.venue_name = _title(venue)
        page.street_address = venue.meta.get("_VenueAddress", "")[:255]
        page.city = venue.meta.get("_VenueCity", "")[:100]
        page.postal_code = venue.meta.get("_VenueZip", "")[:20]
        page.country = _country_code(venue.meta.get("_VenueCountry", ""))
    if not (page.venue_name or page.city or page.online_url):
        page.online_url = meta.get("_EventURL", "")[:200] or item.link[:200]
    page.organizer_name = context.organizers.get(_int(meta.get("_EventOrganizerID", "")), "")[:255]
    if not page.pk:
        index.add_child(instance=page)
    return page


# Country names as WordPress plugins write them where ISO's official name differs.
COUNTRY_ALIASES = {
    "united states": "US",
    "usa": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "russia": "RU",
    "south korea": "KR",
    "vietnam": "VN",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "taiwan": "TW",
    "palestine": "PS",
}


def _country_code(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    if len(name) == 2 and name.upper() in dict(countries):
        return name.upper()
    return countries.by_name(name) or COUNTRY_ALIASES.get(name.casefold(), "")


def _date_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            # The event's local wall-clock time, read with its _EventTimezone.
            return dt.datetime.strptime(value, pattern)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _publish(page: Page, item: wxr.Item, report: ImportReport, kind: str):
    """Save a revision and publish it as WordPress had it: live, scheduled or unpublished."""
    if _scheduled(item):
        if page.live:
            page.unpublish()
        go_live = item.date_gmt.replace(tzinfo=dt.UTC)
        page.go_live_at = go_live
        return page.save_revision(approved_go_live_at=go_live)
    revision = page.save_revision()
    # A post still "future" for a time now past missed its schedule in WordPress:
    # it stays unpublished here too, for an editor to decide.
    if item.status == "publish" and not item.password:
        revision.publish()
    elif page.live:
        page.unpublish()
    return revision


def _remember_page(context: _Context, item: wxr.Item, page: Page, conversion) -> None:
    if item.link:
        context.pages_by_url[_link_key(item.link)] = page.pk
    context.pages_by_url[f"?p={item.wp_id}"] = page.pk
    context.pages_by_url[f"?page_id={item.wp_id}"] = page.pk
    if conversion.links:
        context.with_links.append(page.pk)


def _link_key(url: str) -> str:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    for key in ("p", "page_id"):
        if key in query:
            return f"?{key}={query[key][0]}"
    return parts.path.rstrip("/").lower() or "/"


def _redirects(context: _Context, item: wxr.Item, page: Page) -> None:
    old = []
    if item.link:
        parts = urlsplit(item.link)
        old.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    old.append(f"/?p={item.wp_id}")
    for path in old:
        normalised = Redirect.normalise_path(path)
        if not normalised or normalised == "/":
            continue
        Redirect.objects.update_or_create(
            old_path=normalised,
            site=None,
            defaults={"redirect_page": page, "is_permanent": True, "redirect_link": ""},
        )
        context.report.redirects += 1


def _rewrite_links(context: _Context) -> None:
    """Second look at imported bodies: links to old WordPress addresses become page links."""
    host = urlsplit(context.source).netloc.lower()

    def page_for(href: str) -> int | None:
        parts = urlsplit(href)
        if parts.netloc and parts.netloc.lower() != host:
            return None
        return context.pages_by_url.get(_link_key(href))

    for page_id in dict.fromkeys(context.with_links):
        try:
            with transaction.atomic():
                record = ImportedItem.objects.get(page_id=page_id)
                page = Page.objects.get(pk=page_id).specific
                if page.latest_revision_id != record.imported_revision_id:
                    continue
                blocks = [
                    (b.block_type, b.value.source if hasattr(b.value, "source") else b.value)
                    for b in page.body
                ]
                rewritten, changed = content.rewrite_links(blocks, page_for)
                if not changed:
                    continue
                page.body = rewritten
                revision = page.save_revision()
                if page.live:
                    revision.publish()
                record.imported_revision_id = revision.pk
                record.save(update_fields=["imported_revision_id"])
                context.report.links_rewritten += changed
        except Exception as error:  # noqa: BLE001 - a link failure never undoes the import
            context.report.warnings.append(f"Links in page {page_id} were not rewritten: {error}")


def _hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _parents_first(pages: list[wxr.Item]) -> list[wxr.Item]:
    by_id = {item.wp_id: item for item in pages}
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

    for item in sorted(pages, key=lambda i: (i.menu_order, i.wp_id)):
        visit(item, set())
    return ordered

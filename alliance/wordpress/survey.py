"""The first read of an export, before anything is written, and what earlier imports left.

The survey refuses a file that is not a readable export (nothing is written
then), and learns what later passes need to know in advance: every item's old
address (so links can point at pages written later), the menus, the venues
and organizers of events, and how many comments there are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry

from . import wxr
from .links import Links
from .menus import MenuItem, menu_item
from .models import ImportedItem
from .report import ImportRefused, ImportReport

PAGE_TYPES = ("post", "page", "tribe_events")


@dataclass
class Survey:
    channel: wxr.Channel
    links: Links = field(default_factory=Links)
    venues: dict[int, wxr.Item] = field(default_factory=dict)
    organizers: dict[int, str] = field(default_factory=dict)
    menu_items: list[MenuItem] = field(default_factory=list)
    top_pages: set[int] = field(default_factory=set)  # pages without a parent
    counts: Counter = field(default_factory=Counter)  # items by post type
    first_guid: str = ""


def survey(path: Path, report: ImportReport, on_progress=None) -> Survey:
    """Read the whole file once before writing anything."""
    found: Survey | None = None
    try:
        for entry in wxr.read(path, lambda f: on_progress and on_progress("checking", f)):
            if isinstance(entry, wxr.Channel):
                found = Survey(entry)
                found.links.hosts = _hosts(entry)
                _check_version(entry, report)
            else:
                _learn(found, entry, report)
    except wxr.NotAnExport as error:
        raise ImportRefused(str(error)) from None
    except OSError as error:
        raise ImportRefused(f"The file could not be read: {error.strerror}.") from None
    if found is None:
        raise ImportRefused("This is not a WordPress export.")
    return found


def _check_version(channel: wxr.Channel, report: ImportReport) -> None:
    if wxr.newer_than_known(channel):
        report.warnings.append(
            f"WXR version {channel.version} is newer than this importer knows "
            f"({', '.join(wxr.KNOWN_VERSIONS)}); unknown elements are ignored."
        )


def _learn(found: Survey, item: wxr.Item, report: ImportReport) -> None:
    found.counts[item.post_type] += 1
    # Comments are never imported, whatever becomes of their item: all are counted.
    report.comments += item.comments
    if not found.first_guid:
        found.first_guid = item.guid or f"{item.post_type}:{item.wp_id}:{item.title}"
    if item.post_type in PAGE_TYPES and item.status != "trash":
        found.links.learn(item)
        # Custom fields (meta without WordPress's leading underscore) have no place here.
        fields = sum(1 for key in item.meta if key and not key.startswith("_"))
        if fields:
            report.not_imported[_("custom fields")] += fields
        if item.post_type == "page" and not item.parent_id:
            found.top_pages.add(item.wp_id)
    elif item.post_type == "tribe_venue":
        found.venues[item.wp_id] = item
    elif item.post_type == "tribe_organizer":
        found.organizers[item.wp_id] = item.title
    elif item.post_type == "nav_menu_item":
        found.menu_items.append(menu_item(item))


def _hosts(channel: wxr.Channel) -> set[str]:
    urls = (channel.link, channel.base_site_url, channel.base_blog_url)
    return {urlsplit(url).netloc.lower() for url in urls if url and urlsplit(url).netloc}


def source_key(channel: wxr.Channel, first_guid: str) -> str:
    """Which site an export comes from, so that its items are matched on a re-import.

    The site's address when the export has one; otherwise a fingerprint of the
    export's title, description and first item, so two exports without an
    address never share their items.
    """
    address = channel.link or channel.base_blog_url or channel.base_site_url
    if address:
        return address.rstrip("/")[:255]
    data = [channel.title, channel.description, first_guid]
    digest = hashlib.sha256(json.dumps(data).encode()).hexdigest()[:20]
    return f"wordpress-export:{digest}"


@dataclass
class Record:
    page_id: int | None
    content_hash: str
    revision_id: int | None
    imported_at: dt.datetime


class Records:
    """What earlier imports of this site wrote, read in three queries (not one per item)."""

    def __init__(self, source: str) -> None:
        rows = ImportedItem.objects.filter(source=source).values_list(
            "wp_id", "page_id", "content_hash", "imported_revision_id", "imported_at"
        )
        self.items = {wp_id: Record(*rest) for wp_id, *rest in rows}
        page_ids = ImportedItem.objects.filter(source=source, page__isnull=False).values("page_id")
        self.latest = dict(
            Page.objects.filter(pk__in=page_ids).values_list("pk", "latest_revision_id")
        )
        imported_at = {r.page_id: r.imported_at for r in self.items.values() if r.page_id}
        unpublishing = (
            PageLogEntry.objects.filter(action="wagtail.unpublish", page_id__in=page_ids)
            .values("page_id")
            .annotate(last=Max("timestamp"))
            .values_list("page_id", "last")
        )
        # An editor took the page offline after the import (unpublishing makes no revision).
        self.unpublished = {
            page_id for page_id, last in unpublishing if last > imported_at.get(page_id, last)
        }

    def pages(self) -> dict[int, int]:
        return {wp_id: r.page_id for wp_id, r in self.items.items() if r.page_id}

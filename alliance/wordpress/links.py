"""Old WordPress addresses: links between imported items, and redirects from the old site.

The first pass over the file learns every item's old address, so a link is
pointed at its page as soon as that page exists. Only links to items written
later in the file wait for one last look at the end (no second revision: the
revision written in this run is corrected in place).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, ReferenceIndex

from . import content, wxr
from .report import ImportReport


def link_key(url: str) -> str:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    for key in ("p", "page_id"):
        if key in query:
            return f"?{key}={query[key][0]}"
    return parts.path.rstrip("/").lower() or "/"


def _id_in(key: str) -> int | None:
    for prefix in ("?p=", "?page_id="):
        if key.startswith(prefix):
            number = key.removeprefix(prefix)
            return int(number) if number.isdigit() else None
    return None


@dataclass
class Links:
    """Where the old site's links lead: its items' addresses and the pages made from them."""

    hosts: set[str] = field(default_factory=set)
    wp_ids: dict[str, int] = field(default_factory=dict)  # old address -> WordPress id
    known: set[int] = field(default_factory=set)  # ids of the items that become pages
    pages: dict[int, int] = field(default_factory=dict)  # WordPress id -> page id
    waiting: set[int] = field(default_factory=set)  # pages linking to pages not yet written

    def learn(self, item: wxr.Item) -> None:
        self.known.add(item.wp_id)
        if item.link:
            self.wp_ids.setdefault(link_key(item.link), item.wp_id)

    def target(self, href: str) -> int | None:
        """The WordPress id an address leads to, if it is one of the old site's items."""
        netloc = urlsplit(href).netloc.lower()
        if netloc and netloc not in self.hosts:
            return None
        key = link_key(href)
        wp_id = _id_in(key)
        return wp_id if wp_id is not None else self.wp_ids.get(key)

    def page_for(self, href: str) -> int | None:
        return self.pages.get(self.target(href))

    def rewrite(self, blocks: list, page: Page | None = None) -> tuple[list, int]:
        """Point the blocks' links at pages; remember ``page`` if some must wait."""
        rewritten, changed = content.rewrite_links(blocks, self.page_for)
        if page is not None and any(
            (wp_id := self.target(href)) in self.known and wp_id not in self.pages
            for href in _hrefs(rewritten)
        ):
            self.waiting.add(page.pk)
        return rewritten, changed

    def rewrite_waiting(self, report: ImportReport) -> None:
        """The last look: links to items that were written after the page linking to them."""
        for page_id in sorted(self.waiting):
            try:
                with transaction.atomic():
                    self._rewrite_page(page_id, report)
            except Exception as error:  # noqa: BLE001 - a link failure never undoes the import
                report.warnings.append(f"Links in page {page_id} were not rewritten: {error}")

    def _rewrite_page(self, page_id: int, report: ImportReport) -> None:
        page = Page.objects.get(pk=page_id).specific
        blocks = [
            (b.block_type, b.value.source if hasattr(b.value, "source") else b.value)
            for b in page.body
        ]
        rewritten, changed = content.rewrite_links(blocks, self.page_for)
        if not changed:
            return
        page.body = rewritten
        type(page).objects.filter(pk=page.pk).update(body=page.body)
        revision = page.latest_revision
        revision.content = page.serializable_data()
        revision.save(update_fields=["content"])
        # The page now links to pages: the reference index says so.
        ReferenceIndex.create_or_update_for_object(page)
        report.links_rewritten += changed


def _hrefs(blocks: list) -> Iterable[str]:
    for block_type, value in blocks:
        if block_type == "paragraph" and 'href="' in value:
            for part in value.split('<a href="')[1:]:
                yield html.unescape(part.split('"', 1)[0])


def old_paths(item: wxr.Item) -> list[str]:
    """The item's old addresses as redirect paths, each once."""
    urls = [f"/?p={item.wp_id}"]
    if item.link:
        parts = urlsplit(item.link)
        urls.insert(0, parts.path + (f"?{parts.query}" if parts.query else ""))
    paths = dict.fromkeys(Redirect.normalise_path(url) for url in urls)
    return [path for path in paths if path and path != "/"]


class Redirects:
    """Old addresses to new pages, written in bulk: each path once, the last page winning."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.pending: dict[str, int] = {}

    def add(self, item: wxr.Item, page_id: int) -> None:
        for path in old_paths(item):
            self.pending[path] = page_id

    def flush(self) -> None:
        if not self.pending:
            return
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(site=None, old_path__in=list(self.pending))
        }
        changed, new = [], []
        for path, page_id in self.pending.items():
            redirect = existing.get(path)
            if redirect is None:
                new.append(
                    Redirect(old_path=path, site=None, is_permanent=True, redirect_page_id=page_id)
                )
            elif redirect.redirect_page_id != page_id or redirect.redirect_link:
                redirect.redirect_page_id, redirect.redirect_link = page_id, ""
                redirect.is_permanent = True
                changed.append(redirect)
        Redirect.objects.bulk_create(new)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        self.report.redirects += len(new) + len(changed)
        self.pending.clear()

"""What a WordPress post or page says, as the fields of a statement or a standard page.

Nothing here touches the page tree or the database: the writer places and
saves the pages (``writer``), in bulk for new ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from alliance.core.models import StandardPage
from alliance.newsroom.models import StatementKind, StatementPage, StatementSpokesperson

from . import content, wxr
from .terms import Terms

UNPUBLISHED = {"draft", "pending", "private", "auto-draft"}
KINDS = {"post": "post", "page": "page", "tribe_events": "event", "attachment": "attachment"}


@dataclass
class Options:
    """What the person importing chose, and what the export says about its authors."""

    kind_map: dict[str, str]
    authors: dict[str, str]  # login -> display name


def fingerprint(item: wxr.Item) -> str:
    """Of everything the import reads from an item: equal fingerprints, nothing to update."""
    data = {
        "title": item.title,
        "content": item.content,
        "excerpt": item.excerpt,
        "status": item.status,
        "date": str(item.date_gmt or item.date_local),
        "terms": [(t.kind, t.slug) for t in item.terms],
        "meta": item.meta,
        "parent": item.parent_id,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def title(item: wxr.Item) -> str:
    """The title as readers saw it: markup removed, entities decoded once."""
    text = html.unescape(strip_tags(item.title)).strip()
    return (text or f"Untitled ({item.wp_id})")[:255]


def summary(item: wxr.Item, conversion: content.Conversion) -> str:
    """The excerpt, or else the first paragraph, as plain text (templates escape it)."""
    text = content.plain_text(item.excerpt)
    if not text:
        for block_type, value in conversion.blocks:
            if block_type == "paragraph":
                text = content.plain_text(value)
                if text:
                    break
    return Truncator(text or title(item)).chars(300)


def scheduled(item: wxr.Item) -> bool:
    return (
        item.status == "future"
        and not item.password
        and item.date_gmt is not None
        and item.date_gmt.replace(tzinfo=dt.UTC) > timezone.now()
    )


def goes_live(item: wxr.Item) -> bool:
    """Published in WordPress, so published here. A post still "future" for a time now past
    missed its schedule in WordPress: it stays unpublished here too, for an editor to decide."""
    return item.status == "publish" and not item.password


def published_at(item: wxr.Item) -> dt.datetime | None:
    """When WordPress published the item (the site's clock is UTC, like post_date_gmt)."""
    moment = item.date_gmt or item.date_local
    return moment.replace(tzinfo=dt.UTC) if moment else None


def note(item: wxr.Item) -> str:
    notes = []
    if item.password:
        notes.append("password-protected in WordPress: left unpublished")
    elif item.status in UNPUBLISHED:
        notes.append(f"{item.status} in WordPress: left unpublished")
    elif item.status == "future":
        if scheduled(item):
            notes.append("scheduled in WordPress: scheduled here too")
        else:
            notes.append("scheduled in WordPress for a time now past: left unpublished")
    if item.date_local is None and item.date_gmt is None:
        notes.append("no date in WordPress: dated the day of the import")
    return "; ".join(notes)


def author(item: wxr.Item, options: Options) -> str:
    return options.authors.get(item.creator) or item.creator


def fill_statement(
    page: StatementPage,
    item: wxr.Item,
    conversion: content.Conversion,
    terms: Terms,
    options: Options,
) -> StatementPage:
    page.title = page.draft_title = title(item)
    categories = [t.slug for t in item.terms if t.kind == "category"]
    page.kind = next(
        (options.kind_map[slug] for slug in categories if slug in options.kind_map),
        StatementKind.STATEMENT,
    )
    page.date = (item.date_local or item.date_gmt or timezone.now().replace(tzinfo=None)).date()
    page.summary = summary(item, conversion)
    page.body = conversion.blocks or [("paragraph", "<p></p>")]
    page.topics = terms.topics_of(item)
    name = author(item, options)
    if name:
        page.spokespersons = [StatementSpokesperson(person=terms.person(name))]
    return page


def fill_standard(
    page: StandardPage, item: wxr.Item, conversion: content.Conversion, terms: Terms
) -> StandardPage:
    page.title = page.draft_title = title(item)
    page.intro = content.plain_text(item.excerpt)[:1000]
    page.body = conversion.blocks
    # Pages have no topics here; their categories and tags are counted as not imported.
    for term in item.terms:
        terms.report.not_imported[_("“%s” terms on pages") % term.kind] += 1
    return page

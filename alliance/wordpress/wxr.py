"""Reading a WordPress export (WXR 1.0 to 1.2) as a stream, with a hardened parser.

``defusedxml`` refuses DTDs, entity definitions and external references, so
"billion laughs" and external-entity tricks fail with a clear error instead of
exhausting memory or reading local files. Items are handed out one at a time
and their elements cleared afterwards, so memory stays bounded however large
the export.

Elements count only in the namespaces WordPress writes (``wp:`` is
``http://wordpress.org/export/X.Y/``): an element that redeclares ``wp`` to
another address is not WordPress's and is ignored, as the WordPress Importer
does. When an item repeats an element (two ``wp:post_id`` under two prefixes of
the same namespace), the last one wins, as it does there too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

KNOWN_VERSIONS = ("1.0", "1.1", "1.2")
VERSION = re.compile(r"\d+\.\d+")
WP_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/")
EXCERPT_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/excerpt/")
OTHER_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
# WXR 1.0 wrote tags as domain="tag"; later versions as domain="post_tag".
TAXONOMY_NAMES = {"post_tag": "tag", "tag": "tag", "category": "category"}


class NotAnExport(Exception):
    """The file cannot be imported; the message says why, for an editor."""


@dataclass
class Term:
    kind: str  # "category", "tag", or another taxonomy's name (post_format, nav_menu, ...)
    slug: str
    name: str
    parent: str = ""  # the parent's slug, for categories and hierarchical taxonomies


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str
    link: str
    slug: str
    status: str
    date_local: dt.datetime | None
    date_gmt: dt.datetime | None
    creator: str
    content: str
    excerpt: str
    parent_id: int
    menu_order: int
    password: str
    sticky: bool
    attachment_url: str
    guid: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    description: str = ""
    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
    terms: list[Term] = field(default_factory=list)
    term_meta: int = 0  # term meta entries, which have no equivalent here


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@functools.lru_cache(maxsize=512)
def _qualified(tag: str) -> str:
    """ "wp:post_id", "content:encoded", "title": the prefix WordPress uses, whatever the file's.

    An element in any other namespace keeps its namespace, so it never passes for WordPress's.
    """
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if EXCERPT_NAMESPACE.fullmatch(namespace):
        return f"excerpt:{local}"
    if WP_NAMESPACE.fullmatch(namespace):
        return f"wp:{local}"
    if namespace in OTHER_NAMESPACES:
        return f"{OTHER_NAMESPACES[namespace]}:{local}"
    return tag


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element: Element) -> dict[str, Element]:
    # The last of a repeated element wins, as in the WordPress Importer.
    return {_qualified(child.tag): child for child in element}


def _date(value: str) -> dt.datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        # A wall-clock value: post_date is the site's local time, post_date_gmt is UTC.
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007
    except ValueError:
        return None


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _item_term(child: Element) -> Term | None:
    """A <category domain="..." nicename="..."> of an item; others (WXR 1.0 repeats) are not."""
    domain, slug = child.get("domain"), child.get("nicename")
    if not domain or slug is None:
        return None
    return Term(TAXONOMY_NAMES.get(domain, domain), slug, (child.text or "").strip())


def _item(element: Element) -> Item:
    children = _children(element)
    terms, meta, comments = [], {}, 0
    for child in element:
        name = _qualified(child.tag)
        if name == "category":
            term = _item_term(child)
            if term is not None:
                terms.append(term)
        elif name == "wp:postmeta":
            parts = _children(child)
            meta[_text(parts.get("wp:meta_key"))] = _text(parts.get("wp:meta_value"))
        elif name == "wp:comment":
            comments += 1
    return Item(
        wp_id=_int(_text(children.get("wp:post_id"))),
        post_type=_text(children.get("wp:post_type")),
        title=_text(children.get("title")),
        link=_text(children.get("link")),
        slug=_text(children.get("wp:post_name")),
        status=_text(children.get("wp:status")),
        date_local=_date(_text(children.get("wp:post_date"))),
        date_gmt=_date(_text(children.get("wp:post_date_gmt"))),
        creator=_text(children.get("dc:creator")),
        content=(children["content:encoded"].text or "") if "content:encoded" in children else "",
        excerpt=(children["excerpt:encoded"].text or "") if "excerpt:encoded" in children else "",
        parent_id=_int(_text(children.get("wp:post_parent"))),
        menu_order=_int(_text(children.get("wp:menu_order"))),
        password=_text(children.get("wp:post_password")),
        sticky=_text(children.get("wp:is_sticky")) == "1",
        attachment_url=_text(children.get("wp:attachment_url")),
        guid=_text(children.get("guid")),
        terms=terms,
        meta=meta,
        comments=comments,
    )


def _channel_term(name: str, element: Element) -> tuple[Term, int]:
    """A channel's <wp:category>, <wp:tag> or <wp:term>, and how many term meta it has."""
    parts = _children(element)
    meta = sum(1 for child in element if _qualified(child.tag) == "wp:termmeta")
    if name == "wp:category":
        fields = ("category", "wp:category_nicename", "wp:cat_name", "wp:category_parent")
        kind = "category"
    elif name == "wp:tag":
        fields = ("tag", "wp:tag_slug", "wp:tag_name", "")
        kind = "tag"
    else:
        taxonomy = _text(parts.get("wp:term_taxonomy"))
        fields = (taxonomy, "wp:term_slug", "wp:term_name", "wp:term_parent")
        kind = TAXONOMY_NAMES.get(taxonomy, taxonomy)
    _, slug, label, parent = fields
    term = Term(kind, _text(parts.get(slug)), _text(parts.get(label)), _text(parts.get(parent)))
    return term, meta


CHANNEL_TEXT = {
    "title": "title",
    "link": "link",
    "description": "description",
    "wp:wxr_version": "version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


def _channel_element(channel: Channel, name: str, element: Element) -> None:
    """Fill the channel from one of its direct children."""
    if name in CHANNEL_TEXT:
        setattr(channel, CHANNEL_TEXT[name], _text(element))
    elif name in ("wp:author", "wp:wp_author"):
        parts = _children(element)
        login = _text(parts.get("wp:author_login"))
        if login:
            channel.authors[login] = _text(parts.get("wp:author_display_name")) or login
        element.clear()
    elif name in ("wp:category", "wp:tag", "wp:term"):
        term, meta = _channel_term(name, element)
        channel.terms.append(term)
        channel.term_meta += meta
        element.clear()


def read(
    path: Path, on_progress: Callable[[float], None] | None = None
) -> Iterator[Channel | Item]:
    """Yield the channel (once, before the first item) and then each item.

    Raises NotAnExport for files that are not well-formed WXR.
    """
    size = path.stat().st_size
    if size == 0:
        raise NotAnExport("The file is empty.")
    with path.open("rb") as handle:
        try:
            yield from _entries(handle, size, on_progress)
        except DefusedXmlException as error:
            raise NotAnExport(
                f"The file was refused for safety: it declares entities or a document type "
                f"({type(error).__name__}). WordPress exports never do."
            ) from None
        except ParseError as error:
            raise NotAnExport(f"The file is not well-formed XML: {error}.") from None


def _entries(handle, size: int, on_progress) -> Iterator[Channel | Item]:
    channel = Channel()
    channel_element: Element | None = None
    channel_sent = seen_root = False
    depth = 0
    for event, element in iterparse(handle, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == 2:
                channel_element = element
            if not seen_root:
                seen_root = True
                if _local(element.tag) != "rss":
                    raise NotAnExport("This is not a WordPress export: it is not an RSS file.")
            continue
        depth -= 1
        name = _qualified(element.tag)
        if name == "item" and depth == 2:
            if not channel_sent:
                _check_version(channel)
                channel_sent = True
                yield channel
            yield _item(element)
            # Drop the finished item entirely: memory stays flat for any export size.
            element.clear()
            if channel_element is not None:
                channel_element.remove(element)
            if on_progress:
                on_progress(min(1.0, handle.tell() / size))
        elif depth == 2:
            _channel_element(channel, name, element)
    if not seen_root:
        raise NotAnExport("The file is empty.")
    if not channel_sent:
        _check_version(channel)
        yield channel


def _check_version(channel: Channel) -> None:
    if not channel.version:
        raise NotAnExport(
            "This is not a WordPress export: it has no wp:wxr_version. Export it again with "
            "Tools › Export in WordPress."
        )
    if not VERSION.fullmatch(channel.version):
        raise NotAnExport(
            f"This is not a WordPress export: its WXR version number "
            f"“{channel.version[:20]}” is invalid. Export it again with Tools › Export in "
            "WordPress."
        )


def newer_than_known(channel: Channel) -> bool:
    return channel.version not in KNOWN_VERSIONS

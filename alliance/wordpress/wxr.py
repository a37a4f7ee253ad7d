"""Reading a WordPress export (WXR 1.0 to 1.2) as a stream, with a hardened parser.

``defusedxml`` refuses DTDs, entity definitions and external references, so
"billion laughs" and external-entity tricks fail with a clear error instead of
exhausting memory or reading local files. Items are handed out one at a time
and their elements cleared afterwards, so memory stays bounded however large
the export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

KNOWN_VERSIONS = ("1.0", "1.1", "1.2")


class NotAnExport(Exception):
    """The file cannot be imported; the message says why, for an editor."""


@dataclass
class Term:
    kind: str  # "category" or "tag"
    slug: str
    name: str


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
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    version: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
    terms: list[Term] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element: Element) -> dict[str, Element]:
    found: dict[str, Element] = {}
    for child in element:
        found.setdefault(_qualified(child.tag), child)
    return found


def _qualified(tag: str) -> str:
    """ "wp:post_id", "content:encoded", "title": the prefix WordPress uses, namespace-agnostic."""
    namespace, local = _namespace(tag), _local(tag)
    if "wordpress.org/export" in namespace and "excerpt" in namespace:
        return f"excerpt:{local}"
    if "wordpress.org/export" in namespace:
        return f"wp:{local}"
    if "purl.org/rss/1.0/modules/content" in namespace:
        return f"content:{local}"
    if "purl.org/dc/elements" in namespace:
        return f"dc:{local}"
    return local


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


def _item(element: Element) -> Item:
    children = _children(element)
    terms = [
        Term(
            kind="tag" if child.get("domain") == "post_tag" else "category",
            slug=child.get("nicename") or "",
            name=(child.text or "").strip(),
        )
        for child in element
        if _local(child.tag) == "category" and child.get("domain") in ("category", "post_tag")
    ]
    meta = {}
    comments = 0
    for child in element:
        name = _qualified(child.tag)
        if name == "wp:postmeta":
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
        terms=terms,
        meta=meta,
        comments=comments,
    )


def read(
    path: Path, on_progress: Callable[[float], None] | None = None
) -> Iterator[Channel | Item]:
    """Yield the channel (once, before the first item) and then each item.

    Raises NotAnExport for files that are not well-formed WXR.
    """
    channel = Channel()
    channel_element: Element | None = None
    channel_sent = False
    depth = 0
    seen_root = False
    if path.stat().st_size == 0:
        raise NotAnExport("The file is empty.")
    size = path.stat().st_size
    with path.open("rb") as handle:
        try:
            for event, element in iterparse(handle, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth == 2:
                        channel_element = element
                    if not seen_root:
                        seen_root = True
                        if _local(element.tag) != "rss":
                            raise NotAnExport(
                                "This is not a WordPress export: it is not an RSS file."
                            )
                    continue
                depth -= 1
                name = _qualified(element.tag)
                if name == "item":
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
                elif depth == 2 and name == "wp:wxr_version":
                    channel.version = _text(element)
                elif depth == 2 and name == "title":
                    channel.title = _text(element)
                elif depth == 2 and name == "link":
                    channel.link = _text(element)
                elif depth == 2 and name == "wp:author":
                    parts = _children(element)
                    login = _text(parts.get("wp:author_login"))
                    channel.authors[login] = _text(parts.get("wp:author_display_name")) or login
                    element.clear()
                elif depth == 2 and name in ("wp:category", "wp:tag"):
                    parts = _children(element)
                    if name == "wp:category":
                        term = Term(
                            "category",
                            _text(parts.get("wp:category_nicename")),
                            _text(parts.get("wp:cat_name")),
                        )
                    else:
                        term = Term(
                            "tag", _text(parts.get("wp:tag_slug")), _text(parts.get("wp:tag_name"))
                        )
                    channel.terms.append(term)
                    element.clear()
        except DefusedXmlException as error:
            raise NotAnExport(
                f"The file was refused for safety: it declares entities or a document type "
                f"({type(error).__name__}). WordPress exports never do."
            ) from None
        except ParseError as error:
            raise NotAnExport(f"The file is not well-formed XML: {error}.") from None
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


def newer_than_known(channel: Channel) -> bool:
    return channel.version not in KNOWN_VERSIONS

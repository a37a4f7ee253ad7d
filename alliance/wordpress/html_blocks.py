"""Parsed WordPress HTML, walked element by element into the site's body blocks.

Nothing is copied: every block is rebuilt from an allow-list (see ``content``),
so scripts, event handlers, iframes and styles cannot reach a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from bs4 import Comment, NavigableString, Tag

DROP_WITH_CONTENT = {"script", "style", "noscript", "form", "button", "input", "select", "textarea"}
EMBED_TAGS = {"iframe", "video", "audio", "object", "embed"}
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "br": "br"}
# Inline elements: their words join the paragraph being written.
INLINE_NAMES = {
    *INLINE,
    *("a", "span", "code", "sup", "sub", "small", "abbr", "cite", "q", "del", "ins", "mark"),
    *("u", "s", "kbd", "var", "time", "big", "tt", "acronym", "font", "label"),
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose end is a line break in plain text (quotes, headings, captions).
TEXT_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "pre", "tr", "dd", "dt", *HEADINGS}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def safe_href(href: str) -> str | None:
    href = (href or "").strip()
    scheme = urlsplit(href).scheme.lower()
    if scheme in ("", "http", "https", "mailto") and not href.lower().startswith("javascript"):
        return href
    return None


def link(href: str, label: str | None = None) -> str:
    """An escaped link; the label is plain text (the address itself if none)."""
    return f'<a href="{html.escape(href)}">{html.escape(label or href, quote=False)}</a>'


def inline(node, conversion) -> str:
    """Inline HTML rebuilt from the allow-list: bold, italic, links, line breaks; text escaped."""
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return html.escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    name = node.name.lower()
    if name in DROP_WITH_CONTENT:
        conversion.unsafe_removed += 1
        return ""
    if name in EMBED_TAGS:
        conversion.unsafe_removed += 1
        src = safe_href(node.get("src", ""))
        return link(src) if src else ""
    if name == "img":
        return ""
    if any(attribute.lower().startswith("on") for attribute in node.attrs):
        conversion.unsafe_removed += 1
    inner = "".join(inline(child, conversion) for child in node.children)
    if name == "br":
        return "<br>"
    if name in INLINE:
        tag = INLINE[name]
        return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
    if name == "a":
        href = safe_href(node.get("href", ""))
        if href is None:
            conversion.unsafe_removed += 1
            return inner
        conversion.links.add(href)
        return f'<a href="{html.escape(href)}">{inner}</a>'
    return inner


def plain(node) -> str:
    """The words of an element as a reader sees them: inline elements joined, breaks kept.

    Paragraphs become blank lines and <br> a line break; spaces are collapsed.
    """
    lines = [SPACES.sub(" ", line).strip() for line in _raw_text(node).split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _raw_text(node) -> str:
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return str(node).replace("\n", " ")
    if not isinstance(node, Tag) or node.name.lower() in DROP_WITH_CONTENT:
        return ""
    name = node.name.lower()
    if name == "br":
        return "\n"
    inner = "".join(_raw_text(child) for child in node.children)
    return f"\n\n{inner}\n\n" if name in TEXT_BLOCKS else inner


def list_html(node: Tag, conversion) -> str:
    tag = "ol" if node.name == "ol" else "ul"
    items = []
    for li in node.find_all("li", recursive=False):
        nested_lists = li.find_all(["ul", "ol"], recursive=False)
        nested = "".join(list_html(child, conversion) for child in nested_lists)
        for child in nested_lists:
            child.extract()
        items.append(f"<li>{inline(li, conversion).strip()}{nested}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>" if items else ""


class BlockWriter:
    """Walks parsed HTML and appends body blocks to ``conversion.blocks``.

    Inline content gathers into the paragraph being written; any other element
    ends it and becomes blocks of its own.
    """

    def __init__(
        self,
        conversion,
        image_for: Callable[[str], object | None],
        gallery_for: Callable[[list[int]], list],
    ) -> None:
        self.conversion = conversion
        self.blocks = conversion.blocks
        self.image_for = image_for
        self.gallery_for = gallery_for
        self.paragraph: list[str] = []
        self.handlers = {
            "ul": self.listing,
            "ol": self.listing,
            "blockquote": self.quote,
            "img": self.image,
            "figure": self.figure,
            "wp-gallery": self.gallery,
            "pre": self.preformatted,
            "table": self.table,
            "hr": lambda node: None,
            **dict.fromkeys(HEADINGS, self.heading),
            **dict.fromkeys(EMBED_TAGS, self.embed),
        }

    def walk(self, nodes: Iterable) -> None:
        for node in list(nodes):
            if isinstance(node, NavigableString) and not isinstance(node, Comment):
                self.paragraph.append(html.escape(str(node), quote=False))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in DROP_WITH_CONTENT:
                self.conversion.unsafe_removed += 1
            elif name in INLINE_NAMES:
                self.paragraph.append(inline(node, self.conversion))
            else:
                self.flush()
                self.handlers.get(name, self.container)(node)

    def flush(self) -> None:
        joined = "".join(self.paragraph).strip()
        if joined and re.sub(r"<[^>]+>|\s", "", joined):
            self.blocks.append(("paragraph", f"<p>{joined}</p>"))
        self.paragraph.clear()

    # -- one method for each kind of element -----------------------------------------------

    def container(self, node: Tag) -> None:
        """p, div, section, dl and anything else: its children, in order."""
        if node.name == "p" and node.find("img") and not node.get_text(strip=True):
            for img in node.find_all("img"):
                self.image(img)
            return
        self.walk(node.children)
        self.flush()

    def heading(self, node: Tag) -> None:
        text = " ".join(plain(node).split())
        if text:
            self.blocks.append(("heading", text))

    def listing(self, node: Tag) -> None:
        listed = list_html(node, self.conversion)
        if listed:
            self.blocks.append(("paragraph", listed))

    def quote(self, node: Tag) -> None:
        """A quote keeps its words and line breaks; its links follow it in a paragraph."""
        cite = node.find("cite")
        attribution = " ".join(plain(cite).split()) if cite else ""
        if cite:
            cite.extract()
        links = [inline(a, self.conversion) for a in node.find_all("a", href=True)]
        words = plain(node)
        if words:
            self.blocks.append(
                ("quote", {"text": words, "attribution": attribution, "role": ""})
            )
        links = [anchor for anchor in links if anchor.startswith("<a ")]
        if links:
            self.blocks.append(("paragraph", "<p>" + "<br>".join(links) + "</p>"))

    def image(self, img: Tag, caption: str = "") -> None:
        src = img.get("src", "")
        alt = img.get("alt", "").strip()
        image = self.image_for(src)
        if image is None:
            # Not imported: a link to the old file, labelled with its words, so none are lost.
            self.conversion.missing_images.append(src)
            href = safe_href(src)
            if href:
                self.blocks.append(("paragraph", f"<p>{link(href, alt or caption)}</p>"))
            if caption and (alt or not href) and caption != alt:
                self.blocks.append(("paragraph", f"<p>{html.escape(caption, quote=False)}</p>"))
            return
        alt_text = alt or caption or getattr(image, "title", "")
        self.blocks.append(
            (
                "image",
                {
                    "image": {"image": image, "alt_text": alt_text, "decorative": False},
                    "caption": caption,
                },
            )
        )

    def figure(self, node: Tag) -> None:
        """An image with its caption, a block gallery of such figures, or other content.

        In a gallery each image keeps its own caption; the gallery's caption follows.
        """
        own_caption = node.find("figcaption", recursive=False)
        caption = " ".join(plain(own_caption).split()) if own_caption else ""
        if own_caption:
            own_caption.extract()
        nested = [f for f in node.find_all("figure") if f.find_parent("figure") is node]
        images = node.find_all("img")
        if nested:
            for figure in nested:
                self.figure(figure)
        elif len(images) == 1:
            self.image(images[0], caption)
            return
        elif images:
            for img in images:
                self.image(img)
        else:
            self.walk(node.children)
            self.flush()
        if caption:
            self.blocks.append(("paragraph", f"<p>{html.escape(caption, quote=False)}</p>"))

    def gallery(self, node: Tag) -> None:
        ids = [int(i) for i in re.findall(r"\d+", node.get("data-ids", ""))]
        for image in self.gallery_for(ids):
            self.blocks.append(
                (
                    "image",
                    {
                        "image": {"image": image, "alt_text": image.title, "decorative": False},
                        "caption": "",
                    },
                )
            )

    def embed(self, node: Tag) -> None:
        self.conversion.unsafe_removed += 1
        src = safe_href(node.get("src", ""))
        if src:
            self.conversion.links.add(src)
            self.blocks.append(("paragraph", f"<p>{link(src)}</p>"))

    def preformatted(self, node: Tag) -> None:
        lines = html.escape(node.get_text(), quote=False).strip().split("\n")
        self.blocks.append(("paragraph", "<p>" + "<br>".join(lines) + "</p>"))

    def table(self, node: Tag) -> None:
        for row in node.find_all("tr"):
            cells = [" ".join(plain(c).split()) for c in row.find_all(["td", "th"])]
            if any(cells):
                text = html.escape(" | ".join(cells), quote=False)
                self.blocks.append(("paragraph", f"<p>{text}</p>"))

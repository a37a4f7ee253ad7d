"""WordPress post HTML (classic or block editor) to the site's body blocks.

The output is rebuilt from an allow-list, never copied: only paragraphs,
headings, lists, quotes, images with captions and links come through, so
scripts, event handlers, iframes and styles cannot reach a page. Embeds are
kept as plain links (nothing is loaded from a third party); shortcodes are
converted where they have a meaning here and otherwise removed, and reported.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from alliance.core.richtext import rich_text_clean

BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "table",
    "pre",
    "hr",
    "dl",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "iframe",
    "video",
    "audio",
    "object",
    "embed",
    "script",
    "style",
    "form",
}
DROP_WITH_CONTENT = {"script", "style", "noscript", "form", "button", "input", "select", "textarea"}
EMBED_TAGS = {"iframe", "video", "audio", "object", "embed"}
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "br": "br"}
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z_][\w-]*)([^\]]*)\]")
KNOWN_SHORTCODES = {"audio", "video", "playlist", "embed", "gallery", "caption", "wp_caption"}
URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)


@dataclass
class Conversion:
    blocks: list = field(default_factory=list)
    removed_shortcodes: set[str] = field(default_factory=set)
    unsafe_removed: int = 0
    missing_images: list[str] = field(default_factory=list)
    links: set[str] = field(default_factory=set)


def _autop(text: str) -> str:
    """WordPress's classic editor stores blank lines, not <p>: make them paragraphs."""
    if "\n\n" not in text.replace("\r\n", "\n"):
        return text
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        first = re.match(r"<\s*([a-zA-Z0-9]+)", stripped)
        if first and first.group(1).lower() in BLOCK_TAGS:
            out.append(stripped)
        else:
            out.append("<p>" + stripped.replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def _shortcodes(text: str, report: Conversion) -> str:
    def caption(match: re.Match) -> str:
        inner = match.group(1)
        image = re.search(r"<img[^>]*>", inner)
        words = re.sub(r"<img[^>]*>|<a[^>]*>|</a>", "", inner).strip()
        return f"<figure>{image.group(0) if image else ''}<figcaption>{words}</figcaption></figure>"

    text = re.sub(r"\[caption[^\]]*\](.*?)\[/caption\]", caption, text, flags=re.S)
    text = re.sub(
        r'\[gallery[^\]]*ids="([\d,\s]+)"[^\]]*\]',
        lambda m: f'<wp-gallery data-ids="{m.group(1)}"></wp-gallery>',
        text,
    )
    text = re.sub(
        r"\[embed[^\]]*\](.*?)\[/embed\]",
        lambda m: _link_paragraph(m.group(1).strip()),
        text,
        flags=re.S,
    )

    closing = {name.lower() for name in re.findall(r"\[/([a-zA-Z_][\w-]*)\]", text)}

    def other(match: re.Match) -> str:
        name = match.group(2).lower()
        # A shortcode has attributes, a closing tag, or a well-known name; "[sic]" is text.
        if name in KNOWN_SHORTCODES or name in closing or "=" in match.group(3):
            report.removed_shortcodes.add(name)
            return ""
        return match.group(0)

    return SHORTCODE.sub(other, text)


def _link_paragraph(url: str) -> str:
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _safe_href(href: str) -> str | None:
    href = (href or "").strip()
    scheme = urlsplit(href).scheme.lower()
    if scheme in ("", "http", "https", "mailto") and not href.lower().startswith("javascript"):
        return href
    return None


def _inline(node, report: Conversion) -> str:
    """Inline HTML rebuilt from the allow-list: bold, italic, links, line breaks; text escaped."""
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return html.escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    name = node.name.lower()
    if name in DROP_WITH_CONTENT:
        report.unsafe_removed += 1
        return ""
    if name in EMBED_TAGS:
        report.unsafe_removed += 1
        src = _safe_href(node.get("src", ""))
        return f'<a href="{html.escape(src)}">{html.escape(src)}</a>' if src else ""
    if name == "img":
        return ""
    if any(attribute.lower().startswith("on") for attribute in node.attrs):
        report.unsafe_removed += 1
    inner = "".join(_inline(child, report) for child in node.children)
    if name == "br":
        return "<br>"
    if name in INLINE:
        tag = INLINE[name]
        return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
    if name == "a":
        href = _safe_href(node.get("href", ""))
        if href is None:
            report.unsafe_removed += 1
            return inner
        report.links.add(href)
        return f'<a href="{html.escape(href)}">{inner}</a>'
    return inner


def _list(node: Tag, report: Conversion) -> str:
    tag = "ol" if node.name == "ol" else "ul"
    items = []
    for li in node.find_all("li", recursive=False):
        nested = "".join(
            _list(child, report) for child in li.find_all(["ul", "ol"], recursive=False)
        )
        for child in li.find_all(["ul", "ol"], recursive=False):
            child.extract()
        items.append(f"<li>{_inline(li, report).strip()}{nested}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>" if items else ""


def convert(
    source: str, image_for: Callable[[str], object | None], gallery_for: Callable[[list[int]], list]
) -> Conversion:
    """Turn WordPress HTML into body blocks.

    ``image_for(url)`` returns an imported image for an <img> address, or None;
    ``gallery_for(ids)`` returns the imported images of a gallery's attachment ids.
    """
    report = Conversion()
    text = URL_LINE.sub(lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', source or "")
    text = _autop(_shortcodes(text, report))
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    paragraph: list[str] = []

    def flush() -> None:
        joined = "".join(paragraph).strip()
        if joined and re.sub(r"<[^>]+>|\s", "", joined):
            report.blocks.append(("paragraph", f"<p>{joined}</p>"))
        paragraph.clear()

    def image_block(img: Tag, caption: str = "") -> None:
        image = image_for(img.get("src", ""))
        if image is None:
            report.missing_images.append(img.get("src", ""))
            alt = img.get("alt", "").strip()
            src = _safe_href(img.get("src", ""))
            if src:
                label = html.escape(alt or caption or src)
                report.blocks.append(
                    ("paragraph", f'<p><a href="{html.escape(src)}">{label}</a></p>')
                )
            return
        report.blocks.append(
            (
                "image",
                {
                    "image": {
                        "image": image,
                        "alt_text": img.get("alt", "").strip()
                        or caption
                        or getattr(image, "title", ""),
                        "decorative": False,
                    },
                    "caption": caption,
                },
            )
        )

    def walk(nodes) -> None:
        for node in list(nodes):
            if isinstance(node, NavigableString) and not isinstance(node, Comment):
                paragraph.append(html.escape(str(node), quote=False))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in DROP_WITH_CONTENT:
                report.unsafe_removed += 1
                continue
            if name in (
                "b",
                "strong",
                "i",
                "em",
                "a",
                "span",
                "br",
                "code",
                "sup",
                "sub",
                "small",
                "abbr",
                "cite",
                "q",
                "del",
                "ins",
                "mark",
                "u",
                "s",
                "kbd",
                "var",
                "time",
                "big",
                "tt",
                "acronym",
                "font",
                "label",
            ):
                paragraph.append(_inline(node, report))
                continue
            flush()
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                heading = node.get_text(" ", strip=True)
                if heading:
                    report.blocks.append(("heading", heading[:255]))
            elif name in ("ul", "ol"):
                listed = _list(node, report)
                if listed:
                    report.blocks.append(("paragraph", listed))
            elif name == "blockquote":
                cite = node.find("cite")
                attribution = cite.get_text(" ", strip=True) if cite else ""
                if cite:
                    cite.extract()
                words = node.get_text("\n", strip=True)
                if words:
                    report.blocks.append(
                        ("quote", {"text": words, "attribution": attribution[:255], "role": ""})
                    )
            elif name == "img":
                image_block(node)
            elif name == "figure":
                caption_tag = node.find("figcaption")
                caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
                images = node.find_all("img")
                if images:
                    for img in images:
                        image_block(img, caption[:255])
                else:
                    walk(node.children)
                    flush()
            elif name == "wp-gallery":
                ids = [int(i) for i in re.findall(r"\d+", node.get("data-ids", ""))]
                for image in gallery_for(ids):
                    report.blocks.append(
                        (
                            "image",
                            {
                                "image": {
                                    "image": image,
                                    "alt_text": image.title,
                                    "decorative": False,
                                },
                                "caption": "",
                            },
                        )
                    )
            elif name in EMBED_TAGS:
                report.unsafe_removed += 1
                src = _safe_href(node.get("src", ""))
                if src:
                    report.links.add(src)
                    report.blocks.append(
                        ("paragraph", f'<p><a href="{html.escape(src)}">{html.escape(src)}</a></p>')
                    )
            elif name == "pre":
                lines = html.escape(node.get_text(), quote=False).strip().split("\n")
                report.blocks.append(("paragraph", "<p>" + "<br>".join(lines) + "</p>"))
            elif name == "table":
                for row in node.find_all("tr"):
                    cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
                    if any(cells):
                        report.blocks.append(
                            (
                                "paragraph",
                                "<p>" + html.escape(" | ".join(cells), quote=False) + "</p>",
                            )
                        )
            elif name == "hr":
                continue
            else:  # p, div, section, dl and anything else: its children, in order
                if name == "p" and node.find("img") and not node.get_text(strip=True):
                    for img in node.find_all("img"):
                        image_block(img)
                    continue
                walk(node.children)
                flush()
        return

    walk(soup.children)
    flush()
    report.blocks = [
        (kind, rich_text_clean(value) if kind == "paragraph" else value)
        for kind, value in report.blocks
    ]
    return report


def rewrite_links(blocks: list, page_for: Callable[[str], int | None]) -> tuple[list, int]:
    """Point links to old addresses at the imported pages (Wagtail page links)."""
    changed = 0

    def replace(match: re.Match) -> str:
        nonlocal changed
        page_id = page_for(html.unescape(match.group(1)))
        if page_id is None:
            return match.group(0)
        changed += 1
        return f'<a linktype="page" id="{page_id}">'

    out = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            value = re.sub(r'<a href="([^"]*)">', replace, value)
        out.append((block_type, value))
    return out, changed

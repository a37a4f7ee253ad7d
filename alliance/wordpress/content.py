"""WordPress post HTML (classic or block editor) to the site's body blocks.

The output is rebuilt from an allow-list, never copied: only paragraphs,
headings, lists, quotes, images with captions and links come through, so
scripts, event handlers, iframes and styles cannot reach a page. Embeds are
kept as plain links (nothing is loaded from a third party); shortcodes are
converted where they have a meaning here and otherwise removed, and reported.
The walk over the parsed HTML is in ``html_blocks``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.entities import html5

from bs4 import BeautifulSoup
from django.utils.html import strip_tags

from alliance.core.richtext import rich_text_clean

from .html_blocks import BlockWriter, link

BLOCK_TAGS = {
    *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure"),
    *("table", "pre", "hr", "dl", "section", "article", "aside", "header", "footer"),
    *("iframe", "video", "audio", "object", "embed", "script", "style", "form"),
}
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z_][\w-]*)([^\]]*)\]")
KNOWN_SHORTCODES = {"audio", "video", "playlist", "embed", "gallery", "caption", "wp_caption"}
URL_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.MULTILINE)
ENTITY = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;?)?")
BLOCK_EDITOR = "<!-- wp:"
# Tags whose edges separate words when HTML becomes plain text.
BREAKING_TAGS = re.compile(r"<\s*/?\s*(br|p|div|li|h[1-6]|blockquote|tr|td|th|figcaption)\b[^>]*>")


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


def _caption_shortcode(match: re.Match) -> str:
    inner = match.group(1)
    image = re.search(r"<img[^>]*>", inner)
    words = re.sub(r"<img[^>]*>|<a[^>]*>|</a>", "", inner).strip()
    return f"<figure>{image.group(0) if image else ''}<figcaption>{words}</figcaption></figure>"


def _shortcodes(text: str, conversion: Conversion) -> str:
    text = re.sub(r"\[caption[^\]]*\](.*?)\[/caption\]", _caption_shortcode, text, flags=re.S)
    text = re.sub(
        r'\[gallery[^\]]*ids="([\d,\s]+)"[^\]]*\]',
        lambda m: f'<wp-gallery data-ids="{m.group(1)}"></wp-gallery>',
        text,
    )
    text = re.sub(
        r"\[embed[^\]]*\](.*?)\[/embed\]",
        lambda m: f"<p>{link(m.group(1).strip())}</p>",
        text,
        flags=re.S,
    )
    closing = {name.lower() for name in re.findall(r"\[/([a-zA-Z_][\w-]*)\]", text)}

    def other(match: re.Match) -> str:
        name = match.group(2).lower()
        # A shortcode has attributes, a closing tag, or a well-known name; "[sic]" is text.
        if name in KNOWN_SHORTCODES or name in closing or "=" in match.group(3):
            conversion.removed_shortcodes.add(name)
            return ""
        return match.group(0)

    return SHORTCODE.sub(other, text)


def _literal_text(text: str) -> str:
    """Escape what an HTML parser would swallow but a browser shows as text.

    ``&lol1;`` and ``AT&T;`` are not entities (the parser would drop their
    semicolon); ``<![CDATA[`` is not markup in HTML (the parser would drop it).
    """
    text = text.replace("<![CDATA[", "&lt;![CDATA[").replace("]]>", "]]&gt;")

    def ampersand(match: re.Match) -> str:
        reference = match.group(1)
        if reference and (reference.startswith("#") or reference in html5):
            return match.group(0)
        return "&amp;" + (reference or "")

    return ENTITY.sub(ampersand, text)


def _prepare(source: str, conversion: Conversion) -> str:
    # A web address alone on its line is an embed in WordPress: here, a plain link.
    text = URL_LINE.sub(lambda m: f"{m.group(1)}{link(m.group(2))}{m.group(3)}", source)
    text = _shortcodes(text, conversion)
    # Block-editor content has its paragraphs marked; only classic content needs them made.
    if BLOCK_EDITOR not in text:
        text = _autop(text)
    return _literal_text(text)


def convert(
    source: str, image_for: Callable[[str], object | None], gallery_for: Callable[[list[int]], list]
) -> Conversion:
    """Turn WordPress HTML into body blocks.

    ``image_for(url)`` returns an imported image for an <img> address, or None;
    ``gallery_for(ids)`` returns the imported images of a gallery's attachment ids.
    """
    conversion = Conversion()
    # Comments (the block editor's <!-- wp:... --> marks) are skipped by the walk.
    soup = BeautifulSoup(
        _prepare(source or "", conversion), "html.parser", multi_valued_attributes=None
    )
    writer = BlockWriter(conversion, image_for, gallery_for)
    writer.walk(soup.children)
    writer.flush()
    conversion.blocks = [
        (kind, rich_text_clean(value) if kind == "paragraph" else value)
        for kind, value in conversion.blocks
    ]
    return conversion


def plain_text(fragment: str) -> str:
    """HTML as one line of plain text, entities decoded once (templates escape it again)."""
    text = strip_tags(BREAKING_TAGS.sub(" ", fragment or ""))
    return " ".join(html.unescape(text).split())


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

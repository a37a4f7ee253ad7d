"""A printable flyer for each event: one page, in the event's language, with a QR code.

The QR code is drawn here, on the server, as SVG (segno), so the flyer prints sharp at
any size and needs no script or other host. The paper is A4 unless Letter is asked
for; each has its own small print stylesheet, as ``@page`` rules cannot follow a class.
"""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe

PAPERS = ("a4", "letter")


def paper_size(asked: str | None) -> str:
    """The paper a flyer is laid out for: the one asked for if known, else A4."""
    return asked if asked in PAPERS else "a4"


def qr_svg(url: str, title: str) -> SafeString:
    """The address as a QR code in SVG, sized by its container; ``title`` names it for readers.

    Error correction "M" survives a crease or a smudge on a printed sheet. segno escapes
    the title itself.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, title=title)
    return mark_safe(svg.replace('class="segno"', 'class="qr" role="img"', 1))  # noqa: S308

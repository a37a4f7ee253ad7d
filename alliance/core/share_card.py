"""The picture a link preview shows for a page without one: the alliance's logo on a card.

Sites that preview links (messengers, social networks) want a wide image of about
1200 × 630 pixels; a square logo alone is cropped or shown tiny. The card is drawn
once per logo and kept in the cache.
"""

from __future__ import annotations

import hashlib
import io

from django.core.cache import cache
from PIL import Image as PILImage
from PIL import ImageOps

WIDTH, HEIGHT = 1200, 630
PAPER = (245, 242, 238)  # --tint in site.css
ACCENT = (158, 27, 50)  # --accent in site.css
BAND = 24
LOGO_BOX = (480, 480)


def card_version(logo) -> str:
    """A short key naming the logo's current file, so a new logo gets a new address."""
    name = logo.file.name if logo is not None else ""
    return hashlib.sha256(name.encode()).hexdigest()[:12]


def draw_card(logo_file) -> bytes:
    """The card as PNG bytes: the logo centred on paper, a band of the accent colour below."""
    card = PILImage.new("RGB", (WIDTH, HEIGHT), PAPER)
    card.paste(ACCENT, (0, HEIGHT - BAND, WIDTH, HEIGHT))
    if logo_file is not None:
        with PILImage.open(logo_file) as source:
            logo = ImageOps.contain(source.convert("RGBA"), LOGO_BOX)
        position = ((WIDTH - logo.width) // 2, (HEIGHT - BAND - logo.height) // 2)
        card.paste(logo, position, logo)
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


def card_png(logo) -> bytes:
    """The card for ``logo`` (a Wagtail image, or None for a plain card), drawn once."""
    key = f"share-card:{card_version(logo)}"
    found = cache.get(key)
    if found is None:
        if logo is None:
            found = draw_card(None)
        else:
            with logo.open_file() as handle:
                found = draw_card(handle)
        cache.set(key, found, 60 * 60 * 24 * 30)
    return found

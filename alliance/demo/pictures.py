"""Pictures for the demo's lead images: posters drawn here, since the seed holds no photos.

Each is a plain placard in the alliance's colours with a few words on it, and says so in
its description: the demo shows where pictures go without passing off drawings as photos.
"""

from __future__ import annotations

import io
import textwrap

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

WIDTH, HEIGHT = 1600, 900
# Background and stripe colours: the accent of site.css, a deep blue and a dark green.
PALETTES = (
    ((158, 27, 50), (122, 18, 38)),
    ((26, 64, 120), (18, 46, 90)),
    ((30, 90, 60), (20, 66, 44)),
)

# The words on each statement's placard, in the demo's own words.
PLACARDS = {
    "trump-executive-orders": "Migrants and refugees are welcome here",
    "un-high-level-dialogue-info-session": "End forced migration",
    "ima-cpgsd-refugee-crisis": "Rights, not barriers",
    "international-migrants-day-example": "Migrants Day: act where you live",
}


def placard_words(slug: str, title: str) -> str:
    return PLACARDS.get(slug) or " ".join(title.split()[:6])


def poster(words: str, number: int) -> tuple[Image, str]:
    """A saved Wagtail image of a placard reading ``words``, and its description."""
    background, stripe = PALETTES[number % len(PALETTES)]
    canvas = PILImage.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(canvas)
    for x in range(-HEIGHT, WIDTH, 160):
        draw.polygon(
            [(x, HEIGHT), (x + 60, HEIGHT), (x + 60 + HEIGHT, 0), (x + HEIGHT, 0)], fill=stripe
        )
    board = (160, 170, WIDTH - 160, HEIGHT - 170)
    draw.rounded_rectangle(board, radius=24, fill=(250, 247, 242))
    font = ImageFont.load_default(size=96)
    text = "\n".join(textwrap.wrap(words.upper(), 20))
    centre = ((board[0] + board[2]) / 2, (board[1] + board[3]) / 2)
    draw.multiline_text(
        centre, text, fill=background, font=font, anchor="mm", align="center", spacing=18
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80, optimize=True)
    image = Image(title=f"Placard: {words}")
    image.file = ImageFile(ContentFile(buffer.getvalue()), name=f"placard-{number}.jpg")
    image.save()
    return image, f"A drawn placard with the words “{words}”"

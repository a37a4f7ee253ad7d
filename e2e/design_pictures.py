"""Pictures of the design system for docs/design.md, taken from a running demo site.

    .venv/bin/python e2e/design_pictures.py http://127.0.0.1:8000

Each picture is one component (or one screen) as the site draws it, at phone width
unless named otherwise, in English and Arabic where direction matters. They are
written to docs/design/ as palette PNGs, so each stays a few tens of kilobytes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from conftest import CHROMIUM, CHROMIUM_FLAGS

OUT = Path(__file__).resolve().parent.parent / "docs" / "design"
DAY = "/events/international-migrants-day-example/"
# name: (path without the language prefix, languages, width, element or None for the screen)
SHOTS = {
    "header": ("/", ("en", "ar"), 360, ".site-header"),
    "header-wide": ("/statements/", ("en",), 1280, ".site-header"),
    "home-first-screen": ("/", ("en", "ar"), 360, None),
    "featured-statement": ("/", ("en", "ar"), 360, ".featured"),
    "campaign": ("/", ("en",), 360, ".campaign"),
    "event-list": ("/", ("en", "ar"), 360, ".event-list"),
    "call-to-action": ("/", ("en", "ar"), 360, ".call-to-action"),
    "cards": ("/statements/", ("en",), 1280, "main .cards"),
    "filters": ("/events/", ("en",), 360, ".filter-box"),
    "example-notice": (DAY, ("en",), 360, ".example-banner"),
}


def palette_png(raw: bytes) -> bytes:
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(base: str) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, (path, languages, width, selector) in SHOTS.items():
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for lang in languages:
                page.goto(f"{base}/{lang}{path}")
                target = page.locator(selector).first if selector else page
                raw = target.screenshot()
                file = OUT / f"{name}-{lang}.png"
                file.write_bytes(palette_png(raw))
                written.append(file)
            context.close()
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.goto(f"{base}/ar/")
        page.locator(".site-menu summary").click()
        file = OUT / "menu-open-ar.png"
        file.write_bytes(palette_png(page.screenshot()))
        written.append(file)
        browser.close()
    return written


if __name__ == "__main__":
    for file in shoot(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"):
        print(f"{file.stat().st_size:>7} {file.relative_to(OUT.parent.parent)}")

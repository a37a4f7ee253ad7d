"""Draw the app icons (web app manifest, home screens) from the site's logo, core/favicon.svg.

The logo is a circle and straight-edged letters, so a few lines read it and Pillow
draws it, without an SVG renderer. The PNGs are committed; run this only when the logo
changes. The "maskable" icon fills the whole square with the logo's colour and keeps
the letters inside the middle 80 %, where every phone's mask leaves them whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[2] / "static" / "core"
LOGO = STATIC / "favicon.svg"
SVG = "{http://www.w3.org/2000/svg}"
#: Drawn this many times larger, then reduced, for smooth edges.
SUPERSAMPLE = 4
ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}


def path_polygons(d: str) -> list[list[tuple[float, float]]]:
    """The polygons of a path made of M, V, H, L and Z commands (absolute or relative)."""
    polygons: list[list[tuple[float, float]]] = []
    x = y = 0.0
    for command, args in re.findall(r"([MmVvHhLlZz])([^MmVvHhLlZz]*)", d):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        if command in "Zz":
            x, y = polygons[-1][0]
            continue
        if command in "Mm":
            x, y = (x + numbers[0], y + numbers[1]) if command == "m" else tuple(numbers[:2])
            polygons.append([(x, y)])
            numbers = numbers[2:]
            command = "l" if command == "m" else "L"
        steps = 1 if command in "VvHh" else 2
        for i in range(0, len(numbers), steps):
            if command == "V":
                y = numbers[i]
            elif command == "v":
                y += numbers[i]
            elif command == "H":
                x = numbers[i]
            elif command == "h":
                x += numbers[i]
            elif command == "L":
                x, y = numbers[i], numbers[i + 1]
            else:
                x, y = x + numbers[i], y + numbers[i + 1]
            polygons[-1].append((x, y))
    return polygons


def draw_icon(logo: ElementTree.Element, size: int, maskable: bool) -> Image.Image:
    width = float(logo.get("viewBox", "0 0 32 32").split()[2])
    circle = logo.find(f"{SVG}circle")
    letters = logo.find(f"{SVG}path")
    if circle is None or letters is None:
        raise CommandError("The logo needs a <circle> and a <path>.")
    big = size * SUPERSAMPLE
    # Maskable: the letters shrink into the safe zone, the colour fills the square.
    scale = big / width * (0.8 if maskable else 1)
    offset = (big - width * scale) / 2
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=circle.get("fill"))
    else:
        cx, cy, r = (float(circle.get(a)) for a in ("cx", "cy", "r"))
        box = (cx - r, cy - r, cx + r, cy + r)
        draw.ellipse([offset + v * scale for v in box], fill=circle.get("fill"))
    for polygon in path_polygons(letters.get("d", "")):
        draw.polygon(
            [(offset + x * scale, offset + y * scale) for x, y in polygon], fill=letters.get("fill")
        )
    return image.resize((size, size), Image.LANCZOS)


class Command(BaseCommand):
    help = "Redraw the app icons in core/static/core/icons/ from core/static/core/favicon.svg."

    def handle(self, *args, **options) -> None:
        # The project's own file, committed beside this command: not untrusted input.
        logo = ElementTree.parse(LOGO).getroot()  # noqa: S314
        folder = STATIC / "icons"
        folder.mkdir(exist_ok=True)
        for name, (size, maskable) in ICONS.items():
            draw_icon(logo, size, maskable).save(folder / name, optimize=True)
            self.stdout.write(f"Wrote {folder / name}.")

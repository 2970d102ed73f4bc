"""Draw the home-screen icons (static/img/icon-*.png) once; the PNGs are committed.

The icon is the favicon's house (static/img/favicon.svg) on Wijkplein's blue. Pillow is needed
only here, not by the app, so it is no dependency: run this in a throwaway environment::

    python3 -m venv /tmp/icons && /tmp/icons/bin/pip install pillow
    /tmp/icons/bin/python scripts/make_icons.py

"Maskable" icons keep the house inside the middle 80 % (the safe zone a phone may crop to).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
BLUE = "#00549f"
WHITE = "#ffffff"
# The favicon's house on its 32-unit grid: roof ridge, walls and a door.
HOUSE = [(7, 22), (7, 12), (16, 6), (25, 12), (25, 22), (19, 22), (19, 16), (13, 16), (13, 22)]


def draw(size: int, *, maskable: bool) -> Image.Image:
    """Return the icon of ``size`` pixels; a maskable one is a full square, the house smaller."""
    scale = 4  # draw large and shrink, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    if maskable:
        canvas.rectangle((0, 0, big, big), fill=BLUE)
        inset, unit = big * 0.2, big * 0.6 / 32
    else:
        canvas.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=BLUE)
        inset, unit = 0.0, big / 32
    canvas.polygon([(inset + x * unit, inset + y * unit) for x, y in HOUSE], fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    folder = ROOT / "static" / "img"
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-192.png", 192, True),
        ("icon-maskable-512.png", 512, True),
        # iOS puts its own rounded corners on a full square.
        ("apple-touch-icon.png", 180, True),
    ]:
        draw(size, maskable=maskable).save(folder / name, optimize=True)
        print(folder / name)


if __name__ == "__main__":
    main()

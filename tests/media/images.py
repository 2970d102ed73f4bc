"""Crafted images for the photo tests: made with Pillow in memory, with what a phone adds."""

from __future__ import annotations

import io

from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def photo(
    size: tuple[int, int] = (1600, 1200),
    fmt: str = "JPEG",
    *,
    gps: bool = False,
    orientation: int | None = None,
    mode: str = "RGB",
    colour: tuple[int, ...] = (200, 40, 40),
) -> bytes:
    """Return a photo's bytes; ``gps`` adds a GPS position and a camera name to its EXIF."""
    image = Image.new(mode, size, colour)
    # A dark block in the top left corner, so that orientation can be seen in the pixels.
    image.paste((0, 0, 0) + ((255,) if mode == "RGBA" else ()), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0110] = "Phone 12"  # Model
        exif[GPS_IFD] = {1: "N", 2: (51.0, 48.0, 30.0), 3: "E", 4: (4.0, 39.0, 10.0)}
    if orientation is not None:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    kwargs = {"exif": exif.tobytes()} if (gps or orientation) else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def png_with_alpha(size: tuple[int, int] = (800, 600)) -> bytes:
    """Return a PNG that is fully transparent but for an opaque blue square in the middle."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    w, h = size
    image.paste((0, 0, 255, 255), (w // 4, h // 4, 3 * w // 4, 3 * h // 4))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()

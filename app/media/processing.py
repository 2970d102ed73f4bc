"""Turn an uploaded photo into clean, phone-sized copies: pure, no Flask, no database.

What comes in is untrusted bytes. :func:`process` reads them with Pillow by their *content*
(never the file name or the browser's mimetype), refuses anything that is not a JPEG, PNG or
WebP, refuses more than ``max_bytes`` bytes and more than ``max_pixels`` pixels before decoding
(a decompression bomb is a small file that unpacks into gigabytes), applies the EXIF orientation
and then re-encodes every copy from the pixels alone: no EXIF (GPS, camera, date), no ICC
profile, no XMP survives. Copies are ``WIDTHS`` wide at most and never wider than the original.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# The widths a phone, a tablet and a desktop column need (``srcset``); never upscaled.
WIDTHS = (320, 640, 1024)
FORMATS = ("webp", "jpeg")
MAX_BYTES = 8 * 1024 * 1024
# 40 megapixels: more than any phone camera makes, far less than a bomb unpacks into.
MAX_PIXELS = 40_000_000
ACCEPTED = ("JPEG", "PNG", "WEBP")
CONTENT_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
JPEG_QUALITY = 80
WEBP_QUALITY = 75

# Pillow's own guard, for any code path that opens an image without ``process``: it warns above
# this many pixels and raises above twice as many. ``process`` checks first, and turns the
# warning into an error as well.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRefused(ValueError):
    """The upload is not a photo Wijkplein takes; ``reason`` says why (a code, not a text)."""

    TOO_BIG = "too_big"
    TOO_MANY_PIXELS = "too_many_pixels"
    NOT_AN_IMAGE = "not_an_image"
    EMPTY = "empty"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Variant:
    """One encoded copy."""

    width: int
    height: int
    format: str  # "webp" or "jpeg"
    data: bytes


@dataclass(frozen=True)
class ProcessedImage:
    """What :func:`process` made of an upload."""

    sha256: str  # of the uploaded bytes
    width: int  # after orientation, before resizing
    height: int
    variants: tuple[Variant, ...]


def variant_widths(width: int) -> list[int]:
    """Return the widths of the copies of an image ``width`` pixels wide (never upscaled)."""
    return sorted({min(w, width) for w in WIDTHS})


def scaled_height(width: int, height: int, to_width: int) -> int:
    """Return the height of a copy ``to_width`` wide of a ``width`` × ``height`` image."""
    return max(1, round(height * to_width / width))


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Open ``data`` as one of the accepted formats, its pixel count checked before decoding."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED)
        except Image.DecompressionBombError as exc:
            raise ImageRefused(ImageRefused.TOO_MANY_PIXELS) from exc
        except Image.DecompressionBombWarning as exc:
            raise ImageRefused(ImageRefused.TOO_MANY_PIXELS) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ImageRefused(ImageRefused.NOT_AN_IMAGE) from exc
    if image.format not in ACCEPTED:
        raise ImageRefused(ImageRefused.NOT_AN_IMAGE)
    if image.width < 1 or image.height < 1 or image.width * image.height > max_pixels:
        raise ImageRefused(ImageRefused.TOO_MANY_PIXELS)
    return image


def _decode(data: bytes, max_pixels: int) -> Image.Image:
    """Check the file's structure (``verify``), then open it again and decode its pixels."""
    try:
        _open(data, max_pixels).verify()
    except ImageRefused:
        raise
    except Exception as exc:  # noqa: BLE001 (any failure of verify() means a broken file)
        raise ImageRefused(ImageRefused.NOT_AN_IMAGE) from exc
    # verify() leaves the image unusable: open it again to read the pixels.
    image = _open(data, max_pixels)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.seek(0)  # an animated WebP or PNG: its first frame
            image.load()
            oriented = ImageOps.exif_transpose(image)
        except Exception as exc:  # noqa: BLE001 (a truncated or corrupt file fails here)
            raise ImageRefused(ImageRefused.NOT_AN_IMAGE) from exc
    return oriented if oriented is not None else image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _pixels_only(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """Return a new image with the same pixels (RGB, or RGBA) and no metadata at all.

    Without alpha for JPEG: a transparent area becomes white, not black.
    """
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        if keep_alpha:
            clean = rgba
        else:
            clean = Image.new("RGB", rgba.size, (255, 255, 255))
            clean.paste(rgba, mask=rgba.getchannel("A"))
    else:
        clean = image.convert("RGB")
    clean = clean.copy()
    clean.info = {}
    return clean


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    # exif=b"" and no icc_profile/xmp: nothing but pixels is written.
    if fmt == "jpeg":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, exif=b"")
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, exif=b"", xmp=b"")
    return out.getvalue()


def process(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> ProcessedImage:
    """Check an upload and make its WebP and JPEG copies at ``variant_widths``.

    Raise :class:`ImageRefused` when the bytes are empty, too many, not a JPEG/PNG/WebP by
    content, or too many pixels.
    """
    if not data:
        raise ImageRefused(ImageRefused.EMPTY)
    if len(data) > max_bytes:
        raise ImageRefused(ImageRefused.TOO_BIG)
    image = _decode(data, max_pixels)
    width, height = image.size
    variants: list[Variant] = []
    for fmt in FORMATS:
        clean = _pixels_only(image, keep_alpha=fmt == "webp")
        for to_width in variant_widths(width):
            to_height = scaled_height(width, height, to_width)
            copy = (
                clean
                if to_width == width
                else clean.resize((to_width, to_height), Image.Resampling.LANCZOS)
            )
            copy.info = {}
            variants.append(Variant(to_width, to_height, fmt, _encode(copy, fmt)))
    return ProcessedImage(
        sha256=hashlib.sha256(data).hexdigest(),
        width=width,
        height=height,
        variants=tuple(variants),
    )

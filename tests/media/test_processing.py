"""The pure photo module: what comes in is checked by content, what goes out is pixels only."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from app.media.processing import (
    MAX_PIXELS,
    ImageRefused,
    process,
    variant_widths,
)
from tests.media.images import GPS_IFD, photo, png_with_alpha


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_phone_photo_gets_webp_and_jpeg_copies_at_phone_widths():
    result = process(photo((1600, 1200)))
    assert result.width == 1600 and result.height == 1200
    assert sorted((v.format, v.width, v.height) for v in result.variants) == [
        ("jpeg", 320, 240),
        ("jpeg", 640, 480),
        ("jpeg", 1024, 768),
        ("webp", 320, 240),
        ("webp", 640, 480),
        ("webp", 1024, 768),
    ]
    for variant in result.variants:
        image = _open(variant.data)
        assert image.format == {"jpeg": "JPEG", "webp": "WEBP"}[variant.format]
        assert image.size == (variant.width, variant.height)


def test_a_small_photo_is_never_made_larger():
    assert variant_widths(500) == [320, 500]
    assert variant_widths(200) == [200]
    result = process(photo((500, 250), "PNG"))
    assert sorted({v.width for v in result.variants}) == [320, 500]
    assert max(_open(v.data).width for v in result.variants) == 500


def test_gps_and_camera_in_the_upload_are_in_no_copy():
    upload = photo((1200, 900), gps=True)
    assert GPS_IFD in _open(upload).getexif()  # the crafted upload does carry a position
    for variant in process(upload).variants:
        image = _open(variant.data)
        assert not image.getexif(), variant
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info
        assert b"PhoneMaker" not in variant.data and b"Exif" not in variant.data


def test_gps_in_a_webp_upload_is_in_no_copy():
    upload = photo((700, 500), "WEBP", gps=True)
    assert _open(upload).getexif()
    for variant in process(upload).variants:
        assert not _open(variant.data).getexif()
        assert b"PhoneMaker" not in variant.data


def test_the_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the picture must be shown turned 90° clockwise.
    upload = photo((800, 400), orientation=6)
    result = process(upload)
    assert (result.width, result.height) == (400, 800)
    for variant in result.variants:
        image = _open(variant.data).convert("RGB")
        assert image.width < image.height
        assert not image.getexif()  # no orientation tag left to turn it twice
        # The dark block was top left; turned clockwise it is top right.
        w, _h = image.size
        assert sum(image.getpixel((w - 5, 5))) < 150
        assert sum(image.getpixel((5, 5))) > 150


def test_a_transparent_png_becomes_a_white_backed_jpeg_and_keeps_alpha_in_webp():
    result = process(png_with_alpha((800, 600)))
    jpeg = next(v for v in result.variants if v.format == "jpeg" and v.width == 640)
    image = _open(jpeg.data)
    assert image.mode == "RGB"
    corner = image.getpixel((2, 2))
    assert min(corner) > 240  # white, not black
    centre = image.getpixel((320, 240))
    assert centre[2] > 200 and centre[0] < 60
    webp = next(v for v in result.variants if v.format == "webp" and v.width == 640)
    assert _open(webp.data).mode == "RGBA"


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ImageRefused) as refused:
        process(b"This is not a photo at all, just text saved as photo.jpg\n" * 20)
    assert refused.value.reason == ImageRefused.NOT_AN_IMAGE


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_an_image_of_another_format_is_refused(fmt):
    with pytest.raises(ImageRefused) as refused:
        process(photo((64, 64), fmt))
    assert refused.value.reason == ImageRefused.NOT_AN_IMAGE


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ImageRefused):
        process(svg)


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ImageRefused) as refused:
        process(photo((800, 600))[:600])
    assert refused.value.reason == ImageRefused.NOT_AN_IMAGE


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_a_huge_pixel_count_is_refused_before_decoding():
    bomb = _png_header_only(50_000, 50_000)
    assert len(bomb) < 1000
    with pytest.raises(ImageRefused) as refused:
        process(bomb)
    assert refused.value.reason == ImageRefused.TOO_MANY_PIXELS


def test_just_over_the_pixel_limit_is_refused():
    with pytest.raises(ImageRefused) as refused:
        process(photo((200, 101), "PNG"), max_pixels=200 * 100)
    assert refused.value.reason == ImageRefused.TOO_MANY_PIXELS
    assert MAX_PIXELS >= 12_000_000 * 2  # a 12 MP phone photo and more pass


def test_too_many_bytes_and_no_bytes_are_refused():
    with pytest.raises(ImageRefused) as refused:
        process(photo((300, 300)), max_bytes=100)
    assert refused.value.reason == ImageRefused.TOO_BIG
    with pytest.raises(ImageRefused) as refused:
        process(b"")
    assert refused.value.reason == ImageRefused.EMPTY


def test_the_hash_is_of_the_upload_and_the_same_for_the_same_bytes():
    upload = photo((400, 300))
    assert process(upload).sha256 == process(upload).sha256
    assert process(upload).sha256 != process(photo((400, 301))).sha256

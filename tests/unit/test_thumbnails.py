"""Media types by content and defended thumbnails (oneaqita/thumbnails.py)."""

import io

import pytest
from PIL import Image

from oneaqita.thumbnails import MAX_PIXELS, THUMBNAIL_PX, media_type_of, thumbnail_of
from tests.images import jpeg, png, png_bomb


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (jpeg(), "image/jpeg"),
        (png(), "image/png"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a", "application/octet-stream"),
        (b"PK\x03\x04", "application/octet-stream"),
        (b"\xff\xd8", "application/octet-stream"),  # too short to be a JPEG
    ],
)
def test_the_type_follows_the_content(content: bytes, expected: str) -> None:
    assert media_type_of(content) == expected


def _size(thumb: bytes | None) -> tuple[int, int]:
    assert thumb is not None and thumb.startswith(b"\xff\xd8\xff")
    with Image.open(io.BytesIO(thumb)) as image:
        return image.size


def test_thumbnails_keep_the_aspect_within_the_box() -> None:
    assert _size(thumbnail_of(jpeg(1600, 1200), "image/jpeg")) == (THUMBNAIL_PX, 120)
    assert _size(thumbnail_of(png(300, 600), "image/png")) == (80, THUMBNAIL_PX)
    assert _size(thumbnail_of(jpeg(20, 10), "image/jpeg")) == (20, 10)  # never enlarged


def test_a_transparent_png_is_flattened_on_white() -> None:
    thumb = thumbnail_of(png(10, 10, (0, 0, 0, 0)), "image/png")
    assert thumb is not None
    with Image.open(io.BytesIO(thumb)) as image:
        assert image.convert("L").getextrema()[0] > 240


def test_a_portrait_photo_stands_upright() -> None:
    image = Image.new("RGB", (400, 200), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    assert _size(thumbnail_of(out.getvalue(), "image/jpeg")) == (80, THUMBNAIL_PX)


@pytest.mark.parametrize(
    "content",
    [
        png_bomb(),  # 400 megapixels, past Pillow's own limit
        png_bomb(int(MAX_PIXELS**0.5) + 1),  # just past ours, under Pillow's
        jpeg(800, 600)[:300],  # truncated
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # a JPEG signature, no image
        b"\x89PNG\r\n\x1a\n" + b"\xff" * 64,
    ],
)
def test_what_does_not_decode_gets_no_thumbnail_and_no_exception(
    content: bytes, recwarn: pytest.WarningsRecorder
) -> None:
    assert thumbnail_of(content, media_type_of(content)) is None
    assert not [w for w in recwarn if issubclass(w.category, Image.DecompressionBombWarning)]


def test_only_jpeg_and_png_are_decoded() -> None:
    assert thumbnail_of(jpeg(), "application/octet-stream") is None
    assert thumbnail_of(b"%PDF-1.4", "application/pdf") is None

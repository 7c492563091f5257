"""What a stored file is (by its first bytes, never by its name) and the small JPEG that lists
show instead of it.

Rules:

- The media type follows the content's signature: JPEG, PNG and PDF are recognised; anything
  else is ``application/octet-stream``. A file named ``photo.jpg`` that is a ZIP is not an
  image.
- A thumbnail (at most ``THUMBNAIL_PX`` on its longer side, JPEG) is made only for a JPEG or
  PNG that decodes. An image of more than ``MAX_PIXELS`` pixels (a decompression bomb: a
  small file that would decode to gigabytes), a truncated or fake one, or anything else Pillow
  refuses gets no thumbnail (None): the file is still stored as given, lists show a file icon
  for it, and it is left out of the photo sheet. Nothing here raises for a file's content.
"""

import io
import logging
import warnings

from PIL import Image, ImageOps

__all__ = [
    "IMAGE_TYPES",
    "MAX_PIXELS",
    "THUMBNAIL_PX",
    "is_image_type",
    "media_type_of",
    "thumbnail_of",
]

log = logging.getLogger(__name__)

JPEG, PNG, PDF, OTHER = "image/jpeg", "image/png", "application/pdf", "application/octet-stream"
IMAGE_TYPES = frozenset({JPEG, PNG})
_SIGNATURES = ((b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"%PDF-", PDF))
_FORMATS = {JPEG: "JPEG", PNG: "PNG"}

# 60 megapixels: more than a 48-megapixel phone camera, far less than Pillow's own limit
# (89 million, an error only at twice that): a bigger image is not decoded at all.
MAX_PIXELS = 60_000_000
# Pillow warns of an image between its limit and twice it (an error beyond): such an image is
# already past MAX_PIXELS and refused here before decoding, so the warning says nothing new.
# (A filter set once: catch_warnings() around each call is not safe on worker threads.)
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
THUMBNAIL_PX = 160


def media_type_of(content: bytes) -> str:
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    return OTHER


def is_image_type(media_type: str) -> bool:
    return media_type in IMAGE_TYPES


def thumbnail_of(content: bytes, media_type: str) -> bytes | None:
    """A JPEG of at most THUMBNAIL_PX × THUMBNAIL_PX, or None (see the module docstring)."""
    image_format = _FORMATS.get(media_type)
    if image_format is None:
        return None
    try:
        return _thumbnail(content, image_format)
    except Exception as exc:  # noqa: BLE001 - any content Pillow cannot decode: no thumbnail
        log.info("no thumbnail (%s): %s", type(exc).__name__, exc)
        return None


def _thumbnail(content: bytes, image_format: str) -> bytes | None:
    with Image.open(io.BytesIO(content), formats=[image_format]) as image:
        width, height = image.size
        if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
            log.info("no thumbnail: %d × %d pixels", width, height)
            return None
        if image_format == "JPEG":  # decode at 1/2 … 1/8 scale, much less memory and time
            image.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))
        image.load()  # a truncated file raises here (ImageFile.LOAD_TRUNCATED_IMAGES is off)
        shown = ImageOps.exif_transpose(image)  # a phone's portrait photo stands upright
        shown.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        if shown.mode in ("RGBA", "LA") or (shown.mode == "P" and "transparency" in shown.info):
            rgba = shown.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            shown = flat
        elif shown.mode != "RGB":
            shown = shown.convert("RGB")
        out = io.BytesIO()
        shown.save(out, "JPEG", quality=80)
        return out.getvalue()

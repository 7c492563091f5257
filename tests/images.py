"""Small image files for attachment tests, made with Pillow (and one hostile one by hand)."""

import io
import struct
import zlib

from PIL import Image


def jpeg(width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


def png(
    width: int = 40, height: int = 30, color: tuple[int, int, int, int] = (0, 90, 200, 128)
) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), color).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 20_000) -> bytes:
    """A valid PNG of side × side black 1-bit pixels (400 megapixels) in a few kilobytes:
    decoded, it would take gigabytes."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    raw = zlib.compressobj(9)
    data = b"".join(raw.compress(row) for _ in range(side)) + raw.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )

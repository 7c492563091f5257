"""The 写真帳 (photo sheet): photos two across and three down a page, each with its caption.

Every image goes through Pillow first: turned upright by its EXIF orientation, flattened to
RGB and scaled down to at most ``MAX_PIXELS`` on its longer side before it is embedded, so that
a 6,000-pixel camera photo does not make a 20 MB PDF. An image Pillow cannot read (a broken
file, an unknown format, a decompression bomb) prints as a framed box saying so, with its
caption: one bad photo never stops the sheet.
"""

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Table, TableStyle

from oneaqita.reports.pdf_base import RULE_GREY, fit, para, register_font, styles

__all__ = ["PhotoCard", "photo_sheet", "prepared_image"]

MAX_PIXELS = 1600
COLUMNS, ROWS = 2, 3
CELL_WIDTH = 88 * mm
IMAGE_BOX = (84 * mm, 63 * mm)  # 4:3, the shape most cameras take
CAPTION_HEIGHT = 11 * mm


@dataclass(frozen=True)
class PhotoCard:
    """One photo and the lines under it."""

    image: bytes
    caption: str
    detail: str = ""


def prepared_image(data: bytes) -> tuple[bytes, int, int] | None:
    """``data`` as a JPEG fit for the PDF, with its size in pixels; None when Pillow cannot
    read it."""
    try:
        with warnings.catch_warnings():
            # A picture past Pillow's pixel limit is refused, not decoded.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(BytesIO(data)) as opened:
                opened.load()
                image = ImageOps.exif_transpose(opened).convert("RGB")
        image.thumbnail((MAX_PIXELS, MAX_PIXELS))
        out = BytesIO()
        image.save(out, format="JPEG", quality=85)
        return out.getvalue(), image.width, image.height
    except Exception:  # noqa: BLE001 - any unreadable image becomes the placeholder box
        return None


def _picture(data: bytes) -> Flowable:
    prepared = prepared_image(data)
    box_w, box_h = IMAGE_BOX
    if prepared is None:
        box = Table(
            [
                [
                    para(
                        "画像を表示できません\n(壊れているか、対応していない形式です)",
                        styles().caption,
                    )
                ]
            ],
            colWidths=[box_w],
            rowHeights=[box_h],
        )
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), register_font(), 8),
                    ("BOX", (0, 0), (-1, -1), 0.6, RULE_GREY),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F3F4F6")),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return box
    jpeg, width, height = prepared
    scale = min(box_w / width, box_h / height)
    return Image(BytesIO(jpeg), width=width * scale, height=height * scale)


def _cell(card: PhotoCard) -> list[Flowable]:
    style = styles().caption
    room = CELL_WIDTH - 6
    lines: list[Flowable] = [
        _picture(card.image),
        para(fit(card.caption, room, style.fontSize), style),
    ]
    if card.detail:
        lines.append(para(fit(card.detail, room, style.fontSize), style))
    return lines


def photo_sheet(cards: Sequence[PhotoCard], heading: str = "写真帳") -> list[Flowable]:
    """Pages of ``cards``, six a page, each page under ``heading`` with its page of the sheet;
    nothing when there are no cards."""
    if not cards:
        return []
    register_font()
    per_page = COLUMNS * ROWS
    chunks = [cards[i : i + per_page] for i in range(0, len(cards), per_page)]
    story: list[Flowable] = []
    for number, chunk in enumerate(chunks, start=1):
        story.append(PageBreak())
        title = heading if len(chunks) == 1 else f"{heading} ({number} / {len(chunks)})"
        story.append(Paragraph(title, styles().heading))
        cells: list[list[object]] = [
            [_cell(c) for c in chunk[r : r + COLUMNS]] for r in range(0, len(chunk), COLUMNS)
        ]
        if len(cells[-1]) < COLUMNS:
            cells[-1].append("")
        table = Table(
            cells,
            colWidths=[CELL_WIDTH] * COLUMNS,
            rowHeights=[IMAGE_BOX[1] + CAPTION_HEIGHT + 6] * len(cells),
            hAlign="CENTER",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), register_font(), 8),  # never Helvetica
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(table)
    return story

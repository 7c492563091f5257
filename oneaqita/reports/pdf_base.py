"""What every PDF of the app shares: the embedded Japanese font, the styles, the table style,
and the page with its header and footer (title, period, date of issue in 令和, page n / N).

Rules:

- Text is set in the bundled IPAexGothic (``oneaqita.bundled.FONT_FILE``), registered as a
  TrueType font: reportlab embeds the glyphs used as subsets, so the PDF prints the same on a
  machine without Japanese fonts and ``pdftotext`` extracts every character. reportlab's CID
  fonts (HeiseiKakuGo-W5) are never used: they are not embedded (PLATFORM.md).
- Documents are built with platypus: a long table splits over pages and repeats its header
  rows (``data_table``); every page carries the same header and footer (``ReportPage``).
- Stored text goes into a paragraph only through ``para`` (escaped: a title like
  ``<b>`` or ``&`` prints as typed); table cells that must stay one line are cut to their
  column with ``fit`` ("…"), so that a 200-character district does not overrun its neighbour.
- The page count needs the whole document: ``NumberedCanvas`` keeps each page's state and
  draws the footers when the document is saved (one pass, no second layout).
"""

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus import TableStyle as _TableStyle

from oneaqita.bundled import FONT_FILE
from oneaqita.errors import DomainError
from oneaqita.fiscal import to_wareki

__all__ = [
    "COMPANY_NAME",
    "FONT_NAME",
    "HEADER_GREY",
    "MARGIN",
    "RULE_GREY",
    "ReportPage",
    "ReportStyles",
    "build_pdf",
    "data_table",
    "fit",
    "para",
    "register_font",
    "styles",
    "table_style",
    "write_pdf",
]

COMPANY_NAME = "株式会社ONE・AQITA"
FONT_NAME = "IPAexGothic"
MARGIN = 15 * mm
HEADER_GREY = colors.HexColor("#E4E9F0")
RULE_GREY = colors.HexColor("#7A8594")


@cache
def register_font() -> str:
    """Register the bundled font with reportlab (once) and return its name. Bold and italic
    map to the same face, so ``<b>`` in a paragraph never asks for a font that is not there."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE)))
    pdfmetrics.registerFontFamily(
        FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
    )
    return FONT_NAME


@dataclass(frozen=True)
class ReportStyles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    caption: ParagraphStyle


@cache
def styles() -> ReportStyles:
    font = register_font()

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        # Japanese wraps between any two characters (wordWrap="CJK"), not only at spaces.
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK", **kw
        )

    return ReportStyles(
        title=style("title", 18, alignment=TA_CENTER, spaceAfter=4 * mm),
        heading=style("heading", 12, spaceBefore=5 * mm, spaceAfter=2 * mm),
        body=style("body", 9.5),
        small=style("small", 8),
        cell=style("cell", 8.5),
        caption=style("caption", 8, alignment=TA_CENTER),
    )


def para(text: str | None, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of stored text, escaped, line breaks kept."""
    shown = escape(text or "").replace("\n", "<br/>")
    return Paragraph(shown, style or styles().body)


def fit(text: str | None, width: float, size: float = 8.5) -> str:
    """``text`` on one line, cut with "…" to ``width`` points at ``size`` (the cell's
    padding is the caller's)."""
    if not text:
        return ""
    font = register_font()
    text = " ".join(text.split())  # a line break or tab would not print in a one-line cell
    # No glyph of the font is wider than 1 em: a short text fits unmeasured (3,000 rows).
    if len(text) * size <= width or pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    ellipsis = "…"
    room = width - pdfmetrics.stringWidth(ellipsis, font, size)
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid], font, size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + ellipsis


def table_style(
    header_rows: int = 1, size: float = 8.5, right: Sequence[int] = (), centre: Sequence[int] = ()
) -> _TableStyle:
    """The house table: grid, a grey header, the font; ``right``/``centre`` columns aligned."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), register_font(), size, size * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_GREY),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ]
    commands += [("ALIGN", (c, header_rows), (c, -1), "RIGHT") for c in right]
    commands += [("ALIGN", (c, header_rows), (c, -1), "CENTER") for c in centre]
    return _TableStyle(commands)


def data_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    header_rows: int = 1,
    style: _TableStyle | None = None,
    row_height: float | None = None,
) -> Table:
    """A table that splits over pages and repeats its first ``header_rows`` rows on each."""
    heights = (
        None
        if row_height is None
        else [None] * header_rows + [row_height] * (len(rows) - header_rows)
    )
    table = Table(
        list(rows),
        colWidths=list(widths),
        rowHeights=heights,
        repeatRows=header_rows,
        hAlign="LEFT",
    )
    table.setStyle(style or table_style(header_rows))
    return table


@dataclass(frozen=True)
class ReportPage:
    """What every page of one document says around its content."""

    title: str  # in the header, left, and the PDF's title
    issued: date  # 発行日, in the footer in 令和
    reference: str = ""  # in the header, right (an order's number, a fiscal year …)
    period: str = ""  # in the footer beside the date of issue (a report's 対象期間)
    author: str = COMPANY_NAME

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        font = register_font()
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        top = height - MARGIN + 4 * mm
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN, top, self.title)
        canvas.drawRightString(width - MARGIN, top, self.reference or self.author)
        canvas.line(MARGIN, top - 1.8 * mm, width - MARGIN, top - 1.8 * mm)
        bottom = MARGIN - 8 * mm
        canvas.line(MARGIN, bottom + 4 * mm, width - MARGIN, bottom + 4 * mm)
        canvas.setFont(font, 8)
        left = f"{self.author}　発行日 {to_wareki(self.issued)}"
        if self.period:
            left += f"　対象期間 {self.period}"
        canvas.drawString(MARGIN, bottom, left)
        canvas.drawRightString(width - MARGIN, bottom, f"{page} / {pages}")
        canvas.restoreState()


def _numbered_canvas(page: ReportPage) -> Callable[..., Canvas]:
    """A canvas class that draws ``page``'s header and footer on every page once the number
    of pages is known (when the document is saved)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                page.draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(story: list[Flowable], page: ReportPage, pagesize: tuple[float, float] = A4) -> bytes:
    """Lay ``story`` out on pages of ``pagesize`` around ``page``'s header and footer."""
    register_font()
    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=page.title if not page.reference else f"{page.title} {page.reference}",
        author=page.author,
        creator="oneaqita",
        # The canvas starts in this font, not Helvetica: no font in the file goes unembedded.
        initialFontName=FONT_NAME,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(page))
    return out.getvalue()


def write_pdf(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a partial file beside it, then
    renamed); a folder that is missing or not writable is a DomainError naming the path."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = exc.strerror or type(exc).__name__
        raise DomainError(
            f"{path}: ファイルを書き込めません ({reason})。保存先を確認してください。",
            f"{path}: cannot write the file ({reason}); check the folder and its permissions.",
        ) from exc

"""The timeline's header: a band of fiscal years (April to March, named by era) over a band
of months, and the today tag. Painted by the view, which knows where each day is."""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen

from oneaqita.fiscal import fiscal_year
from ui.staffing.labels import fiscal_year_text, month_text
from ui.staffing.timeline_layout import TimelineLayout, month_starts

YEAR_BAND = 22
MONTH_BAND = 22
HEADER_HEIGHT = YEAR_BAND + MONTH_BAND
TODAY_COLOR = QColor("#d32f2f")
_CENTER = Qt.AlignmentFlag.AlignCenter

MonthLabel = Callable[[date], str]
# From the most to the least explicit; one style for all months of the window.
MONTH_LABELS: tuple[MonthLabel, ...] = (
    lambda m: f"{m.year}/{m.month:02d}",
    lambda m: month_text(m.month),
    lambda m: str(m.month),
)


def month_label_style(metrics: QFontMetrics, months: list[date], widths: list[float]) -> MonthLabel:
    """The most explicit style in which every whole month's label fits its column."""
    whole = [(m, w) for m, w in zip(months, widths, strict=True) if m.day == 1]
    for style in MONTH_LABELS:
        if all(metrics.horizontalAdvance(style(m)) + 6 <= w for m, w in whole):
            return style
    return MONTH_LABELS[-1]


def paint_header(
    p: QPainter,
    palette: QPalette,
    lay: TimelineLayout,
    x_of: Callable[[date], float],
    left: float,
    width: float,
) -> None:
    p.fillRect(QRectF(left, 0, width, HEADER_HEIGHT), palette.window())
    metrics = p.fontMetrics()
    fy_pen = QPen(palette.dark().color(), 1.6)
    for fy in range(fiscal_year(lay.start), fiscal_year(lay.end) + 1):
        x1 = x_of(max(date(fy, 4, 1), lay.start))
        x2 = x_of(min(date(fy + 1, 3, 31), lay.end) + timedelta(days=1))
        rect = QRectF(x1, 0, x2 - x1, YEAR_BAND)
        label = fiscal_year_text(fy)
        if metrics.horizontalAdvance(label) + 8 > rect.width():
            label = fiscal_year_text(fy, with_year=False)
        p.setPen(palette.text().color())
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()))
        p.drawText(rect, _CENTER, elided)
        p.setPen(fy_pen)
        p.drawLine(QPointF(round(x1) + 0.5, 0), QPointF(round(x1) + 0.5, HEADER_HEIGHT))

    months = month_starts(lay.start, lay.end)
    ends = [*months[1:], lay.end + timedelta(days=1)]
    xs = [x_of(m) for m in months]
    widths = [x_of(e) - x for e, x in zip(ends, xs, strict=True)]
    style = month_label_style(metrics, months, widths)
    for month, x1, w in zip(months, xs, widths, strict=True):
        april = month.month == 4 and month.day == 1  # a fiscal year begins
        p.setPen(palette.highlight().color() if april else palette.text().color())
        label = style(month) if metrics.horizontalAdvance(style(month)) + 4 <= w else ""
        p.drawText(QRectF(x1, YEAR_BAND, w, MONTH_BAND), _CENTER, label)
        if not april:
            p.setPen(palette.midlight().color())
            x = round(x1) + 0.5
            p.drawLine(QPointF(x, YEAR_BAND + 4), QPointF(x, HEADER_HEIGHT))


def paint_today_tag(p: QPainter, x: float, text: str) -> None:
    metrics = p.fontMetrics()
    tag = QRectF(
        x - metrics.horizontalAdvance(text) / 2 - 4,
        YEAR_BAND + 2,
        metrics.horizontalAdvance(text) + 8,
        MONTH_BAND - 4,
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(TODAY_COLOR)
    p.drawRoundedRect(tag, 3, 3)
    p.setPen(QColor("white"))
    p.drawText(tag, _CENTER, text)

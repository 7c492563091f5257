"""The secondment timeline, painted: month columns across, a row per person grouped under
the sending body, a bar per secondment coloured by kind, and a red line for today.

The header (fiscal years and months) stays at the top and the names at the left while the
bars scroll; the months widen to fill the view, never narrower than MIN_MONTH_WIDTH (then the
view scrolls sideways). Only the rows on screen are painted.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from oneaqita.services.staffing import TimelineGroup
from ui.staffing.labels import KIND_COLORS
from ui.staffing.timeline_header import (
    HEADER_HEIGHT,
    MONTH_BAND,
    TODAY_COLOR,
    YEAR_BAND,
    paint_header,
    paint_today_tag,
)
from ui.staffing.timeline_layout import (
    BarSlot,
    TimelineLayout,
    TimelineRow,
    bar_tooltip,
    build_layout,
    month_starts,
    people_in,
    row_tooltip,
)

LABEL_WIDTH = 240
ROW_HEIGHT = 24
MIN_MONTH_WIDTH = 24  # a month label falls back to "4" when "2025/04" does not fit
FADE_WIDTH = 48  # the open end's fade-out
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class ShownBar:
    """A bar as painted now, in viewport coordinates (what tests and tooltips look at)."""

    slot: BarSlot
    rect: QRectF


class TimelineView(QAbstractScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = TimelineLayout(date.today(), date.today())
        self.today: date | None = None
        self._px_per_day = 1.0
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.verticalScrollBar().setSingleStep(ROW_HEIGHT)
        self.setMinimumHeight(HEADER_HEIGHT + 4 * ROW_HEIGHT)

    # -- data ----------------------------------------------------------------------------
    def set_timeline(
        self, groups: list[TimelineGroup], start: date, end: date, today: date
    ) -> None:
        self.layout_ = build_layout(groups, start, end)
        self.today = today
        self._relayout()
        self.scroll_to_today()

    def scroll_to_today(self) -> None:
        """When the window is wider than the view, today comes into sight (a third in)."""
        h = self.horizontalScrollBar()
        lay, today = self.layout_, self.today
        if h.maximum() > 0 and today is not None and lay.start <= today <= lay.end:
            h.setValue(round(lay.day_offset(today) * self._px_per_day - h.pageStep() / 3))

    def shown_bars(self) -> list[ShownBar]:
        """Every bar of the window with its rectangle (also those scrolled out of sight)."""
        return [ShownBar(s, self._bar_rect(s)) for s in self.layout_.slots]

    def today_x(self) -> float | None:
        """Where the today line is drawn (viewport x), None when today is outside the window."""
        lay, today = self.layout_, self.today
        if today is None or not lay.start <= today <= lay.end:
            return None
        return self._x_of(today) + self._px_per_day / 2

    def bar_at(self, pos: QPoint) -> BarSlot | None:
        if pos.x() < LABEL_WIDTH or pos.y() < HEADER_HEIGHT:
            return None
        for shown in self.shown_bars():
            if shown.rect.adjusted(0, -2, 0, 2).contains(QPointF(pos)):
                return shown.slot
        return None

    def row_at(self, y: int) -> TimelineRow | None:
        if y < HEADER_HEIGHT:
            return None
        index = int((y - HEADER_HEIGHT + self.verticalScrollBar().value()) // ROW_HEIGHT)
        return self.layout_.rows[index] if 0 <= index < len(self.layout_.rows) else None

    # -- geometry ------------------------------------------------------------------------
    def _x_of(self, d: date) -> float:
        """Viewport x of the start of day `d`."""
        offset = self.layout_.day_offset(d) * self._px_per_day
        return LABEL_WIDTH + offset - self.horizontalScrollBar().value()

    def _y_of(self, row: int) -> float:
        return HEADER_HEIGHT + row * ROW_HEIGHT - self.verticalScrollBar().value()

    def _bar_rect(self, slot: BarSlot) -> QRectF:
        x1 = self._x_of(slot.first_day)
        x2 = self._x_of(slot.last_day + timedelta(days=1))  # the last day is included
        if not (slot.open_ended or slot.runs_on):
            x2 -= 1.5  # a gap before a renewal that starts the next day
        y = self._y_of(slot.row)
        return QRectF(x1, y + 5, max(x2 - x1, 2.0), ROW_HEIGHT - 10)

    def _relayout(self) -> None:
        area = max(self.viewport().width() - LABEL_WIDTH, 1)
        days = self.layout_.days
        self._px_per_day = max(area / days, MIN_MONTH_WIDTH * 12 / 365.25)
        content = self._px_per_day * days
        h = self.horizontalScrollBar()
        h.setRange(0, max(0, round(content - area)))
        h.setPageStep(area)
        rows_height = len(self.layout_.rows) * ROW_HEIGHT
        v = self.verticalScrollBar()
        visible = max(self.viewport().height() - HEADER_HEIGHT, 1)
        v.setRange(0, max(0, rows_height - visible))
        v.setPageStep(visible)
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            slot, row = self.bar_at(event.pos()), self.row_at(event.pos().y())
            if slot is not None:
                QToolTip.showText(event.globalPos(), bar_tooltip(slot), self.viewport())
            elif row is not None and event.pos().x() < LABEL_WIDTH:  # a name, maybe elided
                QToolTip.showText(event.globalPos(), row_tooltip(row), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.viewport().width(), self.viewport().height()
        palette = self.palette()
        p.fillRect(0, 0, w, h, palette.base())
        first = max(0, self.verticalScrollBar().value() // ROW_HEIGHT)
        last = first + h // ROW_HEIGHT + 1
        rows = self.layout_.rows[first : last + 1]

        p.save()
        p.setClipRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT, w - LABEL_WIDTH, h - HEADER_HEIGHT))
        self._paint_row_backgrounds(p, rows, LABEL_WIDTH, w)
        self._paint_gridlines(p, HEADER_HEIGHT, h)
        for slot in self.layout_.slots_in_rows(first, last):
            self._paint_bar(p, slot)
        self._paint_today(p, HEADER_HEIGHT, h)
        p.restore()

        p.save()
        p.setClipRect(QRectF(0, HEADER_HEIGHT, LABEL_WIDTH, h - HEADER_HEIGHT))
        self._paint_row_backgrounds(p, rows, 0, LABEL_WIDTH)
        self._paint_labels(p, rows)
        p.restore()

        p.save()
        p.setClipRect(QRectF(LABEL_WIDTH, 0, w - LABEL_WIDTH, HEADER_HEIGHT))
        paint_header(p, self.palette(), self.layout_, self._x_of, LABEL_WIDTH, w)
        today_x = self.today_x()
        if today_x is not None:
            paint_today_tag(p, today_x, self.tr("今日"))
        p.restore()
        p.fillRect(QRectF(0, 0, LABEL_WIDTH, HEADER_HEIGHT), palette.window())
        p.setPen(palette.mid().color())
        p.drawLine(QPointF(0, HEADER_HEIGHT - 0.5), QPointF(w, HEADER_HEIGHT - 0.5))
        p.drawLine(QPointF(LABEL_WIDTH - 0.5, 0), QPointF(LABEL_WIDTH - 0.5, h))
        p.setPen(palette.text().color())
        p.drawText(
            QRectF(8, YEAR_BAND, LABEL_WIDTH - 12, MONTH_BAND), _LEFT, self.tr("派遣元 / 職員")
        )
        p.end()

    def _paint_row_backgrounds(
        self, p: QPainter, rows: list[TimelineRow], x0: float, x1: float
    ) -> None:
        palette = self.palette()
        for row in rows:
            y = self._y_of(row.index)
            rect = QRectF(x0, y, x1 - x0, ROW_HEIGHT)
            if row.is_group:
                p.fillRect(rect, palette.window())
                p.setPen(palette.mid().color())
                p.drawLine(QPointF(x0, y + ROW_HEIGHT - 0.5), QPointF(x1, y + ROW_HEIGHT - 0.5))
            elif row.index % 2:
                p.fillRect(rect, palette.alternateBase())

    def _paint_gridlines(self, p: QPainter, top: float, bottom: float) -> None:
        month_pen = QPen(self.palette().midlight().color(), 1)
        year_pen = QPen(self.palette().dark().color(), 1.6)
        for month in month_starts(self.layout_.start, self.layout_.end):
            x = round(self._x_of(month)) + 0.5
            p.setPen(year_pen if month.month == 4 and month.day == 1 else month_pen)
            p.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _paint_bar(self, p: QPainter, slot: BarSlot) -> None:
        rect = self._bar_rect(slot)
        color = QColor(KIND_COLORS[slot.bar.kind])
        if slot.open_ended:
            fade = QLinearGradient(rect.right() - FADE_WIDTH, 0, rect.right(), 0)
            fade.setColorAt(0, color)
            clear = QColor(color)
            clear.setAlpha(40)
            fade.setColorAt(1, clear)
            p.fillRect(rect, fade)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            radius = 0 if slot.starts_before or slot.runs_on else 3
            p.drawRoundedRect(rect, radius, radius)
        if slot.open_ended or slot.runs_on:  # an arrow: it goes on beyond the window
            tip, mid = rect.right() - 2, rect.center().y()
            arrow = QPolygonF(
                [QPointF(tip - 7, mid - 6), QPointF(tip, mid), QPointF(tip - 7, mid + 6)]
            )
            p.setPen(QPen(color.darker(140), 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(arrow)
        text = slot.bar.position or ""
        if text and rect.width() > p.fontMetrics().horizontalAdvance(text) + 24:
            p.setPen(QColor("white"))
            p.drawText(rect.adjusted(6, 0, -16, 0), _LEFT, text)

    def _paint_today(self, p: QPainter, top: float, bottom: float) -> None:
        x = self.today_x()
        if x is None:
            return
        p.setPen(QPen(TODAY_COLOR, 2))
        x = round(x)  # on whole pixels: a crisp line, not a blurred one
        p.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _paint_labels(self, p: QPainter, rows: list[TimelineRow]) -> None:
        metrics = p.fontMetrics()
        bold = QFont(p.font())
        bold.setBold(True)
        for row in rows:
            rect = QRectF(8, self._y_of(row.index), LABEL_WIDTH - 14, ROW_HEIGHT)
            p.setPen(self.palette().text().color())
            if row.is_group:
                p.setFont(bold)
                text = self.tr("{body}（{count}人）").format(
                    body=row.group.name_ja, count=people_in(row.group)
                )
                p.drawText(
                    rect,
                    _LEFT,
                    p.fontMetrics().elidedText(
                        text, Qt.TextElideMode.ElideMiddle, int(rect.width())
                    ),
                )
                p.setFont(self.font())
            else:
                assert row.bar is not None
                text = f"{row.bar.person_name}  {row.bar.employee_no}"
                p.drawText(
                    rect.adjusted(12, 0, 0, 0),
                    _LEFT,
                    metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 12),
                )

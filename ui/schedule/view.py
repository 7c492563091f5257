"""The schedule, painted: a column per day (weekends and holidays shaded, today marked), a row
per assignee with name, sending body and load (red when overloaded), and a bar per order
coloured by status; the days an assignee is overloaded are tinted red.

Dragging a bar sideways by whole days asks for the move (``move_requested``); the bar stays
where it was dropped (``pending``) until the page reloads the schedule or calls
``snap_back`` after a refusal. A double click asks for the order (``open_requested``).
Only the rows on screen are painted; the header and the names stay while the days scroll.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from oneaqita.services.schedule_queries import Schedule, ScheduledOrder
from oneaqita.workdays import is_working_day
from ui.schedule.header import (
    BODY_WIDTH,
    HEADER_HEIGHT,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MIN_DAY_WIDTH,
    MIN_MONTH_DAY,
    NAME_WIDTH,
    OFF_DAY,
    OVERLOAD_COLOR,
    ROW_PAD,
    STATUS_COLORS,
    TODAY_COLOR,
    paint_corner,
    paint_days_header,
)
from ui.schedule.layout import (
    BarSlot,
    ScheduleLayout,
    ScheduleRow,
    bar_tooltip,
    build_layout,
    day_tooltip,
    load_text,
    row_tooltip,
)

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class ShownBar:
    """A bar as painted now, in viewport coordinates (what tests and tooltips look at)."""

    slot: BarSlot
    rect: QRectF


@dataclass
class _Drag:
    slot: BarSlot
    press_x: float
    days: int = 0


class ScheduleView(QAbstractScrollArea):
    move_requested = Signal(object, int)  # the ScheduledOrder, by how many days
    open_requested = Signal(object)  # the ScheduledOrder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = ScheduleLayout(date.today(), date.today())
        self.today: date | None = None
        self.may_move = False
        self.pending: tuple[int, int] | None = None  # (order id, days) dropped, not yet saved
        self._drag: _Drag | None = None
        self._px_per_day = 40.0
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.verticalScrollBar().setSingleStep(LANE_HEIGHT)
        self.setMinimumHeight(HEADER_HEIGHT + 4 * LANE_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- data ----------------------------------------------------------------------------
    def set_schedule(self, schedule: Schedule, today: date) -> None:
        self.layout_ = build_layout(schedule)
        self.today = today
        self.pending = None
        self._drag = None
        self._relayout()

    def snap_back(self) -> None:
        """The dropped bar returns to where it is stored (the move was refused)."""
        self.pending = None
        self.viewport().update()

    @property
    def px_per_day(self) -> float:
        return self._px_per_day

    def shown_bars(self) -> list[ShownBar]:
        """Every bar with its rectangle as painted (also those scrolled out of sight)."""
        return [ShownBar(s, self._bar_rect(s)) for s in self.layout_.slots]

    def bar_at(self, pos: QPoint | QPointF) -> BarSlot | None:
        if pos.x() < LABEL_WIDTH or pos.y() < HEADER_HEIGHT:
            return None
        row = self.row_at(pos.y())
        for slot in self.layout_.by_row.get(row.index, []) if row is not None else []:
            if self._bar_rect(slot).contains(QPointF(pos)):
                return slot
        return None

    def row_at(self, y: float) -> ScheduleRow | None:
        if y < HEADER_HEIGHT:
            return None
        for row in self.layout_.rows:
            top = self.row_top(row)
            if top <= y < top + self._row_height(row):
                return row
        return None

    def day_at(self, x: float) -> date | None:
        if x < LABEL_WIDTH:
            return None
        offset = int((x - LABEL_WIDTH + self.horizontalScrollBar().value()) // self._px_per_day)
        return self.layout_.start + timedelta(days=offset) if offset < self.layout_.days else None

    def day_x(self, d: date) -> float:
        """Viewport x of the start of day `d`."""
        offset = self.layout_.day_offset(d) * self._px_per_day
        return LABEL_WIDTH + offset - self.horizontalScrollBar().value()

    # -- geometry ------------------------------------------------------------------------
    def row_top(self, row: ScheduleRow) -> float:
        y = HEADER_HEIGHT + row.top_lane * LANE_HEIGHT + row.index * ROW_PAD
        return y - self.verticalScrollBar().value()

    @staticmethod
    def _row_height(row: ScheduleRow) -> float:
        return row.lanes * LANE_HEIGHT + ROW_PAD

    def _shift_of(self, order: ScheduledOrder) -> int:
        if self._drag is not None and self._drag.slot.order.id == order.id:
            return self._drag.days
        if self.pending is not None and self.pending[0] == order.id:
            return self.pending[1]
        return 0

    def _bar_rect(self, slot: BarSlot) -> QRectF:
        shift = self._shift_of(slot.order) * self._px_per_day
        x1 = self.day_x(slot.first_day) + shift + (0 if slot.starts_before else 2)
        x2 = self.day_x(slot.last_day + timedelta(days=1)) + shift - (0 if slot.runs_on else 2)
        y = self.row_top(self.layout_.rows[slot.row]) + ROW_PAD / 2 + slot.lane * LANE_HEIGHT
        return QRectF(x1, y + 2, max(x2 - x1, 4.0), LANE_HEIGHT - 4)

    def _relayout(self) -> None:
        area = max(self.viewport().width() - LABEL_WIDTH, 1)
        days = self.layout_.days
        self._px_per_day = max(area / days, float(MIN_DAY_WIDTH.get(days, MIN_MONTH_DAY)))
        h = self.horizontalScrollBar()
        h.setRange(0, max(0, round(self._px_per_day * days - area)))
        h.setPageStep(area)
        rows = self.layout_.lanes * LANE_HEIGHT + len(self.layout_.rows) * ROW_PAD
        v = self.verticalScrollBar()
        visible = max(self.viewport().height() - HEADER_HEIGHT, 1)
        v.setRange(0, max(0, rows - visible))
        v.setPageStep(visible)
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self.viewport().update()

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        slot = self.bar_at(event.position())
        if (
            event.button() == Qt.MouseButton.LeftButton
            and slot is not None
            and self.may_move
            and self.pending is None
            and slot.order.movable
        ):
            self._drag = _Drag(slot, event.position().x())
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag = self._drag
        if drag is not None:
            days = round((event.position().x() - drag.press_x) / self._px_per_day)
            if days != drag.days:
                drag.days = days
                self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag, self._drag = self._drag, None
        self.viewport().unsetCursor()
        if drag is not None and drag.days:
            self.pending = (drag.slot.order.id, drag.days)
            self.viewport().update()
            self.move_requested.emit(drag.slot.order, drag.days)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        slot = self.bar_at(event.position())
        if slot is not None:
            self._drag = None
            self.open_requested.emit(slot.order)
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str | None:
        slot = self.bar_at(pos)
        if slot is not None:
            return bar_tooltip(slot.order)
        if pos.x() < LABEL_WIDTH:
            row = self.row_at(pos.y())
            return row_tooltip(row.assignee) if row is not None else None
        day = self.day_at(pos.x())
        return day_tooltip(day) if day is not None else None

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.viewport().width(), self.viewport().height()
        palette = self.palette()
        p.fillRect(0, 0, w, h, palette.base())
        rows = [r for r in self.layout_.rows if self._visible(r, h)]
        shown = {r.index for r in rows}

        p.save()
        p.setClipRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT, w - LABEL_WIDTH, h - HEADER_HEIGHT))
        self._paint_days(p, HEADER_HEIGHT, h)
        self._paint_rows(p, rows, LABEL_WIDTH, w, overload=True)
        for index in shown:
            for slot in self.layout_.by_row.get(index, []):
                self._paint_bar(p, slot)
        p.restore()

        p.save()
        p.setClipRect(QRectF(0, HEADER_HEIGHT, LABEL_WIDTH, h - HEADER_HEIGHT))
        self._paint_rows(p, rows, 0, LABEL_WIDTH, overload=False)
        self._paint_labels(p, rows)
        p.restore()

        p.save()
        p.setClipRect(QRectF(LABEL_WIDTH, 0, w - LABEL_WIDTH, HEADER_HEIGHT))
        paint_days_header(
            p, self.palette(), self.layout_.day_list(), self.day_x, self.px_per_day, self.today
        )
        p.restore()
        paint_corner(p, self.palette(), w, h)
        p.end()

    def _visible(self, row: ScheduleRow, h: float) -> bool:
        top = self.row_top(row)
        return top + self._row_height(row) >= HEADER_HEIGHT and top <= h

    def _paint_days(self, p: QPainter, top: float, bottom: float) -> None:
        grid = QPen(self.palette().midlight().color(), 1)
        for d in self.layout_.day_list():
            x = self.day_x(d)
            rect = QRectF(x, top, self._px_per_day, bottom - top)
            if not is_working_day(d):
                p.fillRect(rect, OFF_DAY)
            if d == self.today:
                today = QColor(TODAY_COLOR)
                today.setAlpha(28)
                p.fillRect(rect, today)
            p.setPen(grid)
            p.drawLine(QPointF(round(x) + 0.5, top), QPointF(round(x) + 0.5, bottom))

    def _paint_rows(
        self, p: QPainter, rows: list[ScheduleRow], x0: float, x1: float, overload: bool
    ) -> None:
        palette = self.palette()
        tint = QColor(OVERLOAD_COLOR)
        tint.setAlpha(40)
        for row in rows:
            y, height = self.row_top(row), self._row_height(row)
            if row.index % 2 and not overload:
                p.fillRect(QRectF(x0, y, x1 - x0, height), palette.alternateBase())
            if overload:
                for d in row.assignee.day_planned:
                    if row.assignee.day_overloaded(d):
                        p.fillRect(QRectF(self.day_x(d), y, self._px_per_day, height), tint)
            p.setPen(palette.mid().color())
            p.drawLine(QPointF(x0, y + height - 0.5), QPointF(x1, y + height - 0.5))

    def _paint_bar(self, p: QPainter, slot: BarSlot) -> None:
        rect = self._bar_rect(slot)
        color = QColor(STATUS_COLORS[slot.order.status])
        moving = self._shift_of(slot.order) != 0
        if moving:
            color.setAlpha(170)
        p.setPen(QPen(color.darker(130), 2 if moving else 1))
        p.setBrush(color)
        p.drawRoundedRect(rect, 3, 3)
        text = f"{slot.order.number}  {slot.order.title}"
        inner = rect.adjusted(5, 0, -4, 0)
        if inner.width() > 12:
            p.setPen(QColor("white"))
            elided = p.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            p.drawText(inner, _LEFT, elided)

    def _paint_labels(self, p: QPainter, rows: list[ScheduleRow]) -> None:
        metrics = p.fontMetrics()
        bold = QFont(p.font())
        bold.setBold(True)
        text_color = self.palette().text().color()
        for row in rows:
            a = row.assignee
            y = self.row_top(row)
            line = QRectF(0, y + ROW_PAD / 2, 0, LANE_HEIGHT)
            cells = (
                (line.adjusted(8, 0, NAME_WIDTH - 4, 0), a.name, _LEFT),
                (
                    line.adjusted(NAME_WIDTH, 0, NAME_WIDTH + BODY_WIDTH - 4, 0),
                    a.sending_body,
                    _LEFT,
                ),
            )
            p.setPen(text_color)
            for rect, text, align in cells:
                elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
                p.drawText(rect, align, elided)
            load = line.adjusted(NAME_WIDTH + BODY_WIDTH, 0, LABEL_WIDTH - 8, 0)
            if a.overloaded:
                p.setFont(bold)
                p.setPen(OVERLOAD_COLOR)
            p.drawText(load, _RIGHT, load_text(a))
            p.setFont(self.font())

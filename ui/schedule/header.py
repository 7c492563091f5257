"""The schedule's sizes and colours, and its header: a column per day (the date, the weekday,
weekends and holidays shaded, Sundays and holidays in red, today in a red tag) and the
corner over the assignees' columns. Painted by the view, which knows where each day is."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette

from oneaqita.models import WorkOrderStatus
from oneaqita.workdays import holiday_name, is_working_day

translate = QCoreApplication.translate

NAME_WIDTH, BODY_WIDTH, LOAD_WIDTH = 130, 130, 64
LABEL_WIDTH = NAME_WIDTH + BODY_WIDTH + LOAD_WIDTH
HEADER_HEIGHT = 40
LANE_HEIGHT = 24
ROW_PAD = 6
MIN_DAY_WIDTH = {7: 96}  # a week's days; a month's fall back to MIN_MONTH_DAY
MIN_MONTH_DAY = 30
OVERLOAD_COLOR = QColor("#c62828")
TODAY_COLOR = QColor("#d32f2f")
OFF_DAY = QColor(0, 0, 0, 22)  # weekends and holidays
STATUS_COLORS = {
    WorkOrderStatus.DRAFT: QColor("#78909c"),
    WorkOrderStatus.PLANNED: QColor("#1e88e5"),
    WorkOrderStatus.IN_PROGRESS: QColor("#ef6c00"),
    WorkOrderStatus.COMPLETED: QColor("#43a047"),
    WorkOrderStatus.ACCEPTED: QColor("#00695c"),
    WorkOrderStatus.CANCELLED: QColor("#bdbdbd"),
}
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def weekday_names() -> list[str]:
    return [
        translate("ScheduleView", "月"),
        translate("ScheduleView", "火"),
        translate("ScheduleView", "水"),
        translate("ScheduleView", "木"),
        translate("ScheduleView", "金"),
        translate("ScheduleView", "土"),
        translate("ScheduleView", "日"),
    ]


def paint_days_header(
    p: QPainter,
    palette: QPalette,
    days: list[date],
    x_of: Callable[[date], float],
    width: float,
    today: date | None,
) -> None:
    if not days:
        return
    p.fillRect(QRectF(x_of(days[0]), 0, width * len(days), HEADER_HEIGHT), palette.window())
    week = len(days) <= 7
    names = weekday_names()
    for d in days:
        x = x_of(d)
        rect = QRectF(x, 0, width, HEADER_HEIGHT)
        off = not is_working_day(d)
        if off:
            p.fillRect(rect, OFF_DAY)
        if d == today:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TODAY_COLOR)
            p.drawRoundedRect(rect.adjusted(2, 3, -2, -3), 4, 4)
            p.setPen(QColor("white"))
        elif off and (d.weekday() == 6 or holiday_name(d)):
            p.setPen(OVERLOAD_COLOR)
        else:
            p.setPen(palette.text().color())
        first = f"{d.month}/{d.day}" if week or d.day == 1 else str(d.day)
        p.drawText(QRectF(x, 3, width, 17), _CENTER, first)
        p.drawText(QRectF(x, 20, width, 17), _CENTER, names[d.weekday()])
        p.setPen(palette.midlight().color())
        p.drawLine(QPointF(round(x) + 0.5, 0), QPointF(round(x) + 0.5, HEADER_HEIGHT))


def paint_corner(p: QPainter, palette: QPalette, w: float, h: float) -> None:
    """The header over the names, bodies and loads, and the lines framing the days."""
    p.fillRect(QRectF(0, 0, LABEL_WIDTH, HEADER_HEIGHT), palette.window())
    p.setPen(palette.mid().color())
    p.drawLine(QPointF(0, HEADER_HEIGHT - 0.5), QPointF(w, HEADER_HEIGHT - 0.5))
    p.drawLine(QPointF(LABEL_WIDTH - 0.5, 0), QPointF(LABEL_WIDTH - 0.5, h))
    p.setPen(palette.text().color())
    band = QRectF(0, 0, 0, HEADER_HEIGHT)
    cells = (
        (band.adjusted(8, 0, NAME_WIDTH - 4, 0), _LEFT, translate("ScheduleView", "担当者")),
        (
            band.adjusted(NAME_WIDTH, 0, NAME_WIDTH + BODY_WIDTH - 4, 0),
            _LEFT,
            translate("ScheduleView", "派遣元"),
        ),
        (
            band.adjusted(NAME_WIDTH + BODY_WIDTH, 0, LABEL_WIDTH - 8, 0),
            _RIGHT,
            translate("ScheduleView", "予定/可能"),
        ),
    )
    for rect, align, text in cells:
        p.drawText(rect, align, text)
